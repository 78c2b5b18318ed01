using ComplexCases.Domain.People;

namespace ComplexCases.Domain.Screening;

// The four kinds of record a criterion can be decided by. Small value types so that a national
// caseload (millions of rows) fits in memory once; Line points back to the extract for evidence.

/// <summary>An nDelius register entry. <see cref="Code"/> and <see cref="LevelCode"/> are upper-case.</summary>
public readonly record struct Registration(
    string Code,
    string? LevelCode,
    DateOnly RegisteredOn,
    DateOnly? DeregisteredOn,
    int Line)
{
    /// <summary>Current on D: registered on or before D and not deregistered on or before D.</summary>
    public bool IsCurrentOn(DateOnly date) =>
        RegisteredOn <= date && (DeregisteredOn is null || DeregisteredOn.Value > date);
}

/// <summary>RoSH overall level from an OASys assessment.</summary>
public enum RoshLevel : byte
{
    Low = 1,
    Medium = 2,
    High = 3,
    VeryHigh = 4,
}

/// <summary>A completed OASys assessment; every answer may be missing.</summary>
public readonly record struct Assessment(
    string AssessmentId,
    DateOnly CompletedOn,
    int Line)
{
    public RoshLevel? RoshOverall { get; init; }
    public Flag AlcoholNeed { get; init; }
    public Flag DrugNeed { get; init; }
    public int? AlcoholScore { get; init; }
    public int? DrugScore { get; init; }
    public Flag LearningDifficulties { get; init; }
    public Flag MentalHealthConcerns { get; init; }
    public Flag SelfHarmConcerns { get; init; }
}

/// <summary>A sentence (nDelius event). <see cref="SentenceType"/> is upper-case.</summary>
public readonly record struct Sentence(
    string EventNumber,
    string SentenceType,
    DateOnly SentencedOn,
    DateOnly? TerminatedOn,
    int Line)
{
    /// <summary>Active on D: sentenced on or before D and not terminated on or before D.</summary>
    public bool IsActiveOn(DateOnly date) =>
        SentencedOn <= date && (TerminatedOn is null || TerminatedOn.Value > date);
}

public enum OpdResult : byte
{
    ScreenedOut = 1,
    ScreenedIn = 2,
}

/// <summary>An OPD pathway screening.</summary>
public readonly record struct OpdScreening(
    DateOnly ScreenedOn,
    OpdResult Result,
    Flag Override,
    int Line)
{
    /// <summary>Screened in, by result or by professional override.</summary>
    public bool CountsAsScreenedIn => Result == OpdResult.ScreenedIn || Override == Flag.Yes;
}

/// <summary>The files of a person's records that feed criteria. Values are fixed: they index per-kind tables.</summary>
public enum RecordKind : byte
{
    Registration = 0,
    Assessment = 1,
    Sentence = 2,
    OpdScreening = 3,
}

/// <summary>
/// A row of one of the person's record files that the importer rejected although its <c>crn</c> names them
/// (criteria.md, "Rejected rows leave a person's records incomplete"): their records of that kind are incomplete.
/// </summary>
/// <param name="Line">The row's line in its file (the header is line 1).</param>
/// <param name="Reason">Why it was rejected, in words (never an unmasked personal value).</param>
public readonly record struct RejectedRecord(RecordKind Kind, int Line, string Reason)
{
    /// <summary>The extract file of this kind, e.g. <c>registrations.csv</c>.</summary>
    public string File => FileOf(Kind);

    public static string FileOf(RecordKind kind) => kind switch
    {
        RecordKind.Registration => "registrations.csv",
        RecordKind.Assessment => "assessments.csv",
        RecordKind.Sentence => "sentences.csv",
        RecordKind.OpdScreening => "opd_screenings.csv",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a record kind."),
    };
}
