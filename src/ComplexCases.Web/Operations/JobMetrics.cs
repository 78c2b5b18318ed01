using System.Diagnostics.Metrics;

namespace ComplexCases.Web.Operations;

/// <summary>
/// How the background jobs end, for an operator's dashboard (issue 11): screenings run by the workers and reminder sweeps,
/// each counted when it starts, succeeds or fails, and timed, tagged with <c>job.kind</c> (<see cref="Screening"/>,
/// <see cref="ReminderSweep"/>); a screening whose instance died is counted again when another instance takes it over. A
/// queue that only grows, or sweeps that keep failing, show here before anyone notices a missing list or reminder. Durations
/// are read from the injected <see cref="TimeProvider"/>. The runs' own figures (rows, people) are <c>ScreeningTelemetry</c>'s.
/// </summary>
public sealed class JobMetrics
{
    /// <summary>The Meter's name (registered with OpenTelemetry in <see cref="Telemetry"/>).</summary>
    public const string Name = "ComplexCases.Jobs";

    public const string Screening = "screening";
    public const string ReminderSweep = "reminder-sweep";

    private readonly TimeProvider _clock;
    private readonly Counter<long> _started;
    private readonly Counter<long> _succeeded;
    private readonly Counter<long> _failed;
    private readonly Counter<long> _takenOver;
    private readonly Histogram<double> _duration;

    /// <param name="meters">The host's meter factory; without one, a Meter of its own.</param>
    public JobMetrics(TimeProvider clock, IMeterFactory? meters = null)
    {
        _clock = clock;
        var meter = meters?.Create(Name) ?? new Meter(Name);
        _started = meter.CreateCounter<long>("complexcases.jobs.started", "{job}", "Background jobs started, by job.kind.");
        _succeeded = meter.CreateCounter<long>("complexcases.jobs.succeeded", "{job}", "Background jobs that succeeded, by job.kind.");
        _failed = meter.CreateCounter<long>("complexcases.jobs.failed", "{job}",
            "Background jobs that failed, by job.kind (a screening refused for its extract counts here too).");
        _takenOver = meter.CreateCounter<long>("complexcases.jobs.taken_over", "{job}",
            "Jobs whose instance stopped answering, taken over by another: outcome requeued, or failed on the last attempt.");
        _duration = meter.CreateHistogram<double>("complexcases.jobs.duration", "s",
            "How long a background job took, by job.kind and outcome (succeeded, failed, needs_acceptance, stopped).");
    }

    /// <summary>A job has begun; pass what this returns to <see cref="Ended"/>.</summary>
    public JobRun Started(string kind)
    {
        _started.Add(1, Kind(kind));
        return new JobRun(kind, _clock.GetTimestamp());
    }

    /// <param name="outcome">One of the <see cref="JobOutcome"/> names: succeeded and failed are counted as well as timed.</param>
    public void Ended(JobRun run, string outcome)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (outcome == JobOutcome.Succeeded) _succeeded.Add(1, Kind(run.Kind));
        else if (outcome == JobOutcome.Failed) _failed.Add(1, Kind(run.Kind));
        _duration.Record(_clock.GetElapsedTime(run.StartedAt).TotalSeconds, Kind(run.Kind), new KeyValuePair<string, object?>("outcome", outcome));
    }

    /// <summary>A job another instance left running is taken over: queued again, or failed (which also counts as a failure).</summary>
    public void TakenOver(string kind, bool requeued)
    {
        _takenOver.Add(1, Kind(kind), new KeyValuePair<string, object?>("outcome", requeued ? "requeued" : JobOutcome.Failed));
        if (!requeued) _failed.Add(1, Kind(kind));
    }

    private static KeyValuePair<string, object?> Kind(string kind) => new("job.kind", kind);
}

/// <summary>A started job, as <see cref="JobMetrics.Ended"/> needs it.</summary>
public sealed record JobRun(string Kind, long StartedAt);

/// <summary>The <c>outcome</c> tag's values.</summary>
public static class JobOutcome
{
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    /// <summary>A screening refused by reconciliation, waiting for its starter to accept it.</summary>
    public const string NeedsAcceptance = "needs_acceptance";
    /// <summary>The service stopped mid-run: nothing stored, the job queued again.</summary>
    public const string Stopped = "stopped";
}
