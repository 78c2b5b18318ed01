using ComplexCases.Application.Access;
using ComplexCases.Application.Screening;
using ComplexCases.Data.Screening;
using ComplexCases.Application.Audit;
using ComplexCases.Application.Insight;
using ComplexCases.Web.Insight;
using ComplexCases.Web.SignIn;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplexCases.Web.Pages.Runs;

/// <summary>Past screening runs with their counts: aggregate, no personal data. Each links to its page (Show), with its files and rejected rows.</summary>
[Authorize(Policy = nameof(Permission.ViewRuns))]
public sealed class IndexModel(RunHistory runs) : PageModel
{
    public IReadOnlyList<ScreeningRun> Runs { get; private set; } = [];

    public void OnGet() => Runs = runs.Latest();

    /// <summary>The service's list trend shown on this page, as CSV or XLSX (<see cref="ListTrendDownload"/>).</summary>
    public Task<IActionResult> OnGetTrendAsync([FromServices] ListTrend trend, [FromServices] GroupCommitAuditWriter audit, string? table, string? format) =>
        ListTrendDownload.FileAsync(trend.Service(), table, format, audit, CurrentUser.Require(HttpContext));
}
