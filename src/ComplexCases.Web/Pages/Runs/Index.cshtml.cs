using ComplexCases.Application.Access;
using ComplexCases.Data;
using ComplexCases.Data.Screening;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Web.Pages.Runs;

/// <summary>Past screening runs with their counts: aggregate, no personal data. Each links to its page (Show), with its files and rejected rows.</summary>
[Authorize(Policy = nameof(Permission.ViewRuns))]
public sealed class IndexModel(ComplexCasesDbContext db) : PageModel
{
    public IReadOnlyList<ScreeningRun> Runs { get; private set; } = [];

    public void OnGet() =>
        Runs = db.Runs.AsNoTracking().OrderByDescending(r => r.AsOf).ThenByDescending(r => r.Id).Take(120).ToList();
}
