using ComplexCases.Domain.Definitions;
using ComplexCases.Domain.People;
using ComplexCases.Domain.Screening;
using ComplexCases.TestSupport.Screening;

namespace ComplexCases.Domain.Tests.Screening;

public class MentalHealthCriterionTests
{
    private static readonly DateOnly D = TestDates.AsOf;
    private static readonly DateOnly Stale = D.AddMonths(-24).AddDays(-1);

    [Theory]
    [InlineData("RMDO")]
    [InlineData("AMHL")]
    public void Evaluate_CurrentRegistrationAndAssessmentNo_Met(string code)
    {
        var person = new CaseBuilder().WithRegistration(code).WithAssessment(a => a.MentalHealth(Flag.No));

        person.OutcomeOf(CriterionId.MentalHealth).ShouldBe(CriterionOutcome.Met);
    }

    [Theory]
    [InlineData(Flag.Yes, CriterionOutcome.Met)]
    [InlineData(Flag.No, CriterionOutcome.NotMet)]
    [InlineData(Flag.Unknown, CriterionOutcome.Unknown)]
    public void Evaluate_NoRegistration_AssessmentAnswerDecides(Flag answer, CriterionOutcome expected)
    {
        var person = new CaseBuilder().WithRegistration("ALSH").WithAssessment(a => a.MentalHealth(answer));

        person.OutcomeOf(CriterionId.MentalHealth).ShouldBe(expected);
    }

    [Fact]
    public void Evaluate_StaleAssessmentYes_Unknown()
    {
        var person = new CaseBuilder().WithAssessment(a => a.CompletedOn(Stale).MentalHealth(Flag.Yes));

        person.OutcomeOf(CriterionId.MentalHealth).ShouldBe(CriterionOutcome.Unknown);
    }

    [Fact]
    public void Evaluate_NoAssessment_Unknown()
    {
        new CaseBuilder().OutcomeOf(CriterionId.MentalHealth).ShouldBe(CriterionOutcome.Unknown);
    }

    [Fact]
    public void Evaluate_CurrentRegistrationWithStaleAssessment_Met()
    {
        var person = new CaseBuilder().WithRegistration("RMDO").WithAssessment(a => a.CompletedOn(Stale).MentalHealth(Flag.No));

        person.OutcomeOf(CriterionId.MentalHealth).ShouldBe(CriterionOutcome.Met);
    }

    [Fact]
    public void Evaluate_RegistrationDeregisteredOnD_AssessmentNoDecides()
    {
        var person = new CaseBuilder()
            .WithRegistration("AMHL", registeredOn: D.AddYears(-1), deregisteredOn: D)
            .WithAssessment(a => a.MentalHealth(Flag.No));

        person.OutcomeOf(CriterionId.MentalHealth).ShouldBe(CriterionOutcome.NotMet);
    }
}
