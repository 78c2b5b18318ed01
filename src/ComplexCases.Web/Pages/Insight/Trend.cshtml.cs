using ComplexCases.Application.Access;
using ComplexCases.Application.Audit;
using ComplexCases.Application.Insight;
using ComplexCases.Web.Insight;
using ComplexCases.Web.SignIn;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplexCases.Web.Pages.Insight;

/// <summary>The home page's list trend for the user's area, as CSV or XLSX (<see cref="ListTrendDownload"/>).</summary>
[Authorize(Policy = nameof(Permission.ViewAggregates))]
public sealed class TrendModel(ListTrend trend, GroupCommitAuditWriter audit) : PageModel
{
    public Task<IActionResult> OnGetAsync(string? table, string? format)
    {
        var user = CurrentUser.Require(HttpContext);
        return ListTrendDownload.FileAsync(trend.For(user), table, format, audit, user);
    }
}
