using ComplexCases.Application.Access;
using ComplexCases.Application.Screening;
using ComplexCases.Data.Screening;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplexCases.Web.Pages.Runs;

/// <summary>Past screening runs with their counts: aggregate, no personal data. Each links to its page (Show), with its files and rejected rows.</summary>
[Authorize(Policy = nameof(Permission.ViewRuns))]
public sealed class IndexModel(RunHistory runs) : PageModel
{
    public IReadOnlyList<ScreeningRun> Runs { get; private set; } = [];

    public void OnGet() => Runs = runs.Latest();
}
