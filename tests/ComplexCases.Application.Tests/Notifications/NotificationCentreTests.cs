using ComplexCases.Application.Access;
using ComplexCases.Application.Audit;
using ComplexCases.Domain.Notifications;
using ComplexCases.Domain.Workflow;

namespace ComplexCases.Application.Tests.Notifications;

public sealed class NotificationCentreTests : IDisposable
{
    private readonly WorkflowWorld _world = new(new DateTimeOffset(2025, 6, 2, 9, 0, 0, TimeSpan.Zero));

    public void Dispose() => _world.Dispose();

    private void Staff()
    {
        _world.Account("pat", Role.Practitioner, "P1");
        _world.Account("sam", Role.Spo, "S1", teams: "T1");
        _world.Account("other-practitioner", Role.Practitioner, "P2");
        _world.Account("other-spo", Role.Spo, "S2", teams: "T2");
        _world.Account("panel", Role.PanelTeam, pdu: null);
        _world.Account("qdo", Role.Qdo, pdu: null);
        _world.Account("head", Role.HeadOfPdu);
    }

    [Fact]
    public void NewlyListed_TellsTheCasesPractitionerAndSpo_AndNobodyElse()
    {
        Staff();
        var mine = _world.Workflow(conversationDue: new DateOnly(2025, 6, 30));
        var theirs = _world.Workflow(practitioner: "P2", spo: "S2", conversationDue: new DateOnly(2025, 6, 30));

        var created = _world.Centre().NewlyListed([mine, theirs]);

        created.ShouldBe(4);
        var notifications = _world.NotificationsOf(NotificationKind.NewlyListed);
        notifications.Where(n => n.Crns == mine.Crn).Select(n => n.RecipientUserName).Order().ShouldBe(["pat", "sam"]);
        notifications.Where(n => n.Crns == theirs.Crn).Select(n => n.RecipientUserName).Order().ShouldBe(["other-practitioner", "other-spo"]);
        var pats = notifications.Single(n => n.RecipientUserName == "pat");
        pats.DedupKey.ShouldBe($"newly-listed:{mine.Crn}:2025-06-02:pat");
        pats.Title.ShouldContain(mine.Crn);
        pats.Body.ShouldContain("Monday 30 June 2025");
        pats.Link.ShouldBe($"/cases/{mine.Crn}");
        pats.ReadAt.ShouldBeNull();
        pats.EmailedAt.ShouldBeNull();
    }

    [Fact]
    public void NewlyListed_Again_CreatesNothingAndAuditsNothingMore()
    {
        Staff();
        var w = _world.Workflow();
        _world.Centre().NewlyListed([w]).ShouldBe(2);

        using var later = _world.Open();
        _world.Centre(later).NewlyListed([w]).ShouldBe(0);

        _world.NotificationsOf().Count.ShouldBe(2);
        var audit = _world.Audit(AuditEventTypes.NotificationsCreated).ShouldHaveSingleItem();
        audit.Actor.ShouldBe("system");
        audit.Action.ShouldBe("alteration");
        audit.SubjectCrns.ShouldBe(w.Crn);
        audit.Details.ShouldContain("\"created\":2");
        audit.Details.ShouldContain("newly-listed=2");
    }

    [Fact]
    public void NewlyListed_LimitedAccessCase_TellsNobodyWhoIsNotNamedForIt()
    {
        Staff();
        var limited = _world.Workflow(limited: true);

        _world.Centre().NewlyListed([limited]).ShouldBe(0);
        _world.Audit(AuditEventTypes.NotificationsCreated).ShouldBeEmpty();
    }

    [Fact]
    public void NewlyListed_UnallocatedCase_TellsTheSpoOnly()
    {
        Staff();
        var unallocated = _world.Workflow(practitioner: "NOBODY");

        _world.Centre().NewlyListed([unallocated]);

        _world.NotificationsOf().Select(n => n.RecipientUserName).ShouldBe(["sam"]);
    }

    [Fact]
    public void NewlyListedForRun_TellsOnlyAboutCasesThatRunPutIntoTheProcess()
    {
        Staff();
        var july = _world.Run(new DateOnly(2025, 7, 1));
        var entered = _world.Workflow(listedOn: july.AsOf, runId: july.Id);
        _world.Workflow(listedOn: new DateOnly(2025, 6, 2), runId: july.Id);
        _world.Workflow(CaseStage.AwaitingTriage, listedOn: july.AsOf, runId: july.Id);

        _world.Centre().NewlyListedForRun(july.Id).ShouldBe(2);

        _world.NotificationsOf().ShouldAllBe(n => n.Crns == entered.Crn);
    }

    [Fact]
    public void Texts_CarryCrnsAndCodes_NeverAStaffName()
    {
        Staff();
        _world.Centre().NewlyListed([_world.Workflow()]);

        _world.NotificationsOf().ShouldAllBe(n => !n.Title.Contains("Test ") && !n.Body.Contains("Test "));
    }

    [Fact]
    public void MarkAllRead_MarksOnlyTheUsersOwn_AndTheUnreadCountFollows()
    {
        Staff();
        _world.Centre().NewlyListed([_world.Workflow(), _world.Workflow()]);
        var centre = _world.Centre();
        centre.UnreadCount("pat").ShouldBe(2);
        centre.UnreadCount("sam").ShouldBe(2);

        centre.MarkAllRead("pat").ShouldBe(2);

        centre.UnreadCount("pat").ShouldBe(0);
        centre.UnreadCount("sam").ShouldBe(2);
        _world.NotificationsOf().Where(n => n.RecipientUserName == "pat").ShouldAllBe(n => n.ReadAt == _world.Clock.GetUtcNow());
        centre.For("pat", 0, 50).Select(n => n.Id).ShouldBe(centre.For("pat", 0, 50).Select(n => n.Id).OrderDescending());
    }
}
