using ComplexCases.Application.Access;
using ComplexCases.Data;
using ComplexCases.Domain.Definitions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Web.Pages.Definitions;

/// <summary>The definitions runs have used: what counts, how much, and the threshold. Readable by everyone signed in.</summary>
[Authorize(Policy = nameof(Permission.ViewDefinitions))]
public sealed class IndexModel(ComplexCasesDbContext db) : PageModel
{
    public sealed record Shown(Definition Definition, int Runs, DateOnly? LastUsed);

    public IReadOnlyList<Shown> Definitions { get; private set; } = [];

    public void OnGet()
    {
        var usage = db.Runs.AsNoTracking().GroupBy(r => new { r.DefinitionId, r.DefinitionVersion })
            .Select(g => new { g.Key.DefinitionId, g.Key.DefinitionVersion, Runs = g.Count(), Last = g.Max(r => r.AsOf) }).ToList();
        Definitions = [.. db.Definitions.AsNoTracking().OrderBy(d => d.Id).ThenByDescending(d => d.Version).ToList()
            .Select(stored => (stored, parsed: DefinitionParser.Parse(stored.Json).Definition))
            .Where(x => x.parsed is not null)
            .Select(x =>
            {
                var use = usage.FirstOrDefault(u => u.DefinitionId == x.stored.Id && u.DefinitionVersion == x.stored.Version);
                return new Shown(x.parsed!, use?.Runs ?? 0, use?.Last);
            })];
    }
}
