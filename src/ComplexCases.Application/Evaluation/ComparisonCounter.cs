using ComplexCases.Domain.Definitions;
using ComplexCases.Domain.Screening;

namespace ComplexCases.Application.Evaluation;

/// <summary>
/// The counting behind <see cref="CompareDefinitions"/>: month by month, oldest first, everyone screened under A and under B
/// counted into their PDU's <see cref="ComparisonCell"/> (the total is the PDUs' sum), and each definition's list followed
/// from month to month, per PDU and over all. Pure: tests give it hand-built months.
/// </summary>
public sealed class ComparisonCounter(Definition definitionA, Definition definitionB)
{
    private readonly int[] _weightsA = Weights(definitionA);
    private readonly int[] _weightsB = Weights(definitionB);
    private readonly ListTrack _trackA = new();
    private readonly ListTrack _trackB = new();
    private readonly List<ComparedMonth> _months = [];

    /// <summary>The next month (after every one given before), as screened under A and under B.</summary>
    public ComparedMonth Next(ScreenedMonth a, ScreenedMonth b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count != b.Count) throw new InvalidOperationException($"run {a.Run.Id} gave {a.Count} people under one definition and {b.Count} under the other");
        var hasPrevious = _months.Count > 0;
        var cells = new ComparisonCell[a.Pdus.Length];
        for (var p = 0; p < cells.Length; p++) cells[p] = new ComparisonCell();
        var listedA = new Dictionary<int, string>();
        var listedB = new Dictionary<int, string>();
        for (var i = 0; i < a.Count; i++)
        {
            if (a.Crns[i] != b.Crns[i]) throw new InvalidOperationException($"run {a.Run.Id}: the two screenings disagree on who was screened");
            var cell = cells[a.PduIndexes[i]];
            var oa = a.Outcomes[i];
            var ob = b.Outcomes[i];
            var isA = oa.Status == ScreeningStatus.Complex;
            var isB = ob.Status == ScreeningStatus.Complex;
            // Counted into the person's PDU only; the total is the PDUs' sum, added once below rather than per person.
            cell.People++;
            if (isA) cell.ListedA++;
            if (isB) cell.ListedB++;
            if (isA && isB) cell.Both++;
            if (isB && !isA) cell.Added++;
            if (isA && !isB) cell.Dropped++;
            Sensitivity(cell.ThresholdA, cell.WithoutA, oa, _weightsA, definitionA.Threshold);
            Sensitivity(cell.ThresholdB, cell.WithoutB, ob, _weightsB, definitionB.Threshold);
            if (isA != isB) Attribute(isB ? cell.AddedBy : cell.DroppedBy, oa.MetMask, _weightsA, ob.MetMask, _weightsB, isB);
            if (isA) { listedA[a.Crns[i].Value] = a.Pdus[a.PduIndexes[i]]; cell.CombinationA[oa.MetMask]++; }
            if (isB) { listedB[a.Crns[i].Value] = a.Pdus[a.PduIndexes[i]]; cell.CombinationB[ob.MetMask]++; }
        }
        var total = new ComparisonCell();
        var pdus = new Dictionary<string, ComparisonCell>(StringComparer.Ordinal);
        for (var p = 0; p < cells.Length; p++)
        {
            pdus[a.Pdus[p]] = cells[p];
            total.Add(cells[p]);
        }
        _trackA.Next(listedA, pdus, total, c => c.A, hasPrevious);
        _trackB.Next(listedB, pdus, total, c => c.B, hasPrevious);
        var month = new ComparedMonth(a.Run, a.Rescreened, b.Rescreened, total, pdus, total.Combinations(), hasPrevious);
        _months.Add(month);
        return month;
    }

    /// <summary>The months given so far, with stability over all of them.</summary>
    public ComparisonReport Report(DateOnly? from, DateOnly? to) =>
        new(definitionA, definitionB, from, to, [.. _months], _trackA.Summary(_months.Count), _trackB.Summary(_months.Count))
        {
            PduStabilityA = _trackA.PduSummaries(_months.Count),
            PduStabilityB = _trackB.PduSummaries(_months.Count),
        };

    private static int[] Weights(Definition definition)
    {
        var weights = new int[CriterionIds.Count];
        foreach (var rule in definition.Criteria) weights[(int)rule.Id] = rule.Weight;
        return weights;
    }

    private static void Sensitivity(int[] thresholds, int[] without, PersonOutcome o, int[] weights, int threshold)
    {
        for (var t = 0; t < ComparisonCell.Thresholds; t++)
        {
            if (o.Score >= ComparisonCell.FirstThreshold + t) thresholds[t]++;
        }
        if (o.Score < threshold) return;
        for (var c = 0; c < CriterionIds.Count; c++)
        {
            // Dropping a criterion the definition does not count changes nothing: leave it 0, the JSON leaves it out.
            if (weights[c] == 0) continue;
            var loss = (o.MetMask & (1 << c)) != 0 ? weights[c] : 0;
            if (o.Score - loss >= threshold) without[c]++;
        }
    }

    /// <summary>Which criteria make the difference for a person listed by one definition only: those that weigh more (met × weight) under it.</summary>
    private static void Attribute(int[] cell, byte metA, int[] weightsA, byte metB, int[] weightsB, bool added)
    {
        var any = false;
        for (var c = 0; c < CriterionIds.Count; c++)
        {
            var underA = (metA & (1 << c)) != 0 ? weightsA[c] : 0;
            var underB = (metB & (1 << c)) != 0 ? weightsB[c] : 0;
            if (added ? underB > underA : underA > underB)
            {
                cell[c]++;
                any = true;
            }
        }
        if (!any) cell[ComparisonCell.ByThreshold]++;
    }
}
