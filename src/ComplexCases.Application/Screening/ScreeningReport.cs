using ComplexCases.Application.Definitions;
using ComplexCases.Application.Lists;
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

/// <summary>Where a run has got to, for progress displays.</summary>
public sealed record ScreeningProgress(string Stage, double Fraction);
