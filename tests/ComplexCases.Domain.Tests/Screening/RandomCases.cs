using System.Text;
using ComplexCases.Domain.Definitions;
using ComplexCases.Domain.People;
using ComplexCases.Domain.Screening;
using ComplexCases.TestSupport.Screening;
using FsCheck;
using FsCheck.Fluent;

namespace ComplexCases.Domain.Tests.Screening;

/// <summary>One person's records as random as the extract format allows (unique keys, end never before start).</summary>
public sealed record RandomCase(Registration[] Registrations, Assessment[] Assessments, Sentence[] Sentences, OpdScreening[] OpdScreenings)
{
    public CaseRecords Records => new(Registrations, Assessments, Sentences, OpdScreenings);

    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var r in Registrations) text.Append($"reg {r.Code} {r.LevelCode} {r.RegisteredOn:yyyy-MM-dd}..{r.DeregisteredOn:yyyy-MM-dd}; ");
        foreach (var a in Assessments)
        {
            text.Append($"asm {a.AssessmentId} {a.CompletedOn:yyyy-MM-dd} rosh={a.RoshOverall} alc={a.AlcoholNeed}/{a.AlcoholScore} ")
                .Append($"drug={a.DrugNeed}/{a.DrugScore} ld={a.LearningDifficulties} mh={a.MentalHealthConcerns} sh={a.SelfHarmConcerns}; ");
        }
        foreach (var s in Sentences) text.Append($"sen {s.EventNumber} {s.SentenceType} {s.SentencedOn:yyyy-MM-dd}..{s.TerminatedOn:yyyy-MM-dd}; ");
        foreach (var o in OpdScreenings) text.Append($"opd {o.ScreenedOn:yyyy-MM-dd} {o.Result} override={o.Override}; ");
        return text.ToString();
    }
}

/// <summary>A definition with the pilot's parameters but random weights, threshold and look-back.</summary>
public sealed record RandomDefinition(int[] Weights, int Threshold, int LookBackMonths)
{
    public Definition Definition { get; } = TestDefinitions.Pilot(d =>
    {
        for (var i = 0; i < Weights.Length; i++) d.Weight(((CriterionId)i).ToKey(), Weights[i]);
        d.Threshold(Threshold).LookBackMonths(LookBackMonths);
    });

    public int WeightOf(int mask) => CriterionIds.InMask(mask).Sum(id => Weights[(int)id]);

    public override string ToString() => $"weights [{string.Join(",", Weights)}] threshold {Threshold} look-back {LookBackMonths}";
}

public static class RandomCases
{
    private static readonly DateOnly D = TestDates.AsOf;

    /// <summary>Dates that hit the rules' edges often: D, the day after, month steps (so ties happen), the look-back boundary.</summary>
    public static Gen<DateOnly> Date { get; } = Gen.OneOf(
        Gen.Choose(-40, 1).Select(months => D.AddMonths(months)),
        Gen.Choose(-1500, 30).Select(days => D.AddDays(days)),
        Gen.Elements(D, D.AddDays(1), D.AddDays(-1), D.AddMonths(-24), D.AddMonths(-24).AddDays(-1)));

    private static Gen<DateOnly?> EndAfter(DateOnly start) => Gen.Frequency(
        (2, Gen.Constant<DateOnly?>(null)),
        (2, Gen.Choose(0, 900).Select(days => (DateOnly?)start.AddDays(days))),
        (1, Gen.Elements<DateOnly?>(D, D.AddDays(1)).Select(end => end >= start ? end : start)));

    private static readonly Gen<Flag> AnyFlag = Gen.Elements(Flag.Unknown, Flag.No, Flag.Yes);

    private static readonly Gen<int?> Score = Gen.Frequency((1, Gen.Constant<int?>(null)), (2, Gen.Choose(0, 8).Select(s => (int?)s)));

    public static Gen<Registration> Registration { get; } =
        from code in Gen.Elements("RLRH", "RMRH", "RHRH", "RVHR", "RMDO", "AMHL", "ALSH", "MAPP", "INLL")
        from level in code == "MAPP" ? Gen.Elements<string?>("M0", "M1", "M2", "M3", null) : Gen.Constant<string?>(null)
        from registered in Date
        from deregistered in EndAfter(registered)
        select new Registration(code, level, registered, deregistered, 0);

    public static Gen<Assessment> Assessment { get; } =
        from prefix in Gen.Elements("A", "B", "a", "b", "OASYS-")
        from completed in Date
        from rosh in Gen.Elements<RoshLevel?>(null, RoshLevel.Low, RoshLevel.Medium, RoshLevel.High, RoshLevel.VeryHigh)
        from alcohol in AnyFlag
        from alcoholScore in Score
        from drugs in AnyFlag
        from drugScore in Score
        from learning in AnyFlag
        from mentalHealth in AnyFlag
        from selfHarm in AnyFlag
        select new Assessment(prefix, completed, 0)
        {
            RoshOverall = rosh,
            AlcoholNeed = alcohol,
            AlcoholScore = alcoholScore,
            DrugNeed = drugs,
            DrugScore = drugScore,
            LearningDifficulties = learning,
            MentalHealthConcerns = mentalHealth,
            SelfHarmConcerns = selfHarm,
        };

    public static Gen<Sentence> Sentence { get; } =
        from type in Gen.Elements("IPP", "DPP", "LIFE", "EDS", "SDS", "OTHER")
        from sentenced in Date
        from terminated in EndAfter(sentenced)
        select new Sentence("", type, sentenced, terminated, 0);

    public static Gen<OpdScreening> OpdScreening { get; } =
        from screenedOn in Date
        from result in Gen.Elements(OpdResult.ScreenedIn, OpdResult.ScreenedOut)
        from overridden in AnyFlag
        select new OpdScreening(screenedOn, result, overridden, 0);

    public static Gen<RandomCase> Case { get; } =
        from registrations in Few(Registration, 6)
        from assessments in Few(Assessment, 4)
        from sentences in Few(Sentence, 3)
        from opd in Few(OpdScreening, 3)
        select new RandomCase(
            [.. registrations.Select((r, i) => r with { Line = i + 2 })],
            // assessment_id is unique in an extract: the index makes it so, the prefix varies the ordinal order.
            [.. assessments.Select((a, i) => a with { AssessmentId = a.AssessmentId + i, Line = i + 2 })],
            [.. sentences.Select((s, i) => s with { EventNumber = $"{i + 1}", Line = i + 2 })],
            [.. opd.Select((o, i) => o with { Line = i + 2 })]);

    public static Gen<RandomDefinition> Definition { get; } =
        from weights in Gen.Choose(1, 3).ArrayOf(CriterionIds.Count)
        from threshold in Gen.Choose(1, weights.Sum())
        from lookBack in Gen.Elements(12, 24, 36)
        select new RandomDefinition(weights, threshold, lookBack);

    private static Gen<T[]> Few<T>(Gen<T> item, int max) => Gen.Choose(0, max).SelectMany(n => item.ArrayOf(n));
}
