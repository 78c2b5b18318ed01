using System.Collections.Concurrent;
using ComplexCases.Data;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Application.Insight;

/// <summary>A stored run's people screened per PDU, and each PDU's region: the population behind capacity planning's rates.</summary>
public sealed record RunPopulation(IReadOnlyDictionary<string, int> PeopleByPdu, IReadOnlyDictionary<string, string> RegionOf);

/// <summary>
/// Run populations kept once counted, as <see cref="CriteriaCounts"/> keeps criteria: a stored run never changes, and counting
/// a national month groups every person's result (240,000 rows), too slow to repeat on each capacity page view. Bounded: past
/// <see cref="Capacity"/> runs it starts again.
/// </summary>
public sealed class RunPopulations
{
    public const int Capacity = 200;

    private readonly ConcurrentDictionary<int, RunPopulation> _runs = new();

    public RunPopulation For(ComplexCasesDbContext db, int runId)
    {
        if (_runs.TryGetValue(runId, out var known)) return known;
        if (_runs.Count >= Capacity) _runs.Clear();
        return _runs.GetOrAdd(runId, _ => Count(db, runId));
    }

    private static RunPopulation Count(ComplexCasesDbContext db, int runId)
    {
        var peopleByPdu = db.PersonResults.AsNoTracking().Where(p => p.RunId == runId)
            .GroupBy(p => p.PduCode).Select(g => new { Pdu = g.Key, People = g.Count() }).ToList()
            .ToDictionary(p => p.Pdu, p => p.People, StringComparer.Ordinal);
        var regionOf = db.ListedCases.AsNoTracking().Where(c => c.RunId == runId && c.RegionCode != null)
            .Select(c => new { c.PduCode, c.RegionCode }).Distinct().ToList()
            .GroupBy(c => c.PduCode, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().RegionCode!, StringComparer.Ordinal);
        return new RunPopulation(peopleByPdu, regionOf);
    }
}
