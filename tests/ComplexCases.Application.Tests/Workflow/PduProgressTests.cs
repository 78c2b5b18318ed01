using ComplexCases.Application.Access;
using ComplexCases.Application.Tests.Access;
using ComplexCases.Application.Workflow;
using ComplexCases.Domain.People;
using ComplexCases.Domain.Workflow;
using ComplexCases.TestSupport.Data;
using Microsoft.Extensions.Time.Testing;

namespace ComplexCases.Application.Tests.Workflow;

public sealed class PduProgressTests : IDisposable
{
    private static readonly DateOnly August = new(2024, 8, 1);
    private static readonly DateOnly September = new(2024, 9, 2);
    private readonly TestDatabase _db = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2024, 8, 5, 9, 0, 0, TimeSpan.Zero));

    public void Dispose() => _db.Dispose();

    [Fact]
    public void Run_CountsPerPractitioner_AndAConversationFromAnEarlierCycleDoesNotCount()
    {
        using var db = _db.Open();
        var intake = Compose.Intake(WorkflowData.Settings, _clock);
        intake.TakeIn(db, WorkflowData.Run(db, August, "E300001").Id);
        Converse(db, "E300001", August, escalate: false);
        _clock.SetUtcNow(new DateTimeOffset(2024, 10, 15, 9, 0, 0, TimeSpan.Zero));
        // September: E300001 listed again (its August conversation closed it), E300002 and E300003 new, E300004 someone else's.
        var september = WorkflowData.Run(db, September, "E300001", "E300002", "E300003", "E300004");
        var other = db.ListedCases.Single(c => c.RunId == september.Id && c.Crn == "E300004");
        other.PractitionerCode = "STAFF5";
        other.PractitionerName = "Olu Other";
        // Its score rose, so by the re-entry rule the closed E300001 starts again.
        db.ListedCases.Single(c => c.RunId == september.Id && c.Crn == "E300001").Score = 7;
        db.SaveChanges();
        intake.TakeIn(db, september.Id);
        Converse(db, "E300002", September, escalate: true);
        var head = Users.Create(Role.HeadOfPdu);
        var today = WorkingCalendar.UkDate(_clock.GetUtcNow());

        var report = PduProgress.Run(db, head, WorkflowSettings.DefaultDefinitionId, null, today)!;

        report.Run.Id.ShouldBe(september.Id);
        report.Pdu!.Code.ShouldBe(Users.PduCode);
        report.Practitioners.Count.ShouldBe(2);
        var olu = report.Practitioners[0];
        olu.ShouldBe(new PractitionerProgress("STAFF5", "Olu Other", 1, 0, 1, 1, 0));
        olu.NotStarted.ShouldBeTrue();
        var pat = report.Practitioners[1];
        pat.ShouldBe(new PractitionerProgress(Users.StaffCode, "Pat Practitioner", 3, 1, 2, 2, 1));
        pat.NotStarted.ShouldBeFalse();
        report.ByStage[CaseStage.AwaitingConversation].ShouldBe(3);
        report.ByStage[CaseStage.AwaitingTriage].ShouldBe(1);
    }

    [Fact]
    public void Run_OutsideTheUsersScope_ShowsNothing()
    {
        using var db = _db.Open();
        Compose.Intake(WorkflowData.Settings, _clock).TakeIn(db, WorkflowData.Run(db, August, "E300001").Id);
        var elsewhere = Users.Create(Role.HeadOfPdu) with { PduCode = "PDU9" };
        var today = WorkingCalendar.UkDate(_clock.GetUtcNow());

        var report = PduProgress.Run(db, elsewhere, WorkflowSettings.DefaultDefinitionId, null, today)!;

        report.Pdus.ShouldBeEmpty();
        report.Pdu.ShouldBeNull();
        PduProgress.Run(db, elsewhere, WorkflowSettings.DefaultDefinitionId, Users.PduCode, today)!.Pdu.ShouldBeNull();
    }

    private void Converse(Data.ComplexCasesDbContext db, string crn, DateOnly listedOn, bool escalate)
    {
        var record = db.Workflows.Single(w => w.Crn == crn);
        var today = WorkingCalendar.UkDate(_clock.GetUtcNow());
        var conversation = Conversation.Create(listedOn.AddDays(1), "Pat", "Sam", "Talked", [], null, listedOn, today).Value;
        var details = escalate
            ? new StepDetails { Conversation = conversation, Escalation = WorkflowData.Escalation() }
            : new StepDetails { Conversation = conversation };
        Compose.Workflows(db, WorkflowData.Settings, _clock).Take(WorkflowData.UserFor(Role.Practitioner, crn),
                new StepRequest(Crn.Parse(crn), escalate ? WorkflowStep.ConversationEscalated : WorkflowStep.ConversationNoFurtherSupport, record.Version, null, details))
            .Succeeded.ShouldBeTrue();
        db.ChangeTracker.Clear();
    }
}
