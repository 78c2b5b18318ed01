using ComplexCases.Domain.Definitions;
using ComplexCases.Domain.Workflow;

namespace ComplexCases.Domain.Tests.Workflow;

public class ReentryRuleTests
{
    private static readonly DateOnly ClosedOn = new(2024, 9, 20);
    private static readonly ReentryRule Rule = new(monthsClosed: 6);

    private static int Mask(params CriterionId[] ids) => ids.Aggregate(0, (mask, id) => mask | (1 << (int)id));

    private static readonly ListingFacts Before = new(6, Mask(CriterionId.Rosh, CriterionId.Ipp, CriterionId.Mappa, CriterionId.Opd,
        CriterionId.SelfHarm, CriterionId.Substance));

    [Fact]
    public void Decide_SameScoreSameCriteria_NextMonth_StaysClosed()
    {
        Rule.Decide(Before, Before, ClosedOn, new DateOnly(2024, 10, 1)).ShouldBeNull();
    }

    [Fact]
    public void Decide_ScoreRose_ReEntersWithBothScores()
    {
        var now = new ListingFacts(7, Before.MetMask | Mask(CriterionId.MentalHealth));

        var reason = Rule.Decide(Before, now, ClosedOn, new DateOnly(2024, 10, 1)).ShouldNotBeNull();

        reason.Cause.ShouldBe(ReentryCause.ScoreRose);
        reason.Before!.Value.Score.ShouldBe(6);
        reason.Now.Score.ShouldBe(7);
    }

    [Fact]
    public void Decide_OneCriterionSwappedForAnother_ReEntersNamingTheNewOne()
    {
        var now = new ListingFacts(6, (Before.MetMask & ~Mask(CriterionId.Substance)) | Mask(CriterionId.MentalHealth));

        var reason = Rule.Decide(Before, now, ClosedOn, new DateOnly(2024, 10, 1)).ShouldNotBeNull();

        reason.Cause.ShouldBe(ReentryCause.CriterionNewlyMet);
        reason.NewlyMet.ShouldBe([CriterionId.MentalHealth]);
    }

    [Fact]
    public void Decide_ScoreFell_StaysClosed()
    {
        Rule.Decide(Before, new ListingFacts(5, Before.MetMask & ~Mask(CriterionId.Opd)), ClosedOn, new DateOnly(2024, 10, 1)).ShouldBeNull();
    }

    [Fact]
    public void Decide_ClosedForTheConfiguredPeriod_ReEntersThen_NotBefore()
    {
        Rule.Decide(Before, Before, ClosedOn, new DateOnly(2025, 3, 1)).ShouldBeNull();
        Rule.Decide(Before, Before, ClosedOn, new DateOnly(2025, 3, 20))!.Cause.ShouldBe(ReentryCause.PeriodElapsed);
        new ReentryRule(monthsClosed: 3).Decide(Before, Before, ClosedOn, new DateOnly(2024, 12, 20))!.Cause.ShouldBe(ReentryCause.PeriodElapsed);
    }

    [Fact]
    public void Decide_NoEarlierListingStored_ReEnters()
    {
        Rule.Decide(null, Before, ClosedOn, new DateOnly(2024, 10, 1))!.Cause.ShouldBe(ReentryCause.NoEarlierListing);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(61)]
    public void Constructor_PeriodOutOfRange_Refused(int months)
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new ReentryRule(months)).Message.ShouldContain("between 1 and 60 months");
    }
}
