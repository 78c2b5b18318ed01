using ComplexCases.Application.Access;
using ComplexCases.Application.Solutions;
using ComplexCases.Domain.Workflow;
using ComplexCases.Web.SignIn;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplexCases.Web.Pages.Solutions;

/// <summary>The panel solutions library: what panels agreed for a kind of blockage, and whether it worked.</summary>
[Authorize(Policy = nameof(Permission.ViewPanelSolutions))]
public sealed class IndexModel(PanelSolutions solutions) : PageModel
{
    [FromQuery(Name = "blockage")] public string? Blockage { get; set; }
    [FromQuery(Name = "q")] public string? Query { get; set; }
    [FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public PanelSolutionPage? Results { get; private set; }
    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        BlockageCategory? category = null;
        if (!string.IsNullOrEmpty(Blockage))
        {
            if (!BlockageCategories.TryParse(Blockage, out var parsed))
            {
                Error = "Choose a kind of blockage from the list.";
                return;
            }
            category = parsed;
        }
        Results = await solutions.SearchAsync(CurrentUser.Require(HttpContext), category, Query, PageNumber, cancellationToken);
    }

    public string PageLink(int page) =>
        $"/solutions?blockage={Uri.EscapeDataString(Blockage ?? "")}&q={Uri.EscapeDataString(Query ?? "")}&page={page}";
}
