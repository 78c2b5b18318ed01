using ComplexCases.Domain.Definitions;

namespace ComplexCases.Domain.Workflow;

/// <summary>What a monthly list says about a case: its score and the criteria it meets (bits of <see cref="CriterionId"/>).</summary>
public readonly record struct ListingFacts(int Score, int MetMask);

/// <summary>Why a closed case re-enters the process. Values are not stored; the reason's words are (in the relisting's notes).</summary>
public enum ReentryCause
{
    ScoreRose = 1,
    CriterionNewlyMet = 2,
    PeriodElapsed = 3,
    /// <summary>No earlier listing is stored to compare with (a run was replaced or removed): treated as new.</summary>
    NoEarlierListing = 4,
}

/// <summary>A decision to re-enter: the cause, and for a new criterion which ones (to be named in words by the caller).</summary>
public sealed record ReentryReason(ReentryCause Cause, ListingFacts? Before, ListingFacts Now, IReadOnlyList<CriterionId> NewlyMet, DateOnly ClosedOn);

/// <summary>
/// When a closed case that is still on the monthly list starts the process again. Not every month: a long-term case (an IPP
/// sentence, say) closed by a panel would otherwise need a fresh conversation the very next month. It re-enters when its score
/// rises, when a criterion it did not meet on the previous list becomes met, or once it has been closed for
/// <see cref="MonthsClosed"/> months, whichever comes first.
/// </summary>
public sealed record ReentryRule
{
    public const int MaxMonths = 60;

    public ReentryRule(int monthsClosed = 6)
    {
        MonthsClosed = monthsClosed is < 1 or > MaxMonths
            ? throw new ArgumentOutOfRangeException(nameof(monthsClosed), monthsClosed, $"Must be between 1 and {MaxMonths} months.")
            : monthsClosed;
    }

    /// <summary>After this many months closed, a case still listed starts again whatever its score.</summary>
    public int MonthsClosed { get; }

    public static ReentryRule Default { get; } = new();

    /// <summary>
    /// Whether a case closed on <paramref name="closedOn"/>, seen last on a list as <paramref name="before"/> (null when that
    /// listing is not stored), re-enters on the list of <paramref name="listedOn"/> where it is <paramref name="now"/>; null when not.
    /// </summary>
    public ReentryReason? Decide(ListingFacts? before, ListingFacts now, DateOnly closedOn, DateOnly listedOn)
    {
        if (before is not { } was) return new(ReentryCause.NoEarlierListing, null, now, [], closedOn);
        if (now.Score > was.Score) return new(ReentryCause.ScoreRose, was, now, [], closedOn);
        var newly = now.MetMask & ~was.MetMask;
        if (newly != 0) return new(ReentryCause.CriterionNewlyMet, was, now, [.. CriterionIds.InMask(newly)], closedOn);
        return listedOn >= closedOn.AddMonths(MonthsClosed) ? new(ReentryCause.PeriodElapsed, was, now, [], closedOn) : null;
    }
}
