using System.IO.Compression;
using ComplexCases.Application;
using ComplexCases.Application.Definitions;
using ComplexCases.Application.Notifications;
using ComplexCases.Application.Screening;
using ComplexCases.Application.Storage;
using ComplexCases.Data;
using ComplexCases.Data.Providers;
using ComplexCases.Web.Notifications;
using ComplexCases.Web.Operations;

namespace ComplexCases.Web.Runs;

/// <summary>How the screening workers share the queue (<c>Runs:Worker:…</c>); the defaults suit production.</summary>
public sealed class ScreeningWorkerOptions
{
    public const string Section = "Runs:Worker";

    /// <summary>How often an idle worker looks for jobs queued on other instances (and for abandoned ones).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);
    /// <summary>How often a running job's progress and sign of life are written.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(1);
    /// <summary>
    /// A running job silent this long is taken to be abandoned (its instance was killed). Longer than any pause in the
    /// heartbeat: on SQLite a national run's storing transaction can hold writers off for a minute.
    /// </summary>
    public TimeSpan AbandonedAfter { get; init; } = TimeSpan.FromMinutes(10);
    /// <summary>How many times a job is started before one more abandonment fails it.</summary>
    public int MaxAttempts { get; init; } = 2;
    /// <summary>
    /// Where each month's extract is delivered for the monthly run, if anywhere: a folder per month named by its screening date
    /// (<c>2024-09-01/</c>, holding the extract's CSV files), taken once a file named <c>ready</c> is in it (written last, after
    /// the files). Every instance may look; the month is queued once.
    /// </summary>
    public string? DropFolder { get; init; }
    /// <summary>
    /// The definition the monthly run uses: none (the default) for the one adopted for the month, resolved when it runs as the
    /// CLI resolves it (the pilot while nothing is adopted); <c>id@version</c> for a stored version; else a shipped file's name.
    /// </summary>
    public string? DropDefinition { get; init; }
}

