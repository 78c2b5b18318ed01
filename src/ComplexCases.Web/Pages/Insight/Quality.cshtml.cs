using System.Globalization;
using ComplexCases.Application.Access;
using ComplexCases.Application.Audit;
using ComplexCases.Application.Insight;
using ComplexCases.Domain.Audit;
using ComplexCases.Domain.Workflow;
using ComplexCases.Web.Charts;
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
    public const int MaxMonths = 36;
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
        await Audit(user, AuditEventTypes.InsightViewed, "consistency of quality, counts only", "quality", range, View.AreaKind);
        return Page();
    }

    /// <summary>One of the page's tables as CSV, withheld cells marked [c] as on the page.</summary>
    public async Task<IActionResult> OnGetCsvAsync([FromQuery(Name = "table")] string? table)
    {
        if (table is null || !Tables.Contains(table)) return BadRequest("Choose a table: " + string.Join(", ", Tables) + ".");
        if (Resolve() is not { } range) return BadRequest(Error!.Value.Message);
        var user = CurrentUser.Require(HttpContext);
        var view = insight.Run(user, range.From, range.To, ByTeam);
        await Audit(user, AuditEventTypes.InsightExported, "consistency of quality, counts only", "quality-" + table, range, view.AreaKind);
        return File(Csv(view, table), "text/csv", $"quality-{table}-{MonthRange.Month(range.From)}-to-{MonthRange.Month(range.To)}.csv");
    }

    private bool? ByTeam => By switch { "team" => true, "pdu" => false, _ => null };

    private MonthRange? Resolve()
    {
        var range = MonthRange.Resolve(From, To, clock.GetUtcNow(), defaultMonths: 6, MaxMonths, out var error);
        Error = error;
        return range;
    }

    private Task Audit(StaffUser user, string type, string purpose, string table, MonthRange range, string areaKind) =>
        audit.AppendAsync(new AuditEntryRequest(user.Id, AuditAction.Disclosure, type, purpose)
        {
            Details = new AuditDetails().Add("table", table).Add("from", MonthRange.Month(range.From)).Add("to", MonthRange.Month(range.To))
                .Add("by", areaKind).ToString(),
        });

    public string CsvLink(string table) =>
        $"/insight/quality?handler=csv&table={table}&from={MonthRange.Month(View!.From)}&to={MonthRange.Month(View.To)}" + (By is "team" or "pdu" ? $"&by={By}" : "");

    public BarChart ChecklistChart => new("checklist", "Share of reviews meeting each checklist item",
        $"Of the quality reviews from {View!.From:MMMM yyyy} to {View.To:MMMM yyyy} in your area, the share where each item was met (of those it applied to). " +
        string.Join("; ", View.Items.Select(i => $"{QualityInsightView.Short(i.Item)}: {Share(i.ShareMet)}")) + ".",
        [.. View.Items.Select(i => new Bar(QualityInsightView.Short(i.Item), i.PercentMet, i.ShareMet == "[c]" ? "withheld" : i.ShareMet))]);

    public BarChart ThemesChart => new("themes", "Blockages named at conversations",
        $"Of the reflective conversations held from {View!.From:MMMM yyyy} to {View.To:MMMM yyyy} in your area, how many named each kind of blockage. " +
        string.Join("; ", View.Themes.Skip(1).Select(t => $"{t.Label}: {InsightCsv.Words(t.Total)}")) + ".",
        [.. View.Themes.Skip(1).Select(t => new Bar(ShortBlockage(t.Label), t.Total.Withheld ? null : t.Total.Value, InsightCsv.Words(t.Total)))]);

    private static string Share(string share) => share switch { "[c]" => "withheld (small numbers)", "–" => "none applicable", _ => share };

    /// <summary>Chart labels have room for about 22 characters; the full label is in the table and the description.</summary>
    private static string ShortBlockage(string label) => label.Length <= 22 ? label : label[..21].TrimEnd() + "…";

    private static byte[] Csv(QualityInsightView view, string table) => table switch
    {
        "checklist" => InsightCsv.Write(
            ["Checklist item", "Reviews", .. QualityInsightView.Answers.Select(a => a.Label()), "Share met"],
            view.Items.Select(i => (IEnumerable<string>)[InsightCsv.Text(i.Item.Question()), InsightCsv.Count(i.Reviews), .. i.Answers.Select(InsightCsv.Count), i.ShareMet])),
        "areas" => InsightCsv.Write(
            [view.AreaKind, "Reviews", .. Checklist.Items.Select(i => QualityInsightView.Short(i) + " (share met)"), "All items (share met)"],
            view.Areas.Append(view.Total).Select(a => (IEnumerable<string>)[InsightCsv.Text(a.Name), InsightCsv.Count(a.Reviews), .. a.ShareMet, a.Overall])),
        "agreement" => InsightCsv.Write(
            ["Checklist item", "Double-reviewed cases", "Same answer", "Cohen's kappa", "Reading"],
            view.Agreement.Select(a => (IEnumerable<string>)[InsightCsv.Text(a.Label), InsightCsv.Count(a.Cases), a.Observed, a.Kappa, InsightCsv.Text(a.Reading)])),
        _ => InsightCsv.Write(
            ["Blockage", .. view.Months.Select(m => m.ToString("MMM yyyy", CultureInfo.InvariantCulture)), "Total"],
            view.Themes.Select(t => (IEnumerable<string>)[InsightCsv.Text(t.Label), .. t.Months.Select(InsightCsv.Count), InsightCsv.Count(t.Total)])),
    };
}
