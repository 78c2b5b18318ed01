using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ComplexCases.Application.Screening;

/// <summary>
/// What a screening run tells an operator: a span per run and how long it took, how many rows it read and rejected, how many
/// people it screened and listed. Only System.Diagnostics types, so Application knows no telemetry SDK: the web host
/// subscribes to <see cref="Name"/> (OpenTelemetry), the command line to nothing, and anything else can listen
/// (<see cref="ActivityListener"/>, <see cref="MeterListener"/>). No CRN, name or PDU is ever a tag: only counts and outcomes.
/// </summary>
public sealed class ScreeningTelemetry
{
    /// <summary>The ActivitySource's and the Meter's name.</summary>
    public const string Name = "ComplexCases.Screening";

    /// <summary>Static: an ActivitySource has no factory, and a listener chooses by name anyway.</summary>
    public static readonly ActivitySource Source = new(Name);

    private readonly Histogram<double> _duration;
    private readonly Counter<long> _rows;
    private readonly Counter<long> _people;

    /// <param name="meters">The host's meter factory (one Meter per container, so two sites in one process stay apart); without one, a Meter of its own.</param>
    public ScreeningTelemetry(IMeterFactory? meters = null)
    {
        var meter = meters?.Create(Name) ?? new Meter(Name);
        _duration = meter.CreateHistogram<double>("complexcases.screening.duration", "s",
            "How long a screening run took, from reading the extract to storing the run; tagged with its outcome.");
        _rows = meter.CreateCounter<long>("complexcases.screening.rows", "{row}",
            "Extract rows read by screening runs, tagged accepted or rejected.");
        _people = meter.CreateCounter<long>("complexcases.screening.people", "{person}",
            "People screened by stored runs, tagged with the status they came out with (complex, possibly_complex, other).");
    }

    /// <summary>The span of one run; null when nobody listens.</summary>
    public static Activity? StartRun(DateOnly asOf)
    {
        var activity = Source.StartActivity("screening.run");
        activity?.SetTag("complexcases.as_of", asOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        return activity;
    }

    /// <summary>Records how the run ended on its span and in the metrics.</summary>
    public void Finished(Activity? activity, TimeSpan elapsed, UseCaseResult<ScreeningReport> result, bool refusedByReconciliation)
    {
        ArgumentNullException.ThrowIfNull(result);
        var outcome = result.Succeeded
            ? result.Value.AlreadyStored ? "already_stored" : "stored"
            : refusedByReconciliation ? "refused" : result.Status.ToString().ToLowerInvariant();
        var tag = new KeyValuePair<string, object?>("outcome", outcome);
        _duration.Record(elapsed.TotalSeconds, tag);
        activity?.SetTag("complexcases.outcome", outcome);
        if (!result.Succeeded)
        {
            activity?.SetStatus(ActivityStatusCode.Error, result.Status.ToString());
            return;
        }
        var report = result.Value;
        activity?.SetTag("complexcases.run_id", report.RunId);
        activity?.SetTag("complexcases.rows_read", report.Extract.RowsRead);
        activity?.SetTag("complexcases.rows_rejected", report.Extract.RowsRejected);
        activity?.SetTag("complexcases.people", report.People);
        if (report.AlreadyStored) return;
        _rows.Add(report.Extract.RowsAccepted, new KeyValuePair<string, object?>("rows", "accepted"));
        _rows.Add(report.Extract.RowsRejected, new KeyValuePair<string, object?>("rows", "rejected"));
        _people.Add(report.Complex, new KeyValuePair<string, object?>("status", "complex"));
        _people.Add(report.PossiblyComplex, new KeyValuePair<string, object?>("status", "possibly_complex"));
        _people.Add(report.People - report.Complex - report.PossiblyComplex, new KeyValuePair<string, object?>("status", "other"));
    }
}
