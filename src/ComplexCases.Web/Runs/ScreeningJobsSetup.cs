using ComplexCases.Web.Runs;
using Microsoft.Extensions.Options;

// In the web's root namespace so that Program.cs needs one line and no using.
namespace ComplexCases.Web;

public static class ScreeningJobsSetup
{
    /// <summary>
    /// Screenings started from the browser: the durable queue in the database (<see cref="ScreeningJobs"/>), the upload limit,
    /// and the worker every instance runs (<see cref="ScreeningWorker"/>; settings under <c>Runs:Worker</c>).
    /// </summary>
    public static IServiceCollection AddScreeningJobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<ScreeningJobs>();
        services.AddSingleton(UploadLimit.From(configuration));
        services.AddSingleton<ExtractUpload>();
        services.AddOptions<ScreeningWorkerOptions>().Bind(configuration.GetSection(ScreeningWorkerOptions.Section))
            .Validate(o => o.PollInterval > TimeSpan.Zero && o.HeartbeatInterval > TimeSpan.Zero && o.AbandonedAfter > o.HeartbeatInterval && o.MaxAttempts >= 1,
                $"{ScreeningWorkerOptions.Section}: PollInterval and HeartbeatInterval must be positive, AbandonedAfter longer than HeartbeatInterval, MaxAttempts 1 or more.")
            .ValidateOnStart();
        services.AddSingleton(provider => provider.GetRequiredService<IOptions<ScreeningWorkerOptions>>().Value);
        services.AddHostedService<ScreeningWorker>();
        return services;
    }
}
