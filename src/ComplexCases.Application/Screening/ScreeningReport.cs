using ComplexCases.Application.Definitions;
using ComplexCases.Domain.Definitions;
using ComplexCases.Domain.Screening;
using ComplexCases.Extracts.Reading;

namespace ComplexCases.Application.Screening;

/// <summary>What a screening run found, ready to write out or show.</summary>
public sealed record ScreeningReport(
    int RunId,
    bool AlreadyStored,
    bool Replaced,
    DateOnly AsOf,
    DefinitionFile Definition,
    ExtractReadResult Extract,
    int People,
    int Complex,
    int PossiblyComplex,
    int Left,
    int? PreviousRunId,
    IReadOnlyList<ListEntry> Cases)
{
    /// <summary>Whom rejected rows affected: records incomplete, criteria unknown, listed because of it.</summary>
    public IncompleteRecords Incomplete { get; init; } = IncompleteRecords.None;

    /// <summary>The screener the run used: explanations are made from it when needed, one case at a time.</summary>
    internal Screener? Screener { get; init; }

    /// <summary>
    /// Why each criterion came out as it did for this entry, from the extract (empty for someone no longer in it).
    /// Made on demand rather than held for every listed case: a month listing tens of thousands would otherwise
    /// hold hundreds of thousands of explanation objects through the store.
    /// </summary>
    public IReadOnlyList<CriterionExplanation> ExplanationOf(ListEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.Person < 0 || Screener is null ? [] : Explainer.Explain(Screener, Extract.Caseload.RecordsOf(entry.Person));
    }

    /// <summary>This month reconciled with the previous stored month (null when it was already stored).</summary>
    public Reconciliation? Reconciliation { get; init; }
    /// <summary>The analyst's reason for storing a month beyond the reconciliation limits; null when none was needed.</summary>
    public string? AcceptedReason { get; init; }

    /// <summary>Listed people (not those who left) per PDU code.</summary>
    public IReadOnlyDictionary<string, int> ListedPerPdu =>
        Cases.Where(c => c.Change != ListChange.Left).GroupBy(c => c.PduCode, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
}

/// <summary>One line of a monthly list: a listed person, or one listed last time who is not listed now.</summary>
public sealed record ListEntry(
    string Crn,
    string PduCode,
    string? PduName,
    string? RegionCode,
    ScreeningStatus Status,
    ListChange Change,
    int Score,
    byte MetMask,
    byte UnknownMask,
    int MonthsListed)
{
    public string? Forename { get; init; }
    public string? Surname { get; init; }
    public string? TeamCode { get; init; }
    public string? TeamName { get; init; }
    public string? PractitionerCode { get; init; }
    public string? PractitionerName { get; init; }
    public string? SpoCode { get; init; }
    public string? SpoName { get; init; }
    public bool LimitedAccess { get; init; }
    /// <summary>The person's index in the run's caseload; −1 for someone listed last time and no longer in the extract.</summary>
    internal int Person { get; init; } = -1;

    /// <summary>The status word of the output contract: complex, possibly_complex or left.</summary>
    public string StatusText => Change == ListChange.Left ? "left" : Status switch
    {
        ScreeningStatus.Complex => "complex",
        ScreeningStatus.PossiblyComplex => "possibly_complex",
        _ => "not_listed",
    };

    public string ChangeText => Change switch
    {
        ListChange.New => "new",
        ListChange.Continuing => "continuing",
        _ => "left",
    };

    public IEnumerable<string> Met => CriterionIds.InMask(MetMask).Select(c => c.ToKey());
    public IEnumerable<string> Unknown => CriterionIds.InMask(UnknownMask).Select(c => c.ToKey());
}

/// <summary>Where a run has got to, for progress displays.</summary>
public sealed record ScreeningProgress(string Stage, double Fraction);
