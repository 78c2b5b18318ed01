using ComplexCases.Domain.Definitions;
using ComplexCases.Domain.People;
using ComplexCases.Domain.Screening;
using ComplexCases.TestSupport.Screening;

namespace ComplexCases.Domain.Tests.Screening;

public class ScoreAndStatusTests
{
    private static int Mask(params CriterionId[] ids) => ids.Aggregate(0, (mask, id) => mask | (1 << (int)id));

    [Theory]
    [InlineData(0, ScreeningStatus.NotListed)]
    [InlineData(5, ScreeningStatus.NotListed)]
    [InlineData(6, ScreeningStatus.Complex)]
    [InlineData(7, ScreeningStatus.Complex)]
    [InlineData(8, ScreeningStatus.Complex)]
    public void Evaluate_PilotMeetingExactlyN_ScoreIsNAndStatusAgainstSix(int met, ScreeningStatus expected)
    {
        var outcome = CasePresets.MeetingExactly(met).Screen();

        outcome.Score.ShouldBe((short)met);
        outcome.UnknownMask.ShouldBe((byte)0);
        outcome.Status.ShouldBe(expected);
    }

    [Fact]
    public void Evaluate_EachCriterionAlone_OnlyItsBitIsSet()
    {
        foreach (var id in CriterionIds.All)
        {
            var outcome = CasePresets.Meeting(id).Screen();

            outcome.MetMask.ShouldBe((byte)Mask(id), id.ToKey());
            outcome.UnknownMask.ShouldBe((byte)0, id.ToKey());
        }
    }

    [Fact]
    public void Evaluate_CustomWeights_ScoreIsSumOfMetWeights()
    {
        var definition = TestDefinitions.Pilot(d => d.Threshold(20).Weights(new Dictionary<string, int>
        {
            ["rosh"] = 1, ["mental_health"] = 2, ["self_harm"] = 3, ["learning_difficulties"] = 4,
            ["mappa"] = 5, ["opd"] = 6, ["substance"] = 7, ["ipp"] = 8,
        }));

        var outcome = CasePresets.Meeting(CriterionId.SelfHarm, CriterionId.Mappa, CriterionId.Ipp).Screen(definition);

        outcome.Score.ShouldBe((short)(3 + 5 + 8));
        outcome.Status.ShouldBe(ScreeningStatus.NotListed);
        CasePresets.Meeting(CriterionId.SelfHarm, CriterionId.Mappa, CriterionId.Ipp, CriterionId.Rosh, CriterionId.MentalHealth, CriterionId.Opd)
            .Screen(definition).Status.ShouldBe(ScreeningStatus.Complex); // 3+5+8+1+2+6 = 25
    }

    [Fact]
    public void Evaluate_ScoreEqualsThreshold_Complex()
    {
        var definition = TestDefinitions.Pilot(d => d.Threshold(10).Weight("ipp", 5).Weight("mappa", 5));

        var outcome = CasePresets.Meeting(CriterionId.Ipp, CriterionId.Mappa).Screen(definition);

        outcome.Score.ShouldBe((short)10);
        outcome.Status.ShouldBe(ScreeningStatus.Complex);
    }

    [Fact]
    public void Evaluate_FiveMetOneUnknown_PossiblyComplex()
    {
        var outcome = CasePresets.Meeting(CriterionId.Rosh, CriterionId.Mappa, CriterionId.Opd, CriterionId.Ipp, CriterionId.SelfHarm)
            .WithoutAssessments()
            .WithAssessment(a => a.SelfHarm(Flag.Yes).LearningDifficulties(Flag.Unknown))
            .Screen();

        outcome.Score.ShouldBe((short)5);
        outcome.UnknownMask.ShouldBe((byte)Mask(CriterionId.LearningDifficulties));
        outcome.UnknownWeight.ShouldBe((short)1);
        outcome.Status.ShouldBe(ScreeningStatus.PossiblyComplex);
    }

    [Fact]
    public void Evaluate_FourMetOneUnknown_NotListed()
    {
        var outcome = CasePresets.Meeting(CriterionId.Mappa, CriterionId.Opd, CriterionId.Ipp, CriterionId.MentalHealth)
            .WithoutAssessments()
            .WithAssessment(a => a.MentalHealth(Flag.Yes).Rosh(null))
            .Screen();

        outcome.Score.ShouldBe((short)4);
        outcome.UnknownMask.ShouldBe((byte)Mask(CriterionId.Rosh));
        outcome.Status.ShouldBe(ScreeningStatus.NotListed);
    }

