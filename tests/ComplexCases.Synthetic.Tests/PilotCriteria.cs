using ComplexCases.Domain.People;
using ComplexCases.Domain.Screening;

namespace ComplexCases.Synthetic.Tests;

/// <summary>
/// An independent, deliberately plain reading of criteria.md (pilot-2024: eight criteria, weight 1, threshold 6,
/// 24-month look-back), used to check the generator's calibration without depending on the production engine.
/// </summary>
internal static class PilotCriteria
{
    public const int Threshold = 6;
    public const int Count = 8;

    public enum Outcome : byte { NotMet, Met, Unknown }

    /// <summary>Criterion order: rosh, mental_health, self_harm, learning_difficulties, mappa, opd, substance, ipp.</summary>
    public static readonly string[] Ids = ["rosh", "mental_health", "self_harm", "learning_difficulties", "mappa", "opd", "substance", "ipp"];

    private static readonly string[] RoshCodes = ["RLRH", "RMRH", "RHRH", "RVHR"];

    public static Outcome[] Evaluate(CaseRecords records, DateOnly d)
    {
        var outcomes = new Outcome[Count];

        // The assessment: latest completed on or before D (same date: greater id, ordinal); stale when older than 24 months.
        Assessment? assessment = null;
        foreach (var a in records.Assessments)
        {
            if (a.CompletedOn > d) continue;
            if (assessment is not { } best || a.CompletedOn > best.CompletedOn ||
                (a.CompletedOn == best.CompletedOn && string.CompareOrdinal(a.AssessmentId, best.AssessmentId) > 0))
                assessment = a;
        }
        Assessment? usable = assessment is { } u && u.CompletedOn >= d.AddMonths(-24) ? u : null;

        // rosh: newest current RoSH registration (same date: higher level) decides; else the assessment.
        Registration? rosh = null;
        foreach (var r in records.Registrations)
        {
            if (!IsCurrent(r, d) || Array.IndexOf(RoshCodes, r.Code) < 0) continue;
            if (rosh is not { } best || r.RegisteredOn > best.RegisteredOn ||
                (r.RegisteredOn == best.RegisteredOn && Array.IndexOf(RoshCodes, r.Code) > Array.IndexOf(RoshCodes, best.Code)))
                rosh = r;
        }
        if (rosh is { } reg) outcomes[0] = reg.Code is "RHRH" or "RVHR" ? Outcome.Met : Outcome.NotMet;
        else if (usable is not { } ua || ua.RoshOverall is null) outcomes[0] = Outcome.Unknown;
        else outcomes[0] = ua.RoshOverall is RoshLevel.High or RoshLevel.VeryHigh ? Outcome.Met : Outcome.NotMet;

        outcomes[1] = HasCurrent(records, d, "RMDO", "AMHL") ? Outcome.Met : FromFlag(usable, usable?.MentalHealthConcerns);
        outcomes[2] = HasCurrent(records, d, "ALSH") ? Outcome.Met : FromFlag(usable, usable?.SelfHarmConcerns);
        outcomes[3] = FromFlag(usable, usable?.LearningDifficulties);

        var mappa = false;
        foreach (var r in records.Registrations)
        {
            if (IsCurrent(r, d) && r.Code == "MAPP" && r.LevelCode is "M2" or "M3") mappa = true;
        }
        outcomes[4] = mappa ? Outcome.Met : Outcome.NotMet;

        OpdScreening? latest = null;
        foreach (var s in records.OpdScreenings)
        {
            if (s.ScreenedOn > d) continue;
            if (latest is not { } best || s.ScreenedOn > best.ScreenedOn || (s.ScreenedOn == best.ScreenedOn && In(s) && !In(best)))
                latest = s;
        }
        outcomes[5] = latest is { } l && In(l) ? Outcome.Met : Outcome.NotMet;

        if (usable is not { } sa) outcomes[6] = Outcome.Unknown;
        else
        {
            var alcohol = sa.AlcoholNeed != Flag.Unknown ? sa.AlcoholNeed : sa.AlcoholScore is { } x ? (x >= 4 ? Flag.Yes : Flag.No) : Flag.Unknown;
            var drugs = sa.DrugNeed != Flag.Unknown ? sa.DrugNeed : sa.DrugScore is { } y ? (y >= 2 ? Flag.Yes : Flag.No) : Flag.Unknown;
            outcomes[6] = alcohol == Flag.Yes || drugs == Flag.Yes ? Outcome.Met
                : alcohol == Flag.Unknown || drugs == Flag.Unknown ? Outcome.Unknown
                : Outcome.NotMet;
        }

        var ipp = false;
        foreach (var s in records.Sentences)
        {
            if (s.SentenceType is "IPP" or "DPP" && s.SentencedOn <= d && (s.TerminatedOn is null || s.TerminatedOn > d)) ipp = true;
        }
        outcomes[7] = ipp ? Outcome.Met : Outcome.NotMet;
        return outcomes;
    }

    public static (int Met, int Unknown) Tally(Outcome[] outcomes) =>
        (outcomes.Count(o => o == Outcome.Met), outcomes.Count(o => o == Outcome.Unknown));

    private static bool In(OpdScreening s) => s.Result == OpdResult.ScreenedIn || s.Override == Flag.Yes;

    private static bool IsCurrent(Registration r, DateOnly d) => r.RegisteredOn <= d && (r.DeregisteredOn is null || r.DeregisteredOn > d);

    private static bool HasCurrent(CaseRecords records, DateOnly d, params string[] codes)
    {
        foreach (var r in records.Registrations)
        {
            if (IsCurrent(r, d) && Array.IndexOf(codes, r.Code) >= 0) return true;
        }
        return false;
    }

    private static Outcome FromFlag(Assessment? usable, Flag? flag) =>
        usable is null ? Outcome.Unknown
        : flag == Flag.Yes ? Outcome.Met
        : flag == Flag.No ? Outcome.NotMet
        : Outcome.Unknown;
}
