using ComplexCases.Application.Access;
using ComplexCases.Application.Audit;
using ComplexCases.Data.Workflow;
using ComplexCases.Domain.Notifications;
using ComplexCases.Domain.Workflow;

namespace ComplexCases.Application.Tests.Notifications;

public sealed class ReminderSweepTests : IDisposable
{
    private static readonly DateOnly Friday = new(2025, 6, 13);
    private static readonly DateOnly Monday = new(2025, 6, 16);

    // Early in the year: a fake clock only moves forward, and the tests visit Easter and the summer.
    private readonly WorkflowWorld _world = new(new DateTimeOffset(2025, 1, 2, 9, 0, 0, TimeSpan.Zero));

    public ReminderSweepTests()
    {
        _world.Account("pat", Role.Practitioner, "P1");
        _world.Account("sam", Role.Spo, "S1", teams: "T1");
        _world.Account("other-practitioner", Role.Practitioner, "P2");
        _world.Account("panel-a", Role.PanelTeam, pdu: null);
        _world.Account("panel-a2", Role.PanelTeam, pdu: null);
        _world.Account("panel-b", Role.PanelTeam, region: WorkflowWorld.RegionB, pdu: null);
        _world.Account("qdo", Role.Qdo, pdu: null);
        _world.Account("member", Role.PanelMember, pdu: null);
    }

    public void Dispose() => _world.Dispose();

    private List<NotificationRecord> Overdue() => _world.NotificationsOf(NotificationKind.ConversationOverdue);

    private int SweepOn(DateOnly day)
    {
        _world.SetDay(day);
        using var db = _world.Open();
        return _world.Sweep(db).Run().Total;
    }

    [Fact]
    public void ConversationDueOnFriday_IsNotOverdueOnFriday_NorAtTheWeekend_ButIsOnMonday()
    {
        var w = _world.Workflow(conversationDue: Friday);

        SweepOn(Friday);
        Overdue().ShouldBeEmpty();
        SweepOn(Friday.AddDays(1));
        SweepOn(Friday.AddDays(2));
        Overdue().ShouldBeEmpty();

        SweepOn(Monday);
        var overdue = Overdue();
        overdue.Select(n => n.RecipientUserName).Order().ShouldBe(["pat", "sam"]);
        overdue.ShouldAllBe(n => n.DedupKey.StartsWith($"conversation-overdue:{w.Crn}:2025-06-13:") && n.DueOn == Friday);
        overdue[0].Body.ShouldContain("Friday 13 June 2025");
    }

    [Fact]
    public void ConversationDueBeforeABankHolidayWeekend_IsChasedOnTheFirstWorkingDayAfter()
    {
        // Summer bank holiday 2025: Monday 25 August.
        _world.Workflow(conversationDue: new DateOnly(2025, 8, 22));
        foreach (var day in new[] { 22, 23, 24, 25 }) SweepOn(new DateOnly(2025, 8, day));
        Overdue().ShouldBeEmpty();

        SweepOn(new DateOnly(2025, 8, 26));

        Overdue().Count.ShouldBe(2);
    }

    [Fact]
    public void ConversationDueBeforeEaster_IsNotChasedOnGoodFridayOrEasterMonday()
    {
        _world.Workflow(conversationDue: new DateOnly(2025, 4, 17));
        foreach (var day in new[] { 18, 19, 20, 21 }) SweepOn(new DateOnly(2025, 4, day));
        Overdue().ShouldBeEmpty();

        SweepOn(new DateOnly(2025, 4, 22));

        Overdue().Count.ShouldBe(2);
    }

    [Fact]
    public void TheDayIsTheUkDay_HalfPastMidnightBritishSummerTimeOnMondayIsMonday()
    {
        _world.Workflow(conversationDue: Friday);
        // 23:30 UTC on Sunday is 00:30 BST on Monday.
        _world.Clock.SetUtcNow(new DateTimeOffset(2025, 6, 15, 23, 30, 0, TimeSpan.Zero));

        var result = _world.Sweep().Run();

        result.Today.ShouldBe(Monday);
        result.WorkingDay.ShouldBeTrue();
        Overdue().Count.ShouldBe(2);
    }

