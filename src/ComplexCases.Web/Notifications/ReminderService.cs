using ComplexCases.Application.Notifications;
using ComplexCases.Data;
using ComplexCases.Data.Providers;
using ComplexCases.Web.Operations;

namespace ComplexCases.Web.Notifications;

/// <summary>
/// Runs the reminder sweep when the site starts and then every <see cref="ReminderOptions.SweepMinutes"/>, then hands over to
/// the email hook. Waits on the injected <see cref="TimeProvider"/>, so tests can move time on. A failed sweep is logged and
/// retried at the next interval: the sweep is idempotent, so nothing is lost or doubled, and administrators are told (once a day).
/// Every instance runs this loop; each pass takes the database's <see cref="SweepLock"/> first (<see cref="IJobLock"/>: an
/// advisory lock on PostgreSQL, a lock file beside a SQLite file) and skips its turn when another instance holds it, so a sweep
/// and its emails run on one instance at a time and nothing is created or emailed twice. Each sweep this instance runs is
/// measured (<see cref="JobMetrics"/>, kind <see cref="JobMetrics.ReminderSweep"/>); a skipped turn is not a sweep.
/// </summary>
internal sealed partial class ReminderService(IServiceScopeFactory scopes, TimeProvider clock, ReminderOptions options, JobMetrics metrics,
    ILogger<ReminderService> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.SweepMinutes <= 0)
        {
            SweepOff(log, options.SweepMinutes);
            return;
        }
        // Off the start-up path: the host need not wait for the first sweep.
        await Task.Yield();
        var interval = TimeSpan.FromMinutes(options.SweepMinutes);
        while (!stoppingToken.IsCancellationRequested)
        {
            await SweepOnceAsync(stoppingToken);
            try
            {
                await Task.Delay(interval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>The lock every instance's sweep takes: one sweep and dispatch at a time across instances.</summary>
    public const string SweepLock = "reminder-sweep";

    /// <summary>
    /// One sweep and one dispatch, each in its own scope (a fresh DbContext per run), under <see cref="SweepLock"/>; false when
    /// another instance (or process) holds it, and this turn is skipped.
    /// </summary>
    internal async Task<bool> SweepOnceAsync(CancellationToken cancellationToken)
    {
        JobRun? run = null;
        try
        {
            using var lockScope = scopes.CreateScope();
            var db = lockScope.ServiceProvider.GetRequiredService<ComplexCasesDbContext>();
            await using var held = await db.JobLock().TryAcquireAsync(db, SweepLock, cancellationToken);
            if (held is null)
            {
                SweptElsewhere(log);
                return false;
            }
            run = metrics.Started(JobMetrics.ReminderSweep);
            using (var scope = scopes.CreateScope())
            {
                var result = scope.ServiceProvider.GetRequiredService<ReminderSweep>().Run();
                if (result.Total > 0) Swept(log, result.Today, result.Total);
            }
            using (var scope = scopes.CreateScope())
            {
                // THE EMAIL HOOK: sends what the sweep (and any other path) created and has not been emailed yet.
                await scope.ServiceProvider.GetRequiredService<INotificationDispatcher>().DispatchAsync(cancellationToken);
            }
            metrics.Ended(run, JobOutcome.Succeeded);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            SweepFailed(log, ex);
            // A sweep that could not even take its lock (the database is away) failed too.
            metrics.Ended(run ?? metrics.Started(JobMetrics.ReminderSweep), JobOutcome.Failed);
            scopes.TellAdministrators(log, "reminder-sweep", "Reminder sweep failed",
                "The reminder sweep or the sending of notification emails failed. It is tried again at every interval; "
                + "the service's log says why.", "/notifications");
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reminder sweep is off (Notifications:SweepMinutes is {Minutes}).")]
    private static partial void SweepOff(ILogger logger, int minutes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reminder sweep for {Today}: {Created} notifications created.")]
    private static partial void Swept(ILogger logger, DateOnly today, int created);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Reminder sweep skipped: another instance is sweeping.")]
    private static partial void SweptElsewhere(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reminder sweep or notification dispatch failed; it will be retried at the next interval.")]
    private static partial void SweepFailed(ILogger logger, Exception exception);
}
