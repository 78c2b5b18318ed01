using ComplexCases.Application.Notifications;

namespace ComplexCases.Web.Notifications;

/// <summary>
/// Runs the reminder sweep when the site starts and then every <see cref="ReminderOptions.SweepMinutes"/>, then hands over to
/// the email hook. Waits on the injected <see cref="TimeProvider"/>, so tests can move time on. A failed sweep is logged and
/// retried at the next interval: the sweep is idempotent, so nothing is lost or doubled.
/// </summary>
internal sealed partial class ReminderService(IServiceScopeFactory scopes, TimeProvider clock, ReminderOptions options, ILogger<ReminderService> log)
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

    /// <summary>One sweep and one dispatch, each in its own scope (a fresh DbContext per run).</summary>
    internal async Task SweepOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
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
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            SweepFailed(log, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reminder sweep is off (Notifications:SweepMinutes is {Minutes}).")]
    private static partial void SweepOff(ILogger logger, int minutes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reminder sweep for {Today}: {Created} notifications created.")]
    private static partial void Swept(ILogger logger, DateOnly today, int created);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reminder sweep or notification dispatch failed; it will be retried at the next interval.")]
    private static partial void SweepFailed(ILogger logger, Exception exception);
}
