using ComplexCases.Application.Notifications;
using ComplexCases.Application.Quality;
using ComplexCases.Application.Workflow;
using ComplexCases.Web.Notifications;
using Microsoft.Extensions.DependencyInjection.Extensions;

// In the web's root namespace so that Program.cs needs one line and no using.
namespace ComplexCases.Web;

/// <summary>How often the reminder sweep runs (<c>Notifications:SweepMinutes</c>; 0 or less turns it off).</summary>
public sealed class ReminderOptions
{
    public const string Section = "Notifications";
    public const int DefaultSweepMinutes = 60;
    public int SweepMinutes { get; init; } = DefaultSweepMinutes;
}

public static class QualityAndNotificationsSetup
{
    /// <summary>Quality reviews, in-app notifications, the reminder sweep (a hosted service) and the email hook (no email by default).</summary>
    public static IServiceCollection AddQualityAndNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        // Other parts of the workflow may register their own settings: the first registration stands.
        services.TryAddSingleton(_ => WorkflowSettings.Shipped());
        var sampleSize = configuration.GetValue($"{QualitySettings.Section}:SampleSize", QualitySettings.DefaultSampleSize);
        if (sampleSize < 1) throw new InvalidOperationException($"{QualitySettings.Section}:SampleSize must be 1 or more.");
        services.AddSingleton(new QualitySettings(sampleSize));
        services.AddSingleton(configuration.GetSection(ReminderOptions.Section).Get<ReminderOptions>() ?? new ReminderOptions());
        services.AddScoped<NotificationCentre>();
        services.AddScoped<ReminderSweep>();
        services.AddScoped<QualityReviews>();
        // The email hook: an SMTP dispatcher registered (before or after this) replaces the in-app-only default.
        services.TryAddScoped<INotificationDispatcher, NoEmailDispatcher>();
        services.AddHostedService<ReminderService>();
        return services;
    }
}
