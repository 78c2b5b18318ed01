using ComplexCases.Domain.Definitions;
using ComplexCases.Domain.Screening;
using ComplexCases.TestSupport.Screening;

namespace ComplexCases.Domain.Tests.Screening;

public class MappaCriterionTests
{
    private static readonly DateOnly D = TestDates.AsOf;

    [Theory]
    [InlineData("M2", CriterionOutcome.Met)]
    [InlineData("M3", CriterionOutcome.Met)]
    [InlineData("M1", CriterionOutcome.NotMet)]
    [InlineData("M0", CriterionOutcome.NotMet)]
    public void Evaluate_CurrentMappaRegistration_LevelDecides(string level, CriterionOutcome expected)
    {
        new CaseBuilder().WithMappa(level).OutcomeOf(CriterionId.Mappa).ShouldBe(expected);
    }

    [Fact]
    public void Evaluate_MappaWithoutLevel_NotMet()
    {
        new CaseBuilder().WithRegistration("MAPP").OutcomeOf(CriterionId.Mappa).ShouldBe(CriterionOutcome.NotMet);
    }

    [Fact]
    public void Evaluate_QualifyingLevelOnOtherRegister_NotMet()
    {
        new CaseBuilder().WithRegistration("INLL", level: "M3").OutcomeOf(CriterionId.Mappa).ShouldBe(CriterionOutcome.NotMet);
    }

    [Fact]
    public void Evaluate_M3DeregisteredOnD_NotMet()
    {
        new CaseBuilder().WithMappa("M3", registeredOn: D.AddYears(-1), deregisteredOn: D)
            .OutcomeOf(CriterionId.Mappa).ShouldBe(CriterionOutcome.NotMet);
    }

    [Fact]
    public void Evaluate_M3DeregisteredDayAfterD_Met()
    {
        new CaseBuilder().WithMappa("M3", registeredOn: D.AddYears(-1), deregisteredOn: D.AddDays(1))
            .OutcomeOf(CriterionId.Mappa).ShouldBe(CriterionOutcome.Met);
    }

    [Fact]
    public void Evaluate_M2RegisteredAfterD_NotMet()
    {
        new CaseBuilder().WithMappa("M2", registeredOn: D.AddDays(1)).OutcomeOf(CriterionId.Mappa).ShouldBe(CriterionOutcome.NotMet);
    }

    [Fact]
    public void Evaluate_OldM3DeregisteredAndCurrentM1_NotMet()
    {
        new CaseBuilder()
            .WithMappa("M3", registeredOn: D.AddYears(-2), deregisteredOn: D.AddYears(-1))
            .WithMappa("M1", registeredOn: D.AddYears(-1))
            .OutcomeOf(CriterionId.Mappa).ShouldBe(CriterionOutcome.NotMet);
    }

    [Fact]
    public void Evaluate_CurrentM1AndCurrentM2_Met()
    {
        new CaseBuilder().WithMappa("M1").WithMappa("M2").OutcomeOf(CriterionId.Mappa).ShouldBe(CriterionOutcome.Met);
    }

    [Fact]
    public void Evaluate_NoRegistrationAndNoAssessment_NotMetNeverUnknown()
    {
        new CaseBuilder().OutcomeOf(CriterionId.Mappa).ShouldBe(CriterionOutcome.NotMet);
    }

    [Fact]
    public void Evaluate_CustomLevels_OnlyThoseMeet()
    {
        var definition = TestDefinitions.Pilot(d => d.Parameter("mappa", "levels", new System.Text.Json.Nodes.JsonArray("M3")));

        new CaseBuilder().WithMappa("M2").OutcomeOf(CriterionId.Mappa, definition).ShouldBe(CriterionOutcome.NotMet);
        new CaseBuilder().WithMappa("M3").OutcomeOf(CriterionId.Mappa, definition).ShouldBe(CriterionOutcome.Met);
    }
}
