using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using ComplexCases.Application.Definitions;
using ComplexCases.Application.Screening;
using ComplexCases.Data;
using ComplexCases.Data.Screening;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

namespace ComplexCases.Web.Runs;

/// <summary>Stored as numbers (<c>screening_requests.Status</c>): add at the end, never renumber.</summary>
public enum ScreeningJobStatus
{
    Queued = 0,
    Running = 1,
    Succeeded = 2,
    Failed = 3,
    /// <summary>Refused by reconciliation with the previous month: waits for its starter to accept it with a reason (or not).</summary>
    NeedsAcceptance = 4,
}

/// <summary>The totals of a finished run: what the result page shows (the full report, with every case, is not kept).</summary>
public sealed record ScreeningRunSummary(int RunId, bool AlreadyStored, DateOnly AsOf, string DefinitionId, int DefinitionVersion,
    int People, int Complex, int PossiblyComplex, int RowsRejected)
{
    public static ScreeningRunSummary Of(ScreeningReport report) => new(report.RunId, report.AlreadyStored, report.AsOf,
        report.Definition.Definition.Id, report.Definition.Definition.Version, report.People, report.Complex, report.PossiblyComplex,
        report.Extract.RowsRejected);

    /// <summary>The sentence the synchronous upload used to show on the runs page.</summary>
    public string Sentence => AlreadyStored
        ? $"This extract, date and definition were already stored as run {RunId}."
        : string.Create(CultureInfo.InvariantCulture, $"Run {RunId} stored: {People:N0} people screened, {Complex:N0} complex, {PossiblyComplex:N0} possibly complex, {RowsRejected:N0} rows rejected.");
}

/// <summary>A job's state at one moment, as the database last had it.</summary>
public sealed record ScreeningJobState(ScreeningJobStatus Status, string Stage, int Percent, ScreeningRunSummary? Result = null, string? Error = null,
    Reconciliation? Refusal = null)
{
    /// <summary>Nothing more happens to the job by itself (one waiting for acceptance goes on only if its starter accepts it).</summary>
    public bool Finished => Status is ScreeningJobStatus.Succeeded or ScreeningJobStatus.Failed or ScreeningJobStatus.NeedsAcceptance;
}

/// <summary>One uploaded extract waiting for, or going through, a screening worker: a snapshot of its row.</summary>
public sealed record ScreeningJob(Guid Id, string OwnerId, DateOnly AsOf, RunDefinitionChoice Definition, DateTimeOffset QueuedAt,
    DateTimeOffset? FinishedAt, string? AcceptReason, ScreeningJobState State, bool HoldsExtract, int Attempts)
{
    internal long QueuedTicks => QueuedAt.UtcTicks;
}

/// <summary>A job a worker has claimed: what it needs to run it.</summary>
internal sealed record ClaimedScreening(Guid Id, string OwnerId, DateOnly AsOf, RunDefinitionChoice Definition, string? AcceptReason, byte[] Extract, int Attempts);

/// <summary>A job whose instance stopped answering, as recovery left it: queued again, or failed after its last attempt.</summary>
internal sealed record AbandonedScreening(Guid Id, string OwnerId, DateOnly AsOf, bool Requeued);

/// <summary>
/// Screening runs started from the browser, durable in the database (<c>screening_requests</c>): the upload is stored zipped
/// in its row, one instance's worker claims it with a single conditional UPDATE (so exactly one instance runs it), writes
/// its progress there for any instance's progress page, and its result. A restart loses nothing: a queued job waits, a job
/// whose instance died is taken over (<see cref="RecoverAbandoned"/>).
/// </summary>
public sealed class ScreeningJobs(IServiceScopeFactory scopes, TimeProvider clock) : IDisposable
{
    /// <summary>How long a finished job's result can still be looked at.</summary>
    public static readonly TimeSpan KeepFinishedFor = TimeSpan.FromHours(24);

    internal const string WaitingStage = "Waiting to start";

