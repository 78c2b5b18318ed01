using System.Globalization;
using ComplexCases.Application.Evaluation;
using ComplexCases.Application.Insight;
using ComplexCases.Domain.Definitions;
using ComplexCases.Web.Charts;
using ComplexCases.Web.Downloads;
using ComplexCases.Web.Pages.Insight;

namespace ComplexCases.Web.Pages.Definitions;

/// <summary>
/// The compare page's charts, summaries and CSV downloads, all drawn from the one <see cref="ComparisonView"/> so the chart,
/// the sentence and the table beside it (and its download) cannot disagree. A withheld count is a gap or an empty bar.
/// </summary>
public static class CompareCharts
{
    public static readonly string[] Tables = ["overlap", "reasons", "combinations", "thresholds", "without", "stability", "stability-summary"];

    /// <summary>The first column's heading of each table.</summary>
    public static string RowHeading(string table) => table switch
    {
        "overlap" or "stability" => "Month",
        "reasons" => "What made the difference",
        "combinations" => "Criteria met",
        "thresholds" => "Threshold",
        "without" => "Criterion dropped",
        _ => "Figure",
    };

    public static ShownTable Table(ComparisonView view, string table) => table switch
    {
        "overlap" => view.Overlap,
        "reasons" => view.Reasons,
        "combinations" => view.Combinations,
        "thresholds" => view.Thresholds,
        "without" => view.Without,
        "stability" => view.Stability,
        _ => view.StabilitySummary,
    };

    /// <summary>A table as its downloads (CSV and XLSX) carry it: withheld cells are [c], as on the page.</summary>
    public static DownloadTable Download(ComparisonView view, string table)
    {
        var shown = Table(view, table);
        return new DownloadTable([RowHeading(table), .. shown.Columns],
            [.. shown.Rows.Select(r => (IReadOnlyList<Cell>)[Cell.Text(r.Label), .. r.Cells.Select(Cell.Count)])]);
    }

    private static int? Value(ShownCount c) => c.Withheld ? null : c.Value;

    private static string Words(ShownCount c) => InsightPage.Words(c);

    /// <summary>"all PDUs" or "PDU X": what every figure on the page is of.</summary>
    public static string Scope(ComparisonView v) => v.Pdu is null ? "all PDUs" : "PDU " + v.Pdu;

    private static IEnumerable<ShownRow> Body(ShownTable t, string total) => t.Rows.Where(r => r.Label != total);

    public static string ListedSummary(ComparisonView v)
    {
        var total = v.Overlap.Rows[^1];
        return $"Over {v.Months.Count} months in {Scope(v)}, A ({v.NameA}) listed {Words(total.Cells[1])} person-months and B ({v.NameB}) {Words(total.Cells[2])}. "
            + string.Join("; ", Body(v.Overlap, ComparisonView.Total).Select(r => $"{r.Label}: A {Words(r.Cells[1])}, B {Words(r.Cells[2])}")) + ".";
    }

    public static LineChart ListedChart(ComparisonView v)
    {
        var rows = Body(v.Overlap, ComparisonView.Total).ToList();
        var max = rows.Max(r => Math.Max(Value(r.Cells[1]) ?? 0, Value(r.Cells[2]) ?? 0));
        return new LineChart("listed", "Listed each month by A and by B", ListedSummary(v),
            [Series("A: " + v.NameA, rows, 1), Series("B: " + v.NameB, rows, 2)],
            MonthTicks(rows.Select(r => r.Label).ToList()), LineChart.CountTicks(max), "Month", "People listed");
    }

    public static string OverlapSummary(ComparisonView v)
    {
        var t = v.Overlap.Rows[^1].Cells;
        return $"Over the period, {Words(t[3])} person-months were listed by both; B added {Words(t[4])} that A does not list and dropped {Words(t[5])} that A lists.";
    }

    public static BarChart OverlapChart(ComparisonView v)
    {
        var t = v.Overlap.Rows[^1].Cells;
        return new BarChart("overlap", "Who B adds and drops compared with A", OverlapSummary(v),
            [Bar("Listed by both", t[3]), Bar("Added by B", t[4]), Bar("Dropped by B", t[5])]);
    }

    public static string ReasonSummary(ComparisonView v) => v.Reasons.Rows.Count == 0
        ? "A and B list the same people: no criterion makes a difference."
        : "Person-months added by B, and dropped by B, for whom each criterion weighs more under the definition that lists them: "
            + string.Join("; ", v.Reasons.Rows.Select(r => $"{r.Label}: {Words(r.Cells[0])} added, {Words(r.Cells[1])} dropped")) + ".";

    public static BarChart ReasonChart(ComparisonView v) => new("reasons", "Which criteria make the difference", ReasonSummary(v),
        [.. v.Reasons.Rows.SelectMany(r => new[] { Bar("+ " + Short(r.Label, 20), r.Cells[0]), Bar("− " + Short(r.Label, 20), r.Cells[1]) })]);

    public static string CombinationSummary(ComparisonView v) =>
        $"In {Scope(v)}, the combinations of criteria met by the people listed, most common first: "
        + string.Join("; ", v.Combinations.Rows.Take(v.CombinationMasks.Count).Select(r => $"{r.Label}: A {Words(r.Cells[0])}, B {Words(r.Cells[1])}")) + ".";

