using System.Diagnostics.Metrics;
using ComplexCases.Application.Access;
using ComplexCases.Application.Notifications;

namespace ComplexCases.Application.Tests.Notifications;

/// <summary>Each reminder sweep is counted with its outcome, and what it created by kind; a failed sweep is counted as failed.</summary>
public sealed class SweepTelemetryTests : IDisposable
{
    private static readonly DateOnly Friday = new(2025, 6, 13);
    private static readonly DateOnly Monday = new(2025, 6, 16);

    private readonly WorkflowWorld _world = new(new DateTimeOffset(2025, 1, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly OwnMeters _meters = new();
    private readonly MeterListener _listener = new();
    private readonly List<(string Instrument, long Value, string? Tag)> _counted = [];

    public SweepTelemetryTests()
    {
        _world.Account("pat", Role.Practitioner, "P1");
        _world.Account("sam", Role.Spo, "S1", teams: "T1");
        // Only this test's meters: other tests' sweeps in the same process are not counted.
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, _meters)) listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            string? tag = null;
            foreach (var t in tags) tag = t.Value as string;
            lock (_counted) _counted.Add((instrument.Name, value, tag));
        });
        _listener.Start();
    }

    public void Dispose()
    {
        _listener.Dispose();
        _meters.Dispose();
        _world.Dispose();
    }

    [Fact]
    public void ASweep_CountsItsOutcomeAndWhatItCreatedByKind()
    {
        _world.Workflow(conversationDue: Friday);
        _world.SetDay(Monday);
        using var db = _world.Open();

        var result = new ReminderSweep(db, _world.Settings, _world.Centre(db), _world.Clock, new SweepTelemetry(_meters)).Run();

        result.Total.ShouldBeGreaterThan(0);
        _counted.ShouldContain(("complexcases.reminder_sweep.runs", 1L, "ok"));
        _counted.Where(c => c.Instrument == "complexcases.notifications.created").Sum(c => c.Value).ShouldBe(result.Total);
        _counted.Where(c => c.Tag == "conversation-overdue").Sum(c => c.Value).ShouldBe(2);
    }

    [Fact]
    public void AFailedSweep_IsCountedAsFailed_AndStillFails()
    {
        var db = _world.Open();
        var sweep = new ReminderSweep(db, _world.Settings, _world.Centre(db), _world.Clock, new SweepTelemetry(_meters));
        // A sweep whose database has gone (a real failure of a real context, not a stand-in).
        db.Dispose();

        Should.Throw<ObjectDisposedException>(() => sweep.Run());

        _counted.ShouldBe([("complexcases.reminder_sweep.runs", 1L, "failed")]);
    }

    /// <summary>A meter factory of the test's own, so its listener hears only these meters.</summary>
    private sealed class OwnMeters : IMeterFactory
    {
        private readonly List<Meter> _made = [];

        public Meter Create(MeterOptions options)
        {
            var meter = new Meter(options.Name, options.Version, options.Tags, scope: this);
            _made.Add(meter);
            return meter;
        }

        public void Dispose() => _made.ForEach(m => m.Dispose());
    }
}
