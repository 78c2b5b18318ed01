using System.Globalization;
using ComplexCases.Application.Access;
using ComplexCases.Application.Audit;
using ComplexCases.Application.Notifications;
using ComplexCases.Application.Tests.Workflow;
using ComplexCases.Application.Workflow;
using ComplexCases.Data.Workflow;
using ComplexCases.Domain.Notifications;
using ComplexCases.Domain.People;
using ComplexCases.Domain.Workflow;
using ComplexCases.TestSupport.Email;

namespace ComplexCases.Application.Tests.Notifications;

/// <summary>The panel team told of an escalation by the step itself, not the next sweep; and the email that follows.</summary>
public sealed class EscalationNotificationTests : IDisposable
{
    private readonly WorkflowWorld _world = new(WorkflowData.Now);
    private readonly StaffUser _practitioner;

    public EscalationNotificationTests()
    {
        _practitioner = _world.Account("pat", Role.Practitioner, "P1");
        _world.Account("sam", Role.Spo, "S1", teams: "T1");
        _world.Account("panel-a", Role.PanelTeam, pdu: null, email: "panel-a@example.org");
        _world.Account("panel-a2", Role.PanelTeam, pdu: null);
        _world.Account("panel-b", Role.PanelTeam, region: WorkflowWorld.RegionB, pdu: null, email: "panel-b@example.org");
    }

    public void Dispose() => _world.Dispose();

    private CaseWorkflowRecord Case() =>
        _world.Workflow(listedOn: WorkflowData.ListedOn, conversationDue: WorkflowData.ListedOn.AddDays(28));

    private CaseWorkflowRecord Take(CaseWorkflowRecord w, WorkflowStep step)
    {
        using var db = _world.Open();
        var taken = Compose.Workflows(db, _world.Settings, _world.Clock).Take(_practitioner,
            new StepRequest(Crn.Parse(w.Crn), step, w.Version, null, WorkflowData.DetailsFor(step)));
        taken.Succeeded.ShouldBeTrue(taken.Error);
        return taken.Value!;
    }

    [Fact]
    public void Escalation_TellsThePanelTeamOfTheCasesRegionAtOnce_InTheStepsTransaction_UnderTheUser()
    {
        var w = Case();

        var escalated = Take(w, WorkflowStep.ConversationEscalated);

        var told = _world.NotificationsOf(NotificationKind.Escalated);
        told.Select(n => n.RecipientUserName).Order().ShouldBe(["panel-a", "panel-a2"]);
        told.ShouldAllBe(n => n.Crns == w.Crn && n.DueOn == escalated.TriageDue && n.Link == $"/cases/{w.Crn}");
        // The key the sweep makes for the same escalation.
        told.Single(n => n.RecipientUserName == "panel-a").DedupKey
            .ShouldBe($"escalated:{w.Crn}:{escalated.TriageDue!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}:panel-a");
        var step = _world.Audit(AuditEventTypes.WorkflowStepTaken).ShouldHaveSingleItem();
        var created = _world.Audit(AuditEventTypes.NotificationsCreated).ShouldHaveSingleItem();
        created.Actor.ShouldBe("pat");
        created.SubjectCrns.ShouldBe(w.Crn);
        created.Details.ShouldContain("escalated=2");
        created.Sequence.ShouldBe(step.Sequence + 1);
    }

    [Fact]
    public void Escalation_ThenTheSweep_TellsNobodyTwice()
    {
        var w = Case();
        Take(w, WorkflowStep.ConversationEscalated);

        var swept = _world.Sweep().Run();

        swept.Total.ShouldBe(0);
        _world.NotificationsOf(NotificationKind.Escalated).Count.ShouldBe(2);
        _world.Audit(AuditEventTypes.NotificationsCreated).Count.ShouldBe(1);
    }

    [Fact]
    public void ConversationWithoutEscalation_TellsThePanelTeamNothing()
    {
        Take(Case(), WorkflowStep.ConversationNoFurtherSupport);

        _world.NotificationsOf(NotificationKind.Escalated).ShouldBeEmpty();
        _world.Audit(AuditEventTypes.NotificationsCreated).ShouldBeEmpty();
    }

    [Fact]
    public async Task Escalation_IsEmailedAtTheNextDispatch_AndTheEmailIsAuditedAsADisclosureToItsRecipient()
    {
        await using var server = await LoopbackSmtpServer.StartAsync();
        var w = Case();
        Take(w, WorkflowStep.ConversationEscalated);
        var options = new EmailOptions
        {
            Enabled = true, Host = LoopbackSmtpServer.Host, Port = server.Port, FromAddress = "complex-cases@example.org",
            SiteBaseUrl = "https://complex-cases.example.org", TimeoutSeconds = 10,
        };

        var pass = await Compose.Emails(options, new EmailSender(options), _world.Clock).SendPendingAsync(_world.Open());

        // panel-a2 has no address: in the application only.
        pass.ShouldBe(new EmailPass(1, 1, 1));
        var email = (await server.WaitForAsync(1, TimeSpan.FromSeconds(10))).ShouldHaveSingleItem();
        email.EnvelopeTo.ShouldBe(["panel-a@example.org"]);
        email.Message.Subject.ShouldBe($"[Complex cases] Escalated for triage: {w.Crn}");
        email.Message.TextBody!.ShouldContain($"https://complex-cases.example.org/cases/{w.Crn}");
        var disclosure = _world.Audit(AuditEventTypes.NotificationsEmailed).ShouldHaveSingleItem();
        disclosure.Actor.ShouldBe("system");
        disclosure.Action.ShouldBe("disclosure");
        disclosure.SubjectCrns.ShouldBe(w.Crn);
        disclosure.Purpose.ShouldBe(NotificationEmails.EmailPurpose);
        disclosure.Details.ShouldBe("{\"recipient\":\"panel-a\",\"channel\":\"email\",\"mode\":\"immediate\",\"emails\":1,\"notifications\":1,\"kinds\":\"escalated=1\"}");
    }
}
