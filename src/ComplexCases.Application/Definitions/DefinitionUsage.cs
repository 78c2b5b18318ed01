using ComplexCases.Data;
using ComplexCases.Domain.Definitions;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Application.Definitions;

/// <summary>A stored definition with how many runs used it and the date of the latest.</summary>
public sealed record DefinitionInUse(Definition Definition, int Runs, DateOnly? LastUsed);

/// <summary>The definitions runs have used, with their use: readable by everyone signed in (the definitions page and <c>GET /api/definitions</c>).</summary>
public sealed class DefinitionUsage(ComplexCasesDbContext db)
{
    /// <summary>By id, newest version first. A stored definition that no longer parses is left out rather than shown half-read.</summary>
    public IReadOnlyList<DefinitionInUse> All()
    {
        var usage = db.Runs.AsNoTracking().GroupBy(r => new { r.DefinitionId, r.DefinitionVersion })
            .Select(g => new { g.Key.DefinitionId, g.Key.DefinitionVersion, Runs = g.Count(), Last = g.Max(r => r.AsOf) }).ToList();
        return [.. db.Definitions.AsNoTracking().OrderBy(d => d.Id).ThenByDescending(d => d.Version).ToList()
            .Select(stored => (stored, parsed: DefinitionParser.Parse(stored.Json).Definition))
            .Where(x => x.parsed is not null)
            .Select(x =>
            {
                var use = usage.FirstOrDefault(u => u.DefinitionId == x.stored.Id && u.DefinitionVersion == x.stored.Version);
                return new DefinitionInUse(x.parsed!, use?.Runs ?? 0, use?.Last);
            })];
    }
}
