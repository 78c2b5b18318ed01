using System.Collections.Frozen;
using ComplexCases.Domain.Definitions;
using ComplexCases.Domain.People;

namespace ComplexCases.Domain.Screening;

/// <summary>
/// Evaluates people against one definition on one screening date, exactly as criteria.md says.
/// Built once per run; <see cref="Evaluate(CaseRecords, Span{EvidenceRef})"/> allocates nothing,
/// so a national caseload screens in milliseconds. Thread-safe.
/// </summary>
public sealed class Screener
{
    private readonly FrozenDictionary<string, RegisterRole> _registerRoles;
    private readonly FrozenSet<string> _ippTypes;
    private readonly bool[] _roshAssessmentMet = new bool[5];
    private readonly int[] _weights = new int[CriterionIds.Count];
    private readonly int _criteriaMask;
    private readonly DateOnly _staleBefore;
    private readonly int _alcoholThreshold;
    private readonly int _drugThreshold;
    private readonly bool _opdOverrideCounts;

    public Screener(Definition definition, DateOnly asOf)
    {
        Definition = definition;
        AsOf = asOf;
        _staleBefore = asOf.AddMonths(-definition.AssessmentLookBackMonths);

        var roles = new Dictionary<string, RegisterRole>(StringComparer.Ordinal);
        RegisterRole Role(string code) => roles.TryGetValue(code, out var r) ? r : new RegisterRole();
        foreach (var rule in definition.Criteria)
        {
            _weights[(int)rule.Id] = rule.Weight;
            _criteriaMask |= 1 << (int)rule.Id;
            var p = rule.Parameters;
            switch (rule.Id)
            {
                case CriterionId.Rosh:
                    for (var i = 0; i < p.RoshRegisterCodes.Length; i++)
                    {
                        var code = p.RoshRegisterCodes[i];
                        roles[code] = Role(code) with { RoshRank = i + 1, RoshMet = p.RoshMetRegisterCodes.Contains(code) };
                    }
                    foreach (var level in p.RoshMetAssessmentLevels) _roshAssessmentMet[(int)ParseRosh(level)] = true;
                    break;
                case CriterionId.MentalHealth:
                    foreach (var code in p.MentalHealthRegisterCodes) roles[code] = Role(code) with { MentalHealth = true };
                    break;
                case CriterionId.SelfHarm:
                    foreach (var code in p.SelfHarmRegisterCodes) roles[code] = Role(code) with { SelfHarm = true };
                    break;
                case CriterionId.Mappa:
                    roles[p.MappaRegisterCode] = Role(p.MappaRegisterCode) with { Mappa = true, MappaLevels = [.. p.MappaLevels] };
                    break;
                case CriterionId.Opd:
                    _opdOverrideCounts = p.OpdOverrideCounts;
                    break;
                case CriterionId.Substance:
                    _alcoholThreshold = p.AlcoholScoreThreshold;
                    _drugThreshold = p.DrugScoreThreshold;
                    break;
                case CriterionId.Ipp:
                    _ippTypes = p.IppSentenceTypes.ToFrozenSet(StringComparer.Ordinal);
                    break;
                case CriterionId.LearningDifficulties:
                default:
                    break;
            }
        }
        _registerRoles = roles.ToFrozenDictionary(StringComparer.Ordinal);
        _ippTypes ??= FrozenSet<string>.Empty;
    }

    public Definition Definition { get; }

    public DateOnly AsOf { get; }

    public PersonOutcome Evaluate(CaseRecords records)
    {
        Span<EvidenceRef> evidence = stackalloc EvidenceRef[CriterionIds.Count];
        return Evaluate(records, evidence);
    }

