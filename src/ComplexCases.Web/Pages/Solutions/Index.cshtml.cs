using ComplexCases.Application.Access;
using ComplexCases.Application.Solutions;
using ComplexCases.Domain.Workflow;
using ComplexCases.Web.Downloads;
using ComplexCases.Web.SignIn;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplexCases.Web.Pages.Solutions;

/// <summary>The panel solutions library: what panels agreed for a kind of blockage, and whether it worked; every match downloads.</summary>
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
        if (!TryBlockage(out var category)) return;
        Results = await solutions.SearchAsync(CurrentUser.Require(HttpContext), category, Query, PageNumber, cancellationToken);
    }

    /// <summary>Every solution the search matches (all pages), as CSV: what the page shows of each, one row a solution.</summary>
    public Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken) => Download(TableFormat.Csv, cancellationToken);

    /// <summary>The same table as a spreadsheet.</summary>
    public Task<IActionResult> OnGetXlsxAsync(CancellationToken cancellationToken) => Download(TableFormat.Xlsx, cancellationToken);

    private async Task<IActionResult> Download(TableFormat format, CancellationToken cancellationToken)
    {
        if (!TryBlockage(out var category)) return BadRequest(Error ?? "");
        var all = await solutions.ExportAsync(CurrentUser.Require(HttpContext), category, Query, TableFile.Extension(format), cancellationToken);
        return TableFile.Of(SolutionsTable.Of(all), "panel-solutions", format);
    }

    private bool TryBlockage(out BlockageCategory? category)
    {
        category = null;
        if (string.IsNullOrEmpty(Blockage)) return true;
        if (!BlockageCategories.TryParse(Blockage, out var parsed))
        {
            Error = "Choose a kind of blockage from the list.";
            return false;
        }
        category = parsed;
        return true;
    }

    public string PageLink(int page) =>
        $"/solutions?blockage={Uri.EscapeDataString(Blockage ?? "")}&q={Uri.EscapeDataString(Query ?? "")}&page={page}";

    /// <summary>A download of every match of the current search.</summary>
    public string DownloadLink(string format) =>
        $"/solutions?handler={format}&blockage={Uri.EscapeDataString(Blockage ?? "")}&q={Uri.EscapeDataString(Query ?? "")}";
}
