using ComplexCases.Domain.Definitions;
using ComplexCases.Domain.People;
using ComplexCases.Domain.Screening;
using ComplexCases.TestSupport.Screening;

namespace ComplexCases.Domain.Tests.Screening;

public class OpdCriterionTests
{
    private static readonly DateOnly D = TestDates.AsOf;

    [Theory]
    [InlineData(OpdResult.ScreenedIn, CriterionOutcome.Met)]
    [InlineData(OpdResult.ScreenedOut, CriterionOutcome.NotMet)]
    public void Evaluate_SingleScreening_ResultDecides(OpdResult result, CriterionOutcome expected)
    {
        new CaseBuilder().WithOpd(result).OutcomeOf(CriterionId.Opd).ShouldBe(expected);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Evaluate_OlderScreenedInThenNewerScreenedOut_NotMet(bool newestFirst)
    {
        var person = new CaseBuilder();
        var older = () => person.WithOpd(OpdResult.ScreenedIn, on: D.AddYears(-1));
        var newer = () => person.WithOpd(OpdResult.ScreenedOut, on: D.AddDays(-10));
        if (newestFirst) { newer(); older(); } else { older(); newer(); }

        person.OutcomeOf(CriterionId.Opd).ShouldBe(CriterionOutcome.NotMet);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Evaluate_OlderScreenedOutThenNewerScreenedIn_Met(bool newestFirst)
    {
        var person = new CaseBuilder();
        var older = () => person.WithOpd(OpdResult.ScreenedOut, on: D.AddYears(-1));
        var newer = () => person.WithOpd(OpdResult.ScreenedIn, on: D.AddDays(-10));
        if (newestFirst) { newer(); older(); } else { older(); newer(); }

        person.OutcomeOf(CriterionId.Opd).ShouldBe(CriterionOutcome.Met);
    }

    [Theory]
    [InlineData(Flag.Yes, CriterionOutcome.Met)]
    [InlineData(Flag.No, CriterionOutcome.NotMet)]
    [InlineData(Flag.Unknown, CriterionOutcome.NotMet)]
    public void Evaluate_ScreenedOutWithOverride_OverrideYesCounts(Flag overridden, CriterionOutcome expected)
    {
        new CaseBuilder().WithOpd(OpdResult.ScreenedOut, overridden: overridden)
            .OutcomeOf(CriterionId.Opd).ShouldBe(expected);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Evaluate_InAndOutOnSameDate_ScreenedInWins(bool inFirst)
    {
        var on = D.AddDays(-20);
        var person = new CaseBuilder();
        if (inFirst) person.WithOpd(OpdResult.ScreenedIn, on).WithOpd(OpdResult.ScreenedOut, on);
        else person.WithOpd(OpdResult.ScreenedOut, on).WithOpd(OpdResult.ScreenedIn, on);

        person.OutcomeOf(CriterionId.Opd).ShouldBe(CriterionOutcome.Met);
    }

    [Fact]
    public void Evaluate_OverrideAndPlainOutOnSameDate_Met()
    {
        var on = D.AddDays(-20);
        new CaseBuilder().WithOpd(OpdResult.ScreenedOut, on).WithOpd(OpdResult.ScreenedOut, on, overridden: Flag.Yes)
            .OutcomeOf(CriterionId.Opd).ShouldBe(CriterionOutcome.Met);
    }

    [Fact]
    public void Evaluate_ScreenedInAfterD_IgnoredSoEarlierOutDecides()
    {
        new CaseBuilder().WithOpd(OpdResult.ScreenedOut, D.AddDays(-10)).WithOpd(OpdResult.ScreenedIn, D.AddDays(1))
            .OutcomeOf(CriterionId.Opd).ShouldBe(CriterionOutcome.NotMet);
    }

    [Fact]
    public void Evaluate_ScreenedOutAfterD_IgnoredSoEarlierInDecides()
    {
        new CaseBuilder().WithOpd(OpdResult.ScreenedIn, D.AddDays(-10)).WithOpd(OpdResult.ScreenedOut, D.AddDays(1))
            .OutcomeOf(CriterionId.Opd).ShouldBe(CriterionOutcome.Met);
    }

    [Fact]
    public void Evaluate_ScreenedInOnD_Counts()
    {
        new CaseBuilder().WithOpd(OpdResult.ScreenedOut, D.AddDays(-10)).WithOpd(OpdResult.ScreenedIn, D)
            .OutcomeOf(CriterionId.Opd).ShouldBe(CriterionOutcome.Met);
    }

    [Fact]
    public void Evaluate_NoScreeningAndNoAssessment_NotMetNeverUnknown()
    {
        new CaseBuilder().OutcomeOf(CriterionId.Opd).ShouldBe(CriterionOutcome.NotMet);
    }

    [Fact]
    public void Evaluate_OverrideCountsFalse_OverrideIgnoredButScreenedInStillMeets()
    {
        var definition = TestDefinitions.Pilot(d => d.Parameter("opd", "overrideCounts", false));

        new CaseBuilder().WithOpd(OpdResult.ScreenedOut, overridden: Flag.Yes)
            .OutcomeOf(CriterionId.Opd, definition).ShouldBe(CriterionOutcome.NotMet);
        new CaseBuilder().WithOpd(OpdResult.ScreenedIn)
            .OutcomeOf(CriterionId.Opd, definition).ShouldBe(CriterionOutcome.Met);
    }

    [Fact]
    public void Evaluate_OverrideCountsFalseSameDateOverrideAndOut_NotMet()
    {
        var definition = TestDefinitions.Pilot(d => d.Parameter("opd", "overrideCounts", false));
        var on = D.AddDays(-20);

        new CaseBuilder().WithOpd(OpdResult.ScreenedOut, on, overridden: Flag.Yes).WithOpd(OpdResult.ScreenedOut, on)
            .OutcomeOf(CriterionId.Opd, definition).ShouldBe(CriterionOutcome.NotMet);
    }
}
