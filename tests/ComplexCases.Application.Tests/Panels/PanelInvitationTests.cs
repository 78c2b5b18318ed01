using ComplexCases.Application.Access;
using ComplexCases.Application.Audit;
using ComplexCases.Application.Notifications;
using ComplexCases.Data.Workflow;
using ComplexCases.Domain.Definitions;
using ComplexCases.Domain.Notifications;
using ComplexCases.Domain.Panels;
using ComplexCases.Domain.Workflow;
using ComplexCases.TestSupport.Email;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Application.Tests.Panels;

/// <summary>
/// Panel invitations made when the invitations are saved, with the agenda, and sent again to those invited when the agenda
/// or date changes; emailed to a real SMTP listener on loopback.
/// </summary>
public sealed class PanelInvitationTests : IDisposable
{
    private readonly PanelWorld _world = new();

    public PanelInvitationTests()
    {
        _world.AddCase("E000001", CaseStage.AwaitingPanel, [CriterionId.Rosh]);
        _world.AddCase("E000002", CaseStage.AwaitingPanel, [CriterionId.Rosh]);
        _world.AddAccount("member-a", Role.PanelMember, email: "member-a@example.org");
        _world.AddAccount("member-b", Role.PanelMember);
    }

    public void Dispose() => _world.Dispose();

    private DateOnly HeldOn => _world.Today.AddDays(10);

    private List<NotificationRecord> Invitations(string userName) =>
        [.. _world.Notifications(NotificationKind.PanelInvitation).Where(n => n.RecipientUserName == userName)];

    private void SetAgenda(long id, params string[] crns) =>
        _world.Meetings(_world.Db()).SetAgenda(_world.PanelTeam, id, _world.Version(id), crns).Errors.ShouldBeEmpty();

    private void Invite(long id, params long[] members) =>
        _world.Meetings(_world.Db()).Invite(_world.PanelTeam, id, _world.Version(id), members).Errors.ShouldBeEmpty();

    [Fact]
    public void SavingInvitations_InvitesEachMemberWithAnAccountAtOnce_WithTheAgenda_UnderThePanelTeamMember()
    {
        var withAccount = _world.AddMember("Ann Health", Agency.MentalHealth, "member-a");
        var withoutAccount = _world.AddMember("Bo Housing", Agency.Housing);
        var id = _world.Meeting(HeldOn, [], ["E000001"]);

        Invite(id, withAccount, withoutAccount);

        var invitation = _world.Notifications(NotificationKind.PanelInvitation).ShouldHaveSingleItem();
        invitation.RecipientUserName.ShouldBe("member-a");
        invitation.Title.ShouldBe("Panel invitation: Thursday 12 March 2026");
        invitation.Body.ShouldBe("You are invited to the Complex Case Panel on Thursday 12 March 2026. Cases on the agenda (1): E000001.");
        invitation.Crns.ShouldBe("E000001");
        invitation.Link.ShouldBe($"/panels/{id}");
        invitation.DedupKey.ShouldBe($"panel-invitation:{id}:2026-03-12:member-a");
        var audit = _world.Audit(AuditEventTypes.NotificationsCreated).ShouldHaveSingleItem();
        audit.Actor.ShouldBe("panel-team");
        audit.SubjectCrns.ShouldBe("E000001");
        // In the invitations' own transaction: the entry right after the meeting change it follows.
        audit.Sequence.ShouldBe(_world.Audit(AuditEventTypes.PanelMeetingChanged).Last().Sequence + 1);

        // The sweep is a safety net now: it finds the invitation stored.
        using var db = _world.Db();
        Compose.Sweep(db, _world.Settings, _world.Clock).Run().Created[NotificationKind.PanelInvitation].ShouldBe(0);
    }

