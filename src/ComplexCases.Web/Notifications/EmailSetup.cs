using ComplexCases.Application.Notifications;
using Microsoft.Extensions.Options;

// In the web's root namespace so that Program.cs needs one line and no using.
namespace ComplexCases.Web;

public static class EmailSetup
{
    /// <summary>
    /// Email for notifications when <c>Email:Enabled</c> is true (settings in docs/notifications.md), bound as options and
    /// checked when the site starts: invalid settings stop the start with every problem named, rather than failing quietly at
    /// the first reminder. Register before AddQualityAndNotifications, whose in-app-only default yields to this.
    /// </summary>
    public static IServiceCollection AddEmail(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(EmailOptions.Section);
        if (!section.GetValue<bool>(nameof(EmailOptions.Enabled))) return services;
        services.AddOptions<EmailOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<EmailOptions>, EmailOptionsValidation>();
        services.AddSingleton(provider => provider.GetRequiredService<IOptions<EmailOptions>>().Value);
        services.AddSingleton<IEmailSender, EmailSender>();
        services.AddSingleton<NotificationEmails>();
        services.AddScoped<INotificationDispatcher, EmailDispatcher>();
        return services;
    }

    /// <summary>Every problem <see cref="EmailOptions.Validate"/> finds, in the one message the start stops with.</summary>
    private sealed class EmailOptionsValidation : IValidateOptions<EmailOptions>
    {
        public ValidateOptionsResult Validate(string? name, EmailOptions options) =>
            options.Validate() is { Count: > 0 } problems
                ? ValidateOptionsResult.Fail("Email settings: " + string.Join("; ", problems))
                : ValidateOptionsResult.Success;
    }
}
