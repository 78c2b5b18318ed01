namespace ComplexCases.Data.Screening;

/// <summary>
/// A screening started in the browser: the upload, queued until one instance's worker claims it, then its progress and
/// result. In the database, so any instance can run it, show its progress, or take it over when the instance running it
/// dies. Times are UTC ticks (compared in SQL on both engines).
/// </summary>
public sealed class ScreeningRequest
{
    public Guid Id { get; set; }
    /// <summary>The user name of who started it: the only one who may see it.</summary>
    public required string OwnerId { get; set; }
    public DateOnly AsOf { get; set; }
    /// <summary>
    /// The definition asked for: null for the one adopted for the job's month (resolved when it runs, as the CLI does); with
    /// <see cref="DefinitionVersion"/> null, a shipped definition's name (its file name without <c>.json</c>); with it, a stored
    /// version (the <c>definitions</c> table).
    /// </summary>
    public string? DefinitionId { get; set; }
    public int? DefinitionVersion { get; set; }
    /// <summary>The extract's files as uploaded, zipped; null once the request has finished (either way).</summary>
    public byte[]? Extract { get; set; }
    /// <summary>Web.Runs.ScreeningJobStatus, as its number.</summary>
    public int Status { get; set; }
    public required string Stage { get; set; }
    public int Percent { get; set; }
    /// <summary>The finished run's totals (JSON), once it has succeeded.</summary>
    public string? ResultJson { get; set; }
    public string? Error { get; set; }
    /// <summary>Reconciliation's figures (JSON) while it waits for its starter to accept the month.</summary>
    public string? RefusalJson { get; set; }
    public string? AcceptReason { get; set; }
    public long QueuedTicks { get; set; }
    /// <summary>The instance running it (host name and process), while it runs.</summary>
    public string? ClaimedBy { get; set; }
    /// <summary>When the instance running it last said it was alive: one silent for long has died.</summary>
    public long? HeartbeatTicks { get; set; }
    public long? FinishedTicks { get; set; }
    /// <summary>How many times an instance has started it.</summary>
    public int Attempts { get; set; }
    /// <summary>
    /// Where a request that no user started came from, e.g. <c>drop:2024-09-01</c> (a month's folder in the drop folder):
    /// unique, so a month found by two instances at once is queued once, and kept after it finishes so it is not queued again.
    /// </summary>
    public string? Source { get; set; }
}
