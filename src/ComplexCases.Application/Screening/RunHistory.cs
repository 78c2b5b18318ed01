using ComplexCases.Data;
using ComplexCases.Data.Screening;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Application.Screening;

/// <summary>Past screening runs with their counts, latest first: aggregate, no personal data (the runs page and <c>GET /api/runs</c>).</summary>
public sealed class RunHistory(ComplexCasesDbContext db)
{
    /// <summary>Ten years of monthly runs: enough to find any run worth opening without paging.</summary>
    public const int Shown = 120;

    public IReadOnlyList<ScreeningRun> Latest() =>
        db.Runs.AsNoTracking().OrderByDescending(r => r.AsOf).ThenByDescending(r => r.Id).Take(Shown).ToList();
}