    /// <param name="evidence">At least <see cref="CriterionIds.Count"/> long; receives, per criterion id, what decided it.</param>
    public PersonOutcome Evaluate(CaseRecords records, Span<EvidenceRef> evidence)
    {
        if (evidence.Length < CriterionIds.Count)
            throw new ArgumentException($"Needs room for {CriterionIds.Count} criteria.", nameof(evidence));
        evidence[..CriterionIds.Count].Clear();
        var asOf = AsOf;

        // One pass over registrations finds every registration-based fact.
        int roshIndex = -1, roshRank = 0, mentalHealthIndex = -1, selfHarmIndex = -1, mappaIndex = -1;
        var roshDate = DateOnly.MinValue;
        var registrations = records.Registrations;
        for (var i = 0; i < registrations.Length; i++)
        {
            ref readonly var registration = ref registrations[i];
            if (!registration.IsCurrentOn(asOf) || !_registerRoles.TryGetValue(registration.Code, out var role)) continue;
            if (role.RoshRank > 0 &&
                (roshIndex < 0 || registration.RegisteredOn > roshDate || (registration.RegisteredOn == roshDate && role.RoshRank > roshRank)))
            {
                roshIndex = i;
                roshDate = registration.RegisteredOn;
                roshRank = role.RoshRank;
            }
            if (role.MentalHealth && mentalHealthIndex < 0) mentalHealthIndex = i;
            if (role.SelfHarm && selfHarmIndex < 0) selfHarmIndex = i;
            if (role.Mappa && mappaIndex < 0 && registration.LevelCode is { } level && Array.IndexOf(role.MappaLevels, level) >= 0)
                mappaIndex = i;
        }

        // "The assessment": latest completed on or before D; same date → greater assessment_id.
        var assessments = records.Assessments;
        var assessmentIndex = -1;
        for (var i = 0; i < assessments.Length; i++)
        {
            ref readonly var a = ref assessments[i];
            if (a.CompletedOn > asOf) continue;
            if (assessmentIndex < 0) { assessmentIndex = i; continue; }
            ref readonly var best = ref assessments[assessmentIndex];
            if (a.CompletedOn > best.CompletedOn ||
                (a.CompletedOn == best.CompletedOn && string.CompareOrdinal(a.AssessmentId, best.AssessmentId) > 0))
                assessmentIndex = i;
        }
        var assessmentState = assessmentIndex < 0 ? EvidenceNote.NoAssessment
            : assessments[assessmentIndex].CompletedOn < _staleBefore ? EvidenceNote.StaleAssessment
            : EvidenceNote.None;
        var usable = assessmentState == EvidenceNote.None;
        var assessment = usable ? assessments[assessmentIndex] : default;

        int met = 0, unknown = 0;

        if (Has(CriterionId.Rosh))
        {
            if (roshIndex >= 0)
            {
                var metByRegister = _registerRoles[registrations[roshIndex].Code].RoshMet;
                Set(CriterionId.Rosh, metByRegister ? CriterionOutcome.Met : CriterionOutcome.NotMet,
                    new EvidenceRef(EvidenceSource.Registration, roshIndex, EvidenceNote.CurrentRegistration), evidence, ref met, ref unknown);
            }
            else if (!usable)
            {
                Set(CriterionId.Rosh, CriterionOutcome.Unknown, AssessmentMissing(assessmentIndex, assessmentState), evidence, ref met, ref unknown);
            }
            else if (assessment.RoshOverall is not { } level)
            {
                Set(CriterionId.Rosh, CriterionOutcome.Unknown, new EvidenceRef(EvidenceSource.Assessment, assessmentIndex, EvidenceNote.EmptyAnswer), evidence, ref met, ref unknown);
            }
            else
            {
                var isMet = _roshAssessmentMet[(int)level];
                Set(CriterionId.Rosh, isMet ? CriterionOutcome.Met : CriterionOutcome.NotMet,
                    new EvidenceRef(EvidenceSource.Assessment, assessmentIndex, isMet ? EvidenceNote.AnswerYes : EvidenceNote.AnswerNo), evidence, ref met, ref unknown);
            }
        }

        if (Has(CriterionId.MentalHealth))
            RegisterOrAnswer(CriterionId.MentalHealth, mentalHealthIndex, assessment.MentalHealthConcerns, assessmentIndex, assessmentState, evidence, ref met, ref unknown);
        if (Has(CriterionId.SelfHarm))
            RegisterOrAnswer(CriterionId.SelfHarm, selfHarmIndex, assessment.SelfHarmConcerns, assessmentIndex, assessmentState, evidence, ref met, ref unknown);
        if (Has(CriterionId.LearningDifficulties))
            RegisterOrAnswer(CriterionId.LearningDifficulties, -1, assessment.LearningDifficulties, assessmentIndex, assessmentState, evidence, ref met, ref unknown);

        if (Has(CriterionId.Mappa))
        {
            Set(CriterionId.Mappa, mappaIndex >= 0 ? CriterionOutcome.Met : CriterionOutcome.NotMet,
                mappaIndex >= 0 ? new EvidenceRef(EvidenceSource.Registration, mappaIndex, EvidenceNote.CurrentRegistration) : new EvidenceRef(EvidenceSource.None, -1, EvidenceNote.NoCurrentRecord),
                evidence, ref met, ref unknown);
        }

        if (Has(CriterionId.Opd)) EvaluateOpd(records.OpdScreenings, evidence, ref met, ref unknown);
        if (Has(CriterionId.Substance)) EvaluateSubstance(assessment, assessmentIndex, assessmentState, evidence, ref met, ref unknown);

        if (Has(CriterionId.Ipp))
        {
            var sentences = records.Sentences;
            var ippIndex = -1;
            for (var i = 0; i < sentences.Length; i++)
            {
                if (sentences[i].IsActiveOn(asOf) && _ippTypes.Contains(sentences[i].SentenceType)) { ippIndex = i; break; }
            }
            Set(CriterionId.Ipp, ippIndex >= 0 ? CriterionOutcome.Met : CriterionOutcome.NotMet,
                ippIndex >= 0 ? new EvidenceRef(EvidenceSource.Sentence, ippIndex, EvidenceNote.ActiveSentence) : new EvidenceRef(EvidenceSource.None, -1, EvidenceNote.NoCurrentRecord),
                evidence, ref met, ref unknown);
        }

        var rejected = records.Rejected;
        if (!rejected.IsEmpty) ApplyRejectedRows(rejected, roshIndex >= 0, evidence, ref met, ref unknown);

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

    /// <summary>The criteria each kind of record feeds, by <see cref="RecordKind"/> (criteria.md, rejected rows table).</summary>
    private static readonly int[] FedBy =
    [
        Bit(CriterionId.Rosh) | Bit(CriterionId.MentalHealth) | Bit(CriterionId.SelfHarm) | Bit(CriterionId.Mappa),
        Bit(CriterionId.Rosh) | Bit(CriterionId.MentalHealth) | Bit(CriterionId.SelfHarm) | Bit(CriterionId.LearningDifficulties) | Bit(CriterionId.Substance),
        Bit(CriterionId.Ipp),
        Bit(CriterionId.Opd),
    ];

    private static int Bit(CriterionId id) => 1 << (int)id;

    /// <summary>
    /// A rejected row that names the person leaves their records of its kind incomplete, so every criterion that kind
    /// feeds which is not met becomes unknown, with the row as its evidence; bad data never reads as "not met". An
    /// assessment row counts for <c>rosh</c> only when no current RoSH registration decides it. The row shown is the
    /// kind's first by line; for a criterion fed by both, a registration row before an assessment row.
    /// </summary>
    private void ApplyRejectedRows(ReadOnlySpan<RejectedRecord> rejected, bool currentRoshRegistration, Span<EvidenceRef> evidence,
        ref int met, ref int unknown)
    {
        Span<int> first = stackalloc int[FedBy.Length];
        first.Fill(-1);
        for (var i = 0; i < rejected.Length; i++)
        {
            ref var f = ref first[(int)rejected[i].Kind];
            if (f < 0 || rejected[i].Line < rejected[f].Line) f = i;
        }
        for (var kind = 0; kind < first.Length; kind++)
        {
            if (first[kind] < 0) continue;
            var feeds = FedBy[kind] & _criteriaMask & ~met;
            if (kind == (int)RecordKind.Assessment && currentRoshRegistration) feeds &= ~Bit(CriterionId.Rosh);
            for (var id = 0; id < CriterionIds.Count; id++)
            {
                if ((feeds & (1 << id)) == 0 || evidence[id].Source == EvidenceSource.RejectedRow) continue;
                evidence[id] = new EvidenceRef(EvidenceSource.RejectedRow, first[kind], EvidenceNote.RecordsIncomplete);
            }
            unknown |= feeds;
        }
    }

    private bool Has(CriterionId id) => (_criteriaMask & (1 << (int)id)) != 0;

    private static void Set(CriterionId id, CriterionOutcome outcome, EvidenceRef why, Span<EvidenceRef> evidence, ref int met, ref int unknown)
    {
        evidence[(int)id] = why;
        if (outcome == CriterionOutcome.Met) met |= 1 << (int)id;
        else if (outcome == CriterionOutcome.Unknown) unknown |= 1 << (int)id;
    }

    private static EvidenceRef AssessmentMissing(int assessmentIndex, EvidenceNote state) =>
        new(assessmentIndex < 0 ? EvidenceSource.None : EvidenceSource.Assessment, assessmentIndex, state);

    /// <summary>Met by a current registration, else by the assessment's Y; unknown where the answer is missing.</summary>
    private static void RegisterOrAnswer(CriterionId id, int registrationIndex, Flag answer, int assessmentIndex, EvidenceNote assessmentState,
        Span<EvidenceRef> evidence, ref int met, ref int unknown)
    {
        if (registrationIndex >= 0)
            Set(id, CriterionOutcome.Met, new EvidenceRef(EvidenceSource.Registration, registrationIndex, EvidenceNote.CurrentRegistration), evidence, ref met, ref unknown);
        else if (assessmentState != EvidenceNote.None)
            Set(id, CriterionOutcome.Unknown, AssessmentMissing(assessmentIndex, assessmentState), evidence, ref met, ref unknown);
        else if (answer == Flag.Yes)
            Set(id, CriterionOutcome.Met, new EvidenceRef(EvidenceSource.Assessment, assessmentIndex, EvidenceNote.AnswerYes), evidence, ref met, ref unknown);
        else if (answer == Flag.No)
            Set(id, CriterionOutcome.NotMet, new EvidenceRef(EvidenceSource.Assessment, assessmentIndex, EvidenceNote.AnswerNo), evidence, ref met, ref unknown);
        else
            Set(id, CriterionOutcome.Unknown, new EvidenceRef(EvidenceSource.Assessment, assessmentIndex, EvidenceNote.EmptyAnswer), evidence, ref met, ref unknown);
    }

    private void EvaluateOpd(ReadOnlySpan<OpdScreening> screenings, Span<EvidenceRef> evidence, ref int met, ref int unknown)
    {
        var latest = -1;
        var latestIn = false;
        for (var i = 0; i < screenings.Length; i++)
        {
            ref readonly var s = ref screenings[i];
            if (s.ScreenedOn > AsOf) continue;
            var isIn = s.Result == OpdResult.ScreenedIn || (_opdOverrideCounts && s.Override == Flag.Yes);
            // Same date: screened in wins.
            if (latest < 0 || s.ScreenedOn > screenings[latest].ScreenedOn || (s.ScreenedOn == screenings[latest].ScreenedOn && isIn && !latestIn))
            {
                latest = i;
                latestIn = isIn;
            }
        }
        Set(CriterionId.Opd, latestIn ? CriterionOutcome.Met : CriterionOutcome.NotMet,
            latest >= 0 ? new EvidenceRef(EvidenceSource.OpdScreening, latest, EvidenceNote.LatestScreening) : new EvidenceRef(EvidenceSource.None, -1, EvidenceNote.NoCurrentRecord),
            evidence, ref met, ref unknown);
    }

    private void EvaluateSubstance(in Assessment assessment, int assessmentIndex, EvidenceNote assessmentState, Span<EvidenceRef> evidence, ref int met, ref int unknown)
    {
        if (assessmentState != EvidenceNote.None)
        {
            Set(CriterionId.Substance, CriterionOutcome.Unknown, AssessmentMissing(assessmentIndex, assessmentState), evidence, ref met, ref unknown);
            return;
        }
        var alcohol = Need(assessment.AlcoholNeed, assessment.AlcoholScore, _alcoholThreshold);
        var drugs = Need(assessment.DrugNeed, assessment.DrugScore, _drugThreshold);
        if (alcohol == Flag.Yes || drugs == Flag.Yes)
        {
            var byScore = (alcohol == Flag.Yes && assessment.AlcoholNeed == Flag.Unknown) || (alcohol != Flag.Yes && assessment.DrugNeed == Flag.Unknown);
            Set(CriterionId.Substance, CriterionOutcome.Met, new EvidenceRef(EvidenceSource.Assessment, assessmentIndex, byScore ? EvidenceNote.ScoreMeetsThreshold : EvidenceNote.AnswerYes), evidence, ref met, ref unknown);
        }
        else if (alcohol == Flag.Unknown || drugs == Flag.Unknown)
        {
            Set(CriterionId.Substance, CriterionOutcome.Unknown, new EvidenceRef(EvidenceSource.Assessment, assessmentIndex, EvidenceNote.EmptyAnswer), evidence, ref met, ref unknown);
        }
        else
        {
            Set(CriterionId.Substance, CriterionOutcome.NotMet, new EvidenceRef(EvidenceSource.Assessment, assessmentIndex, EvidenceNote.AnswerNo), evidence, ref met, ref unknown);
        }
    }

    /// <summary>A need flag, or where it is empty, the score against its threshold; unknown when both are empty.</summary>
    private static Flag Need(Flag flag, int? score, int threshold) =>
        flag != Flag.Unknown ? flag
        : score is { } s ? (s >= threshold ? Flag.Yes : Flag.No)
        : Flag.Unknown;

    internal static RoshLevel ParseRosh(string level) => level switch
    {
        "LOW" => RoshLevel.Low,
        "MEDIUM" => RoshLevel.Medium,
        "HIGH" => RoshLevel.High,
        "VERY_HIGH" => RoshLevel.VeryHigh,
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "Unknown RoSH level."),
    };

    private sealed record RegisterRole
    {
        public int RoshRank { get; init; }
        public bool RoshMet { get; init; }
        public bool MentalHealth { get; init; }
        public bool SelfHarm { get; init; }
        public bool Mappa { get; init; }
        public string[] MappaLevels { get; init; } = [];
    }
}
