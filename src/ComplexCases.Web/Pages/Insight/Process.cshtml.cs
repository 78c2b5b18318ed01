using ComplexCases.Application.Access;
using ComplexCases.Application.Audit;
using ComplexCases.Application.Insight;
using ComplexCases.Web.Charts;
using ComplexCases.Web.Downloads;
using ComplexCases.Web.SignIn;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplexCases.Web.Pages.Insight;

/// <summary>
/// The pilot seen working: how far the cases listed in chosen months got through the process, per PDU (or team), with
/// the timescales met. Counts only, small ones withheld. The view is audited, and so is each download (an export).
/// </summary>
[Authorize(Policy = nameof(Permission.ViewAggregates))]
public sealed class ProcessModel(ProcessInsight insight, TimeProvider clock, GroupCommitAuditWriter audit) : PageModel
{
    public const int MaxMonths = InsightPage.MaxMonths;
    private const string Purpose = "process funnel, counts only";

    [FromQuery(Name = "from")] public string? From { get; set; }
    [FromQuery(Name = "to")] public string? To { get; set; }

    public ProcessInsightView? View { get; private set; }
    public string? Error { get; private set; }
    public string? ErrorField { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (Resolve() is not { } range) return Page();
        var user = CurrentUser.Require(HttpContext);
        View = insight.Run(user, range.From, range.To);
        await InsightPage.Audit(audit, user, AuditEventTypes.InsightViewed, Purpose, "process", range, View.AreaKind);
        return Page();
    }

    /// <summary>The same table as CSV, withheld cells marked [c] as on the page.</summary>
    public Task<IActionResult> OnGetCsvAsync() => Download(TableFormat.Csv);

    /// <summary>The same table as an XLSX workbook.</summary>
    public Task<IActionResult> OnGetXlsxAsync() => Download(TableFormat.Xlsx);

    private async Task<IActionResult> Download(TableFormat format)
    {
        if (Resolve() is not { } range) return BadRequest(Error!);
        var user = CurrentUser.Require(HttpContext);
        var view = insight.Run(user, range.From, range.To);
        await InsightPage.Audit(audit, user, AuditEventTypes.InsightExported, Purpose, "process-funnel", range, view.AreaKind, TableFile.Extension(format));
        return InsightPage.File(Table(view), "process-funnel", range, format);
    }

    public BarChart Chart => new("funnel", "Cases through the process",
        $"Of the complex cases listed from {View!.From:MMMM yyyy} to {View.To:MMMM yyyy} in your area, how many reached each stage. " +
        string.Join("; ", ProcessInsightView.Stages.Select((s, i) => $"{ProcessInsightView.Label(s)}: {InsightPage.Words(View.Total.Stages[i])}")) + ".",
        [.. ProcessInsightView.Stages.Select((s, i) => new Bar(ProcessInsightView.Label(s),
            View.Total.Stages[i].Withheld ? null : View.Total.Stages[i].Value, InsightPage.Words(View.Total.Stages[i])))]);

    /// <summary>The table's download link; <paramref name="format"/> is "csv" or "xlsx" (the page has one table).</summary>
    public string TableLink(string table, string format) => $"/insight/process?handler={format}&from={Month(View!.From)}&to={Month(View.To)}";

    public static string Month(DateOnly month) => MonthRange.Month(month);

    private MonthRange? Resolve()
    {
        var range = InsightPage.Range(From, To, clock, out var error);
        (Error, ErrorField) = (error?.Message, error?.Field);
        return range;
    }

    /// <summary>The page's table for download, withheld cells marked [c] as on the page.</summary>
    internal static DownloadTable Table(ProcessInsightView view) => new(
        [view.AreaKind, .. ProcessInsightView.Stages.Select(ProcessInsightView.Label), "Conversations on time", "Triages on time", "Median working days to conversation"],
        [.. view.Areas.Append(view.Total).Select(row => (IReadOnlyList<Cell>)[Cell.Text(row.Name), .. row.Stages.Select(Cell.Count),
            Cell.Figure(row.ConversationsOnTime), Cell.Figure(row.TriagesOnTime), Cell.Figure(row.MedianDaysToConversation)])]);
}
