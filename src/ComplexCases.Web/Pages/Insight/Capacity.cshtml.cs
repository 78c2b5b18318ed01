using System.Globalization;
using ComplexCases.Application.Access;
using ComplexCases.Application.Audit;
using ComplexCases.Application.Insight;
using ComplexCases.Domain.Audit;
using ComplexCases.Domain.Insight;
using ComplexCases.Web.Charts;
using ComplexCases.Web.Downloads;
using ComplexCases.Web.SignIn;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplexCases.Web.Pages.Insight;

/// <summary>
/// Capacity planning: observed rates of each step in the user's area and a monthly forecast for three scenarios side by side,
/// in cases, staff hours and panel meetings, with ranges. Binds the form, takes the defaults (options bound from the
/// configuration section <c>Capacity</c>, checked at start: CapacitySetup), and audits the view and the downloads.
/// </summary>
[Authorize(Policy = nameof(Permission.ViewAggregates))]
public sealed class CapacityModel(CapacityInsight insight, TimeProvider clock, GroupCommitAuditWriter audit,
    Microsoft.Extensions.Options.IOptions<CapacityOptions> defaults) : PageModel
{
    public const int MaxMonths = InsightPage.MaxMonths;
    public const int Scenarios = 3;
    public static readonly string[] Tables = ["observed", "forecast"];
    public static readonly string[] StepKeys = ["listing", "conversation", "escalation", "triage", "panel", "action"];

    public CapacityOptions Defaults { get; } = defaults.Value;

    public CapacityInsightView? View { get; private set; }
    public List<(string Field, string Message)> Errors { get; } = [];

    /// <summary>A form value as sent (for showing back), or null.</summary>
    public string? Value(string name) => Request.Query.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v) ? v.ToString().Trim() : null;

    public async Task<IActionResult> OnGetAsync()
    {
        if (Resolve() is not { } asked) return Page();
        var user = CurrentUser.Require(HttpContext);
        View = insight.Run(user, asked.Range.From, asked.Range.To, asked.Workload, asked.Scenarios, Defaults);
        await InsightPage.Audit(audit, user, AuditEventTypes.InsightViewed, Purpose, "capacity", asked.Range);
        return Page();
    }

    /// <summary>One of the page's tables as CSV, withheld cells marked [c] as on the page.</summary>
    public Task<IActionResult> OnGetCsvAsync([FromQuery(Name = "table")] string? table) => Download(table, TableFormat.Csv);

    /// <summary>The same table as an XLSX workbook.</summary>
    public Task<IActionResult> OnGetXlsxAsync([FromQuery(Name = "table")] string? table) => Download(table, TableFormat.Xlsx);

    private const string Purpose = "capacity planning, counts only";

    private async Task<IActionResult> Download(string? table, TableFormat format)
    {
        if (table is null || !Tables.Contains(table)) return BadRequest("Choose a table: " + string.Join(", ", Tables) + ".");
        if (Resolve() is not { } asked) return BadRequest(string.Join(" ", Errors.Select(e => e.Message)));
        var user = CurrentUser.Require(HttpContext);
        var view = insight.Run(user, asked.Range.From, asked.Range.To, asked.Workload, asked.Scenarios, Defaults);
        await InsightPage.Audit(audit, user, AuditEventTypes.InsightExported, Purpose, "capacity-" + table, asked.Range, format: TableFile.Extension(format));
        return InsightPage.File(Table(view, table), "capacity-" + table, asked.Range, format);
    }

    private sealed record Asked(MonthRange Range, Workload Workload, IReadOnlyList<ScenarioRequest> Scenarios);

    private Asked? Resolve()
    {
        var range = InsightPage.Range(Value("from"), Value("to"), clock, out var error);
        if (error is { } e) Errors.Add(e);
        var minutes = new Dictionary<CapacityStep, double>();
        foreach (var step in CapacityForecast.Steps)
            minutes[step] = Number($"m-{StepKeys[(int)step]}", $"the minutes for {CapacityInsightView.Label(step).ToLowerInvariant()}", 0, 10_000) ?? Defaults.MinutesFor(step);
        var perMeeting = (int?)Number("per-meeting", "the cases a meeting can discuss", 1, 100, whole: true) ?? Defaults.CasesPerMeeting;
        var scenarios = new List<ScenarioRequest>();
        for (var n = 1; n <= Scenarios; n++)
        {
            var where = Value($"s{n}-where") switch
            {
                "observed" => Footprint.Observed,
                "region" => Footprint.Region,
                "national" => Footprint.EnglandAndWales,
                "pdus" => Footprint.Pdus,
                null => DefaultFootprint(n),
                _ => Invalid<Footprint>($"s{n}-where", $"Choose where scenario {n} applies"),
            };
            var region = Value($"s{n}-region");
            if (where == Footprint.Region && region is null) Errors.Add(($"s{n}-region", $"Choose the region for scenario {n}"));
            scenarios.Add(new ScenarioRequest(Value($"s{n}-name") is { Length: <= 60 } name ? name : DefaultName(n), where, region,
                (int?)Number($"s{n}-pdus", $"the number of PDUs for scenario {n}", 1, 500, whole: true),
                (int?)Number($"s{n}-population", $"the people screened a month for scenario {n}", 0, 10_000_000, whole: true),
                Number($"s{n}-listing", $"the listing rate for scenario {n}", 0, 1000),
                Number($"s{n}-escalation", $"the escalation rate for scenario {n}", 0, 100)));
        }
        return Errors.Count == 0 && range is not null
            ? new Asked(range, new Workload(minutes, perMeeting), scenarios)
            : null;
    }

    public static Footprint DefaultFootprint(int n) => n switch { 1 => Footprint.Observed, 2 => Footprint.Pdus, _ => Footprint.EnglandAndWales };

    public static string DefaultName(int n) => n switch { 1 => "As observed", 2 => "Twice the PDUs", _ => "England and Wales" };

    private T Invalid<T>(string field, string message) where T : struct
    {
        Errors.Add((field, message));
        return default;
    }

    private double? Number(string field, string what, double min, double max, bool whole = false)
    {
        if (Value(field) is not { } text) return null;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            && (!whole || Math.Abs(value - Math.Round(value)) < 1e-9))
            return value;
        Errors.Add((field, $"Enter {what} as a {(whole ? "whole number" : "number")} from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString("N0", CultureInfo.InvariantCulture)}"));
        return null;
    }

    /// <summary>The same query with a download handler ("csv" or "xlsx") and table: the download matches what the page shows.</summary>
    public string TableLink(string table, string format) =>
        "/insight/capacity?" + string.Join("&", Request.Query.Where(q => q.Key is not ("handler" or "table"))
            .Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value.ToString())}")
            .Prepend($"table={table}").Prepend($"handler={format}"));

    public static string Number(double value) => value.ToString(value >= 100 ? "N0" : "0.#", CultureInfo.InvariantCulture);

    public static string Range(Interval i) => $"{Number(i.Estimate)} ({Number(i.Low)} to {Number(i.High)})";

    public BarChart HoursChart => new("capacity-hours", "Staff hours a month, by scenario",
        "The forecast staff hours a month at every step of the process together, for each scenario, with the range the rates' intervals give: " +
        string.Join("; ", View!.Scenarios.Select(s => $"{s.Forecast.Scenario.Name}: {Hours(s)}")) + ".",
        [.. View.Scenarios.Select(s => new Bar(BarChart.ShortLabel(s.Forecast.Scenario.Name), s.Withheld.Any(w => w) ? null : (int)Math.Round(s.Forecast.StaffHours.Estimate), Hours(s)))]);

    public static string Hours(ScenarioShown s) => s.Withheld.Any(w => w) ? "withheld (small numbers)" : Range(s.Forecast.StaffHours) + " hours";

    /// <summary>One of the page's tables for download, withheld cells marked [c] as on the page.</summary>
    internal static DownloadTable Table(CapacityInsightView view, string table) => table switch
    {
        "observed" => new(["Step", "Observed", "Rate", "95% interval"],
            [.. view.Observed.Select(o => (IReadOnlyList<Cell>)[Cell.Text(CapacityInsightView.Label(o.Step)), Cell.Count(o.Count), Cell.Text(o.RateText), Cell.Text(o.IntervalText)])]),
        _ => new(["Scenario", "Footprint", "Step", "Measure", "Estimate", "Low", "High"],
            [.. view.Scenarios.SelectMany(s => s.Forecast.Steps.SelectMany(step =>
                    new[] { ("Cases a month", step.PerMonth), ("Staff hours a month", step.StaffHours) }.Select(m =>
                        (IReadOnlyList<Cell>)[Cell.Text(s.Forecast.Scenario.Name), Cell.Text(s.Footprint), Cell.Text(CapacityInsightView.Label(step.Step)),
                            Cell.Text(m.Item1), .. Figures(m.Item2, s.Withheld[(int)step.Step])]))
                .Append([Cell.Text(s.Forecast.Scenario.Name), Cell.Text(s.Footprint), Cell.Text("All steps"), Cell.Text("Staff hours a month"),
                    .. Figures(s.Forecast.StaffHours, s.Withheld.Any(w => w))])
                .Append([Cell.Text(s.Forecast.Scenario.Name), Cell.Text(s.Footprint), Cell.Text("Panel"), Cell.Text("Meetings a month"),
                    .. Figures(s.Forecast.PanelMeetings, s.Withheld[(int)CapacityStep.PanelCase])]))]),
    };

    private static Cell[] Figures(Interval i, bool withheld) => withheld
        ? [Cell.Text(Cell.Withheld), Cell.Text(Cell.Withheld), Cell.Text(Cell.Withheld)]
        : [.. new[] { i.Estimate, i.Low, i.High }.Select(v => Cell.Figure(Math.Round(v, 1).ToString("0.#", CultureInfo.InvariantCulture)))];
}
