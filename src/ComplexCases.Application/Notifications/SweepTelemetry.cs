using System.Diagnostics;
using System.Diagnostics.Metrics;
using ComplexCases.Domain.Notifications;

namespace ComplexCases.Application.Notifications;

/// <summary>
/// The reminder sweep's outcome for an operator: a span per sweep, how many sweeps ran and failed, how long they took and how
/// many notifications each kind created. A sweep that keeps failing, or never creates anything, shows here long before a
/// member of staff notices a missing reminder. System.Diagnostics only, like <see cref="Screening.ScreeningTelemetry"/>.
/// </summary>
public sealed class SweepTelemetry
{
    /// <summary>The ActivitySource's and the Meter's name.</summary>
    public const string Name = "ComplexCases.Notifications";

    public static readonly ActivitySource Source = new(Name);

    private readonly Counter<long> _sweeps;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _created;

    /// <param name="meters">The host's meter factory; without one, a Meter of its own.</param>
    public SweepTelemetry(IMeterFactory? meters = null)
    {
        var meter = meters?.Create(Name) ?? new Meter(Name);
        _sweeps = meter.CreateCounter<long>("complexcases.reminder_sweep.runs", "{sweep}", "Reminder sweeps, tagged with their outcome (ok or failed).");
        _duration = meter.CreateHistogram<double>("complexcases.reminder_sweep.duration", "s", "How long a reminder sweep took.");
        _created = meter.CreateCounter<long>("complexcases.notifications.created", "{notification}",
            "Notifications the reminder sweep created, tagged with their kind.");
    }

    public void Swept(Activity? activity, TimeSpan elapsed, SweepResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var ok = new KeyValuePair<string, object?>("outcome", "ok");
        _sweeps.Add(1, ok);
        _duration.Record(elapsed.TotalSeconds, ok);
        foreach (var (kind, count) in result.Created.Where(c => c.Value > 0))
            _created.Add(count, new KeyValuePair<string, object?>("kind", kind.ToKey()));
        activity?.SetTag("complexcases.created", result.Total);
        activity?.SetTag("complexcases.working_day", result.WorkingDay);
    }

    public void Failed(Activity? activity, TimeSpan elapsed, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var failed = new KeyValuePair<string, object?>("outcome", "failed");
        _sweeps.Add(1, failed);
        _duration.Record(elapsed.TotalSeconds, failed);
        activity?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
    }
}