    /// <summary>Who "started" a run nobody started in the browser (a month from the drop folder): runs record it as the runner.</summary>
    public const string SystemOwner = "system";

    private static readonly JsonSerializerOptions Json = JsonSerializerOptions.Web;

    // Wakes this instance's worker when a job is queued here (other instances find it at their next poll).
    private readonly SemaphoreSlim _wake = new(0, int.MaxValue);

    public void Dispose() => _wake.Dispose();

    /// <summary>Queues a run of the extract in <paramref name="uploadFolder"/> (stored zipped in the job; the caller deletes the folder).</summary>
    /// <param name="definitionId">A shipped definition's id (its file name in <see cref="DefinitionFile.ShippedFolder"/>, without <c>.json</c>).</param>
    public ScreeningJob Enqueue(string ownerId, string uploadFolder, DateOnly asOf, string definitionId) =>
        Enqueue(ownerId, uploadFolder, asOf, new RunDefinitionChoice(definitionId, null));

    /// <summary>Queues a run with the definition <paramref name="definition"/> asks for (checked by <see cref="RunDefinitionChoices.Parse"/>).</summary>
    public ScreeningJob Enqueue(string ownerId, string uploadFolder, DateOnly asOf, RunDefinitionChoice definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        Prune();
        var id = Insert(ownerId, uploadFolder, asOf, definition, source: null);
        _wake.Release();
        return Find(id, ownerId)!;
    }

    /// <summary>
    /// Queues a month found in the drop folder, once: false when <paramref name="source"/> was queued before (by this instance or
    /// another, now or at any time since; its row is kept). The caller skips the sources <see cref="QueuedSources"/> names.
    /// </summary>
    internal bool EnqueueOnce(string source, string folder, DateOnly asOf, RunDefinitionChoice definition)
    {
        try
        {
            Insert(SystemOwner, folder, asOf, definition, source);
        }
        catch (DbUpdateException) when (With(db => db.ScreeningRequests.Any(r => r.Source == source)))
        {
            // Another instance queued it first (the unique source).
            return false;
        }
        _wake.Release();
        return true;
    }

    /// <summary>Every source ever queued that starts with <paramref name="prefix"/> (e.g. the drop folder's <c>drop:</c> months), in one query.</summary>
    internal IReadOnlySet<string> QueuedSources(string prefix) =>
        With(db => db.ScreeningRequests.AsNoTracking().Where(r => r.Source != null && r.Source.StartsWith(prefix)).Select(r => r.Source!).ToHashSet(StringComparer.Ordinal));

    /// <summary>Stores a queued job holding <paramref name="folder"/>'s files, zipped; its id.</summary>
    private Guid Insert(string ownerId, string folder, DateOnly asOf, RunDefinitionChoice definition, string? source)
    {
        using var zipped = new MemoryStream();
        ZipFile.CreateFromDirectory(folder, zipped, CompressionLevel.Fastest, includeBaseDirectory: false);
        var request = new ScreeningRequest
        {
            Id = Guid.NewGuid(), OwnerId = ownerId, AsOf = asOf, DefinitionId = definition.Id, DefinitionVersion = definition.Version, Extract = zipped.ToArray(),
            Status = (int)ScreeningJobStatus.Queued, Stage = WaitingStage, QueuedTicks = clock.GetUtcNow().UtcTicks, Source = source,
        };
        With(db =>
        {
            db.ScreeningRequests.Add(request);
            return db.SaveChanges();
        });
        return request.Id;
    }

    /// <summary>The job, only for the user who started it: anyone else is told nothing, not even that it exists.</summary>
    public ScreeningJob? Find(Guid id, string userId) => With(db => Rows(db.ScreeningRequests.Where(r => r.Id == id && r.OwnerId == userId)).FirstOrDefault()) is { } row ? ToJob(row) : null;

