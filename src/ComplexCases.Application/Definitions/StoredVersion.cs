using ComplexCases.Data;
using ComplexCases.Data.Screening;
using ComplexCases.Domain.Definitions;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Application.Definitions;

/// <summary>
/// One stored version as the definitions page and <c>GET /api/definitions</c> read it: its row, the definition its text reads
/// as (null when the stored text no longer reads as one), and how many runs used it and the latest one's date.
/// </summary>
public sealed record StoredVersion(StoredDefinition Row, Definition? Definition, int Runs, DateOnly? LastUsed)
{
    /// <summary>
    /// Every stored version with its use, read once: one query for the runs' use, one for the versions, each text parsed once.
    /// By id (ordinal, the same on both engines), oldest version first: the order in which each version's changes are described.
    /// </summary>
    public static IReadOnlyList<StoredVersion> Read(ComplexCasesDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var usage = db.Runs.AsNoTracking().GroupBy(r => new { r.DefinitionId, r.DefinitionVersion })
            .Select(g => new { g.Key.DefinitionId, g.Key.DefinitionVersion, Runs = g.Count(), Last = g.Max(r => r.AsOf) })
            .ToDictionary(u => (u.DefinitionId, u.DefinitionVersion), u => (u.Runs, u.Last));
        return [.. db.Definitions.AsNoTracking().ToList().OrderBy(d => d.Id, StringComparer.Ordinal).ThenBy(d => d.Version)
            .Select(d =>
            {
                var use = usage.GetValueOrDefault((d.Id, d.Version));
                return new StoredVersion(d, DefinitionParser.Parse(d.Json).Definition, use.Runs, use.Runs == 0 ? null : use.Last);
            })];
    }
}
