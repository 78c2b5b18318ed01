using ComplexCases.Domain.Insight;
using ComplexCases.Domain.Workflow;
using static ComplexCases.Domain.Workflow.WorkflowStep;

namespace ComplexCases.Domain.Tests.Insight;

public class ProcessFunnelTests
{
    // No bank holidays: working days are weekdays, which keeps the expected dates easy to check by hand.
    private static readonly WorkingCalendar Calendar = new([], new DateOnly(2020, 1, 1), new DateOnly(2030, 12, 31));
    private static readonly Timescales Timescales = new(conversationWorkingDays: 20, triageWorkingDays: 10);
    private static readonly DateOnly March = new(2026, 3, 2); // a Monday
    private static readonly DateOnly From = new(2026, 3, 1), To = new(2026, 3, 31);

    private static WorkflowHistory Case(string area, DateOnly listed, params (WorkflowStep Step, int Day)[] steps) =>
        new(area, listed, [.. steps.Select(s => new StepTaken(s.Step, listed.AddDays(s.Day)))]);

    private static FunnelCounts Only(params WorkflowHistory[] cases) =>
        ProcessFunnel.Count(cases, From, To, Timescales, Calendar).Values.Single();

    [Fact]
    public void EachStage_CountsTheEpisodesThatReachedIt()
    {
        var counts = Only(
            Case("A", March),
            Case("A", March, (ConversationNoFurtherSupport, 3)),
            Case("A", March, (ConversationEscalated, 3), (TriageAdviceGiven, 5)),
            Case("A", March, (ConversationEscalated, 3), (TriageReferredToPanel, 5), (PanelDiscussed, 20), (FollowUpClosed, 60)));

        Enum.GetValues<FunnelStage>().Select(s => counts[s]).ShouldBe([4, 3, 2, 2, 1, 1, 3]);
    }

    [Fact]
    public void Conversation_OnTimeUpToTheDueDate_LateAfterIt()
    {
        // 20 working days after Monday 2 March is Monday 30 March (28 days on).
        var counts = Only(Case("A", March, (ConversationNoFurtherSupport, 28)), Case("A", March, (ConversationNoFurtherSupport, 29)));

        counts[FunnelStage.ConversationHeld].ShouldBe(2);
        counts.ConversationsOnTime.ShouldBe(1);
        counts.DaysToConversation.ShouldBe([20, 21], ignoreOrder: true);
    }

    [Fact]
    public void Triage_IsOnTimeWithinItsTimescaleOfTheEscalation()
    {
        // Escalated Thursday 5 March; 10 working days on is Thursday 19 March (day 17 from listing).
        var counts = Only(
            Case("A", March, (ConversationEscalated, 3), (TriageAdviceGiven, 17)),
            Case("A", March, (ConversationEscalated, 3), (TriageAdviceGiven, 18)));

        counts[FunnelStage.Triaged].ShouldBe(2);
        counts.TriagesOnTime.ShouldBe(1);
    }

    [Fact]
    public void Relisted_StartsANewEpisode_CountedInTheMonthItStarted()
    {
        var january = new DateOnly(2026, 1, 5);
        var history = Case("A", january, (ConversationNoFurtherSupport, 2), (Relisted, 59), (ConversationEscalated, 62));

        var counts = Only(history);

        // Only the March episode is in the period: listed once, conversation held (escalated), not closed.
        counts[FunnelStage.Listed].ShouldBe(1);
        counts[FunnelStage.Escalated].ShouldBe(1);
        counts[FunnelStage.Closed].ShouldBe(0);
    }

    [Fact]
    public void Areas_AreCountedApart_AndOutsideThePeriodNotAtAll()
    {
        var result = ProcessFunnel.Count(
            [Case("A", March), Case("B", March), Case("B", March), Case("C", new DateOnly(2026, 4, 1))], From, To, Timescales, Calendar);

        result.Keys.ShouldBe(["A", "B"], ignoreOrder: true);
        result["B"][FunnelStage.Listed].ShouldBe(2);
        ProcessFunnel.Total(result.Values)[FunnelStage.Listed].ShouldBe(3);
    }
}