    public static UpSetChart CombinationChart(ComparisonView v)
    {
        var bits = v.CombinationMasks.Aggregate(0, (all, m) => all | m);
        return new UpSetChart("combinations", "Combinations of criteria among the listed", CombinationSummary(v),
            [.. v.CombinationMasks.Select((m, i) => new UpSetColumn(m, Value(v.Combinations.Rows[i].Cells[0]), Value(v.Combinations.Rows[i].Cells[1])))],
            [.. CriterionIds.All.Where(id => (bits & (1 << (int)id)) != 0).Select(id => ((int)id, ComparisonView.Criterion(id)))], v.NameA, v.NameB);
    }

    public static string ThresholdSummary(ComparisonView v) =>
        $"Person-months listed if the threshold were 4 to 8 (A's is {v.Report.A.Threshold}, B's {v.Report.B.Threshold}): "
        + string.Join("; ", v.Thresholds.Rows.Select(r => $"{r.Label}: A {Words(r.Cells[0])}, B {Words(r.Cells[1])}")) + ".";

    public static LineChart ThresholdChart(ComparisonView v)
    {
        var max = v.Thresholds.Rows.Max(r => Math.Max(Value(r.Cells[0]) ?? 0, Value(r.Cells[1]) ?? 0));
        var points = Enumerable.Range(0, v.Thresholds.Rows.Count).ToList();
        LineSeries Line(string name, int cell) => new(name, [.. points.Select(i => ((double)(ComparisonCell.FirstThreshold + i), (double?)Value(v.Thresholds.Rows[i].Cells[cell])))]);
        return new LineChart("thresholds", "Listed at each threshold", ThresholdSummary(v), [Line("A: " + v.NameA, 0), Line("B: " + v.NameB, 1)],
            [.. points.Select(i => new Tick(ComparisonCell.FirstThreshold + i, (ComparisonCell.FirstThreshold + i).ToString(CultureInfo.InvariantCulture)))],
            LineChart.CountTicks(max), "Threshold (score at least)", "People listed");
    }

    public static string WithoutSummary(ComparisonView v) =>
        "Person-months listed if one criterion were dropped (its weight taken away), each definition at its own threshold: "
        + string.Join("; ", v.Without.Rows.Select(r => $"without {r.Label}: A {Words(r.Cells[0])}, B {Words(r.Cells[1])}")) + ".";

    public static BarChart WithoutChart(ComparisonView v) => new("without", "Listed with each criterion dropped", WithoutSummary(v),
        [.. v.Without.Rows.SelectMany(r => new[] { Bar(Short(r.Label, 18) + " (A)", r.Cells[0]), Bar(Short(r.Label, 18) + " (B)", r.Cells[1]) })]);

    public static string StabilitySummary(ComparisonView v)
    {
        if (v.Stability.Rows.Count <= 1) return "One month only: there is no month before to compare with.";
        var t = v.Stability.Rows[^1].Cells;
        return $"From month to month in {Scope(v)}: under A, {Words(t[0])} entered the list (of whom {Words(t[2])} returned after leaving) and {Words(t[1])} left; "
            + $"under B, {Words(t[3])} entered ({Words(t[5])} returning) and {Words(t[4])} left.";
    }

    public static LineChart StabilityChart(ComparisonView v)
    {
        var rows = Body(v.Stability, ComparisonView.Total).ToList();
        var max = rows.Count == 0 ? 0 : rows.Max(r => r.Cells.Max(c => Value(c) ?? 0));
        return new LineChart("stability", "Entering and leaving the list each month", StabilitySummary(v),
            [Series("A entering", rows, 0), Series("A leaving", rows, 1), Series("B entering", rows, 3), Series("B leaving", rows, 4)],
            MonthTicks(rows.Select(r => r.Label).ToList()), LineChart.CountTicks(max), "Month", "People");
    }

    private static LineSeries Series(string name, IReadOnlyList<ShownRow> rows, int cell) =>
        new(name, [.. rows.Select((r, i) => ((double)i, (double?)Value(r.Cells[cell])))]);

    /// <summary>Month labels on the x axis; with many months, every other one (the table has them all).</summary>
    private static IReadOnlyList<Tick> MonthTicks(List<string> labels)
    {
        var every = labels.Count > 8 ? 2 : 1;
        return [.. labels.Select((l, i) => new Tick(i, i % every == 0 ? l : ""))];
    }

    /// <summary>Bar labels have room for about 22 characters; the full label is in the table and the description.</summary>
    private static Bar Bar(string label, ShownCount c) => new(Short(label, 22), Value(c), c.Withheld ? "withheld" : c.ToString());

    private static string Short(string label, int room) => label.Length <= room ? label : label[..(room - 1)].TrimEnd() + "…";
}

/// <summary>One of the compare page's tables, with what the partial needs to show it and link its download.</summary>
public sealed record CompareTable(string Name, string Caption, ShownTable Table, string CsvLink, string XlsxLink)
{
    public string RowHeading => CompareCharts.RowHeading(Name);
}
