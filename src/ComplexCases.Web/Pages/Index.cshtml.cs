using ComplexCases.Data;
using ComplexCases.Data.Screening;
using ComplexCases.Domain.Screening;
using ComplexCases.Application.Access;
using ComplexCases.Web.SignIn;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Web.Pages;

[Authorize(Policy = nameof(Permission.ViewHome))]
public sealed class IndexModel(ComplexCasesDbContext db) : PageModel
{
    public sealed record PduSummary(string Code, string? Name, int Complex, int PossiblyComplex, int New);

    public ScreeningRun? LatestRun { get; private set; }
    public IReadOnlyList<PduSummary> Pdus { get; private set; } = [];

    public void OnGet()
    {
        LatestRun = db.Runs.AsNoTracking().OrderByDescending(r => r.AsOf).ThenByDescending(r => r.Id).FirstOrDefault();
        if (LatestRun is null) return;
        var runId = LatestRun.Id;
        var user = CurrentUser.Require(HttpContext);
        if (!user.Has(Permission.ViewMonthlyList)) return;
        Pdus = db.ListedCases.AsNoTracking().PermittedTo(user, Permission.ViewMonthlyList).Where(c => c.RunId == runId)
            .GroupBy(c => new { c.PduCode, c.PduName })
            .Select(g => new PduSummary(g.Key.PduCode, g.Key.PduName,
                g.Count(c => c.Status == (byte)ScreeningStatus.Complex && c.Change != (byte)ListChange.Left),
                g.Count(c => c.Status == (byte)ScreeningStatus.PossiblyComplex && c.Change != (byte)ListChange.Left),
                g.Count(c => c.Change == (byte)ListChange.New)))
            .ToList()
            .OrderBy(p => p.Name ?? p.Code, StringComparer.Ordinal)
            .ToList();
    }
}