    [Fact]
    public void ConversationAlreadyRecorded_IsNotChased()
    {
        _world.Workflow(CaseStage.Closed, conversationDue: Friday);
        _world.Workflow(CaseStage.AwaitingPanel, conversationDue: Friday);

        SweepOn(Monday);

        _world.NotificationsOf().ShouldBeEmpty();
    }

    [Fact]
    public void OverdueAction_TellsItsOwnerOnly()
    {
        var w = _world.Workflow(CaseStage.ActionsInProgress);
        _world.Meeting(Friday, ["member"], [w], PanelMeetingStatus.Held);  // the member may still open the case
        var overdue = _world.Action(w, "member", Friday);
        _world.Action(w, "pat", Monday);                                   // due today: not overdue
        _world.Action(w, "sam", Friday, ActionStatus.Done);                // done

        SweepOn(Monday);

        var n = _world.NotificationsOf(NotificationKind.ActionOverdue).ShouldHaveSingleItem();
        n.RecipientUserName.ShouldBe("member");
        n.DedupKey.ShouldBe($"action-overdue:{overdue.Id}:2025-06-13:member");
        n.Crns.ShouldBe(w.Crn);
        n.Body.ShouldNotContain("mental health");  // free text from the record never goes into a notification
        _world.NotificationsOf().Count.ShouldBe(1);
    }

    [Fact]
    public void OverdueAction_OwnerWhoMayNoLongerOpenTheCase_RemindsThePanelTeamInstead()
    {
        var w = _world.Workflow(CaseStage.ActionsInProgress);
        // The meeting's follow-up has closed: the panel member's access to the case, and so to its action, has ended.
        _world.Meeting(Friday, ["member"], [w], PanelMeetingStatus.FollowUpClosed);
        var action = _world.Action(w, "member", Friday);

        SweepOn(Monday);

        _world.NotificationsOf(NotificationKind.ActionOverdue).Select(n => n.RecipientUserName).Order().ShouldBe(["panel-a", "panel-a2"]);
        _world.NotificationsOf().ShouldAllBe(n => n.RecipientUserName != "member");
        _world.NotificationsOf(NotificationKind.ActionOverdue).ShouldAllBe(n => n.Link == $"/actions/{action.Id}");
    }

    [Fact]
    public void OverdueAction_OwnerWithoutAnAccount_RemindsThePanelTeamOfTheCasesRegion_NamingTheOwnerByAgencyOnly()
    {
        var w = _world.Workflow(CaseStage.ActionsInProgress);
        var unlinked = _world.Action(w, null, Friday);                     // a partner agency's member entered by name only
        var gone = _world.Action(w, "no-such-account", Friday);            // linked to an account that is not there

        SweepOn(Monday);

        var reminders = _world.NotificationsOf(NotificationKind.ActionOverdue);
        reminders.Select(n => (n.RecipientUserName, n.DedupKey)).Order().ShouldBe([
            ("panel-a", $"action-overdue:{unlinked.Id}:2025-06-13:panel-a"), ("panel-a", $"action-overdue:{gone.Id}:2025-06-13:panel-a"),
            ("panel-a2", $"action-overdue:{unlinked.Id}:2025-06-13:panel-a2"), ("panel-a2", $"action-overdue:{gone.Id}:2025-06-13:panel-a2")]);
        var reminder = reminders.First(n => n.DedupKey.StartsWith($"action-overdue:{unlinked.Id}:", StringComparison.Ordinal));
        reminder.Title.ShouldBe($"Action overdue: {w.Crn}");
        reminder.Body.ShouldBe($"An action agreed for {w.Crn} was due by Friday 13 June 2025 and is still open. Its owner (Probation) cannot be reminded here "
            + "(no account in this service, or no longer access to the case): check with them, then update the action or record why it is no longer needed.");
        reminder.Link.ShouldBe($"/actions/{unlinked.Id}");
        // The owner's name and the action's description are typed-in text: never in a notification.
        reminders.ShouldAllBe(n => !n.Body.Contains("Test owner") && !n.Body.Contains("mental health"));

        SweepOn(Monday).ShouldBe(0);
    }

