using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.Channels;
using ComplexCases.Application.Screening;

namespace ComplexCases.Web.Runs;

public enum ScreeningJobStatus
{
    Queued,
    Running,
    Succeeded,
    Failed,
    /// <summary>Refused by reconciliation with the previous month: waits for its starter to accept it with a reason (or not).</summary>
    NeedsAcceptance,
}

/// <summary>The totals of a finished run: what the result page shows (the full report, with every case, is not kept in memory).</summary>
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

/// <summary>A job's state at one moment. Immutable and replaced whole, so a reader never sees a stage with another stage's percentage.</summary>
public sealed record ScreeningJobState(ScreeningJobStatus Status, string Stage, int Percent, ScreeningRunSummary? Result = null, string? Error = null,
    Reconciliation? Refusal = null)
{
    /// <summary>Nothing more happens to the job by itself (one waiting for acceptance goes on only if its starter accepts it).</summary>
    public bool Finished => Status is ScreeningJobStatus.Succeeded or ScreeningJobStatus.Failed or ScreeningJobStatus.NeedsAcceptance;
}

/// <summary>One uploaded extract waiting for, or going through, the screening worker.</summary>
public sealed class ScreeningJob
{
    private ScreeningJobState _state = new(ScreeningJobStatus.Queued, "Waiting to start", 0);

    internal ScreeningJob(Guid id, long sequence, string ownerId, string uploadFolder, DateOnly asOf, string definitionPath, DateTimeOffset queuedAt)
    {
        Id = id;
        Sequence = sequence;
        OwnerId = ownerId;
        UploadFolder = uploadFolder;
        AsOf = asOf;
        DefinitionPath = definitionPath;
        QueuedAt = queuedAt;
    }

    public Guid Id { get; }
    /// <summary>Order of queueing, for "runs ahead of yours".</summary>
    internal long Sequence { get; }
    /// <summary>The user who started it (their user name, as runs record it): the only one who may see it.</summary>
    public string OwnerId { get; }
    /// <summary>The extract as uploaded; deleted when the job finishes, whichever way.</summary>
    public string UploadFolder { get; }
    public DateOnly AsOf { get; }
    public string DefinitionPath { get; }
    public DateTimeOffset QueuedAt { get; }
    public DateTimeOffset? FinishedAt { get; private set; }
    /// <summary>The starter's reason for storing a month reconciliation refused (audited with the run); null until accepted.</summary>
    public string? AcceptReason { get; private set; }

    public ScreeningJobState State => Volatile.Read(ref _state);

    internal void Update(ScreeningJobState state) => Volatile.Write(ref _state, state);

    internal void Finish(ScreeningJobState state, DateTimeOffset at)
    {
        FinishedAt = at;
        Update(state);
    }

    internal void Accept(string reason)
    {
        AcceptReason = reason;
        FinishedAt = null;
        Update(new ScreeningJobState(ScreeningJobStatus.Queued, "Waiting to start", 0));
    }
}

/// <summary>
/// Screening runs started from the browser: a queue the worker takes one job at a time from (a run is CPU and
/// memory heavy; two at once would double a national run's memory), and the jobs by id for their progress pages.
/// In memory only: a restart forgets finished jobs, and a job in progress is cancelled (nothing stored).
/// </summary>
public sealed class ScreeningJobs(TimeProvider clock)
{
    /// <summary>How long a finished job's result can still be looked at.</summary>
    public static readonly TimeSpan KeepFinishedFor = TimeSpan.FromHours(24);

    private readonly Channel<ScreeningJob> _queue = Channel.CreateUnbounded<ScreeningJob>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<Guid, ScreeningJob> _jobs = new();
    private long _sequence;

    /// <summary>Queues a run of the extract in <paramref name="uploadFolder"/>, which the job then owns; null when the service is stopping.</summary>
    public ScreeningJob? Enqueue(string ownerId, string uploadFolder, DateOnly asOf, string definitionPath)
    {
        Prune();
        var job = new ScreeningJob(Guid.NewGuid(), Interlocked.Increment(ref _sequence), ownerId, uploadFolder, asOf, definitionPath, clock.GetUtcNow());
        _jobs[job.Id] = job;
        if (_queue.Writer.TryWrite(job)) return job;
        _jobs.TryRemove(job.Id, out _);
        return null;
    }

    /// <summary>The job, only for the user who started it: anyone else is told nothing, not even that it exists.</summary>
    public ScreeningJob? Find(Guid id, string userId) =>
        _jobs.TryGetValue(id, out var job) && string.Equals(job.OwnerId, userId, StringComparison.Ordinal) ? job : null;

    /// <summary>
    /// Queues again a job that reconciliation refused, now accepted by its starter with <paramref name="reason"/>; false when
    /// the job is not waiting for acceptance (already accepted, or declined) or the service is stopping.
    /// </summary>
    public bool Accept(ScreeningJob job, string reason)
    {
        lock (job)
        {
            if (job.State.Status != ScreeningJobStatus.NeedsAcceptance || !Directory.Exists(job.UploadFolder)) return false;
            job.Accept(reason);
            if (_queue.Writer.TryWrite(job)) return true;
            Decline(job, "The service is restarting; nothing was stored. Upload the extract again.");
            return false;
        }
    }

    /// <summary>Ends a job waiting for acceptance without storing it, and deletes its upload.</summary>
    public void Decline(ScreeningJob job, string message)
    {
        if (job.State.Status is not (ScreeningJobStatus.NeedsAcceptance or ScreeningJobStatus.Queued)) return;
        DeleteUpload(job);
        job.Finish(new ScreeningJobState(ScreeningJobStatus.Failed, "Failed", 0, Error: message), clock.GetUtcNow());
    }

    internal static void DeleteUpload(ScreeningJob job)
    {
        try
        {
            if (Directory.Exists(job.UploadFolder)) Directory.Delete(job.UploadFolder, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Left in the temporary folder; the message the user sees matters more.
        }
    }

    /// <summary>Jobs that will run before this one (including one running now).</summary>
    public int Ahead(ScreeningJob job) =>
        job.State.Status == ScreeningJobStatus.Queued ? _jobs.Values.Count(j => j.Sequence < job.Sequence && !j.State.Finished) : 0;

    internal ChannelReader<ScreeningJob> Reader => _queue.Reader;

    /// <summary>No more jobs once the service is stopping; uploads still waiting for acceptance are deleted (jobs live in memory).</summary>
    internal void Close()
    {
        _queue.Writer.TryComplete();
        foreach (var job in _jobs.Values.Where(j => j.State.Status == ScreeningJobStatus.NeedsAcceptance)) DeleteUpload(job);
    }

    private void Prune()
    {
        var cutoff = clock.GetUtcNow() - KeepFinishedFor;
        foreach (var job in _jobs.Values)
        {
            if (!(job.FinishedAt < cutoff) || !_jobs.TryRemove(job.Id, out _)) continue;
            // A month nobody accepted in time is not kept: its upload goes with the job.
            if (job.State.Status == ScreeningJobStatus.NeedsAcceptance) DeleteUpload(job);
        }
    }
}
