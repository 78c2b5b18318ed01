using ComplexCases.Application.Notifications;
using ComplexCases.Application.Quality;
using ComplexCases.Web.Notifications;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

// In the web's root namespace so that Program.cs needs one line and no using.
namespace ComplexCases.Web;

/// <summary>How often the reminder sweep runs (<c>Notifications:SweepMinutes</c>; 0 or less turns it off).</summary>
public sealed class ReminderOptions
{
    public const string Section = "Notifications";
    public const int DefaultSweepMinutes = 60;
    public int SweepMinutes { get; init; } = DefaultSweepMinutes;
}

/// <summary><c>Quality:SampleSize</c> and <c>Quality:SecondReviewShare</c>, bound as options (the application's <see cref="QualitySettings"/> is a record built from them).</summary>
public sealed class QualityOptions
{
    public int SampleSize { get; init; } = QualitySettings.DefaultSampleSize;
    public double SecondReviewShare { get; init; } = QualitySettings.DefaultSecondReviewShare;
}

public static class QualityAndNotificationsSetup
{
    public const string SampleSizeTooSmall = $"{QualitySettings.Section}:SampleSize must be 1 or more.";
    public const string SecondReviewShareOutOfRange = $"{QualitySettings.Section}:SecondReviewShare must be from 0 to 1 (for example 0.1 for one review in ten).";

    /// <summary>
    /// The settings of quality reviews and the reminder sweep (options bound from configuration and checked when the site starts),
    /// the sweep's hosted service and the email hook (no email by default). The use cases themselves: ApplicationServices.
    /// </summary>
    public static IServiceCollection AddQualityAndNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<QualityOptions>().Bind(configuration.GetSection(QualitySettings.Section))
            .Validate(quality => quality.SampleSize >= 1, SampleSizeTooSmall)
            .Validate(quality => quality.SecondReviewShare is >= 0 and <= 1, SecondReviewShareOutOfRange).ValidateOnStart();
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<QualityOptions>>().Value;
            return new QualitySettings(options.SampleSize) { SecondReviewShare = options.SecondReviewShare };
        });
        services.AddOptions<ReminderOptions>().Bind(configuration.GetSection(ReminderOptions.Section));
        services.AddSingleton(provider => provider.GetRequiredService<IOptions<ReminderOptions>>().Value);
        // The email hook: an SMTP dispatcher registered (before or after this) replaces the in-app-only default.
        services.TryAddScoped<INotificationDispatcher, NoEmailDispatcher>();
        services.AddHostedService<ReminderService>();
        return services;
    }
}
