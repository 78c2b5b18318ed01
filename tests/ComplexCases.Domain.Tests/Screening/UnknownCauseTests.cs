using ComplexCases.Domain.Definitions;
using ComplexCases.Domain.People;
using ComplexCases.Domain.Screening;
using ComplexCases.TestSupport.Screening;

namespace ComplexCases.Domain.Tests.Screening;

/// <summary>Why a criterion reads unknown, as the records-to-check task names it, read from the Explainer's own explanations.</summary>
public class UnknownCauseTests
{
    private static readonly DateOnly D = TestDates.AsOf;

    private static UnknownCause? CauseOf(CaseBuilder person, CriterionId id) =>
        UnknownCauses.Of(person.Explain().Single(e => e.Criterion == id));

    [Fact]
    public void NoAssessment() =>
        CauseOf(CasePresets.Meeting().WithoutAssessments(), CriterionId.MentalHealth).ShouldBe(UnknownCause.NoAssessment);

    [Fact]
    public void StaleAssessment() =>
        CauseOf(new CaseBuilder().WithAssessment(a => a.CompletedOn(D.AddMonths(-30)).MentalHealth(Flag.Yes)), CriterionId.MentalHealth)
            .ShouldBe(UnknownCause.StaleAssessment);

    [Fact]
    public void EmptyAnswer() =>
        CauseOf(new CaseBuilder().WithAssessment(a => a.LearningDifficulties(Flag.Unknown)), CriterionId.LearningDifficulties)
            .ShouldBe(UnknownCause.EmptyAnswer);

    [Fact]
    public void RejectedRow() =>
        CauseOf(CasePresets.Meeting().WithRejectedRow(RecordKind.Sentence), CriterionId.Ipp).ShouldBe(UnknownCause.RejectedRow);

    [Fact]
    public void RejectedRowOverAStaleAssessment_IsTheRejectedRowFirst() =>
        CauseOf(new CaseBuilder().WithAssessment(a => a.CompletedOn(D.AddMonths(-30))).WithRejectedRow(RecordKind.Assessment), CriterionId.SelfHarm)
            .ShouldBe(UnknownCause.RejectedRow);

    [Theory]
    [InlineData(CriterionId.Rosh)]
    [InlineData(CriterionId.Opd)]
    public void MetOrNotMet_HasNoCause(CriterionId id) =>
        CauseOf(CasePresets.Meeting(CriterionId.Rosh), id).ShouldBeNull();

    [Fact]
    public void EveryCause_HasANameAndAnAction()
    {
        foreach (var cause in Enum.GetValues<UnknownCause>())
        {
            UnknownCauses.Name(cause).ShouldNotBeNullOrWhiteSpace();
            UnknownCauses.Action(cause).ShouldNotBeNullOrWhiteSpace();
        }
    }
}
