using ComplexCases.Application;
using ComplexCases.Application.Screening;
using ComplexCases.Application.Storage;

namespace ComplexCases.Web.Runs;

/// <summary>
/// Runs queued screenings one at a time, with the same use case and options as the synchronous upload did (and as
/// the CLI, apart from workbooks nobody downloads here), reporting stage and percentage into the job.
/// </summary>
internal sealed class ScreeningWorker(ScreeningJobs jobs, DatabaseTarget database, TimeProvider clock, IServiceScopeFactory scopes,
    Microsoft.Extensions.Options.IOptions<ReconciliationLimits> limits,
    ILogger<ScreeningWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var job in jobs.Reader.ReadAllAsync(stoppingToken))
            {
                // Its own thread: a run keeps a core busy for minutes, which would starve the request thread pool.
                await Task.Factory.StartNew(() => Run(job, stoppingToken), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: fall through to tidy up.
        }
        finally
        {
            jobs.Close();
            // Jobs still waiting when the service stops will not run: say so, and do not leave their uploads behind.
            while (jobs.Reader.TryRead(out var waiting))
                Finish(waiting, Failed("The service stopped before the run started; nothing was stored. Upload the extract again."));
        }
    }

    /// <summary>Tells practitioners and SPOs of their newly listed cases now rather than at the next sweep (which would catch them anyway).</summary>
    private void TellNewlyListed(int runId)
    {
        try
        {
            using var scope = scopes.CreateScope();
            scope.ServiceProvider.GetRequiredService<ComplexCases.Application.Notifications.NotificationCentre>().NewlyListedForRun(runId);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            logger.LogWarning(ex, "Newly-listed notifications for run {RunId} will wait for the next reminder sweep", runId);
        }
    }

    internal void Run(ScreeningJob job, CancellationToken cancellationToken)
    {
        job.Update(new ScreeningJobState(ScreeningJobStatus.Running, "Starting", 0));
        try
        {
            var progress = new InlineProgress<ScreeningProgress>(p =>
            {
                var percent = (int)Math.Clamp(Math.Floor(p.Fraction * 100), 0, 100);
                var current = job.State;
                // Reading reports every buffer: replace the state only when what the page shows changes.
                if (current.Stage != p.Stage || current.Percent != percent)
                    job.Update(new ScreeningJobState(ScreeningJobStatus.Running, p.Stage, percent));
            });
            using var scope = scopes.CreateScope();
            var screening = scope.ServiceProvider.GetRequiredService<ScreenExtract>();
            var result = screening.Run(new ScreenRequest(job.UploadFolder, job.AsOf, Path.Combine(job.UploadFolder, "out"))
            {
                DefinitionPath = job.DefinitionPath,
                Database = database.ConnectionString,
                RunBy = job.OwnerId,
                WriteWorkbooks = false,
                AcceptChanges = job.AcceptReason,
                Limits = limits.Value,
            }, progress, cancellationToken);
            if (!result.Succeeded && screening.Refusal is { } refusal)
            {
                // The upload is kept: if its starter accepts the figures, the same extract runs again.
                job.Finish(new ScreeningJobState(ScreeningJobStatus.NeedsAcceptance, "Waiting for you to check the figures", 0,
                    Error: result.Error, Refusal: refusal), clock.GetUtcNow());
                return;
            }
            if (result.Succeeded) TellNewlyListed(result.Value.RunId);
            Finish(job, result.Succeeded
                ? new ScreeningJobState(ScreeningJobStatus.Succeeded, "Done", 100, Result: ScreeningRunSummary.Of(result.Value))
                : Failed(result.Status == UseCaseStatus.Invalid ? result.Error : $"The run failed: {result.Error}"));
        }
        catch (OperationCanceledException)
        {
            Finish(job, Failed("The run was cancelled because the service stopped; nothing was stored. Upload the extract again."));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // ScreenExtract turns its own failures into results; anything else must still end the job, not the worker.
            logger.LogError(ex, "Screening job {JobId} failed", job.Id);
            Finish(job, Failed($"The run failed and nothing was stored: {ex.GetBaseException().Message}"));
        }
        finally
        {
            // Only out of memory gets here unfinished; it still must not leave the upload behind.
            if (!job.State.Finished) Finish(job, Failed("The run ran out of memory and nothing was stored."));
        }
    }

    private static ScreeningJobState Failed(string error) => new(ScreeningJobStatus.Failed, "Failed", 0, Error: error);

    private void Finish(ScreeningJob job, ScreeningJobState state)
    {
        ScreeningJobs.DeleteUpload(job);
        if (Directory.Exists(job.UploadFolder)) logger.LogWarning("Could not delete the upload of screening job {JobId}", job.Id);
        job.Finish(state, clock.GetUtcNow());
    }
}