    /// <summary>
    /// Queues again a job that reconciliation refused, now accepted by its starter with <paramref name="reason"/>; false when
    /// the job is not waiting for acceptance (already accepted, or declined).
    /// </summary>
    public bool Accept(ScreeningJob job, string reason)
    {
        ArgumentNullException.ThrowIfNull(job);
        var needs = (int)ScreeningJobStatus.NeedsAcceptance;
        var accepted = With(db => db.ScreeningRequests.Where(r => r.Id == job.Id && r.Status == needs && r.Extract != null)
            .ExecuteUpdate(s => BackInQueue(s).SetProperty(r => r.AcceptReason, reason).SetProperty(r => r.Error, (string?)null)
                .SetProperty(r => r.RefusalJson, (string?)null).SetProperty(r => r.FinishedTicks, (long?)null).SetProperty(r => r.Attempts, 0))) == 1;
        if (accepted) _wake.Release();
        return accepted;
    }

    /// <summary>Ends a job waiting for acceptance (or still queued) without storing it, and drops its upload.</summary>
    public void Decline(ScreeningJob job, string message)
    {
        ArgumentNullException.ThrowIfNull(job);
        var (needs, queued) = ((int)ScreeningJobStatus.NeedsAcceptance, (int)ScreeningJobStatus.Queued);
        var now = clock.GetUtcNow().UtcTicks;
        With(db => db.ScreeningRequests.Where(r => r.Id == job.Id && (r.Status == needs || r.Status == queued))
            .ExecuteUpdate(s => FailedNow(s, message, now)));
    }

    /// <summary>Jobs that will run before this one (including one running now), on any instance.</summary>
    public int Ahead(ScreeningJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (job.State.Status != ScreeningJobStatus.Queued) return 0;
        var (queued, running, ticks) = ((int)ScreeningJobStatus.Queued, (int)ScreeningJobStatus.Running, job.QueuedTicks);
        return With(db => db.ScreeningRequests.Count(r => (r.Status == queued || r.Status == running) && r.QueuedTicks < ticks));
    }

    /// <summary>Waits until a job is queued on this instance, or <paramref name="poll"/> passes (for jobs queued on others).</summary>
    internal async Task WaitForWorkAsync(TimeSpan poll, TimeProvider timer, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(poll, timer);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            await _wake.WaitAsync(either.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Poll time: look in the database.
        }
    }

    /// <summary>
    /// Claims the oldest queued job for <paramref name="instance"/>: one UPDATE that succeeds only while the job is still queued,
    /// so when instances race for it exactly one gets it. Null when nothing is queued.
    /// </summary>
    internal ClaimedScreening? TryClaim(string instance) => With(db =>
    {
        var (queued, running) = ((int)ScreeningJobStatus.Queued, (int)ScreeningJobStatus.Running);
        for (var tries = 0; tries < 10; tries++)
        {
            var candidate = db.ScreeningRequests.AsNoTracking().Where(r => r.Status == queued)
                .OrderBy(r => r.QueuedTicks).ThenBy(r => r.Id).Select(r => (Guid?)r.Id).FirstOrDefault();
            if (candidate is not { } id) return null;
            var now = clock.GetUtcNow().UtcTicks;
            var claimed = db.ScreeningRequests.Where(r => r.Id == id && r.Status == queued)
                .ExecuteUpdate(s => s.SetProperty(r => r.Status, running).SetProperty(r => r.ClaimedBy, instance)
                    .SetProperty(r => r.HeartbeatTicks, now).SetProperty(r => r.Attempts, r => r.Attempts + 1)
                    .SetProperty(r => r.Stage, "Starting").SetProperty(r => r.Percent, 0));
            if (claimed == 0) continue; // another instance took it first
            return db.ScreeningRequests.AsNoTracking().Where(r => r.Id == id)
                .Select(r => new ClaimedScreening(r.Id, r.OwnerId, r.AsOf, new RunDefinitionChoice(r.DefinitionId, r.DefinitionVersion), r.AcceptReason, r.Extract!, r.Attempts)).Single();
        }
        return null;
    });

