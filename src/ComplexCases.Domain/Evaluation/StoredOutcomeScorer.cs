using ComplexCases.Domain.Definitions;
using ComplexCases.Domain.Screening;

namespace ComplexCases.Domain.Evaluation;

/// <summary>
/// Scores a person under a definition from the criterion outcomes stored by a run of another definition (the met
/// and unknown masks of <c>person_results</c>), without the month's records. Valid only when the stored outcome of
/// every criterion the definition counts was decided by the same rule: see <see cref="CanScore"/>. Then only the
/// weights, the threshold and which criteria count differ, and the score and status follow from the masks exactly
/// as the <see cref="Screener"/> would compute them.
/// </summary>
public sealed class StoredOutcomeScorer
{
    private readonly int[] _weights = new int[CriterionIds.Count];
    private readonly int _mask;

    public StoredOutcomeScorer(Definition definition)
    {
        Definition = definition;
        foreach (var rule in definition.Criteria)
        {
            _weights[(int)rule.Id] = rule.Weight;
            _mask |= 1 << (int)rule.Id;
        }
    }

    public Definition Definition { get; }

    /// <summary>
    /// Whether outcomes stored by a run of <paramref name="used"/> decide every criterion of <paramref name="wanted"/>
    /// as <paramref name="wanted"/>'s own rules would: each criterion it counts was evaluated by that run with the
    /// same parameters, and the assessment look-back (which makes answers unknown) is the same where it matters.
    /// </summary>
    public static bool CanScore(Definition wanted, Definition used)
    {
        ArgumentNullException.ThrowIfNull(wanted);
        ArgumentNullException.ThrowIfNull(used);
        foreach (var rule in wanted.Criteria)
        {
            if (used.Find(rule.Id) is not { } stored || !SameParameters(rule.Id, rule.Parameters, stored.Parameters)) return false;
            if (ReadsAssessment(rule.Id) && wanted.AssessmentLookBackMonths != used.AssessmentLookBackMonths) return false;
        }
        return true;
    }

    /// <summary>Whether criterion <paramref name="id"/> would decide the same under both sets of parameters (only its own are compared).</summary>
    public static bool SameParameters(CriterionId id, CriterionParameters a, CriterionParameters b) => id switch
    {
        CriterionId.Rosh => a.RoshRegisterCodes.SequenceEqual(b.RoshRegisterCodes)
            && Same(a.RoshMetRegisterCodes, b.RoshMetRegisterCodes) && Same(a.RoshMetAssessmentLevels, b.RoshMetAssessmentLevels),
        CriterionId.MentalHealth => Same(a.MentalHealthRegisterCodes, b.MentalHealthRegisterCodes),
        CriterionId.SelfHarm => Same(a.SelfHarmRegisterCodes, b.SelfHarmRegisterCodes),
        CriterionId.Mappa => a.MappaRegisterCode == b.MappaRegisterCode && Same(a.MappaLevels, b.MappaLevels),
        CriterionId.Opd => a.OpdOverrideCounts == b.OpdOverrideCounts,
        CriterionId.Substance => a.AlcoholScoreThreshold == b.AlcoholScoreThreshold && a.DrugScoreThreshold == b.DrugScoreThreshold,
        CriterionId.Ipp => Same(a.IppSentenceTypes, b.IppSentenceTypes),
        CriterionId.LearningDifficulties => true,
        _ => false,
    };

    private static bool ReadsAssessment(CriterionId id) =>
        id is CriterionId.Rosh or CriterionId.MentalHealth or CriterionId.SelfHarm or CriterionId.LearningDifficulties or CriterionId.Substance;

    // Sets, not lists: the order of codes changes nothing (except RoSH register codes, whose order ranks same-day ties).
    private static bool Same(System.Collections.Immutable.ImmutableArray<string> a, System.Collections.Immutable.ImmutableArray<string> b) =>
        a.Length == b.Length && a.All(b.Contains);

    /// <summary>The score and status under this definition of stored masks (bits of criteria it does not count are ignored).</summary>
    public PersonOutcome Score(byte metMask, byte unknownMask)
    {
        var met = metMask & _mask;
        var unknown = unknownMask & _mask & ~met;
        int score = 0, unknownWeight = 0;
        for (var i = 0; i < CriterionIds.Count; i++)
        {
            if ((met & (1 << i)) != 0) score += _weights[i];
            else if ((unknown & (1 << i)) != 0) unknownWeight += _weights[i];
        }
        var threshold = Definition.Threshold;
        var status = score >= threshold ? ScreeningStatus.Complex
            : score + unknownWeight >= threshold ? ScreeningStatus.PossiblyComplex
            : ScreeningStatus.NotListed;
        return new PersonOutcome((byte)met, (byte)unknown, (short)score, (short)unknownWeight, status);
    }
}
