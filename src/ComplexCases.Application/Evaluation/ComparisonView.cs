using System.Globalization;
using ComplexCases.Application.Insight;
using ComplexCases.Domain.Definitions;

namespace ComplexCases.Application.Evaluation;

/// <summary>
/// A <see cref="ComparisonReport"/> as the compare page and its downloads show it, for one PDU or all: every table of
/// counts of people with small counts withheld (<see cref="CountGrid"/>). Figures over the period are person-months: a
/// person listed in three months counts three times. Every table, criteria combinations and the stability summary included,
/// is of the chosen PDU when there is one.
/// </summary>
public sealed record ComparisonView(ComparisonReport Report, IReadOnlyList<string> Pdus, string? Pdu, IReadOnlyList<DateOnly> Months,
    ShownTable Overlap, ShownTable Reasons, ShownTable Combinations, IReadOnlyList<int> CombinationMasks, ShownTable Thresholds,
    ShownTable Without, ShownTable Stability, ShownTable StabilitySummary)
{
    public const string Total = "All months";
    public const string Other = "Other combinations";
    public const int ShownCombinations = 10;
    public static readonly string[] OverlapColumns = ["People screened", "Listed by A", "Listed by B", "Listed by both", "Added by B", "Dropped by B"];
    public static readonly string[] StabilityColumns = ["A entering", "A leaving", "A returning", "B entering", "B leaving", "B returning"];

    public string NameA => Name(Report.A);
    public string NameB => Name(Report.B);

    public static string Name(Definition d) => $"{d.Id} v{d.Version}";

    public static string MonthLabel(DateOnly asOf) => asOf.ToString("MMM yyyy", CultureInfo.InvariantCulture);

    public static string Criterion(CriterionId id) => id switch
    {
        CriterionId.Rosh => "High RoSH",
        CriterionId.MentalHealth => "Mental health",
        CriterionId.SelfHarm => "Self-harm",
        CriterionId.LearningDifficulties => "Learning difficulties",
        CriterionId.Mappa => "MAPPA",
        CriterionId.Opd => "OPD",
        CriterionId.Substance => "Substance misuse",
        CriterionId.Ipp => "IPP",
        _ => id.ToKey(),
    };

    public static string Combination(int mask) => mask == 0 ? "No criterion met" : string.Join(" + ", CriterionIds.InMask(mask).Select(Criterion));

    public static ComparisonView Of(ComparisonReport report, IReadOnlyList<string> pdus, string? pdu)
    {
        ArgumentNullException.ThrowIfNull(report);
        var cells = report.Months.Select(m => pdu is null ? m.Total : m.Pdus.GetValueOrDefault(pdu) ?? new ComparisonCell()).ToList();
        var months = report.Months.Select(m => m.Run.AsOf).ToList();
        var (combinations, masks) = CombinationTable(cells);
        var summaryA = pdu is null ? report.StabilityA : report.PduStabilityA.GetValueOrDefault(pdu) ?? Evaluation.StabilitySummary.None;
        var summaryB = pdu is null ? report.StabilityB : report.PduStabilityB.GetValueOrDefault(pdu) ?? Evaluation.StabilitySummary.None;
        return new ComparisonView(report, pdus, pdu, months, OverlapTable(months, cells), ReasonTable(cells), combinations, masks,
            ThresholdTable(cells, report), WithoutTable(cells, report), StabilityTable(report, months, cells), SummaryTable(summaryA, summaryB));
    }

    private static ShownTable OverlapTable(List<DateOnly> months, List<ComparisonCell> cells)
    {
        // Hidden columns: not listed by A, not listed by B (people screened = listed + not listed).
        var grid = new CountGrid(OverlapColumns, hiddenColumns: 2).RowSum(2, 3, 4).RowSum(1, 3, 5).RowSum(0, 1, 6).RowSum(0, 2, 7);
        for (var i = 0; i < cells.Count; i++)
        {
            var c = cells[i];
            grid.Row(MonthLabel(months[i]), [c.People, c.ListedA, c.ListedB, c.Both, c.Added, c.Dropped, c.People - c.ListedA, c.People - c.ListedB]);
        }
        return grid.Shown(Total);
    }

    /// <summary>Per criterion (and the threshold alone), person-months added or dropped for whom it weighs more under the definition that lists them.</summary>
    private static ShownTable ReasonTable(List<ComparisonCell> cells)
    {
        var grid = new CountGrid(["Added by B", "Dropped by B"]);
        for (var c = 0; c <= CriterionIds.Count; c++)
        {
            var added = cells.Sum(x => x.AddedBy[c]);
            var dropped = cells.Sum(x => x.DroppedBy[c]);
            if (added == 0 && dropped == 0) continue;
            grid.Row(c == ComparisonCell.ByThreshold ? "The threshold alone" : Criterion((CriterionId)c), [added, dropped]);
        }
        return grid.Shown(total: null);
    }

    private static (ShownTable, IReadOnlyList<int>) CombinationTable(List<ComparisonCell> cells)
    {
        var all = new ComparisonCell();
        foreach (var cell in cells) all.Add(cell);
        var ordered = all.Combinations().OrderByDescending(c => Math.Max(c.Value.A, c.Value.B)).ThenBy(c => c.Key).ToList();
        var grid = new CountGrid(["Listed by A", "Listed by B"]);
        var masks = new List<int>();
        foreach (var (mask, n) in ordered.Take(ShownCombinations))
        {
            grid.Row(Combination(mask), [n.A, n.B]);
            masks.Add(mask);
        }
        if (ordered.Count > ShownCombinations)
            grid.Row(Other, [ordered.Skip(ShownCombinations).Sum(c => c.Value.A), ordered.Skip(ShownCombinations).Sum(c => c.Value.B)]);
        return (grid.Shown("All listed"), masks);
    }

    private static ShownTable ThresholdTable(List<ComparisonCell> cells, ComparisonReport report)
    {
        // Hidden columns: people scoring exactly t under A and under B (listed at t less listed at t + 1), who would be worked back otherwise.
        var grid = new CountGrid([NameOf(report.A, "A"), NameOf(report.B, "B")], hiddenColumns: 2).RowSum(0, 2).RowSum(1, 3);
        var rows = new List<int[]>();
        for (var t = 0; t < ComparisonCell.Thresholds; t++) rows.Add([cells.Sum(c => c.ThresholdA[t]), cells.Sum(c => c.ThresholdB[t])]);
        for (var t = 0; t < rows.Count; t++)
        {
            var next = t + 1 < rows.Count ? rows[t + 1] : [0, 0];
            grid.Row($"Score {ComparisonCell.FirstThreshold + t} or more", [rows[t][0], rows[t][1], rows[t][0] - next[0], rows[t][1] - next[1]]);
        }
        return grid.Shown(total: null);
    }

    /// <summary>Listed with each criterion dropped; a criterion a definition does not count shows 0 for it (the page says so).</summary>
    private static ShownTable WithoutTable(List<ComparisonCell> cells, ComparisonReport report)
    {
        var listedA = cells.Sum(c => c.ListedA);
        var listedB = cells.Sum(c => c.ListedB);
        // Hidden columns: those listed only because of the criterion, and the listed totals the overlap table shows
        // (listed = listed without it + listed only because of it, so a small dependent group withholds the figure beside it).
        var grid = new CountGrid([NameOf(report.A, "A"), NameOf(report.B, "B")], hiddenColumns: 4).RowSum(4, 0, 2).RowSum(5, 1, 3);
        foreach (var id in report.A.Criteria.Select(r => r.Id).Union(report.B.Criteria.Select(r => r.Id)).Order())
        {
            var (inA, inB) = (Counts(report.A, id), Counts(report.B, id));
            var a = inA ? cells.Sum(c => c.WithoutA[(int)id]) : 0;
            var b = inB ? cells.Sum(c => c.WithoutB[(int)id]) : 0;
            grid.Row(Criterion(id), [a, b, inA ? listedA - a : 0, inB ? listedB - b : 0, inA ? listedA : 0, inB ? listedB : 0]);
        }
        return grid.Shown(total: null);
    }

    private static ShownTable StabilityTable(ComparisonReport report, List<DateOnly> months, List<ComparisonCell> cells)
    {
        // Hidden columns: entering for the first time (entering less returning).
        var grid = new CountGrid(StabilityColumns, hiddenColumns: 2).RowSum(0, 2, 6).RowSum(3, 5, 7);
        for (var i = 0; i < cells.Count; i++)
        {
            if (!report.Months[i].HasPrevious) continue;
            var (a, b) = (cells[i].A, cells[i].B);
            grid.Row(MonthLabel(months[i]), [a.Entering, a.Leaving, a.Returning, b.Entering, b.Leaving, b.Returning, a.Entering - a.Returning, b.Entering - b.Returning]);
        }
        return grid.Shown(Total);
    }

    private static ShownTable SummaryTable(Evaluation.StabilitySummary a, Evaluation.StabilitySummary b) =>
        new CountGrid(["A", "B"])
            .Row("Listed in any month", [a.EverListed, b.EverListed])
            .Row("Listed in every month", [a.ListedEveryMonth, b.ListedEveryMonth])
            .Row("Flickering (listed, then not, then again)", [a.Flickering, b.Flickering])
            .Shown(total: null);

    private static bool Counts(Definition d, CriterionId id) => d.Criteria.Any(r => r.Id == id);

    private static string NameOf(Definition d, string letter) => $"{letter}: {Name(d)}";
}