    [Fact]
    public void Evaluate_FourMetTwoUnknown_PossiblyComplex()
    {
        var outcome = CasePresets.Meeting(CriterionId.Mappa, CriterionId.Opd, CriterionId.Ipp, CriterionId.Rosh)
            .WithoutAssessments()
            .WithAssessment(a => a.Blank().LearningDifficulties(Flag.No).MentalHealth(Flag.No).Rosh(RoshLevel.Low))
            .Screen();

        outcome.Score.ShouldBe((short)4);
        outcome.UnknownMask.ShouldBe((byte)Mask(CriterionId.SelfHarm, CriterionId.Substance));
        outcome.UnknownWeight.ShouldBe((short)2);
        outcome.Status.ShouldBe(ScreeningStatus.PossiblyComplex);
    }

    [Fact]
    public void Evaluate_UnknownWeightsCustom_PossiblyComplexOnlyWhenUnknownWeightReachesThreshold()
    {
        // Four met (weight 1 each) and learning difficulties unknown: weight 2 reaches 6, weight 1 does not.
        var person = CasePresets.Meeting(CriterionId.Mappa, CriterionId.Opd, CriterionId.Ipp, CriterionId.Rosh)
            .WithoutAssessments()
            .WithAssessment(a => a.LearningDifficulties(Flag.Unknown));

        person.Screen(TestDefinitions.Pilot(d => d.Weight("learning_difficulties", 2))).Status.ShouldBe(ScreeningStatus.PossiblyComplex);
        person.Screen().Status.ShouldBe(ScreeningStatus.NotListed);
    }

    [Fact]
    public void Evaluate_MissingAssessment_PossiblyComplexUntilAssessed()
    {
        var person = new CaseBuilder()
            .WithRegistration("RHRH").WithRegistration("ALSH").WithMappa("M3")
            .WithOpd(OpdResult.ScreenedIn).WithSentence("IPP");

        var unassessed = person.Screen();

        unassessed.Score.ShouldBe((short)5);
        unassessed.UnknownMask.ShouldBe((byte)Mask(CriterionId.MentalHealth, CriterionId.LearningDifficulties, CriterionId.Substance));
        unassessed.UnknownWeight.ShouldBe((short)3);
        unassessed.Status.ShouldBe(ScreeningStatus.PossiblyComplex);

        var assessed = person.WithAssessment(a => a.LearningDifficulties(Flag.Yes)).Screen();
        assessed.Score.ShouldBe((short)6);
        assessed.UnknownMask.ShouldBe((byte)0);
        assessed.Status.ShouldBe(ScreeningStatus.Complex);
    }

    [Fact]
    public void Evaluate_CriteriaLeftOutOfDefinition_NeitherScoreNorShow()
    {
        var definition = TestDefinitions.Pilot(d => d.RemoveCriterion("ipp").RemoveCriterion("opd").Threshold(6));

        var outcome = CasePresets.MeetingExactly(8).Screen(definition);

        outcome.Score.ShouldBe((short)6);
        outcome[CriterionId.Ipp].ShouldBe(CriterionOutcome.NotMet);
        outcome[CriterionId.Opd].ShouldBe(CriterionOutcome.NotMet);
        outcome.Status.ShouldBe(ScreeningStatus.Complex);
    }

    [Fact]
    public void Evaluate_UnknownCriterionLeftOutOfDefinition_NotCountedAsUnknown()
    {
        var definition = TestDefinitions.Pilot(d => d.RemoveCriterion("learning_difficulties").Threshold(6));

        var outcome = CasePresets.Meeting(CriterionId.Rosh, CriterionId.MentalHealth, CriterionId.SelfHarm, CriterionId.Mappa, CriterionId.Opd)
            .WithoutAssessments()
            .WithRegistration("RMDO").WithRegistration("ALSH")
            .WithAssessment(a => a.Blank().AlcoholNeed(Flag.No).DrugNeed(Flag.No))
            .Screen(definition);

        outcome.UnknownMask.ShouldBe((byte)0);
        outcome.Status.ShouldBe(ScreeningStatus.NotListed);
    }

    [Fact]
    public void IsListed_FollowsStatus()
    {
        CasePresets.MeetingExactly(6).Screen().IsListed.ShouldBeTrue();
        CasePresets.MeetingExactly(5).WithoutAssessments().Screen().IsListed.ShouldBeTrue();
        CasePresets.MeetingExactly(5).Screen().IsListed.ShouldBeFalse();
    }
}
