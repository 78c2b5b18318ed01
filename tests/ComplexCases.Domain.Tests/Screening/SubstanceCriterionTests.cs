using System.Text.Json.Nodes;
using ComplexCases.Domain.Definitions;
using ComplexCases.Domain.People;
using ComplexCases.Domain.Screening;
using ComplexCases.TestSupport.Screening;

namespace ComplexCases.Domain.Tests.Screening;

public class SubstanceCriterionTests
{
    private static readonly DateOnly D = TestDates.AsOf;

    private static CriterionOutcome Substance(Flag alcohol, int? alcoholScore, Flag drugs, int? drugScore, Definition? definition = null) =>
        new CaseBuilder()
            .WithAssessment(a => a.AlcoholNeed(alcohol, alcoholScore).DrugNeed(drugs, drugScore))
            .OutcomeOf(CriterionId.Substance, definition);

    [Theory]
    [InlineData(Flag.Yes, Flag.No, CriterionOutcome.Met)]
    [InlineData(Flag.No, Flag.Yes, CriterionOutcome.Met)]
    [InlineData(Flag.Yes, Flag.Yes, CriterionOutcome.Met)]
    [InlineData(Flag.No, Flag.No, CriterionOutcome.NotMet)]
    public void Evaluate_BothFlagsSet_EitherYesMeets(Flag alcohol, Flag drugs, CriterionOutcome expected)
    {
        Substance(alcohol, null, drugs, null).ShouldBe(expected);
    }

    [Theory]
    [InlineData(4, CriterionOutcome.Met)]
    [InlineData(9, CriterionOutcome.Met)]
    [InlineData(3, CriterionOutcome.NotMet)]
    [InlineData(0, CriterionOutcome.NotMet)]
    public void Evaluate_AlcoholFlagEmpty_ScoreAgainstFour(int score, CriterionOutcome expected)
    {
        Substance(Flag.Unknown, score, Flag.No, null).ShouldBe(expected);
    }

    [Theory]
    [InlineData(2, CriterionOutcome.Met)]
    [InlineData(1, CriterionOutcome.NotMet)]
    public void Evaluate_DrugFlagEmpty_ScoreAgainstTwo(int score, CriterionOutcome expected)
    {
        Substance(Flag.No, null, Flag.Unknown, score).ShouldBe(expected);
    }

    [Fact]
    public void Evaluate_AlcoholFlagNoWithHighScore_FlagOverridesScore()
    {
        Substance(Flag.No, 10, Flag.No, null).ShouldBe(CriterionOutcome.NotMet);
    }

    [Fact]
    public void Evaluate_DrugFlagNoWithHighScore_FlagOverridesScore()
    {
        Substance(Flag.No, null, Flag.No, 8).ShouldBe(CriterionOutcome.NotMet);
    }

    [Fact]
    public void Evaluate_AlcoholFlagYesWithZeroScore_FlagOverridesScore()
    {
        Substance(Flag.Yes, 0, Flag.No, 0).ShouldBe(CriterionOutcome.Met);
    }

    [Fact]
    public void Evaluate_AlcoholUnresolvedDrugNo_Unknown()
    {
        Substance(Flag.Unknown, null, Flag.No, null).ShouldBe(CriterionOutcome.Unknown);
    }

    [Fact]
    public void Evaluate_DrugUnresolvedAlcoholNo_Unknown()
    {
        Substance(Flag.No, null, Flag.Unknown, null).ShouldBe(CriterionOutcome.Unknown);
    }

    [Fact]
    public void Evaluate_DrugUnresolvedAlcoholScoreBelowThreshold_Unknown()
    {
        Substance(Flag.Unknown, 3, Flag.Unknown, null).ShouldBe(CriterionOutcome.Unknown);
    }

    [Fact]
    public void Evaluate_BothUnresolved_Unknown()
    {
        Substance(Flag.Unknown, null, Flag.Unknown, null).ShouldBe(CriterionOutcome.Unknown);
    }

    [Theory]
    [InlineData(Flag.Yes, null, Flag.Unknown, null)]
    [InlineData(Flag.Unknown, null, Flag.Yes, null)]
    [InlineData(Flag.Unknown, 4, Flag.Unknown, null)]
    [InlineData(Flag.Unknown, null, Flag.Unknown, 2)]
    public void Evaluate_OneNeedMetOtherUnresolved_Met(Flag alcohol, int? alcoholScore, Flag drugs, int? drugScore)
    {
        Substance(alcohol, alcoholScore, drugs, drugScore).ShouldBe(CriterionOutcome.Met);
    }

    [Fact]
    public void Evaluate_NoAssessment_Unknown()
    {
        new CaseBuilder().OutcomeOf(CriterionId.Substance).ShouldBe(CriterionOutcome.Unknown);
    }

    [Fact]
    public void Evaluate_StaleAssessmentYes_Unknown()
    {
        new CaseBuilder().WithAssessment(a => a.CompletedOn(D.AddMonths(-24).AddDays(-1)).AlcoholNeed(Flag.Yes))
            .OutcomeOf(CriterionId.Substance).ShouldBe(CriterionOutcome.Unknown);
    }

    [Theory]
    [InlineData(5, CriterionOutcome.NotMet)]
    [InlineData(6, CriterionOutcome.Met)]
    public void Evaluate_CustomAlcoholThresholdSix_ScoreAgainstSix(int score, CriterionOutcome expected)
    {
        var definition = TestDefinitions.Pilot(d => d.Parameter("substance", "alcoholScoreThreshold", 6));

        Substance(Flag.Unknown, score, Flag.No, null, definition).ShouldBe(expected);
    }

    [Theory]
    [InlineData(0, CriterionOutcome.NotMet)]
    [InlineData(1, CriterionOutcome.Met)]
    public void Evaluate_CustomDrugThresholdOne_ScoreAgainstOne(int score, CriterionOutcome expected)
    {
        var definition = TestDefinitions.Pilot(d => d.Parameter("substance", "drugScoreThreshold", JsonValue.Create(1)));

        Substance(Flag.No, null, Flag.Unknown, score, definition).ShouldBe(expected);
    }
}
