using ComplexCases.Domain.Definitions;
using ComplexCases.Domain.Screening;
using ComplexCases.TestSupport.Screening;

namespace ComplexCases.Domain.Tests.Screening;

public class RoshCriterionTests
{
    private static readonly DateOnly D = TestDates.AsOf;

    [Theory]
    [InlineData("RHRH", RoshLevel.Low, CriterionOutcome.Met)]
    [InlineData("RVHR", RoshLevel.Low, CriterionOutcome.Met)]
    [InlineData("RLRH", RoshLevel.High, CriterionOutcome.NotMet)]
    [InlineData("RMRH", RoshLevel.VeryHigh, CriterionOutcome.NotMet)]
    public void Evaluate_CurrentRoshRegistration_DecidesOverAssessment(string code, RoshLevel assessed, CriterionOutcome expected)
    {
        var person = new CaseBuilder().WithRegistration(code).WithAssessment(a => a.Rosh(assessed));

        person.OutcomeOf(CriterionId.Rosh).ShouldBe(expected);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Evaluate_NewerLowRegistrationAfterOlderHigh_NotMet(bool newestFirst)
    {
        var person = new CaseBuilder().WithAssessment(a => a.Rosh(RoshLevel.VeryHigh));
        var older = () => person.WithRegistration("RVHR", registeredOn: D.AddDays(-300));
        var newer = () => person.WithRegistration("RLRH", registeredOn: D.AddDays(-30));
        if (newestFirst) { newer(); older(); } else { older(); newer(); }

        person.OutcomeOf(CriterionId.Rosh).ShouldBe(CriterionOutcome.NotMet);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Evaluate_NewerHighRegistrationAfterOlderLow_Met(bool newestFirst)
    {
        var person = new CaseBuilder().WithAssessment(a => a.Rosh(RoshLevel.Low));
        var older = () => person.WithRegistration("RLRH", registeredOn: D.AddDays(-300));
        var newer = () => person.WithRegistration("RHRH", registeredOn: D.AddDays(-30));
        if (newestFirst) { newer(); older(); } else { older(); newer(); }

        person.OutcomeOf(CriterionId.Rosh).ShouldBe(CriterionOutcome.Met);
    }

    [Theory]
    [InlineData("RLRH", "RVHR", CriterionOutcome.Met)]
    [InlineData("RVHR", "RLRH", CriterionOutcome.Met)]
    [InlineData("RMRH", "RHRH", CriterionOutcome.Met)]
    [InlineData("RHRH", "RMRH", CriterionOutcome.Met)]
    [InlineData("RLRH", "RMRH", CriterionOutcome.NotMet)]
    public void Evaluate_TwoCurrentRegistrationsSameDate_HigherLevelWins(string first, string second, CriterionOutcome expected)
    {
        var on = D.AddDays(-50);
        var person = new CaseBuilder()
            .WithRegistration(first, registeredOn: on)
            .WithRegistration(second, registeredOn: on)
            .WithAssessment(a => a.Rosh(RoshLevel.VeryHigh));

        person.OutcomeOf(CriterionId.Rosh).ShouldBe(expected);
    }

    [Fact]
    public void Evaluate_SameDateTieUnderCustomMetCodes_HigherRankStillWins()
    {
        // Only RLRH meets here, so "lower wins" or "first listed wins" would both say met.
        var definition = TestDefinitions.Pilot(d => d.Parameter("rosh", "metRegisterCodes", new System.Text.Json.Nodes.JsonArray("RLRH")));
        var on = D.AddDays(-50);
        var person = new CaseBuilder().WithRegistration("RLRH", registeredOn: on).WithRegistration("RMRH", registeredOn: on);

        person.OutcomeOf(CriterionId.Rosh, definition).ShouldBe(CriterionOutcome.NotMet);
    }

    [Fact]
    public void Evaluate_HighRegistrationDeregisteredOnD_NotCurrentSoAssessmentDecides()
    {
        var person = new CaseBuilder()
            .WithRegistration("RHRH", registeredOn: D.AddYears(-1), deregisteredOn: D)
            .WithAssessment(a => a.Rosh(RoshLevel.Low));

        person.OutcomeOf(CriterionId.Rosh).ShouldBe(CriterionOutcome.NotMet);
    }

    [Fact]
    public void Evaluate_LowRegistrationDeregisteredOnD_AssessmentHighMeets()
    {
        var person = new CaseBuilder()
            .WithRegistration("RLRH", registeredOn: D.AddYears(-1), deregisteredOn: D)
            .WithAssessment(a => a.Rosh(RoshLevel.High));

        person.OutcomeOf(CriterionId.Rosh).ShouldBe(CriterionOutcome.Met);
    }

    [Fact]
    public void Evaluate_HighRegistrationDeregisteredDayAfterD_StillCurrentMet()
    {
        var person = new CaseBuilder()
            .WithRegistration("RHRH", registeredOn: D.AddYears(-1), deregisteredOn: D.AddDays(1))
            .WithAssessment(a => a.Rosh(RoshLevel.Low));

        person.OutcomeOf(CriterionId.Rosh).ShouldBe(CriterionOutcome.Met);
    }

    [Fact]
    public void Evaluate_HighRegistrationRegisteredOnD_CurrentMet()
    {
        var person = new CaseBuilder().WithRegistration("RVHR", registeredOn: D).WithAssessment(a => a.Rosh(RoshLevel.Low));

        person.OutcomeOf(CriterionId.Rosh).ShouldBe(CriterionOutcome.Met);
    }

    [Fact]
    public void Evaluate_HighRegistrationRegisteredAfterD_Ignored()
    {
        var person = new CaseBuilder().WithRegistration("RVHR", registeredOn: D.AddDays(1)).WithAssessment(a => a.Rosh(RoshLevel.Low));

        person.OutcomeOf(CriterionId.Rosh).ShouldBe(CriterionOutcome.NotMet);
    }

    [Fact]
    public void Evaluate_LowRegistrationRegisteredAfterD_DoesNotHideOlderHigh()
    {
        var person = new CaseBuilder()
            .WithRegistration("RHRH", registeredOn: D.AddYears(-1))
            .WithRegistration("RLRH", registeredOn: D.AddDays(1));

        person.OutcomeOf(CriterionId.Rosh).ShouldBe(CriterionOutcome.Met);
    }

    [Theory]
    [InlineData(RoshLevel.High, CriterionOutcome.Met)]
    [InlineData(RoshLevel.VeryHigh, CriterionOutcome.Met)]
    [InlineData(RoshLevel.Low, CriterionOutcome.NotMet)]
    [InlineData(RoshLevel.Medium, CriterionOutcome.NotMet)]
    [InlineData(null, CriterionOutcome.Unknown)]
    public void Evaluate_NoCurrentRegistration_AssessmentRoshOverallDecides(RoshLevel? level, CriterionOutcome expected)
    {
        var person = new CaseBuilder().WithRegistration("RMDO").WithAssessment(a => a.Rosh(level));

        person.OutcomeOf(CriterionId.Rosh).ShouldBe(expected);
    }

    [Fact]
    public void Evaluate_NoRegistrationNoAssessment_Unknown()
    {
        new CaseBuilder().OutcomeOf(CriterionId.Rosh).ShouldBe(CriterionOutcome.Unknown);
    }

    [Fact]
    public void Evaluate_NoRegistrationStaleHighAssessment_Unknown()
    {
        var person = new CaseBuilder().WithAssessment(a => a.CompletedOn(D.AddMonths(-24).AddDays(-1)).Rosh(RoshLevel.VeryHigh));

        person.OutcomeOf(CriterionId.Rosh).ShouldBe(CriterionOutcome.Unknown);
    }

    [Fact]
    public void Evaluate_CurrentLowRegistrationAndNoAssessment_NotMetNotUnknown()
    {
        new CaseBuilder().WithRegistration("RLRH").OutcomeOf(CriterionId.Rosh).ShouldBe(CriterionOutcome.NotMet);
    }
}