    [Fact]
    public void AgendaChangedAfterInvitations_TellsEachInvitedMemberOncePerChange_WithTheAgendaAsItNowStands()
    {
        var a = _world.AddMember("Ann Health", Agency.MentalHealth, "member-a");
        var b = _world.AddMember("Ben Police", Agency.Police, "member-b");
        var id = _world.Meeting(HeldOn, [a], []);
        Invitations("member-a").ShouldHaveSingleItem().Body.ShouldContain("No cases are on the agenda yet.");

        SetAgenda(id, "E000001");
        Invite(id, a, b);                      // only who else is invited changes: member-a is not told again
        SetAgenda(id, "E000001");              // saved without a change: nobody is told
        SetAgenda(id, "E000002", "E000001");
        SetAgenda(id, "E000001");              // back to an agenda told before, but not the last one told

        var toA = Invitations("member-a");
        toA.Select(n => n.Crns).ShouldBe([null, "E000001", "E000001,E000002", "E000001"]);
        toA.Skip(1).ShouldAllBe(n => n.Title == "Panel agenda updated: Thursday 12 March 2026");
        toA[1].Body.ShouldBe("The agenda of the Complex Case Panel on Thursday 12 March 2026, to which you are invited, has changed. "
            + "Cases on the agenda (1): E000001.");
        toA.Select(n => n.DedupKey).ShouldBe([
            $"panel-invitation:{id}:2026-03-12:member-a", $"panel-invitation:{id}.2:2026-03-12:member-a",
            $"panel-invitation:{id}.3:2026-03-12:member-a", $"panel-invitation:{id}.4:2026-03-12:member-a"]);
        var toB = Invitations("member-b");
        toB.Select(n => n.Crns).ShouldBe(["E000001", "E000001,E000002", "E000001"]);
        toB[0].Title.ShouldStartWith("Panel invitation:");

        using var db = _world.Db();
        Compose.Sweep(db, _world.Settings, _world.Clock).Run().Created[NotificationKind.PanelInvitation].ShouldBe(0);
    }

    [Fact]
    public void MeetingDateChanged_TheSweepTellsThoseInvitedItMoved()
    {
        var a = _world.AddMember("Ann Health", Agency.MentalHealth, "member-a");
        var id = _world.Meeting(HeldOn, [a], ["E000001"]);
        // No page moves a meeting yet; a corrected record must still reach those invited.
        using (var db = _world.Db())
            db.PanelMeetings.Where(m => m.Id == id).ExecuteUpdate(s => s.SetProperty(m => m.HeldOn, HeldOn.AddDays(1)));

        using (var db = _world.Db())
            Compose.Sweep(db, _world.Settings, _world.Clock).Run().Created[NotificationKind.PanelInvitation].ShouldBe(1);

        var moved = Invitations("member-a").Last();
        moved.Title.ShouldBe("Panel meeting moved: now Friday 13 March 2026");
        moved.Body.ShouldContain("planned for Thursday 12 March 2026, is now on Friday 13 March 2026");
        moved.Crns.ShouldBe("E000001");
    }

    [Fact]
    public void InvitationsToAMeetingInThePast_TellNobody()
    {
        var a = _world.AddMember("Ann Health", Agency.MentalHealth, "member-a");

        _world.Meeting(_world.Today.AddDays(-3), [a], []);

        _world.Notifications(NotificationKind.PanelInvitation).ShouldBeEmpty();
    }

    [Fact]
    public async Task InvitationAndAgendaUpdate_AreEmailedWithTheAgenda_AndTheEmailIsAuditedAsADisclosure()
    {
        await using var server = await LoopbackSmtpServer.StartAsync();
        var a = _world.AddMember("Ann Health", Agency.MentalHealth, "member-a");
        var id = _world.Meeting(HeldOn, [], ["E000001"]);
        Invite(id, a);
        SetAgenda(id, "E000001", "E000002");
        var options = new EmailOptions
        {
            Enabled = true, Host = LoopbackSmtpServer.Host, Port = server.Port, FromAddress = "complex-cases@example.org",
            SiteBaseUrl = "https://complex-cases.example.org", TimeoutSeconds = 10,
        };

        var pass = await Compose.Emails(options, new EmailSender(options), _world.Clock).SendPendingAsync(_world.Db());

        pass.ShouldBe(new EmailPass(2, 2, 0));
        var emails = await server.WaitForAsync(2, TimeSpan.FromSeconds(10));
        emails.ShouldAllBe(e => e.EnvelopeTo.Single() == "member-a@example.org");
        var update = emails.Single(e => e.Message.Subject!.Contains("agenda updated", StringComparison.Ordinal));
        update.Message.TextBody!.ShouldContain("Cases on the agenda (2): E000001, E000002.");
        update.Message.TextBody!.ShouldContain($"https://complex-cases.example.org/panels/{id}");
        // The meeting's date is not a due date.
        update.Message.TextBody!.ShouldNotContain("Due on");
        var disclosure = _world.Audit(AuditEventTypes.NotificationsEmailed).ShouldHaveSingleItem();
        disclosure.Actor.ShouldBe("system");
        disclosure.Action.ShouldBe("disclosure");
        disclosure.SubjectCrns.ShouldBe("E000001,E000002");
        disclosure.Details.ShouldContain("\"recipient\":\"member-a\"");
        disclosure.Details.ShouldContain("\"notifications\":2");
        _world.AuditIntact().ShouldBeTrue();
    }
}
