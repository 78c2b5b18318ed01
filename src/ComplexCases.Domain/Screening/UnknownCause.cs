namespace ComplexCases.Domain.Screening;

/// <summary>Why a criterion reads unknown: what a practitioner has to put right in the records (criteria.md).</summary>
public enum UnknownCause : byte
{
    /// <summary>No completed OASys assessment on or before the screening date.</summary>
    NoAssessment = 1,
    /// <summary>The latest assessment is older than the definition's look-back.</summary>
    StaleAssessment = 2,
    /// <summary>The latest assessment leaves the answer the criterion reads empty.</summary>
    EmptyAnswer = 3,
    /// <summary>A row about the person was rejected from the extract, so their records are incomplete.</summary>
    RejectedRow = 4,
}

public static class UnknownCauses
{
    /// <summary>
    /// The cause of an unknown criterion, read from its stored explanation: the evidence names a rejected row, or an
    /// assessment (stale or with the answer empty), or none (no assessment). Null for a criterion that is not unknown.
    /// The words tested here are <see cref="Explainer"/>'s own, and its tests pin them.
    /// </summary>
    public static UnknownCause? Of(CriterionExplanation explanation)
    {
        if (explanation.Outcome != CriterionOutcome.Unknown) return null;
        return explanation.Evidence switch
        {
            { Rejected: true } => UnknownCause.RejectedRow,
            null => UnknownCause.NoAssessment,
            _ when explanation.Reason.StartsWith("latest assessment", StringComparison.Ordinal) => UnknownCause.StaleAssessment,
            _ => UnknownCause.EmptyAnswer,
        };
    }

    /// <summary>What to do about it, in a practitioner's words.</summary>
    public static string Action(UnknownCause cause) => cause switch
    {
        UnknownCause.NoAssessment => "complete an OASys assessment",
        UnknownCause.StaleAssessment => "review and update the OASys assessment",
        UnknownCause.EmptyAnswer => "answer the question in the OASys assessment",
        UnknownCause.RejectedRow => "correct the record the extract rejected",
        _ => throw new ArgumentOutOfRangeException(nameof(cause), cause, null),
    };

    public static string Name(UnknownCause cause) => cause switch
    {
        UnknownCause.NoAssessment => "No assessment",
        UnknownCause.StaleAssessment => "Out-of-date assessment",
        UnknownCause.EmptyAnswer => "Empty answer",
        UnknownCause.RejectedRow => "Rejected record",
        _ => throw new ArgumentOutOfRangeException(nameof(cause), cause, null),
    };
}
