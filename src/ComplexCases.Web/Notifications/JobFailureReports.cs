using ComplexCases.Application.Notifications;

namespace ComplexCases.Web.Notifications;

/// <summary>How the background jobs (the screening worker, the reminder service) tell administrators that one failed.</summary>
internal static partial class JobFailureReports
{
    /// <summary>
    /// <see cref="JobFailures.Report"/> in a scope of its own (a fresh DbContext), best effort: the database may be what
    /// failed, so a report that cannot be made is logged and the job goes on.
    /// </summary>
    public static void TellAdministrators(this IServiceScopeFactory scopes, ILogger logger, string job, string title, string body, string link)
    {
        try
        {
            using var scope = scopes.CreateScope();
            scope.ServiceProvider.GetRequiredService<JobFailures>().Report(job, title, body, link);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            ReportFailed(logger, ex, job);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell administrators that {Job} failed")]
    private static partial void ReportFailed(ILogger logger, Exception exception, string job);
}
