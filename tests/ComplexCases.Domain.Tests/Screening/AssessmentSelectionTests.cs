using ComplexCases.Domain.Definitions;
using ComplexCases.Domain.People;
using ComplexCases.Domain.Screening;
using ComplexCases.TestSupport.Screening;

namespace ComplexCases.Domain.Tests.Screening;

public class AssessmentSelectionTests
{
    private static readonly DateOnly D = TestDates.AsOf;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Evaluate_TwoAssessments_LatestDecides(bool newestFirst)
    {
        var person = new CaseBuilder();
        var older = () => person.WithAssessment(a => a.CompletedOn(D.AddMonths(-10)).MentalHealth(Flag.Yes));
        var newer = () => person.WithAssessment(a => a.CompletedOn(D.AddMonths(-2)).MentalHealth(Flag.No));
        if (newestFirst) { newer(); older(); } else { older(); newer(); }

        person.OutcomeOf(CriterionId.MentalHealth).ShouldBe(CriterionOutcome.NotMet);
    }

    [Fact]
    public void Evaluate_LatestLeavesAnswerEmpty_OlderAnswerNotUsed()
    {
        var person = new CaseBuilder()
            .WithAssessment(a => a.CompletedOn(D.AddMonths(-10)).LearningDifficulties(Flag.Yes))
            .WithAssessment(a => a.CompletedOn(D.AddMonths(-2)).LearningDifficulties(Flag.Unknown));

        person.OutcomeOf(CriterionId.LearningDifficulties).ShouldBe(CriterionOutcome.Unknown);
    }

    [Fact]
    public void Evaluate_AssessmentAfterD_Ignored()
    {
        var person = new CaseBuilder()
            .WithAssessment(a => a.CompletedOn(D.AddMonths(-2)).MentalHealth(Flag.No))
            .WithAssessment(a => a.CompletedOn(D.AddDays(1)).MentalHealth(Flag.Yes));

        person.OutcomeOf(CriterionId.MentalHealth).ShouldBe(CriterionOutcome.NotMet);
    }

    [Fact]
    public void Evaluate_OnlyAssessmentAfterD_Unknown()
    {
        new CaseBuilder().WithAssessment(a => a.CompletedOn(D.AddDays(1)).MentalHealth(Flag.Yes))
            .OutcomeOf(CriterionId.MentalHealth).ShouldBe(CriterionOutcome.Unknown);
    }

    [Fact]
    public void Evaluate_AssessmentCompletedOnD_Used()
    {
        new CaseBuilder()
            .WithAssessment(a => a.CompletedOn(D.AddMonths(-2)).MentalHealth(Flag.No))
            .WithAssessment(a => a.CompletedOn(D).MentalHealth(Flag.Yes))
            .OutcomeOf(CriterionId.MentalHealth).ShouldBe(CriterionOutcome.Met);
    }

    [Theory]
    [InlineData("B1", "A9")]
    [InlineData("a", "B")] // ordinal: lower-case letters sort after upper-case
    [InlineData("9", "10")] // ordinal, not numeric
    [InlineData("OASYS-2", "OASYS-10")]
    public void Evaluate_TwoAssessmentsSameDate_GreaterIdByOrdinalWins(string greater, string lesser)
    {
        var on = D.AddMonths(-1);
        foreach (var greaterFirst in new[] { true, false })
        {
            var person = new CaseBuilder();
            var winner = () => person.WithAssessment(a => a.Id(greater).CompletedOn(on).SelfHarm(Flag.Yes));
            var loser = () => person.WithAssessment(a => a.Id(lesser).CompletedOn(on).SelfHarm(Flag.No));
            if (greaterFirst) { winner(); loser(); } else { loser(); winner(); }

            person.OutcomeOf(CriterionId.SelfHarm).ShouldBe(CriterionOutcome.Met, $"{greater} listed {(greaterFirst ? "first" : "second")}");
        }
    }

    [Fact]
    public void Evaluate_CompletedExactlyLookBackBeforeD_NotStale()
    {
        new CaseBuilder().WithAssessment(a => a.CompletedOn(D.AddMonths(-24)).MentalHealth(Flag.No))
            .OutcomeOf(CriterionId.MentalHealth).ShouldBe(CriterionOutcome.NotMet);
    }

    [Fact]
    public void Evaluate_CompletedOneDayBeyondLookBack_Stale()
    {
        new CaseBuilder().WithAssessment(a => a.CompletedOn(D.AddMonths(-24).AddDays(-1)).MentalHealth(Flag.No))
            .OutcomeOf(CriterionId.MentalHealth).ShouldBe(CriterionOutcome.Unknown);
    }

    [Fact]
    public void Evaluate_StaleLatestAndOlderAssessment_StaleNotFallback()
    {
        var person = new CaseBuilder()
            .WithAssessment(a => a.CompletedOn(D.AddMonths(-30)).MentalHealth(Flag.No))
            .WithAssessment(a => a.CompletedOn(D.AddMonths(-25)).MentalHealth(Flag.No));

        person.OutcomeOf(CriterionId.MentalHealth).ShouldBe(CriterionOutcome.Unknown);
    }

    [Theory]
    [InlineData(0, CriterionOutcome.NotMet)]
    [InlineData(1, CriterionOutcome.Unknown)]
    public void Evaluate_CustomLookBackTwelveMonths_BoundaryMovesWithIt(int daysBeyond, CriterionOutcome expected)
    {
        var definition = TestDefinitions.Pilot(d => d.LookBackMonths(12));

        new CaseBuilder().WithAssessment(a => a.CompletedOn(D.AddMonths(-12).AddDays(-daysBeyond)).MentalHealth(Flag.No))
            .OutcomeOf(CriterionId.MentalHealth, definition).ShouldBe(expected);
    }

    [Fact]
    public void Evaluate_ThirteenMonthOldAssessment_FreshForPilotStaleForTwelveMonthLookBack()
    {
        var person = new CaseBuilder().WithAssessment(a => a.CompletedOn(D.AddMonths(-13)).MentalHealth(Flag.Yes));

        person.OutcomeOf(CriterionId.MentalHealth).ShouldBe(CriterionOutcome.Met);
        person.OutcomeOf(CriterionId.MentalHealth, TestDefinitions.Pilot(d => d.LookBackMonths(12))).ShouldBe(CriterionOutcome.Unknown);
    }

    [Fact]
    public void Evaluate_LookBackOmitted_DefaultsToTwentyFourMonths()
    {
        var definition = TestDefinitions.Pilot(d => d.Remove("assessmentLookBackMonths"));

        definition.AssessmentLookBackMonths.ShouldBe(24);
        new CaseBuilder().WithAssessment(a => a.CompletedOn(D.AddMonths(-24)).MentalHealth(Flag.No))
            .OutcomeOf(CriterionId.MentalHealth, definition).ShouldBe(CriterionOutcome.NotMet);
        new CaseBuilder().WithAssessment(a => a.CompletedOn(D.AddMonths(-24).AddDays(-1)).MentalHealth(Flag.No))
            .OutcomeOf(CriterionId.MentalHealth, definition).ShouldBe(CriterionOutcome.Unknown);
    }
}
