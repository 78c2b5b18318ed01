using System.Globalization;
using ComplexCases.Application.Access;
using ComplexCases.Application.Audit;
using ComplexCases.Application.Insight;
using ComplexCases.Domain.Audit;
using ComplexCases.Domain.Panels;
using ComplexCases.Web.Charts;
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
    public const int MaxMonths = 36;
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
        await Audit(user, AuditEventTypes.InsightViewed, "expertise", range);
        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync([FromQuery(Name = "table")] string? table)
    {
        if (table is null || !Tables.Contains(table)) return BadRequest("Choose a table: " + string.Join(", ", Tables) + ".");
        if (Resolve() is not { } range) return BadRequest(Error!.Value.Message);
        var user = CurrentUser.Require(HttpContext);
        var view = insight.Run(user, range.From, range.To);
        await Audit(user, AuditEventTypes.InsightExported, "expertise-" + table, range);
        return File(Csv(view, table), "text/csv", $"expertise-{table}-{MonthRange.Month(range.From)}-to-{MonthRange.Month(range.To)}.csv");
    }

    private MonthRange? Resolve()
    {
        var range = MonthRange.Resolve(From, To, clock.GetUtcNow(), defaultMonths: 6, MaxMonths, out var error);
        Error = error;
        return range;
    }

    private Task Audit(StaffUser user, string type, string table, MonthRange range) =>
        audit.AppendAsync(new AuditEntryRequest(user.Id, AuditAction.Disclosure, type, "expertise at panel, counts only")
        {
            Details = new AuditDetails().Add("table", table).Add("from", MonthRange.Month(range.From)).Add("to", MonthRange.Month(range.To)).ToString(),
        });

    public string CsvLink(string table) =>
        $"/insight/expertise?handler=csv&table={table}&from={MonthRange.Month(View!.From)}&to={MonthRange.Month(View.To)}";

    public BarChart Chart => new("expertise", "Needed expertise present at panel, by agency",
        $"Of the cases discussed at panel meetings from {View!.From:MMMM yyyy} to {View.To:MMMM yyyy} in your area, for each agency, the share of the cases needing its expertise that had someone from it present. " +
        string.Join("; ", View.Agencies.Select(a => $"{a.Agency.Label()}: {Words(a)}")) + ".",
        [.. View.Agencies.Select(a => new Bar(Short(a.Agency.Label()), a.Percent ?? (a.Needing.Value == 0 ? 0 : null), Words(a)))]);

    private static string Words(AgencyCoverageRow row) => row.Share switch
    {
        "[c]" => "withheld",
        "–" => "not needed",
        var share => $"{share} of {row.Needing}",
    };

    private static string Short(string label) => label.Length <= 22 ? label : label[..21].TrimEnd() + "…";

    public static string Sentence(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    public static string MonthText(DateOnly? month) => month is { } m ? m.ToString("MMM yyyy", CultureInfo.InvariantCulture) : "All months";

    private static byte[] Csv(ExpertiseInsightView view, string table) => table switch
    {
        "agencies" => InsightCsv.Write(["Agency", "Cases needing it", "With it present", "Share present"],
            view.Agencies.Select(a => (IEnumerable<string>)[InsightCsv.Text(a.Agency.Label()), InsightCsv.Count(a.Needing), InsightCsv.Count(a.Present), a.Share])),
        _ => InsightCsv.Write(
            ["PDU", "Month", "Cases discussed", "Needing expertise", "All of it present", "Share all present", .. ExpertiseInsightView.AgencyColumns.Select(a => a.Label() + " (share present)")],
            view.Rows.Append(view.Total).Select(r => (IEnumerable<string>)[InsightCsv.Text(r.Name), InsightCsv.Text(MonthText(r.Month)), InsightCsv.Count(r.Discussed),
                InsightCsv.Count(r.NeedingAny), InsightCsv.Count(r.AllPresent), r.ShareAllPresent, .. r.ShareByAgency])),
    };
}