/// <summary>
/// Runs queued screenings, one at a time across every instance (a run is CPU and memory heavy, and each month's change is
/// worked out against the previous stored run), with the same use case and options as the synchronous upload did (and as the
/// CLI, apart from workbooks nobody downloads here). Each pass: take over jobs whose instance died, take the database's
/// <see cref="RunLock"/>, claim the oldest queued job, unpack its extract, run it while writing its stage and a heartbeat,
/// store how it ended. A stop cancels the run (nothing stored) and puts the job back in the queue. Every job's start, end and
/// take-over is measured (<see cref="JobMetrics"/>, kind <see cref="JobMetrics.Screening"/>).
/// </summary>
internal sealed partial class ScreeningWorker(ScreeningJobs jobs, DatabaseTarget database, TimeProvider clock, IServiceScopeFactory scopes,
    Microsoft.Extensions.Options.IOptions<ReconciliationLimits> limits, ScreeningWorkerOptions options, JobMetrics metrics,
    ILogger<ScreeningWorker> logger)
    : BackgroundService
{
    /// <summary>The lock held while a screening runs: one at a time across instances.</summary>
    public const string RunLock = "screening-run";

    /// <summary>This worker, as its claims name it: host, process and a random part (two sites in one test process differ).</summary>
    internal string Instance { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await PassAsync(stoppingToken))
                {
                    // One ran: look for the next at once.
                }
                await jobs.WaitForWorkAsync(options.PollInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // The database may be away: try again at the next poll.
                PassFailed(logger, ex);
                try
                {
                    await Task.Delay(options.PollInterval, clock, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>One pass: recovery, then at most one job. True when a job ran (there may be more).</summary>
    internal async Task<bool> PassAsync(CancellationToken cancellationToken)
    {
        // A stopping instance claims nothing more (it would only put it back).
        cancellationToken.ThrowIfCancellationRequested();
        Recover();
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ComplexCasesDbContext>();
        await using var held = await db.JobLock().TryAcquireAsync(db, RunLock, cancellationToken);
        if (held is null) return false;
        TakeDroppedMonths();
        var job = jobs.TryClaim(Instance);
        if (job is null) return false;
        // Its own thread: a run keeps a core busy for minutes, which would starve the request thread pool.
        await Task.Factory.StartNew(() => Run(job, cancellationToken), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
        return !cancellationToken.IsCancellationRequested;
    }

    private void Recover()
    {
        foreach (var job in jobs.RecoverAbandoned(options.AbandonedAfter, options.MaxAttempts))
        {
            Abandoned(logger, job.Id, job.Requeued);
            metrics.TakenOver(JobMetrics.Screening, job.Requeued);
            if (!job.Requeued)
                TellAdministrators(job.Id, job.OwnerId, job.AsOf, "The instance running it stopped answering (killed, or cut off from the database) on its last attempt.");
        }
    }

    /// <summary>Queues each month in the drop folder marked ready and not queued before (under the run lock; the source is unique too).</summary>
    private void TakeDroppedMonths()
    {
        if (string.IsNullOrWhiteSpace(options.DropFolder) || !Directory.Exists(options.DropFolder)) return;
        HashSet<string>? queued = null;
        foreach (var folder in Directory.GetDirectories(options.DropFolder).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(folder);
            if (!DateOnly.TryParseExact(name, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var asOf)
                || !File.Exists(Path.Combine(folder, DropReadyFile)))
                continue;
            // One query a poll for every month taken before, and only when a month is ready.
            queued ??= [.. jobs.QueuedSources(DropSource)];
            if (queued.Contains(DropSource + name)) continue;
            if (jobs.EnqueueOnce(DropSource + name, folder, asOf, RunDefinitionChoice.Configured(options.DropDefinition))) MonthQueued(logger, name);
        }
    }

    /// <summary>How a month from the drop folder is named as its job's source (<c>drop:2024-09-01</c>).</summary>
    private const string DropSource = "drop:";

    /// <summary>The file whose presence says a month's folder in the drop folder is complete.</summary>
    public const string DropReadyFile = "ready";

    internal async Task Run(ClaimedScreening job, CancellationToken cancellationToken)
    {
        var run = metrics.Started(JobMetrics.Screening);
        var folder = Path.Combine(Path.GetTempPath(), "complexcases-run-" + job.Id.ToString("N"));
        var latest = new ScreeningProgress("Starting", 0);
        using var running = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var heartbeat = HeartbeatAsync(job.Id, () => Volatile.Read(ref latest), running.Token);
        try
        {
            var state = RunScreening(job, folder, p => Volatile.Write(ref latest, p), cancellationToken);
            running.Cancel();
            await heartbeat;
            metrics.Ended(run, Outcome(state));
            if (state is null)
            {
                jobs.Requeue(job.Id, Instance);
                return;
            }
            if (!jobs.Finish(job.Id, Instance, state)) Overtaken(logger, job.Id);
        }
        finally
        {
            running.Cancel();
            await heartbeat;
            DeleteFolder(job.Id, folder);
        }
    }

    private static string Outcome(ScreeningJobState? state) => state?.Status switch
    {
        null => JobOutcome.Stopped,
        ScreeningJobStatus.Succeeded => JobOutcome.Succeeded,
        ScreeningJobStatus.NeedsAcceptance => JobOutcome.NeedsAcceptance,
        _ => JobOutcome.Failed,
    };

    /// <summary>The run itself; null when it was cancelled because the service is stopping (nothing stored).</summary>
    private ScreeningJobState? RunScreening(ClaimedScreening job, string folder, Action<ScreeningProgress> report, CancellationToken cancellationToken)
    {
        try
        {
            Directory.CreateDirectory(folder);
            using (var zipped = new MemoryStream(job.Extract)) ZipFile.ExtractToDirectory(zipped, folder);
            var progress = new InlineProgress<ScreeningProgress>(report);
            using var scope = scopes.CreateScope();
            var screening = scope.ServiceProvider.GetRequiredService<ScreenExtract>();
            var result = screening.Run(new ScreenRequest(folder, job.AsOf, Path.Combine(folder, "out"))
            {
                // No choice: ScreenExtract resolves the definition adopted for the job's month, as it does for the CLI.
                DefinitionPath = job.Definition.ShippedPath,
                StoredDefinition = job.Definition.Stored,
                Database = database.ConnectionString,
                RunBy = job.OwnerId,
                WriteWorkbooks = false,
                AcceptChanges = job.AcceptReason,
                Limits = limits.Value,
            }, progress, cancellationToken);
            // Nobody started the monthly run from the drop folder: administrators hear of anything that stops it.
            var monthly = job.OwnerId == ScreeningJobs.SystemOwner;
            if (!result.Succeeded && screening.Refusal is not null && monthly)
            {
                TellAdministrators(job.Id, job.OwnerId, job.AsOf, "Reconciliation with the previous month refused it: check the figures "
                    + "(complexcases screen), then store it with --accept-changes and a reason, or upload it and accept it.");
                return Failed(result.Error);
            }
            // The upload is kept: if its starter accepts the figures, the same extract runs again.
            if (!result.Succeeded && screening.Refusal is { } refusal)
                return new ScreeningJobState(ScreeningJobStatus.NeedsAcceptance, "Waiting for you to check the figures", 0, Error: result.Error, Refusal: refusal);
            if (result.Succeeded)
            {
                TellNewlyListed(result.Value.RunId);
                return new ScreeningJobState(ScreeningJobStatus.Succeeded, "Done", 100, Result: ScreeningRunSummary.Of(result.Value));
            }
            if (cancellationToken.IsCancellationRequested) return null;
            if (result.Status == UseCaseStatus.Invalid)
            {
                if (monthly) TellAdministrators(job.Id, job.OwnerId, job.AsOf, "The extract in the drop folder was refused.");
                return Failed(result.Error);
            }
            TellAdministrators(job.Id, job.OwnerId, job.AsOf, "The run failed.");
            return Failed($"The run failed: {result.Error}");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // ScreenExtract turns its own failures into results; anything else must still end the job, not the worker.
            JobFailed(logger, ex, job.Id);
            TellAdministrators(job.Id, job.OwnerId, job.AsOf, "The run failed.");
            return Failed($"The run failed and nothing was stored: {ex.GetBaseException().Message}");
        }
    }

    /// <summary>Writes the stage and a sign of life every <see cref="ScreeningWorkerOptions.HeartbeatInterval"/> until the run ends.</summary>
    private async Task HeartbeatAsync(Guid id, Func<ScreeningProgress> latest, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(options.HeartbeatInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var p = latest();
                try
                {
                    jobs.Heartbeat(id, Instance, p.Stage, (int)Math.Clamp(Math.Floor(p.Fraction * 100), 0, 100));
                }
                catch (Exception ex) when (ex is not OutOfMemoryException and not OperationCanceledException)
                {
                    // A SQLite file busy with the run's own storing transaction: the next beat will do.
                    HeartbeatMissed(logger, ex, id);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The run has ended.
        }
    }

    /// <summary>Tells practitioners and SPOs of their newly listed cases now rather than at the next sweep (which would catch them anyway).</summary>
    private void TellNewlyListed(int runId)
    {
        try
        {
            using var scope = scopes.CreateScope();
            scope.ServiceProvider.GetRequiredService<NotificationCentre>().NewlyListedForRun(runId);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            NewlyListedLater(logger, ex, runId);
        }
    }

    /// <summary>Administrators hear of a run that failed for a reason other than its extract (best effort: the database may be what failed).</summary>
    private void TellAdministrators(Guid id, string owner, DateOnly asOf, string what) =>
        scopes.TellAdministrators(logger, $"screening-{id:N}", $"Screening failed: started by {owner} for {asOf:d MMMM yyyy}",
            $"{what} Nothing of it was stored. Screening {id:D} of {asOf:d MMMM yyyy}, started by {owner}: its starter sees the "
            + "error on the run's progress page, and the service's log says why.", "/runs");

    private static ScreeningJobState Failed(string error) => new(ScreeningJobStatus.Failed, "Failed", 0, Error: error);

    private void DeleteFolder(Guid id, string folder)
    {
        try
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            FolderLeft(logger, ex, id);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Monthly run of {Month} from the drop folder queued.")]
    private static partial void MonthQueued(ILogger logger, string month);

    [LoggerMessage(Level = LogLevel.Error, Message = "Screening worker pass failed; trying again at the next poll.")]
    private static partial void PassFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Screening job {JobId} was abandoned by its instance; queued again: {Requeued}.")]
    private static partial void Abandoned(ILogger logger, Guid jobId, bool requeued);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Screening job {JobId} was taken over by another instance before this one finished it.")]
    private static partial void Overtaken(ILogger logger, Guid jobId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Screening job {JobId} failed")]
    private static partial void JobFailed(ILogger logger, Exception exception, Guid jobId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Screening job {JobId}: heartbeat missed")]
    private static partial void HeartbeatMissed(ILogger logger, Exception exception, Guid jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Newly-listed notifications for run {RunId} will wait for the next reminder sweep")]
    private static partial void NewlyListedLater(ILogger logger, Exception exception, int runId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not delete the unpacked extract of screening job {JobId}")]
    private static partial void FolderLeft(ILogger logger, Exception exception, Guid jobId);
}
