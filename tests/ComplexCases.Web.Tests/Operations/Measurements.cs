using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace ComplexCases.Web.Tests.Operations;

/// <summary>What one site's meters record (its own meter factory), so other tests' sites in the same process do not count.</summary>
internal sealed class Measurements : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(string Instrument, double Value, Dictionary<string, object?> Tags)> _seen = new();

    public Measurements(IMeterFactory factory, string meter)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == meter && ReferenceEquals(instrument.Meter.Scope, factory)) listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.Start();
    }

    public IReadOnlyList<(double Value, Dictionary<string, object?> Tags)> Of(string instrument) =>
        [.. _seen.Where(m => m.Instrument == instrument).Select(m => (m.Value, m.Tags))];

    public double Sum(string instrument, string tag, string value) =>
        Of(instrument).Where(m => Equals(m.Tags[tag], value)).Sum(m => m.Value);

    public void Dispose() => _listener.Dispose();

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>();
        foreach (var tag in tags) copy[tag.Key] = tag.Value;
        _seen.Enqueue((instrument.Name, value, copy));
    }
}
