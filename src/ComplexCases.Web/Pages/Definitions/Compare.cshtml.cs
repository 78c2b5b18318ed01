using ComplexCases.Application;
using ComplexCases.Application.Access;
using ComplexCases.Application.Audit;
using ComplexCases.Application.Evaluation;
using ComplexCases.Domain.Audit;
using ComplexCases.Domain.Workflow;
using ComplexCases.Web.Downloads;
using ComplexCases.Web.Pages.Insight;
using ComplexCases.Web.SignIn;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplexCases.Web.Pages.Definitions;

/// <summary>
/// Two stored definitions side by side over the stored months (issue 14), for all PDUs or one: the same comparison as
/// <c>complexcases compare</c> (audited as definitions.compared under the signed-in user), shown as counts with small
/// ones withheld; each table downloads as CSV (audited as insight.exported too). Charts and tables: <see cref="CompareCharts"/>.
/// </summary>
[Authorize(Policy = nameof(Permission.ViewAggregates))]
public sealed class CompareModel(DefinitionLab lab, DefinitionComparison comparison, GroupCommitAuditWriter audit) : PageModel
{
    [FromQuery(Name = "a")] public string? A { get; set; }
    [FromQuery(Name = "b")] public string? B { get; set; }
    [FromQuery(Name = "from")] public string? From { get; set; }
    [FromQuery(Name = "to")] public string? To { get; set; }
    [FromQuery(Name = "pdu")] public string? Pdu { get; set; }

    public IReadOnlyList<string> Definitions { get; private set; } = [];
    public ComparisonView? View { get; private set; }
    public IReadOnlyList<FieldError> Errors { get; private set; } = [];

    public void OnGet()
    {
        Definitions = lab.StoredDefinitions();
        if (A is null && B is null) return;
        var result = Run();
        if (result.Succeeded) View = result.Value;
        else Errors = result.Errors;
    }

    /// <summary>One of the page's tables as CSV, withheld cells marked [c] as on the page.</summary>
    public Task<IActionResult> OnGetCsvAsync([FromQuery(Name = "table")] string? table) => Download(table, TableFormat.Csv);

    /// <summary>The same table as an XLSX workbook.</summary>
    public Task<IActionResult> OnGetXlsxAsync([FromQuery(Name = "table")] string? table) => Download(table, TableFormat.Xlsx);

    private async Task<IActionResult> Download(string? table, TableFormat format)
    {
        if (table is null || !CompareCharts.Tables.Contains(table)) return BadRequest("Choose a table: " + string.Join(", ", CompareCharts.Tables) + ".");
        Definitions = lab.StoredDefinitions();
        var result = Run();
        if (!result.Succeeded) return BadRequest(result.Error);
        var extension = TableFile.Extension(format);
        await audit.AppendAsync(new AuditEntryRequest(CurrentUser.Require(HttpContext).Id, AuditAction.Disclosure, AuditEventTypes.InsightExported,
            "comparing complex-case definitions, counts only")
        {
            Details = new AuditDetails().Add("table", "compare-" + table).Add("a", A ?? "").Add("b", B ?? "").Add("from", From ?? "").Add("to", To ?? "")
                .Add("pdu", Pdu ?? "").Add("format", extension).ToString(),
        });
        var download = CompareCharts.Download(result.Value, table);
        return TableFile.Of(download, $"compare-{table}", format);
    }

    private UseCaseResult<ComparisonView> Run() =>
        comparison.Run(CurrentUser.Require(HttpContext), Definitions, new ComparisonChoice(A, B, From, To, Pdu), HttpContext.RequestAborted);

    /// <summary>A table's download link; <paramref name="format"/> is "csv" or "xlsx".</summary>
    public string TableLink(string table, string format) => WithChoice($"/definitions/compare?handler={format}&table={table}");

    private string WithChoice(string start) =>
        start + string.Concat(new[] { ("a", A), ("b", B), ("from", From), ("to", To), ("pdu", Pdu) }
            .Where(p => !string.IsNullOrEmpty(p.Item2)).Select(p => $"&{p.Item1}={Uri.EscapeDataString(p.Item2!)}"));
}
