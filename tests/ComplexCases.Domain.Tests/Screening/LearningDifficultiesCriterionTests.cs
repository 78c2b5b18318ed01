using ComplexCases.Domain.Definitions;
using ComplexCases.Domain.People;
using ComplexCases.Domain.Screening;
using ComplexCases.TestSupport.Screening;

namespace ComplexCases.Domain.Tests.Screening;

public class LearningDifficultiesCriterionTests
{
    private static readonly DateOnly D = TestDates.AsOf;

    [Theory]
    [InlineData(Flag.Yes, CriterionOutcome.Met)]
    [InlineData(Flag.No, CriterionOutcome.NotMet)]
    [InlineData(Flag.Unknown, CriterionOutcome.Unknown)]
    public void Evaluate_AssessmentAnswer_Decides(Flag answer, CriterionOutcome expected)
    {
        new CaseBuilder().WithAssessment(a => a.LearningDifficulties(answer))
            .OutcomeOf(CriterionId.LearningDifficulties).ShouldBe(expected);
    }

    [Fact]
    public void Evaluate_NoAssessmentDespiteRegistrations_Unknown()
    {
        new CaseBuilder().WithRegistration("RMDO").WithRegistration("ALSH").WithMappa("M3")
            .OutcomeOf(CriterionId.LearningDifficulties).ShouldBe(CriterionOutcome.Unknown);
    }

    [Fact]
    public void Evaluate_StaleAssessmentYes_Unknown()
    {
        new CaseBuilder().WithAssessment(a => a.CompletedOn(D.AddMonths(-24).AddDays(-1)).LearningDifficulties(Flag.Yes))
            .OutcomeOf(CriterionId.LearningDifficulties).ShouldBe(CriterionOutcome.Unknown);
    }
}
