using ComplexCases.Application.Access;
using ComplexCases.Application.Audit;
using ComplexCases.Application.Insight;
using ComplexCases.Domain.Audit;
using ComplexCases.Web.Downloads;
using Microsoft.AspNetCore.Mvc;

namespace ComplexCases.Web.Insight;

/// <summary>
/// The list trend's two tables (listed each month; criteria met in the latest month) as CSV or XLSX, withheld as on the page,
/// audited as exports. The service's trend is downloaded from /runs (who may see runs), an area's from /insight/trend (who
/// may see aggregates): the same people who see the tables.
/// </summary>
internal static class ListTrendDownload
{
    public const string Purpose = "the monthly list's counts over time, counts only";

    public static string Link(bool wholeService, string table, TableFormat format) =>
        (wholeService ? "/runs?handler=trend&" : "/insight/trend?") + $"table={table}&format={TableFile.Extension(format)}";

    public static async Task<IActionResult> FileAsync(ListTrendView? view, string? table, string? format, GroupCommitAuditWriter audit, StaffUser user)
    {
        if (table is not ("listed" or "criteria")) return new BadRequestObjectResult("Choose a table: listed or criteria.");
        if (format is not ("csv" or "xlsx")) return new BadRequestObjectResult("Choose a format: csv or xlsx.");
        if (view is null || view.Months.Count == 0) return new NotFoundObjectResult("There is no stored run to count yet.");
        var download = table == "listed"
            ? new DownloadTable(["Month", "Complex", "Possibly complex"], [.. view.Months.Select(m => (IReadOnlyList<Cell>)[
                Cell.Text(m.AsOf.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)), Cell.Count(m.Complex), Cell.Count(m.PossiblyComplex)])])
            : new DownloadTable(["Criterion", "People meeting it"], [.. view.Criteria.Select(c => (IReadOnlyList<Cell>)[Cell.Text(c.Label), Cell.Count(c.Met)])]);
        await audit.AppendAsync(new AuditEntryRequest(user.Id, AuditAction.Disclosure, AuditEventTypes.InsightExported, Purpose)
        {
            Details = new AuditDetails().Add("table", "list-trend-" + table).Add("area", view.Area).Add("format", format).ToString(),
        });
        return TableFile.Of(download, $"list-trend-{table}", format == "xlsx" ? TableFormat.Xlsx : TableFormat.Csv);
    }
}