    [Fact]
    public void Escalation_TellsThePanelTeamOfTheCasesRegionOnly_AndTriageOverdueLater()
    {
        var w = _world.Workflow(CaseStage.AwaitingTriage, triageDue: Friday);
        SweepOn(new DateOnly(2025, 6, 9));

        var escalated = _world.NotificationsOf(NotificationKind.Escalated);
        escalated.Select(n => n.RecipientUserName).Order().ShouldBe(["panel-a", "panel-a2"]);
        escalated.ShouldAllBe(n => n.Crns == w.Crn && n.DueOn == Friday);
        _world.NotificationsOf(NotificationKind.TriageOverdue).ShouldBeEmpty();

        SweepOn(Monday);

        _world.NotificationsOf(NotificationKind.Escalated).Count.ShouldBe(2);
        _world.NotificationsOf(NotificationKind.TriageOverdue).Select(n => n.RecipientUserName).Order().ShouldBe(["panel-a", "panel-a2"]);
        _world.NotificationsOf().ShouldAllBe(n => n.RecipientUserName != "panel-b" && n.RecipientUserName != "qdo");
    }

    [Fact]
    public void PanelInvitation_TellsEachInvitedMemberWithAnAccount_WithTheAgendasCrns()
    {
        var first = _world.Workflow(CaseStage.AwaitingPanel);
        var second = _world.Workflow(CaseStage.AwaitingPanel);
        var meeting = _world.Meeting(new DateOnly(2025, 6, 20), ["member", null], [second, first]);
        _world.Meeting(new DateOnly(2025, 6, 6), ["pat"], [first], PanelMeetingStatus.Held);

        SweepOn(Monday);

        var invitation = _world.NotificationsOf(NotificationKind.PanelInvitation).ShouldHaveSingleItem();
        invitation.RecipientUserName.ShouldBe("member");
        invitation.Crns.ShouldBe($"{first.Crn},{second.Crn}");
        invitation.Body.ShouldContain($"{first.Crn}, {second.Crn}");
        invitation.Body.ShouldContain("Friday 20 June 2025");
        invitation.Link.ShouldBe($"/panels/{meeting.Id}");
    }

    [Fact]
    public void NewlyListedCaseMissedByTheIntakeHook_IsCaughtByTheSweep_OnceOnly()
    {
        var w = _world.Workflow(conversationDue: new DateOnly(2025, 6, 30));
        _world.Centre().NewlyListed([w]).ShouldBe(2);

        SweepOn(Monday).ShouldBe(0);

        var other = _world.Workflow(practitioner: "P2", conversationDue: new DateOnly(2025, 6, 30));
        SweepOn(Monday).ShouldBe(2);
        _world.NotificationsOf(NotificationKind.NewlyListed).Where(n => n.Crns == other.Crn).Select(n => n.RecipientUserName).Order()
            .ShouldBe(["other-practitioner", "sam"]);
    }

    [Fact]
    public void RunningTheSweepTwice_CreatesNothingNew()
    {
        _world.Workflow(conversationDue: Friday);
        _world.Workflow(conversationDue: new DateOnly(2025, 6, 30));
        var triage = _world.Workflow(CaseStage.AwaitingTriage, triageDue: Friday);
        var panel = _world.Workflow(CaseStage.ActionsInProgress);
        _world.Action(panel, "member", Friday);
        _world.Meeting(new DateOnly(2025, 6, 20), ["member"], [triage, panel]);

        var first = SweepOn(Monday);
        var audited = _world.Audit(AuditEventTypes.NotificationsCreated).Count;
        var second = SweepOn(Monday);
        _world.Clock.Advance(TimeSpan.FromHours(5));
        var third = _world.Sweep().Run().Total;

        first.ShouldBe(2 + 2 + 2 + 2 + 1 + 1);
        second.ShouldBe(0);
        third.ShouldBe(0);
        _world.NotificationsOf().Count.ShouldBe(first);
        audited.ShouldBe(1);
        _world.Audit(AuditEventTypes.NotificationsCreated).Count.ShouldBe(1);
    }
}
