using ComplexCases.Application.Notifications;

// In the web's root namespace so that Program.cs needs one line and no using.
namespace ComplexCases.Web;

public static class EmailSetup
{
    /// <summary>
    /// Email for notifications when <c>Email:Enabled</c> is true (settings in docs/notifications.md). Invalid settings stop
    /// the start-up with every problem named, rather than failing quietly at the first reminder. Register before
    /// AddQualityAndNotifications, whose in-app-only default yields to this.
    /// </summary>
    public static IServiceCollection AddEmail(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(EmailOptions.Section).Get<EmailOptions>() ?? new EmailOptions();
        if (!options.Enabled) return services;
        var problems = options.Validate();
        if (problems.Count > 0) throw new InvalidOperationException("Email settings: " + string.Join("; ", problems));
        services.AddSingleton(options);
        services.AddSingleton<IEmailSender>(new EmailSender(options));
        services.AddSingleton(provider => new NotificationEmails(options, provider.GetRequiredService<IEmailSender>(), provider.GetRequiredService<TimeProvider>()));
        services.AddScoped<INotificationDispatcher, EmailDispatcher>();
        return services;
    }
}
