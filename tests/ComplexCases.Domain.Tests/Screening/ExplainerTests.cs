using ComplexCases.Domain.Definitions;
using ComplexCases.Domain.People;
using ComplexCases.Domain.Screening;
using ComplexCases.TestSupport.Screening;

namespace ComplexCases.Domain.Tests.Screening;

public class ExplainerTests
{
    private static readonly DateOnly D = TestDates.AsOf;

    private static readonly CriterionId[] AssessmentCriteria =
        [CriterionId.Rosh, CriterionId.MentalHealth, CriterionId.SelfHarm, CriterionId.LearningDifficulties, CriterionId.Substance];

    private static CriterionExplanation For(CaseBuilder person, CriterionId id, Definition? definition = null) =>
        person.Explain(definition).Single(e => e.Criterion == id);

    [Fact]
    public void Explain_PilotDefinition_OneExplanationPerCriterionMatchingTheOutcome()
    {
        var person = CasePresets.Meeting(CriterionId.Rosh, CriterionId.Opd).WithoutAssessments();
        var outcome = person.Screen();

        var explanations = person.Explain();

        explanations.Select(e => e.Criterion).ShouldBe(CriterionIds.All);
        explanations.Select(e => e.Label).ShouldBe(TestDefinitions.Pilot().Criteria.Select(c => c.Label));
        foreach (var e in explanations) e.Outcome.ShouldBe(outcome[e.Criterion], e.Criterion.ToKey());
    }

    [Fact]
    public void Explain_MetByRegistration_NamesFileLineCodeAndDate()
    {
        var person = new CaseBuilder().WithRegistration("INLL").WithRegistration("RVHR", registeredOn: new(2023, 3, 9), line: 41);

        var explanation = For(person, CriterionId.Rosh);

        explanation.Outcome.ShouldBe(CriterionOutcome.Met);
        explanation.Evidence.ShouldBe(new Evidence("registrations.csv", 41, "RVHR", new DateOnly(2023, 3, 9), "RVHR"));
        explanation.Reason.ShouldContain("RVHR");
        explanation.Reason.ShouldContain("2023-03-09");
    }

    [Fact]
    public void Explain_MetByMappa_ValueNamesLevel()
    {
        var explanation = For(new CaseBuilder().WithMappa("M2", registeredOn: new(2022, 1, 5), line: 7), CriterionId.Mappa);

        explanation.Evidence.ShouldBe(new Evidence("registrations.csv", 7, "MAPP", new DateOnly(2022, 1, 5), "MAPP level M2"));
        explanation.Reason.ShouldContain("M2");
    }

    [Fact]
    public void Explain_AssessmentAnswer_NamesFileLineIdAndDate()
    {
        var person = new CaseBuilder().WithAssessment(a => a.Id("AS-77").CompletedOn(new(2024, 2, 1)).Line(12).MentalHealth(Flag.Yes));

        var explanation = For(person, CriterionId.MentalHealth);

        explanation.Outcome.ShouldBe(CriterionOutcome.Met);
        explanation.Evidence.ShouldNotBeNull();
        explanation.Evidence.File.ShouldBe("assessments.csv");
        explanation.Evidence.Line.ShouldBe(12);
        explanation.Evidence.Key.ShouldBe("AS-77");
        explanation.Evidence.Date.ShouldBe(new DateOnly(2024, 2, 1));
        explanation.Reason.ShouldContain("AS-77");
        explanation.Reason.ShouldContain("2024-02-01");
    }

    [Fact]
    public void Explain_EmptyAnswer_ReasonSaysEmpty()
    {
        var person = new CaseBuilder().WithAssessment(a => a.Id("AS-1").LearningDifficulties(Flag.Unknown));

        var explanation = For(person, CriterionId.LearningDifficulties);

        explanation.Outcome.ShouldBe(CriterionOutcome.Unknown);
        explanation.Evidence!.Key.ShouldBe("AS-1");
        explanation.Reason.ShouldContain("empty");
    }

    [Fact]
    public void Explain_IppSentence_NamesFileLineEventAndDate()
    {
        var person = new CaseBuilder().WithSentence("SDS").WithSentence("IPP", sentencedOn: new(2008, 5, 20), eventNumber: "3", line: 19);

        var explanation = For(person, CriterionId.Ipp);

        explanation.Outcome.ShouldBe(CriterionOutcome.Met);
        explanation.Evidence.ShouldBe(new Evidence("sentences.csv", 19, "3", new DateOnly(2008, 5, 20), "IPP"));
        explanation.Reason.ShouldContain("IPP");
        explanation.Reason.ShouldContain("2008-05-20");
    }

