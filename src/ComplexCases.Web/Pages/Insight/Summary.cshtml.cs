using System.Globalization;
using ComplexCases.Application.Access;
using ComplexCases.Application.Audit;
using ComplexCases.Application.Insight;
using ComplexCases.Domain.Workflow;
using ComplexCases.Web.Downloads;
using ComplexCases.Web.Insight;
using ComplexCases.Web.SignIn;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplexCases.Web.Pages.Insight;

/// <summary>
/// The month summary report: without a month, a form to choose one (and a PDU); with a valid month, the PDF of the insight
/// pages' headline tables for it, suppressed as they are. The download is an export, so audited; a bad month or PDU is
/// shown back with a GOV.UK error summary.
/// </summary>
[Authorize(Policy = nameof(Permission.ViewAggregates))]
public sealed class SummaryModel(MonthSummary summary, TimeProvider clock, GroupCommitAuditWriter audit) : PageModel
{
    [FromQuery(Name = "month")] public string? Month { get; set; }
    [FromQuery(Name = "pdu")] public string? Pdu { get; set; }

    public (string Field, string Message)? Error { get; private set; }

    /// <summary>The month offered when none is chosen: this one.</summary>
    public string ThisMonth => MonthRange.Month(FirstOf(WorkingCalendar.UkDate(clock.GetUtcNow())));

    public async Task<IActionResult> OnGetAsync()
    {
        if (Month is null && Pdu is null) return Page();
        if (Parse() is not { } month) return Page();
        var pdu = string.IsNullOrWhiteSpace(Pdu) ? null : Pdu.Trim().ToUpperInvariant();
        var user = CurrentUser.Require(HttpContext);
        var result = summary.Run(user, month, pdu);
        if (!result.Succeeded)
        {
            Error = ("pdu", result.Error);
            return Page();
        }
        var range = new MonthRange(month, month.AddMonths(1).AddDays(-1));
        await InsightPage.Audit(audit, user, AuditEventTypes.InsightExported, "month summary report, counts only", "month-summary", range,
            by: pdu is null ? null : "PDU " + pdu, format: "pdf");
        var name = $"month-summary-{MonthRange.Month(month)}{(pdu is null ? "" : "-" + pdu)}.pdf";
        return File(Report(result.Value), MonthSummaryPdf.ContentType, name);
    }

    private DateOnly? Parse()
    {
        if (Pdu is { } p && (p.Trim().Length is 0 or > 20 || !p.Trim().All(char.IsAsciiLetterOrDigit)))
        {
            Error = ("pdu", "Enter a PDU code in letters and digits, for example EOENFK, or leave it empty for your whole area.");
            return null;
        }
        if (Month is { } m && DateOnly.TryParseExact(m.Trim() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month)
            && month.Year is >= 2000 and <= 2100)
            return month;
        Error = ("month", "Enter the month as a year and month, for example 2026-03.");
        return null;
    }

    private static DateOnly FirstOf(DateOnly day) => new(day.Year, day.Month, 1);

    /// <summary>The report's sections: the same table models the pages download, for the chosen month.</summary>
    internal static byte[] Report(MonthSummaryView view)
    {
        var month = view.Month.ToString("MMMM yyyy", CultureInfo.InvariantCulture);
        var listed = new DownloadTable(["PDU", "Complex", "Possibly complex"],
            [.. view.Pdus.Append(view.Total).Select(p => (IReadOnlyList<Cell>)[Cell.Text(p.Name), Cell.Count(p.Complex), Cell.Count(p.PossiblyComplex)])]);
        var criteria = new DownloadTable(["Criterion", "People meeting it"],
            [.. view.Criteria.Select(c => (IReadOnlyList<Cell>)[Cell.Text(c.Label), Cell.Count(c.Met)])]);
        ReportSection[] sections =
        [
            new("Listed", view.AsOf is { } asOf
                ? $"The month's list (screened on {asOf:d MMMM yyyy}, the operational definition), per PDU."
                : $"No screening run of the operational definition in {month}.", listed),
            new("Criteria met", $"How many of the {view.People:N0} people screened that month in {view.Area} meet each criterion.", criteria),
            new("The process", $"How far the complex cases listed in {month} got (by {view.Process.AreaKind}).", ProcessModel.Table(view.Process)),
            new("Quality", $"The QDO quality reviews made in {month}: the answers to each checklist item, and the share meeting it.", QualityModel.Table(view.Quality, "checklist")),
            new("Expertise at panel", $"Of the cases discussed at panel meetings held in {month}, for each agency, those needing its expertise and the share that had it present.",
                ExpertiseModel.Table(view.Expertise, "agencies")),
        ];
        return MonthSummaryPdf.Write($"Complex cases: month summary, {month}", $"Area: {view.Area}. Counts only: no one on probation is named.", sections,
            "[c]: withheld, a count of 1 to 4 people, or a second count that with a shown total would give the first away. –: nothing to divide by.");
    }
}