    /// <summary>The running job's stage and a sign of life, while <paramref name="instance"/> still holds it.</summary>
    internal bool Heartbeat(Guid id, string instance, string stage, int percent)
    {
        var (running, now) = ((int)ScreeningJobStatus.Running, clock.GetUtcNow().UtcTicks);
        return With(db => db.ScreeningRequests.Where(r => r.Id == id && r.ClaimedBy == instance && r.Status == running)
            .ExecuteUpdate(s => s.SetProperty(r => r.Stage, stage).SetProperty(r => r.Percent, percent).SetProperty(r => r.HeartbeatTicks, now))) == 1;
    }

    /// <summary>Stores how the run ended; the upload is dropped unless the job waits for acceptance (it may run again).</summary>
    internal bool Finish(Guid id, string instance, ScreeningJobState state)
    {
        var running = (int)ScreeningJobStatus.Running;
        var now = clock.GetUtcNow().UtcTicks;
        var result = state.Result is null ? null : JsonSerializer.Serialize(state.Result, Json);
        var refusal = state.Refusal is null ? null : JsonSerializer.Serialize(state.Refusal, Json);
        var keepExtract = state.Status == ScreeningJobStatus.NeedsAcceptance;
        return With(db => db.ScreeningRequests.Where(r => r.Id == id && r.ClaimedBy == instance && r.Status == running)
            .ExecuteUpdate(s =>
            {
                s.SetProperty(r => r.Status, (int)state.Status).SetProperty(r => r.Stage, state.Stage).SetProperty(r => r.Percent, state.Percent)
                    .SetProperty(r => r.ResultJson, result).SetProperty(r => r.Error, state.Error).SetProperty(r => r.RefusalJson, refusal)
                    .SetProperty(r => r.FinishedTicks, now).SetProperty(r => r.ClaimedBy, (string?)null);
                if (!keepExtract) s.SetProperty(r => r.Extract, (byte[]?)null);
            })) == 1;
    }

    /// <summary>Puts back a job this instance stopped running before it finished (the service is stopping; nothing was stored).</summary>
    internal void Requeue(Guid id, string instance)
    {
        var running = (int)ScreeningJobStatus.Running;
        With(db => db.ScreeningRequests.Where(r => r.Id == id && r.ClaimedBy == instance && r.Status == running)
            .ExecuteUpdate(s => BackInQueue(s).SetProperty(r => r.Attempts, r => r.Attempts - 1)));
        _wake.Release();
    }

    /// <summary>
    /// Jobs marked running whose instance has given no sign of life for <paramref name="silentFor"/>: it was killed (or lost the
    /// database). A run is all or nothing, so nothing of it is stored; it is queued again while it has had fewer than
    /// <paramref name="maxAttempts"/> starts (a run that had committed is recognised and not stored twice), else failed.
    /// Each change is conditional on the row as read, so when instances recover at once, one does each job.
    /// </summary>
    internal IReadOnlyList<AbandonedScreening> RecoverAbandoned(TimeSpan silentFor, int maxAttempts) => With(db =>
    {
        var running = (int)ScreeningJobStatus.Running;
        var now = clock.GetUtcNow().UtcTicks;
        var cutoff = now - silentFor.Ticks;
        var silent = db.ScreeningRequests.AsNoTracking().Where(r => r.Status == running && r.HeartbeatTicks < cutoff)
            .Select(r => new { r.Id, r.OwnerId, r.AsOf, r.Attempts, r.HeartbeatTicks }).ToList();
        var recovered = new List<AbandonedScreening>();
        foreach (var job in silent)
        {
            var requeue = job.Attempts < maxAttempts;
            var same = db.ScreeningRequests.Where(r => r.Id == job.Id && r.Status == running && r.HeartbeatTicks == job.HeartbeatTicks);
            var changed = requeue
                ? same.ExecuteUpdate(s => BackInQueue(s))
                : same.ExecuteUpdate(s => FailedNow(s, "The service stopped while running this screening, on its last attempt; nothing was stored. "
                    + "Administrators have been told. Upload the extract again.", now));
            if (changed == 1) recovered.Add(new AbandonedScreening(job.Id, job.OwnerId, job.AsOf, requeue));
        }
        return recovered;
    });

