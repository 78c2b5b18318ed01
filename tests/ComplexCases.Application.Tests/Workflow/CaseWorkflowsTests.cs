using ComplexCases.Application.Access;
using ComplexCases.Application.Audit;
using ComplexCases.Application.Workflow;
using ComplexCases.Data.Sqlite;
using ComplexCases.Domain.Workflow;
using ComplexCases.TestSupport.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace ComplexCases.Application.Tests.Workflow;

/// <summary>Optimistic concurrency and the read side of <see cref="CaseWorkflows"/>, on real SQLite.</summary>
public sealed class CaseWorkflowsTests : IDisposable
{
    private const string Crn = "E100001";
    private readonly TestDatabase _db = new();
    private readonly FakeTimeProvider _clock = new(WorkflowData.Now);

    public CaseWorkflowsTests()
    {
        using var db = _db.Open();
        db.Workflows.Add(WorkflowData.Record(Crn, CaseStage.AwaitingConversation));
        db.SaveChanges();
    }

    public void Dispose() => _db.Dispose();

    [Fact]
    public void Take_TwoUsersFromTheSameVersion_FirstSaveWinsSecondGetsTheConflictAndChangesNothing()
    {
        var practitioner = WorkflowData.UserFor(Role.Practitioner, Crn);
        var spo = WorkflowData.UserFor(Role.Spo, Crn);
        using var first = _db.Open();
        using var second = _db.Open();
        // Both have the case open at version 1 (the second context keeps its copy, as a long edit would).
        first.Workflows.Single(w => w.Crn == Crn).Version.ShouldBe(1);
        second.Workflows.Include(w => w.Events).Single(w => w.Crn == Crn).Version.ShouldBe(1);

        var won = new CaseWorkflows(first, WorkflowData.Settings, _clock).Take(practitioner,
            new StepRequest(Crn, WorkflowStep.ConversationNoFurtherSupport, 1, "First", WorkflowData.DetailsFor(WorkflowStep.ConversationNoFurtherSupport)));
        _clock.Advance(TimeSpan.FromMinutes(5));
        var lost = new CaseWorkflows(second, WorkflowData.Settings, _clock).Take(spo,
            new StepRequest(Crn, WorkflowStep.ConversationEscalated, 1, "Second", WorkflowData.DetailsFor(WorkflowStep.ConversationEscalated)));

        won.Succeeded.ShouldBeTrue(won.Error);
        lost.Succeeded.ShouldBeFalse();
        lost.Error.ShouldStartWith("This case was updated by Practitioner user (10 September 2024 09:00 UTC) while you were working on it");
        lost.Error.ShouldContain("It is now closed.");
        using var check = _db.Open();
        var stored = check.Workflows.Include(w => w.Events).Single(w => w.Crn == Crn);
        stored.Version.ShouldBe(2);
        stored.Stage.ShouldBe((int)CaseStage.Closed);
        stored.Events.ShouldHaveSingleItem().Notes.ShouldBe("First");
        check.AuditEvents.Count(e => e.EventType == AuditEventTypes.WorkflowStepTaken).ShouldBe(1);
    }

    [Fact]
    public void Take_FromAnOlderVersionRead_IsRefusedWithTheConflictBeforeAnythingIsWritten()
    {
        var practitioner = WorkflowData.UserFor(Role.Practitioner, Crn);
        using (var db = _db.Open())
        {
            new CaseWorkflows(db, WorkflowData.Settings, _clock).Take(practitioner,
                new StepRequest(Crn, WorkflowStep.ConversationEscalated, 1, null, WorkflowData.DetailsFor(WorkflowStep.ConversationEscalated)))
                .Succeeded.ShouldBeTrue();
        }
        using var later = _db.Open();

        var stale = new CaseWorkflows(later, WorkflowData.Settings, _clock).Take(WorkflowData.UserFor(Role.PanelTeam, Crn),
            new StepRequest(Crn, WorkflowStep.Withdrawn, 1, "Moved away", StepDetails.None));

        stale.Error.ShouldBe(CaseWorkflows.Conflict(later.Workflows.AsNoTracking().Include(w => w.Events).Single(w => w.Crn == Crn)));
        later.Workflows.AsNoTracking().Single(w => w.Crn == Crn).Stage.ShouldBe((int)CaseStage.AwaitingTriage);
    }

    [Fact]
    public void Take_Escalation_SetsTheTriageDueDateInWorkingDaysFromTheConfiguredTimescales()
    {
        var settings = WorkflowData.Settings with { Timescales = new Timescales(triageWorkingDays: 3) };
        using var db = _db.Open();

        var result = new CaseWorkflows(db, settings, _clock).Take(WorkflowData.UserFor(Role.Spo, Crn),
            new StepRequest(Crn, WorkflowStep.ConversationEscalated, 1, null, WorkflowData.DetailsFor(WorkflowStep.ConversationEscalated)));

        // Tuesday 10 September 2024 + 3 working days = Friday 13 September.
        result.Value!.TriageDue.ShouldBe(new DateOnly(2024, 9, 13));
        result.Value.ConversationDue.ShouldBeNull();
    }

    [Fact]
    public void Find_OutsideTheUsersScope_IsNull()
    {
        using var db = _db.Open();
        var workflows = new CaseWorkflows(db, WorkflowData.Settings, _clock);
        var elsewhere = WorkflowData.UserFor(Role.HeadOfPdu, Crn) with { PduCode = "PDU9" };

        workflows.Find(elsewhere, Crn).ShouldBeNull();
        workflows.Find(WorkflowData.UserFor(Role.HeadOfPdu, Crn), Crn).ShouldNotBeNull();
        workflows.Find(WorkflowData.UserFor(Role.HeadOfPdu, Crn), Crn, Permission.RecordConversation).ShouldBeNull();
    }

    [Fact]
    public void StepsFor_TheUsersRoleAndTheStage_AreTheStepsTheyMayTakeNow()
    {
        using var db = _db.Open();
        var record = db.Workflows.AsNoTracking().Single(w => w.Crn == Crn);

        CaseWorkflows.StepsFor(WorkflowData.UserFor(Role.Practitioner, Crn), record)
            .ShouldBe([WorkflowStep.ConversationNoFurtherSupport, WorkflowStep.ConversationEscalated]);
        CaseWorkflows.StepsFor(WorkflowData.UserFor(Role.PanelTeam, Crn), record).ShouldBe([WorkflowStep.Withdrawn]);
        CaseWorkflows.StepsFor(WorkflowData.UserFor(Role.HeadOfPdu, Crn), record).ShouldBeEmpty();
    }
}
