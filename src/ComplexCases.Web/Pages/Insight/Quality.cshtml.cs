using System.Globalization;
using ComplexCases.Application.Access;
using ComplexCases.Application.Audit;
using ComplexCases.Application.Insight;
using ComplexCases.Domain.Audit;
using ComplexCases.Domain.Workflow;
using ComplexCases.Web.Charts;
using ComplexCases.Web.Downloads;
using ComplexCases.Web.SignIn;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplexCases.Web.Pages.Insight;

/// <summary>
/// Consistency of quality: QDO checklist results by item and by PDU or team, agreement between QDOs on double-reviewed cases,
/// and blockage themes by month. Counts only, small ones withheld; each view and each table downloaded is audited.
/// </summary>
[Authorize(Policy = nameof(Permission.ViewAggregates))]
public sealed class QualityModel(QualityInsight insight, TimeProvider clock, GroupCommitAuditWriter audit) : PageModel
{
    public const int MaxMonths = InsightPage.MaxMonths;
    public static readonly string[] Tables = ["checklist", "areas", "agreement", "themes"];

    [FromQuery(Name = "from")] public string? From { get; set; }
    [FromQuery(Name = "to")] public string? To { get; set; }
    /// <summary>"pdu", "team", or empty (teams when the scope is one PDU).</summary>
    [FromQuery(Name = "by")] public string? By { get; set; }

    public QualityInsightView? View { get; private set; }
    public (string Field, string Message)? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (Resolve() is not { } range) return Page();
        var user = CurrentUser.Require(HttpContext);
        View = insight.Run(user, range.From, range.To, ByTeam);
        await InsightPage.Audit(audit, user, AuditEventTypes.InsightViewed, Purpose, "quality", range, View.AreaKind);
        return Page();
    }

    /// <summary>One of the page's tables as CSV, withheld cells marked [c] as on the page.</summary>
    public Task<IActionResult> OnGetCsvAsync([FromQuery(Name = "table")] string? table) => Download(table, TableFormat.Csv);

    /// <summary>The same table as an XLSX workbook.</summary>
    public Task<IActionResult> OnGetXlsxAsync([FromQuery(Name = "table")] string? table) => Download(table, TableFormat.Xlsx);

    private async Task<IActionResult> Download(string? table, TableFormat format)
    {
        if (table is null || !Tables.Contains(table)) return BadRequest("Choose a table: " + string.Join(", ", Tables) + ".");
        if (Resolve() is not { } range) return BadRequest(Error!.Value.Message);
        var user = CurrentUser.Require(HttpContext);
        var view = insight.Run(user, range.From, range.To, ByTeam);
        await InsightPage.Audit(audit, user, AuditEventTypes.InsightExported, Purpose, "quality-" + table, range, view.AreaKind, TableFile.Extension(format));
        return InsightPage.File(Table(view, table), "quality-" + table, range, format);
    }

    private const string Purpose = "consistency of quality, counts only";

    private bool? ByTeam => By switch { "team" => true, "pdu" => false, _ => null };

    private MonthRange? Resolve()
    {
        var range = InsightPage.Range(From, To, clock, out var error);
        Error = error;
        return range;
    }

    /// <summary>A table's download link; <paramref name="format"/> is "csv" or "xlsx".</summary>
    public string TableLink(string table, string format) =>
        $"/insight/quality?handler={format}&table={table}&from={MonthRange.Month(View!.From)}&to={MonthRange.Month(View.To)}" + (By is "team" or "pdu" ? $"&by={By}" : "");

    public BarChart ChecklistChart => new("checklist", "Share of reviews meeting each checklist item",
        $"Of the quality reviews from {View!.From:MMMM yyyy} to {View.To:MMMM yyyy} in your area, the share where each item was met (of those it applied to). " +
        string.Join("; ", View.Items.Select(i => $"{QualityInsightView.Short(i.Item)}: {Share(i.ShareMet)}")) + ".",
        [.. View.Items.Select(i => new Bar(QualityInsightView.Short(i.Item), i.PercentMet, i.ShareMet == "[c]" ? "withheld" : i.ShareMet))]);

    public BarChart ThemesChart => new("themes", "Blockages named at conversations",
        $"Of the reflective conversations held from {View!.From:MMMM yyyy} to {View.To:MMMM yyyy} in your area, how many named each kind of blockage. " +
        string.Join("; ", View.Themes.Skip(1).Select(t => $"{t.Label}: {InsightPage.Words(t.Total)}")) + ".",
        [.. View.Themes.Skip(1).Select(t => new Bar(BarChart.ShortLabel(t.Label), t.Total.Withheld ? null : t.Total.Value, InsightPage.Words(t.Total)))]);

    private static string Share(string share) => share switch { "[c]" => "withheld (small numbers)", "–" => "none applicable", _ => share };

    /// <summary>One of the page's tables for download, withheld cells marked [c] as on the page.</summary>
    internal static DownloadTable Table(QualityInsightView view, string table) => table switch
    {
        "checklist" => new(
            ["Checklist item", "Reviews", .. QualityInsightView.Answers.Select(a => a.Label()), "Share met"],
            [.. view.Items.Select(i => (IReadOnlyList<Cell>)[Cell.Text(i.Item.Question()), Cell.Count(i.Reviews), .. i.Answers.Select(Cell.Count), Cell.Figure(i.ShareMet)])]),
        "areas" => new(
            [view.AreaKind, "Reviews", .. Checklist.Items.Select(i => QualityInsightView.Short(i) + " (share met)"), "All items (share met)"],
            [.. view.Areas.Append(view.Total).Select(a => (IReadOnlyList<Cell>)[Cell.Text(a.Name), Cell.Count(a.Reviews), .. a.ShareMet.Select(Cell.Figure), Cell.Figure(a.Overall)])]),
        "agreement" => new(
            ["Checklist item", "Double-reviewed cases", "Same answer", "Cohen's kappa", "Reading"],
            [.. view.Agreement.Select(a => (IReadOnlyList<Cell>)[Cell.Text(a.Label), Cell.Count(a.Cases), Cell.Figure(a.Observed), Cell.Figure(a.Kappa), Cell.Text(a.Reading)])]),
        _ => new(
            ["Blockage", .. view.Months.Select(m => m.ToString("MMM yyyy", CultureInfo.InvariantCulture)), "Total"],
            [.. view.Themes.Select(t => (IReadOnlyList<Cell>)[Cell.Text(t.Label), .. t.Months.Select(Cell.Count), Cell.Count(t.Total)])]),
    };
}
