using System.Globalization;
using ComplexCases.Application.Access;
using ComplexCases.Application.Audit;
using ComplexCases.Application.Insight;
using ComplexCases.Domain.Audit;
using ComplexCases.Domain.Panels;
using ComplexCases.Web.Charts;
using ComplexCases.Web.Downloads;
using ComplexCases.Web.SignIn;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplexCases.Web.Pages.Insight;

/// <summary>
/// Expertise at panel: of the cases discussed at held meetings, the share whose needed expertise was present, by agency, and
/// per PDU and month. Counts only, small ones withheld; the view and each download are audited.
/// </summary>
[Authorize(Policy = nameof(Permission.ViewAggregates))]
public sealed class ExpertiseModel(ExpertiseInsight insight, TimeProvider clock, GroupCommitAuditWriter audit) : PageModel
{
    public const int MaxMonths = InsightPage.MaxMonths;
    public static readonly string[] Tables = ["agencies", "months"];

    [FromQuery(Name = "from")] public string? From { get; set; }
    [FromQuery(Name = "to")] public string? To { get; set; }

    public ExpertiseInsightView? View { get; private set; }
    public (string Field, string Message)? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (Resolve() is not { } range) return Page();
        var user = CurrentUser.Require(HttpContext);
        View = insight.Run(user, range.From, range.To);
        await InsightPage.Audit(audit, user, AuditEventTypes.InsightViewed, Purpose, "expertise", range);
        return Page();
    }

    /// <summary>One of the page's tables as CSV, withheld cells marked [c] as on the page.</summary>
    public Task<IActionResult> OnGetCsvAsync([FromQuery(Name = "table")] string? table) => Download(table, TableFormat.Csv);

    /// <summary>The same table as an XLSX workbook.</summary>
    public Task<IActionResult> OnGetXlsxAsync([FromQuery(Name = "table")] string? table) => Download(table, TableFormat.Xlsx);

    private const string Purpose = "expertise at panel, counts only";

    private async Task<IActionResult> Download(string? table, TableFormat format)
    {
        if (table is null || !Tables.Contains(table)) return BadRequest("Choose a table: " + string.Join(", ", Tables) + ".");
        if (Resolve() is not { } range) return BadRequest(Error!.Value.Message);
        var user = CurrentUser.Require(HttpContext);
        var view = insight.Run(user, range.From, range.To);
        await InsightPage.Audit(audit, user, AuditEventTypes.InsightExported, Purpose, "expertise-" + table, range, format: TableFile.Extension(format));
        return InsightPage.File(Table(view, table), "expertise-" + table, range, format);
    }

    private MonthRange? Resolve()
    {
        var range = InsightPage.Range(From, To, clock, out var error);
        Error = error;
        return range;
    }

    /// <summary>A table's download link; <paramref name="format"/> is "csv" or "xlsx".</summary>
    public string TableLink(string table, string format) =>
        $"/insight/expertise?handler={format}&table={table}&from={MonthRange.Month(View!.From)}&to={MonthRange.Month(View.To)}";

    public BarChart Chart => new("expertise", "Needed expertise present at panel, by agency",
        $"Of the cases discussed at panel meetings from {View!.From:MMMM yyyy} to {View.To:MMMM yyyy} in your area, for each agency, the share of the cases needing its expertise that had someone from it present. " +
        string.Join("; ", View.Agencies.Select(a => $"{a.Agency.Label()}: {Words(a)}")) + ".",
        [.. View.Agencies.Select(a => new Bar(BarChart.ShortLabel(a.Agency.Label()), a.Percent ?? (a.Needing.Value == 0 ? 0 : null), Words(a)))]);

    private static string Words(AgencyCoverageRow row) => row.Share switch
    {
        "[c]" => "withheld",
        "–" => "not needed",
        var share => $"{share} of {row.Needing}",
    };

    public static string Sentence(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    public static string MonthText(DateOnly? month) => month is { } m ? m.ToString("MMM yyyy", CultureInfo.InvariantCulture) : "All months";

    /// <summary>One of the page's tables for download, withheld cells marked [c] as on the page.</summary>
    internal static DownloadTable Table(ExpertiseInsightView view, string table) => table switch
    {
        "agencies" => new(["Agency", "Cases needing it", "With it present", "Share present"],
            [.. view.Agencies.Select(a => (IReadOnlyList<Cell>)[Cell.Text(a.Agency.Label()), Cell.Count(a.Needing), Cell.Count(a.Present), Cell.Figure(a.Share)])]),
        _ => new(
            ["PDU", "Month", "Cases discussed", "Needing expertise", "All of it present", "Share all present", .. ExpertiseInsightView.AgencyColumns.Select(a => a.Label() + " (share present)")],
            [.. view.Rows.Append(view.Total).Select(r => (IReadOnlyList<Cell>)[Cell.Text(r.Name), Cell.Text(MonthText(r.Month)), Cell.Count(r.Discussed),
                Cell.Count(r.NeedingAny), Cell.Count(r.AllPresent), Cell.Figure(r.ShareAllPresent), .. r.ShareByAgency.Select(Cell.Figure)])]),
    };
}