    [Fact]
    public void Explain_OpdScreening_NamesFileLineDateAndResult()
    {
        var person = new CaseBuilder()
            .WithOpd(OpdResult.ScreenedOut, on: new(2023, 1, 1))
            .WithOpd(OpdResult.ScreenedIn, on: new(2024, 4, 2), line: 30);

        var explanation = For(person, CriterionId.Opd);

        explanation.Outcome.ShouldBe(CriterionOutcome.Met);
        explanation.Evidence.ShouldNotBeNull();
        explanation.Evidence.File.ShouldBe("opd_screenings.csv");
        explanation.Evidence.Line.ShouldBe(30);
        explanation.Evidence.Date.ShouldBe(new DateOnly(2024, 4, 2));
        explanation.Evidence.Value.ShouldBe("SCREENED_IN");
        explanation.Reason.ShouldContain("2024-04-02");
    }

    [Fact]
    public void Explain_OpdOverride_ValueSaysOverride()
    {
        var explanation = For(new CaseBuilder().WithOpd(OpdResult.ScreenedOut, overridden: Flag.Yes), CriterionId.Opd);

        explanation.Outcome.ShouldBe(CriterionOutcome.Met);
        explanation.Evidence!.Value.ShouldBe("SCREENED_OUT (override)");
    }

    [Fact]
    public void Explain_StaleAssessment_ReasonNamesAssessmentAndLookBack()
    {
        var completed = D.AddMonths(-30);
        var explanations = new CaseBuilder().WithAssessment(a => a.Id("OLD-1").CompletedOn(completed).LearningDifficulties(Flag.Yes)).Explain();

        foreach (var id in AssessmentCriteria)
        {
            var explanation = explanations.Single(e => e.Criterion == id);
            explanation.Outcome.ShouldBe(CriterionOutcome.Unknown, id.ToKey());
            explanation.Evidence!.Key.ShouldBe("OLD-1", id.ToKey());
            explanation.Reason.ShouldContain("OLD-1", Case.Sensitive, id.ToKey());
            explanation.Reason.ShouldContain(completed.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), Case.Sensitive, id.ToKey());
            explanation.Reason.ShouldContain("older than 24 months", Case.Sensitive, id.ToKey());
        }
    }

    [Fact]
    public void Explain_StaleUnderCustomLookBack_ReasonNamesThatLookBack()
    {
        var explanation = new CaseBuilder().WithAssessment(a => a.CompletedOn(D.AddMonths(-13)))
            .Explain(TestDefinitions.Pilot(d => d.LookBackMonths(12)))
            .Single(e => e.Criterion == CriterionId.MentalHealth);

        explanation.Reason.ShouldContain("older than 12 months");
    }

    [Fact]
    public void Explain_MissingAssessment_ReasonSaysNoAssessment()
    {
        var explanations = new CaseBuilder().WithAssessment(a => a.CompletedOn(D.AddDays(1))).Explain();

        foreach (var id in AssessmentCriteria)
        {
            var explanation = explanations.Single(e => e.Criterion == id);
            explanation.Outcome.ShouldBe(CriterionOutcome.Unknown, id.ToKey());
            explanation.Evidence.ShouldBeNull(id.ToKey());
            explanation.Reason.ShouldContain("no completed OASys assessment", Case.Insensitive, id.ToKey());
        }
    }

    [Fact]
    public void Explain_NeverUnknownCriteriaWithNoRecords_SayNoRecord()
    {
        var explanations = new CaseBuilder().Explain();

        explanations.Single(e => e.Criterion == CriterionId.Mappa).Reason.ShouldContain("no current MAPPA");
        explanations.Single(e => e.Criterion == CriterionId.Ipp).Reason.ShouldContain("no active IPP");
        explanations.Single(e => e.Criterion == CriterionId.Opd).Reason.ShouldContain("no OPD screening");
    }

    [Fact]
    public void Explain_SubstanceMetByScore_ReasonSaysScore()
    {
        var explanation = For(new CaseBuilder().WithAssessment(a => a.AlcoholNeed(Flag.Unknown, 5).DrugNeed(Flag.No)), CriterionId.Substance);

        explanation.Outcome.ShouldBe(CriterionOutcome.Met);
        explanation.Reason.ShouldContain("score");
    }
}
