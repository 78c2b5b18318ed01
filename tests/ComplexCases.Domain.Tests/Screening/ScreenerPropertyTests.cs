using ComplexCases.Domain.Definitions;
using ComplexCases.Domain.People;
using ComplexCases.Domain.Screening;
using ComplexCases.TestSupport.Screening;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ComplexCases.Domain.Tests.Screening;

public class ScreenerPropertyTests
{
    private static readonly DateOnly D = TestDates.AsOf;

    /// <summary>A source that, added to anyone's records, makes its criterion met on D.</summary>
    public enum MetSource { SelfHarmRegistration, MentalHealthRegistration, MappaM3, IppSentence, DppSentence, OpdScreenedInOnD, RvhrRegisteredOnD }

    private static PersonOutcome Screen(RandomCase person, RandomDefinition definition) =>
        new Screener(definition.Definition, D).Evaluate(person.Records);

    [Property(MaxTest = 300)]
    public Property Evaluate_RecordListsShuffled_SameOutcome()
    {
        var shuffled =
            from definition in RandomCases.Definition
            from person in RandomCases.Case
            from registrations in Gen.Shuffle(person.Registrations)
            from assessments in Gen.Shuffle(person.Assessments)
            from sentences in Gen.Shuffle(person.Sentences)
            from opd in Gen.Shuffle(person.OpdScreenings)
            select (definition, person, shuffled: new RandomCase(registrations, assessments, sentences, opd));

        return Prop.ForAll(shuffled.ToArbitrary(), t => Screen(t.shuffled, t.definition) == Screen(t.person, t.definition));
    }

    [Property(MaxTest = 300)]
    public Property Evaluate_MetSourceAdded_ScoreAndStatusNeverFall()
    {
        var cases =
            from definition in RandomCases.Definition
            from person in RandomCases.Case
            from source in Gen.Elements(Enum.GetValues<MetSource>())
            from since in Gen.Choose(0, 2000).Select(days => D.AddDays(-days))
            select (definition, person, source, since);

        return Prop.ForAll(cases.ToArbitrary(), t =>
        {
            var (criterion, added) = Add(t.person, t.source, t.since);
            var before = Screen(t.person, t.definition);
            var after = Screen(added, t.definition);

            after[criterion].ShouldBe(CriterionOutcome.Met);
            after.Score.ShouldBeGreaterThanOrEqualTo(before.Score);
            ((byte)after.Status).ShouldBeGreaterThanOrEqualTo((byte)before.Status);
            (before.MetMask & ~after.MetMask).ShouldBe(0, "a criterion met before is met after");
        });
    }

    [Property(MaxTest = 300)]
    public Property Evaluate_AnyPerson_StatusAgreesWithScoreAndUnknownWeight()
    {
        var cases = from definition in RandomCases.Definition from person in RandomCases.Case select (definition, person);

        return Prop.ForAll(cases.ToArbitrary(), t =>
        {
            var outcome = Screen(t.person, t.definition);
            var threshold = t.definition.Threshold;

            outcome.Score.ShouldBe((short)t.definition.WeightOf(outcome.MetMask));
            outcome.UnknownWeight.ShouldBe((short)t.definition.WeightOf(outcome.UnknownMask));
            switch (outcome.Status)
            {
                case ScreeningStatus.Complex:
                    outcome.Score.ShouldBeGreaterThanOrEqualTo((short)threshold);
                    break;
                case ScreeningStatus.PossiblyComplex:
                    outcome.Score.ShouldBeLessThan((short)threshold);
                    (outcome.Score + outcome.UnknownWeight).ShouldBeGreaterThanOrEqualTo(threshold);
                    break;
                default:
                    (outcome.Score + outcome.UnknownWeight).ShouldBeLessThan(threshold);
                    break;
            }
        });
    }

    [Property(MaxTest = 300)]
    public Property Evaluate_AnyPerson_MasksDisjointAndNeverUnknownCriteriaKnown()
    {
        var cases = from definition in RandomCases.Definition from person in RandomCases.Case select (definition, person);
        const int neverUnknown = (1 << (int)CriterionId.Mappa) | (1 << (int)CriterionId.Opd) | (1 << (int)CriterionId.Ipp);

        return Prop.ForAll(cases.ToArbitrary(), t =>
        {
            var outcome = Screen(t.person, t.definition);

            (outcome.MetMask & outcome.UnknownMask).ShouldBe(0);
            (outcome.UnknownMask & neverUnknown).ShouldBe(0);
        });
    }

    [Property(MaxTest = 200)]
    public Property Evaluate_FreshAssessmentWithEveryAnswer_NothingUnknown()
    {
        var cases =
            from definition in RandomCases.Definition
            from person in RandomCases.Case
            from months in Gen.Choose(0, 11)
            select (definition, person, months);

        return Prop.ForAll(cases.ToArbitrary(), t =>
        {
            // Newest and complete: every assessment-based answer is resolved, so nothing can be unknown.
            var complete = new Assessment("~newest", D.AddMonths(-t.months), 99)
            {
                RoshOverall = RoshLevel.Medium, AlcoholNeed = Flag.No, DrugNeed = Flag.Unknown, DrugScore = 0,
                LearningDifficulties = Flag.No, MentalHealthConcerns = Flag.Yes, SelfHarmConcerns = Flag.No,
            };
            var kept = t.person.Assessments.Where(a => a.CompletedOn < complete.CompletedOn || a.CompletedOn > D);
            var person = t.person with { Assessments = [.. kept, complete] };

            Screen(person, t.definition).UnknownMask.ShouldBe((byte)0);
        });
    }

