using System.Collections.Concurrent;

namespace ComplexCases.Application.Insight;

/// <summary>
/// Criterion counts per stored run and area, kept once computed: a stored run never changes, and counting a national
/// month reads every person's outcome mask (240,000 rows), too slow to repeat on each home page view. Bounded: past
/// <see cref="Capacity"/> areas-and-runs it starts again.
/// </summary>
public sealed class CriteriaCounts
{
    public const int Capacity = 2_000;

    private readonly ConcurrentDictionary<string, int[]> _counts = new(StringComparer.Ordinal);

    /// <param name="kind">What is counted, when not the criteria: the listed counts and people screened are kept here too.</param>
    public int[] GetOrAdd(int runId, IReadOnlyCollection<string>? pdus, Func<int[]> count, string kind = "criteria")
    {
        var key = kind + ":" + runId + ":" + (pdus is null ? "*" : string.Join(',', pdus.Order(StringComparer.Ordinal)));
        if (_counts.TryGetValue(key, out var known)) return known;
        if (_counts.Count >= Capacity) _counts.Clear();
        return _counts.GetOrAdd(key, _ => count());
    }
}
