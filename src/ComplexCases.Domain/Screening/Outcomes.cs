using ComplexCases.Domain.Definitions;

namespace ComplexCases.Domain.Screening;

public enum CriterionOutcome : byte
{
    NotMet = 0,
    Met = 1,
    /// <summary>The data needed is missing or stale: it might be met.</summary>
    Unknown = 2,
}

/// <summary>Where a person stands against a definition. Values are stored: never renumber.</summary>
public enum ScreeningStatus : byte
{
    NotListed = 0,
    /// <summary>Met weight is below the threshold but met + unknown reaches it: missing data must not hide a case.</summary>
    PossiblyComplex = 1,
    Complex = 2,
}

/// <summary>Month-over-month change on the list. Values are stored: never renumber.</summary>
public enum ListChange : byte
{
    New = 1,
    Continuing = 2,
    Left = 3,
}

/// <summary>
/// One person's result, compact enough to keep for every person in every run: one bit per
/// <see cref="CriterionId"/> in each mask.
/// </summary>
public readonly record struct PersonOutcome(byte MetMask, byte UnknownMask, short Score, short UnknownWeight, ScreeningStatus Status)
{
    public CriterionOutcome this[CriterionId id] =>
        (MetMask & (1 << (int)id)) != 0 ? CriterionOutcome.Met
        : (UnknownMask & (1 << (int)id)) != 0 ? CriterionOutcome.Unknown
        : CriterionOutcome.NotMet;

    public bool IsListed => Status != ScreeningStatus.NotListed;
}

public enum EvidenceSource : byte
{
    None = 0,
    Registration = 1,
    Assessment = 2,
    Sentence = 3,
    OpdScreening = 4,
    /// <summary>A rejected row that names the person (an index into <see cref="CaseRecords.Rejected"/>).</summary>
    RejectedRow = 5,
}

/// <summary>Why a criterion came out as it did, beyond the deciding record.</summary>
public enum EvidenceNote : byte
{
    None = 0,
    NoCurrentRecord,
    NoAssessment,
    StaleAssessment,
    EmptyAnswer,
    AnswerNo,
    AnswerYes,
    ScoreMeetsThreshold,
    ScoreBelowThreshold,
    CurrentRegistration,
    LatestScreening,
    ActiveSentence,
    /// <summary>Not met on the records accepted, but a rejected row left the records it needs incomplete.</summary>
    RecordsIncomplete,
}

/// <summary>Which record (an index into the person's span of that kind) decided a criterion. No allocation.</summary>
public readonly record struct EvidenceRef(EvidenceSource Source, int Index, EvidenceNote Note);