    /// <summary>
    /// Finished jobs older than <see cref="KeepFinishedFor"/> go, with any upload (a month nobody accepted in time); those from the
    /// drop folder stay (without their upload), as the record that their month was taken.
    /// </summary>
    private void Prune()
    {
        var cutoff = (clock.GetUtcNow() - KeepFinishedFor).UtcTicks;
        With(db => db.ScreeningRequests.Where(r => r.FinishedTicks < cutoff && r.Source == null).ExecuteDelete());
    }

    /// <summary>A job waiting for a worker again: queued, at the start, held by no instance.</summary>
    private static UpdateSettersBuilder<ScreeningRequest> BackInQueue(UpdateSettersBuilder<ScreeningRequest> s) =>
        s.SetProperty(r => r.Status, (int)ScreeningJobStatus.Queued).SetProperty(r => r.Stage, WaitingStage).SetProperty(r => r.Percent, 0)
            .SetProperty(r => r.ClaimedBy, (string?)null).SetProperty(r => r.HeartbeatTicks, (long?)null);

    /// <summary>A job ended without a run stored: failed with <paramref name="message"/>, its upload dropped.</summary>
    private static UpdateSettersBuilder<ScreeningRequest> FailedNow(UpdateSettersBuilder<ScreeningRequest> s, string message, long now) =>
        s.SetProperty(r => r.Status, (int)ScreeningJobStatus.Failed).SetProperty(r => r.Stage, "Failed").SetProperty(r => r.Percent, 0)
            .SetProperty(r => r.Error, message).SetProperty(r => r.Extract, (byte[]?)null).SetProperty(r => r.RefusalJson, (string?)null)
            .SetProperty(r => r.ClaimedBy, (string?)null).SetProperty(r => r.FinishedTicks, now);

    private T With<T>(Func<ComplexCasesDbContext, T> work)
    {
        using var scope = scopes.CreateScope();
        return work(scope.ServiceProvider.GetRequiredService<ComplexCasesDbContext>());
    }

    private sealed record Row(Guid Id, string OwnerId, DateOnly AsOf, string? DefinitionId, int? DefinitionVersion, long QueuedTicks, long? FinishedTicks,
        string? AcceptReason, int Status, string Stage, int Percent, string? ResultJson, string? Error, string? RefusalJson, bool HoldsExtract, int Attempts);

    private static IQueryable<Row> Rows(IQueryable<ScreeningRequest> requests) => requests.AsNoTracking().Select(r => new Row(
        r.Id, r.OwnerId, r.AsOf, r.DefinitionId, r.DefinitionVersion, r.QueuedTicks, r.FinishedTicks, r.AcceptReason, r.Status, r.Stage, r.Percent,
        r.ResultJson, r.Error, r.RefusalJson, r.Extract != null, r.Attempts));

    private static ScreeningJob ToJob(Row row) => new(row.Id, row.OwnerId, row.AsOf, new RunDefinitionChoice(row.DefinitionId, row.DefinitionVersion),
        new DateTimeOffset(row.QueuedTicks, TimeSpan.Zero), row.FinishedTicks is { } f ? new DateTimeOffset(f, TimeSpan.Zero) : null, row.AcceptReason,
        new ScreeningJobState((ScreeningJobStatus)row.Status, row.Stage, row.Percent,
            row.ResultJson is null ? null : JsonSerializer.Deserialize<ScreeningRunSummary>(row.ResultJson, Json),
            row.Error,
            row.RefusalJson is null ? null : JsonSerializer.Deserialize<Reconciliation>(row.RefusalJson, Json)),
        row.HoldsExtract, row.Attempts);
}
