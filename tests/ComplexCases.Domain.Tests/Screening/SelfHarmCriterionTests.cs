using ComplexCases.Domain.Definitions;
using ComplexCases.Domain.People;
using ComplexCases.Domain.Screening;
using ComplexCases.TestSupport.Screening;

namespace ComplexCases.Domain.Tests.Screening;

public class SelfHarmCriterionTests
{
    private static readonly DateOnly D = TestDates.AsOf;
    private static readonly DateOnly Stale = D.AddMonths(-24).AddDays(-1);

    [Fact]
    public void Evaluate_CurrentAlshRegistrationAndAssessmentNo_Met()
    {
        var person = new CaseBuilder().WithRegistration("ALSH").WithAssessment(a => a.SelfHarm(Flag.No));

        person.OutcomeOf(CriterionId.SelfHarm).ShouldBe(CriterionOutcome.Met);
    }

    [Fact]
    public void Evaluate_AlshDeregisteredBeforeD_AssessmentNoDecides()
    {
        var person = new CaseBuilder()
            .WithRegistration("ALSH", registeredOn: D.AddYears(-1), deregisteredOn: D.AddDays(-1))
            .WithAssessment(a => a.SelfHarm(Flag.No));

        person.OutcomeOf(CriterionId.SelfHarm).ShouldBe(CriterionOutcome.NotMet);
    }

    [Theory]
    [InlineData(Flag.Yes, CriterionOutcome.Met)]
    [InlineData(Flag.No, CriterionOutcome.NotMet)]
    [InlineData(Flag.Unknown, CriterionOutcome.Unknown)]
    public void Evaluate_NoRegistration_AssessmentAnswerDecides(Flag answer, CriterionOutcome expected)
    {
        var person = new CaseBuilder().WithRegistration("RMDO").WithAssessment(a => a.SelfHarm(answer));

        person.OutcomeOf(CriterionId.SelfHarm).ShouldBe(expected);
    }

    [Fact]
    public void Evaluate_StaleAssessmentYes_Unknown()
    {
        var person = new CaseBuilder().WithAssessment(a => a.CompletedOn(Stale).SelfHarm(Flag.Yes));

        person.OutcomeOf(CriterionId.SelfHarm).ShouldBe(CriterionOutcome.Unknown);
    }

    [Fact]
    public void Evaluate_AlshWithStaleAssessment_Met()
    {
        var person = new CaseBuilder().WithRegistration("ALSH").WithAssessment(a => a.CompletedOn(Stale));

        person.OutcomeOf(CriterionId.SelfHarm).ShouldBe(CriterionOutcome.Met);
    }
}
