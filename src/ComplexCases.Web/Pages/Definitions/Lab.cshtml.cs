using System.Globalization;
using ComplexCases.Application;
using ComplexCases.Application.Access;
using ComplexCases.Application.Audit;
using ComplexCases.Application.Evaluation;
using ComplexCases.Domain.Audit;
using ComplexCases.Web.Charts;
using ComplexCases.Web.Downloads;
using ComplexCases.Web.SignIn;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplexCases.Web.Pages.Definitions;

/// <summary>
/// The definitions lab for analysts (issue 14): a stored definition judged against imported outcomes over the stored
/// months, the figures of outcomes.md with every cell under 5 people withheld. Aggregates only; the evaluation is
/// audited (definition.evaluated) under the signed-in user, as on the command line.
/// </summary>
[Authorize(Policy = nameof(Permission.ViewAggregates))]
public sealed class LabModel(DefinitionLab lab, GroupCommitAuditWriter audit) : PageModel
{
    public static readonly string[] Tables = ["figures", "roc"];

    public static IReadOnlyList<int> Windows => DefinitionLab.Windows;

    public IReadOnlyList<string> Definitions { get; private set; } = [];
    public string? Definition { get; private set; }
    public int Window { get; private set; } = 6;
    public EvaluationReport? Report { get; private set; }
    public IReadOnlyList<ShownFigure> Figures { get; private set; } = [];
    public string? Error { get; private set; }

    public void OnGet(string? definition, int? window)
    {
        Definitions = lab.StoredDefinitions();
        if (definition is null) return;
        Window = window ?? 6;
        var result = lab.Run(CurrentUser.Require(HttpContext), Definitions, definition, Window, HttpContext.RequestAborted);
        // A refused choice (its error is on the definition or window field) leaves no definition chosen; once the choice is
        // valid the page names the definition evaluated, even when the evaluation itself is refused.
        if (result.Errors.All(e => e.Field == UseCaseResult<EvaluationReport>.FormField)) Definition = definition;
        if (!result.Succeeded)
        {
            Error = result.Error;
            return;
        }
        Report = result.Value;
        Figures = SuppressedFigures.Of(result.Value.Figures);
        Roc = ShownRoc.Of(result.Value.Figures);
    }

    /// <summary>The figures or the ROC points as CSV, withheld as on the page (the evaluation is audited again, and the download too).</summary>
    public Task<IActionResult> OnGetCsvAsync(string? definition, int? window, string? table) => Download(definition, window, table, TableFormat.Csv);

    /// <summary>The same table as a spreadsheet (numbers as numbers), from the same table model as the CSV.</summary>
    public Task<IActionResult> OnGetXlsxAsync(string? definition, int? window, string? table) => Download(definition, window, table, TableFormat.Xlsx);

    private async Task<IActionResult> Download(string? definition, int? window, string? table, TableFormat format)
    {
        if (table is null || !Tables.Contains(table)) return BadRequest("Choose a table: " + string.Join(", ", Tables) + ".");
        var user = CurrentUser.Require(HttpContext);
        Definitions = lab.StoredDefinitions();
        var result = lab.Run(user, Definitions, definition ?? "", window ?? 6, HttpContext.RequestAborted);
        if (!result.Succeeded) return BadRequest(result.Error);
        await audit.AppendAsync(new AuditEntryRequest(user.Id, AuditAction.Disclosure, AuditEventTypes.InsightExported, "evaluating a complex-case definition, counts only")
        {
            Details = new AuditDetails().Add("table", "lab-" + table).Add("definition", definition ?? "").Add("window", (window ?? 6).ToString(CultureInfo.InvariantCulture))
                .Add("format", TableFile.Extension(format)).ToString(),
        });
        var download = table == "figures"
            ? new DownloadTable(["Figure", "Value"], [.. SuppressedFigures.Of(result.Value.Figures).Select(f => (IReadOnlyList<Cell>)[Cell.Text(f.Label), Cell.Figure(f.Suppressed ? Cell.Withheld : f.Text)])])
            : new DownloadTable(["Score at least", "False-positive rate", "True-positive rate"], [.. ShownRoc.Of(result.Value.Figures).Select(p => (IReadOnlyList<Cell>)[
                Cell.Whole(p.ScoreAtLeast), Cell.Figure(Rate(p.FalsePositiveRate)), Cell.Figure(Rate(p.TruePositiveRate))])]);
        return TableFile.Of(download, $"lab-{table}", format);
    }

    public string CsvLink(string table) => DownloadLink(table, "csv");

    public string XlsxLink(string table) => DownloadLink(table, "xlsx");

    private string DownloadLink(string table, string handler) =>
        $"/definitions/lab?handler={handler}&table={table}&definition={Uri.EscapeDataString(Definition ?? "")}&window={Window.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The ROC points shown (coarsened where a point would give away fewer than 5 people; none when the AUC is withheld).</summary>
    public IReadOnlyList<RocPoint> Roc { get; private set; } = [];

    public string RocSummary => Roc.Count == 0
        ? "No curve: it needs at least 5 person-months with an outcome and 5 without (and some score to tell them apart)."
        : $"Each point lists everyone scoring at least a given score: across, the share of those without an outcome listed (false positives); up, the share of those with one (true positives). "
            + $"The diagonal is a score no better than chance. The AUC, the area under the curve, is {Figures.Single(f => f.Label.StartsWith("AUC", StringComparison.Ordinal)).Text}. "
            + "Listing everyone with a " + string.Join("; ", Roc.Select(p => $"score of {p.ScoreAtLeast} or more: {Rate(p.FalsePositiveRate)} false, {Rate(p.TruePositiveRate)} true")) + ".";

    public LineChart RocChart => new("roc", "ROC curve of the score", RocSummary,
        [new LineSeries("The score (" + Definition + ")", [(0, 0), .. Roc.Select(p => (p.FalsePositiveRate, (double?)p.TruePositiveRate))])],
        Ticks, Ticks, "False-positive rate", "True-positive rate") { Reference = "Chance (no better than a coin)" };

    private static readonly Tick[] Ticks = [.. Enumerable.Range(0, 5).Select(i => new Tick(i / 4.0, (i / 4.0).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)))];

    private static string Rate(double value) => value.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture);
}