    [Property(MaxTest = 50)]
    public Property Screen_WholeCaseload_SameAsEachPersonAlone()
    {
        var caseloads =
            from definition in RandomCases.Definition
            from people in RandomCases.Case.ArrayOf()
            from crns in Gen.Shuffle(Enumerable.Range(1, 200).ToArray())
            select (definition, people, crns);

        return Prop.ForAll(caseloads.ToArbitrary(), t =>
        {
            var builder = new CaseloadBuilder();
            var count = Math.Min(t.people.Length, t.crns.Length);
            for (var i = 0; i < count; i++)
            {
                var crn = Crn.FromValue(t.crns[i]);
                builder.AddPerson(new Person(crn, "EOENFK", "N07", i + 2));
            }
            // Records added kind by kind across people, as an importer reading file by file would.
            for (var i = 0; i < count; i++) foreach (var r in t.people[i].Registrations) builder.Add(Crn.FromValue(t.crns[i]), r);
            for (var i = 0; i < count; i++) foreach (var a in t.people[i].Assessments) builder.Add(Crn.FromValue(t.crns[i]), a);
            for (var i = 0; i < count; i++) foreach (var s in t.people[i].Sentences) builder.Add(Crn.FromValue(t.crns[i]), s);
            for (var i = 0; i < count; i++) foreach (var o in t.people[i].OpdScreenings) builder.Add(Crn.FromValue(t.crns[i]), o);
            var caseload = builder.Build();
            var screener = new Screener(t.definition.Definition, D);

            caseload.Count.ShouldBe(count);
            for (var i = 0; i < count; i++)
            {
                var index = caseload.IndexOf(Crn.FromValue(t.crns[i]));
                screener.Evaluate(caseload.RecordsOf(index)).ShouldBe(screener.Evaluate(t.people[i].Records));
            }
        });
    }

    private static (CriterionId Criterion, RandomCase Person) Add(RandomCase person, MetSource source, DateOnly since)
    {
        RandomCase WithRegistration(string code, string? level, DateOnly on) =>
            person with { Registrations = [.. person.Registrations, new Registration(code, level, on, null, 99)] };
        RandomCase WithSentence(string type) =>
            person with { Sentences = [.. person.Sentences, new Sentence("99", type, since, null, 99)] };

        return source switch
        {
            MetSource.SelfHarmRegistration => (CriterionId.SelfHarm, WithRegistration("ALSH", null, since)),
            MetSource.MentalHealthRegistration => (CriterionId.MentalHealth, WithRegistration("AMHL", null, since)),
            MetSource.MappaM3 => (CriterionId.Mappa, WithRegistration("MAPP", "M3", since)),
            MetSource.IppSentence => (CriterionId.Ipp, WithSentence("IPP")),
            MetSource.DppSentence => (CriterionId.Ipp, WithSentence("DPP")),
            // Dated D so that it is the latest (or ties, and screened in wins the tie).
            MetSource.OpdScreenedInOnD => (CriterionId.Opd,
                person with { OpdScreenings = [.. person.OpdScreenings, new OpdScreening(D, OpdResult.ScreenedIn, Flag.Unknown, 99)] }),
            // Dated D so it is the newest current RoSH registration (or ties, and it is the highest level).
            MetSource.RvhrRegisteredOnD => (CriterionId.Rosh, WithRegistration("RVHR", null, D)),
            _ => throw new ArgumentOutOfRangeException(nameof(source)),
        };
    }

    /// <summary>criteria.md: a rejected row only ever turns "not met" into "unknown", and only for criteria its file feeds.</summary>
    [Property(MaxTest = 300)]
    public Property Evaluate_RejectedRowsAdded_OnlyNotMetCriteriaTheirFilesFeedBecomeUnknown()
    {
        var cases =
            from definition in RandomCases.Definition
            from person in RandomCases.Case
            from kinds in Gen.SubListOf(Enum.GetValues<RecordKind>())
            select (definition, person, kinds);

        return Prop.ForAll(cases.ToArbitrary(), t =>
        {
            var screener = new Screener(t.definition.Definition, D);
            var rejected = t.kinds.Select((k, i) => new RejectedRecord(k, i + 2, "malformed value")).ToArray();
            var before = screener.Evaluate(t.person.Records);
            var after = screener.Evaluate(new CaseRecords(t.person.Registrations, t.person.Assessments, t.person.Sentences, t.person.OpdScreenings, rejected));

            var fed = 0;
            foreach (var kind in t.kinds)
            {
                fed |= kind switch
                {
                    RecordKind.Registration => 0b0001_0111, // rosh, mental_health, self_harm, mappa
                    RecordKind.Assessment => 0b0100_1111,   // rosh, mental_health, self_harm, learning_difficulties, substance
                    RecordKind.Sentence => 0b1000_0000,     // ipp
                    _ => 0b0010_0000,                       // opd
                };
            }
            after.MetMask.ShouldBe(before.MetMask);
            (before.UnknownMask & ~after.UnknownMask).ShouldBe(0, "unknown stays unknown");
            (after.UnknownMask & ~before.UnknownMask & ~fed).ShouldBe(0, "only criteria the rejected files feed");
            ((byte)after.Status).ShouldBeGreaterThanOrEqualTo((byte)before.Status);
            // Without a rejected row of their own files, mappa, opd and ipp are never unknown.
            if (!t.kinds.Contains(RecordKind.Registration)) after[CriterionId.Mappa].ShouldNotBe(CriterionOutcome.Unknown);
            if (!t.kinds.Contains(RecordKind.OpdScreening)) after[CriterionId.Opd].ShouldNotBe(CriterionOutcome.Unknown);
            if (!t.kinds.Contains(RecordKind.Sentence)) after[CriterionId.Ipp].ShouldNotBe(CriterionOutcome.Unknown);
        });
    }
}
