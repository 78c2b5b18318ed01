using ComplexCases.Domain.Definitions;

namespace ComplexCases.Application.Evaluation;

/// <summary>The figures of one PDU (or all of them) in one month, for definitions A and B.</summary>
public sealed class ComparisonCell
{
    /// <summary>The thresholds of the sensitivity figures: <see cref="FirstThreshold"/> to <see cref="FirstThreshold"/> + 4.</summary>
    public const int FirstThreshold = 4, Thresholds = 5;
    /// <summary>Index in <see cref="AddedBy"/>/<see cref="DroppedBy"/> of people whose met criteria weigh the same under both: the threshold decides.</summary>
    public const int ByThreshold = CriterionIds.Count;
    /// <summary>How many combinations of criteria there are: a met mask is an index into <see cref="CombinationA"/>/<see cref="CombinationB"/>.</summary>
    public const int Masks = 1 << CriterionIds.Count;

    public int People { get; set; }
    public int ListedA { get; set; }
    public int ListedB { get; set; }
    public int Both { get; set; }
    /// <summary>Listed by B, not by A.</summary>
    public int Added { get; set; }
    /// <summary>Listed by A, not by B.</summary>
    public int Dropped { get; set; }
    /// <summary>Per criterion id (and <see cref="ByThreshold"/>): added people for whom it weighs more under B than under A.</summary>
    public int[] AddedBy { get; } = new int[CriterionIds.Count + 1];
    public int[] DroppedBy { get; } = new int[CriterionIds.Count + 1];
    /// <summary>Listed under each definition's weights with thresholds 4..8.</summary>
    public int[] ThresholdA { get; } = new int[Thresholds];
    public int[] ThresholdB { get; } = new int[Thresholds];
    /// <summary>Listed with each criterion id dropped (its weight taken away); criteria a definition does not count stay 0.</summary>
    public int[] WithoutA { get; } = new int[CriterionIds.Count];
    public int[] WithoutB { get; } = new int[CriterionIds.Count];
    /// <summary>Listed by A, by the mask of criteria they meet (an array, not a dictionary: it is counted once per listed person).</summary>
    public int[] CombinationA { get; } = new int[Masks];
    public int[] CombinationB { get; } = new int[Masks];
    public Stability A { get; } = new();
    public Stability B { get; } = new();

    /// <summary>The combinations met by anyone listed: mask → listed by A, listed by B.</summary>
    public IReadOnlyDictionary<int, (int A, int B)> Combinations()
    {
        var combinations = new Dictionary<int, (int A, int B)>();
        for (var mask = 0; mask < Masks; mask++)
        {
            if (CombinationA[mask] > 0 || CombinationB[mask] > 0) combinations[mask] = (CombinationA[mask], CombinationB[mask]);
        }
        return combinations;
    }

    /// <summary>Adds another cell's counts (not its stability, which is counted separately): a total is its PDUs' sum.</summary>
    public void Add(ComparisonCell other)
    {
        ArgumentNullException.ThrowIfNull(other);
        People += other.People;
        ListedA += other.ListedA;
        ListedB += other.ListedB;
        Both += other.Both;
        Added += other.Added;
        Dropped += other.Dropped;
        Sum(AddedBy, other.AddedBy);
        Sum(DroppedBy, other.DroppedBy);
        Sum(ThresholdA, other.ThresholdA);
        Sum(ThresholdB, other.ThresholdB);
        Sum(WithoutA, other.WithoutA);
        Sum(WithoutB, other.WithoutB);
        Sum(CombinationA, other.CombinationA);
        Sum(CombinationB, other.CombinationB);
    }

    private static void Sum(int[] into, int[] from)
    {
        for (var i = 0; i < into.Length; i++) into[i] += from[i];
    }
}

/// <summary>Month-to-month movement on one definition's list. Null counts in the first month (nothing to compare with).</summary>
public sealed class Stability
{
    /// <summary>Listed now, not in the month before.</summary>
    public int Entering { get; set; }
    /// <summary>Listed the month before, not now (counted in the PDU they were in then).</summary>
    public int Leaving { get; set; }
    /// <summary>Entering, having been listed in an earlier month and then not: flickering back in.</summary>
    public int Returning { get; set; }
}

/// <param name="Combinations">All PDUs' combinations (each PDU's are its cell's <see cref="ComparisonCell.Combinations"/>).</param>
public sealed record ComparedMonth(StoredRun Run, bool RescreenedA, bool RescreenedB, ComparisonCell Total,
    IReadOnlyDictionary<string, ComparisonCell> Pdus, IReadOnlyDictionary<int, (int A, int B)> Combinations, bool HasPrevious);

/// <summary>
/// Across the months, per definition: how stable the list is. For one PDU, the people listed there: listed in any month
/// while in the PDU, listed there in every month, and those who came back onto the list while in it. Someone who moved
/// counts in each PDU they were listed in, so the PDUs' figures can add up to more than all PDUs'.
/// </summary>
public sealed record StabilitySummary(int EverListed, int ListedEveryMonth, int Flickering)
{
    public static readonly StabilitySummary None = new(0, 0, 0);
}

/// <param name="StabilityA">Over all PDUs; per PDU in <see cref="PduStabilityA"/>.</param>
public sealed record ComparisonReport(Definition A, Definition B, DateOnly? From, DateOnly? To, IReadOnlyList<ComparedMonth> Months,
    StabilitySummary StabilityA, StabilitySummary StabilityB)
{
    /// <summary>Per PDU code (every PDU listed by A in some month); a PDU missing here had nobody listed by A.</summary>
    public IReadOnlyDictionary<string, StabilitySummary> PduStabilityA { get; init; } = new Dictionary<string, StabilitySummary>();
    public IReadOnlyDictionary<string, StabilitySummary> PduStabilityB { get; init; } = new Dictionary<string, StabilitySummary>();

    /// <summary>Every PDU code of the compared months, in ordinal order.</summary>
    public IReadOnlyList<string> PduCodes() =>
        [.. Months.SelectMany(m => m.Pdus.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
}
