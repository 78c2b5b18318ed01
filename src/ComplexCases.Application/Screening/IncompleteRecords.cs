using ComplexCases.Domain.Screening;

namespace ComplexCases.Application.Screening;

/// <summary>
/// Whom a run's rejected rows affected (criteria.md, "Rejected rows leave a person's records incomplete"): the people
/// a rejected row of their records names, those for whom a criterion reads unknown instead of not met because of it,
/// and those listed as possibly complex only because of it. Counts, no personal data: shown on the run page.
/// </summary>
public sealed record IncompleteRecords(int People, int CriteriaUnknown, int Listed)
{
    public static IncompleteRecords None { get; } = new(0, 0, 0);

    /// <summary>Screens the people named by rejected rows again on their accepted records alone, to compare.</summary>
    public static IncompleteRecords Count(Screener screener, Caseload caseload, ReadOnlySpan<PersonOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(screener);
        ArgumentNullException.ThrowIfNull(caseload);
        if (caseload.RejectedRecordCount == 0) return None;
        int people = 0, unknown = 0, listed = 0;
        for (var i = 0; i < caseload.Count; i++)
        {
            if (!caseload.HasRejectedRecords(i)) continue;
            people++;
            var outcome = outcomes[i];
            var accepted = screener.Evaluate(caseload.RecordsOf(i).WithoutRejected());
            if (outcome.UnknownMask != accepted.UnknownMask) unknown++;
            if (outcome.IsListed && !accepted.IsListed) listed++;
        }
        return new IncompleteRecords(people, unknown, listed);
    }
}
