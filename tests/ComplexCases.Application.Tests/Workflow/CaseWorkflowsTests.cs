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

        var won = Compose.Workflows(first, WorkflowData.Settings, _clock).Take(practitioner,
            new StepRequest(Domain.People.Crn.Parse(Crn), WorkflowStep.ConversationNoFurtherSupport, 1, "First", WorkflowData.DetailsFor(WorkflowStep.ConversationNoFurtherSupport)));
        _clock.Advance(TimeSpan.FromMinutes(5));
        var lost = Compose.Workflows(second, WorkflowData.Settings, _clock).Take(spo,
            new StepRequest(Domain.People.Crn.Parse(Crn), WorkflowStep.ConversationEscalated, 1, "Second", WorkflowData.DetailsFor(WorkflowStep.ConversationEscalated)));

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
            Compose.Workflows(db, WorkflowData.Settings, _clock).Take(practitioner,
                new StepRequest(Domain.People.Crn.Parse(Crn), WorkflowStep.ConversationEscalated, 1, null, WorkflowData.DetailsFor(WorkflowStep.ConversationEscalated)))
                .Succeeded.ShouldBeTrue();
        }
        using var later = _db.Open();

        var stale = Compose.Workflows(later, WorkflowData.Settings, _clock).Take(WorkflowData.UserFor(Role.PanelTeam, Crn),
            new StepRequest(Domain.People.Crn.Parse(Crn), WorkflowStep.Withdrawn, 1, "Moved away", StepDetails.None));

        stale.Error.ShouldBe(CaseWorkflows.Conflict(later.Workflows.AsNoTracking().Include(w => w.Events).Single(w => w.Crn == Crn)));
        later.Workflows.AsNoTracking().Single(w => w.Crn == Crn).Stage.ShouldBe((int)CaseStage.AwaitingTriage);
    }

    [Fact]
    public void Take_Escalation_SetsTheTriageDueDateInWorkingDaysFromTheConfiguredTimescales()
    {
        var settings = WorkflowData.Settings with { Timescales = new Timescales(triageWorkingDays: 3) };
        using var db = _db.Open();

        var result = Compose.Workflows(db, settings, _clock).Take(WorkflowData.UserFor(Role.Spo, Crn),
            new StepRequest(Domain.People.Crn.Parse(Crn), WorkflowStep.ConversationEscalated, 1, null, WorkflowData.DetailsFor(WorkflowStep.ConversationEscalated)));

        // Tuesday 10 September 2024 + 3 working days = Friday 13 September.
        result.Value!.TriageDue.ShouldBe(new DateOnly(2024, 9, 13));
        result.Value.ConversationDue.ShouldBeNull();
    }

    [Fact]
    public void Find_OutsideTheUsersScope_IsNull()
    {
        using var db = _db.Open();
        var workflows = Compose.Workflows(db, WorkflowData.Settings, _clock);
        var elsewhere = WorkflowData.UserFor(Role.HeadOfPdu, Crn) with { PduCode = "PDU9" };

        workflows.Find(elsewhere, Domain.People.Crn.Parse(Crn)).ShouldBeNull();
        workflows.Find(WorkflowData.UserFor(Role.HeadOfPdu, Crn), Domain.People.Crn.Parse(Crn)).ShouldNotBeNull();
        workflows.Find(WorkflowData.UserFor(Role.HeadOfPdu, Crn), Domain.People.Crn.Parse(Crn), Permission.RecordConversation).ShouldBeNull();
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

/// <summary>Each step's date between the previous step and today, and the SPO's confirmation of a conversation, on real SQLite.</summary>
public sealed class StepDatesAndConfirmationTests : IDisposable
{
    private const string Crn = "E100002";
    private readonly TestDatabase _db = new();
    private readonly FakeTimeProvider _clock = new(WorkflowData.Now);
    private readonly StaffUser _practitioner = WorkflowData.UserFor(Role.Practitioner, Crn);
    private readonly StaffUser _spo = WorkflowData.UserFor(Role.Spo, Crn);
    private readonly StaffUser _team = WorkflowData.UserFor(Role.PanelTeam, Crn);

    public StepDatesAndConfirmationTests()
    {
        using var db = _db.Open();
        db.Workflows.Add(WorkflowData.Record(Crn, CaseStage.AwaitingConversation));
        db.SaveChanges();
    }

    public void Dispose() => _db.Dispose();

    private UseCaseResult<Data.Workflow.CaseWorkflowRecord> Take(StaffUser user, WorkflowStep step, StepDetails details)
    {
        using var db = _db.Open();
        var version = db.Workflows.Single(w => w.Crn == Crn).Version;
        return Compose.Workflows(db, WorkflowData.Settings, _clock).Take(user, new StepRequest(Domain.People.Crn.Parse(Crn), step, version, null, details));
    }

    private static Conversation HeldOn(DateOnly day, string? spoUserName = null) =>
        Conversation.Create(day, "Pat Practitioner", "Spo user", "Risk and housing.", [], null, WorkflowData.ListedOn, WorkflowData.Today).Value!
            with { SpoUserName = spoUserName, PersonsView = "Wants to move away." };

    private static StepDetails Escalated(DateOnly day, string? spo = null) =>
        new() { Conversation = HeldOn(day, spo), Escalation = WorkflowData.Escalation() };

    private static StepDetails TriageOn(DateOnly day) =>
        new() { Triage = new Triage(day, ["Panel coordinator"], "Needs several agencies.", "") };

    [Fact]
    public void Conversation_BeforeTheList_OrAfterToday_Refused_ThroughTheUseCaseToo()
    {
        // Records built without the domain's checks (an API, an import) are held to the same dates.
        var early = new StepDetails { Conversation = new Conversation(WorkflowData.ListedOn.AddDays(-1), "Pat", "Sam", "x", new HashSet<BlockageCategory>(), "") };
        var late = new StepDetails { Conversation = new Conversation(WorkflowData.Today.AddDays(1), "Pat", "Sam", "x", new HashSet<BlockageCategory>(), "") };

        Take(_practitioner, WorkflowStep.ConversationNoFurtherSupport, early).Error
            .ShouldBe("The date of the conversation must be on or after the date of the list, 2 September 2024.");
        Take(_practitioner, WorkflowStep.ConversationNoFurtherSupport, late).Error.ShouldBe("The date of the conversation must be today or in the past.");
        using var db = _db.Open();
        db.WorkflowEvents.Count().ShouldBe(0);
    }

    [Fact]
    public void Triage_BeforeTheConversationThatEscalated_Refused_OnOrAfter_Accepted()
    {
        Take(_practitioner, WorkflowStep.ConversationEscalated, Escalated(new DateOnly(2024, 9, 4))).Succeeded.ShouldBeTrue();

        Take(_team, WorkflowStep.TriageReferredToPanel, TriageOn(new DateOnly(2024, 9, 3))).Error
            .ShouldBe("The date of the triage meeting must be on or after the conversation that escalated the case, 4 September 2024.");
        Take(_team, WorkflowStep.TriageReferredToPanel, TriageOn(new DateOnly(2024, 9, 11))).Error
            .ShouldBe("The date of the triage meeting must be today or in the past.");
        Take(_team, WorkflowStep.TriageReferredToPanel, TriageOn(new DateOnly(2024, 9, 4))).Succeeded.ShouldBeTrue();
    }

    [Fact]
    public void PanelDiscussion_AtAMeetingBeforeTheTriageThatReferred_Refused()
    {
        Take(_practitioner, WorkflowStep.ConversationEscalated, Escalated(new DateOnly(2024, 9, 4))).Succeeded.ShouldBeTrue();
        Take(_team, WorkflowStep.TriageReferredToPanel, TriageOn(new DateOnly(2024, 9, 6))).Succeeded.ShouldBeTrue();
        long meetingId;
        using (var db = _db.Open())
        {
            var meeting = new Data.Workflow.PanelMeetingRecord
            {
                RegionCode = _team.RegionCode!, HeldOn = new DateOnly(2024, 9, 5), Chair = "Chair", Status = (int)Data.Workflow.PanelMeetingStatus.Held,
                CreatedBy = "test", CreatedAt = WorkflowData.Now,
            };
            db.PanelMeetings.Add(meeting);
            db.SaveChanges();
            meetingId = meeting.Id;
        }
        using var session = _db.Open();
        var version = session.Workflows.Single(w => w.Crn == Crn).Version;

        var result = Compose.Workflows(session, WorkflowData.Settings, _clock).Take(_team,
            new StepRequest(Domain.People.Crn.Parse(Crn), WorkflowStep.PanelDiscussed, version, null, WorkflowData.DetailsFor(WorkflowStep.PanelDiscussed)) { MeetingId = meetingId });

        result.Error.ShouldBe("The date of the panel meeting must be on or after the triage meeting that referred the case, 6 September 2024.");
    }

    [Fact]
    public void Conversation_RecordedByThePractitioner_WaitsForTheNamedSpo_WhoIsToldAndConfirms()
    {
        Take(_practitioner, WorkflowStep.ConversationEscalated, Escalated(new DateOnly(2024, 9, 4), spo: _spo.Id)).Succeeded.ShouldBeTrue();
        using var db = _db.Open();
        var recorded = db.WorkflowEvents.AsNoTracking().Single();
        recorded.ConfirmedBy.ShouldBeNull();
        var told = db.Notifications.AsNoTracking().Single(n => n.Kind == (int)Domain.Notifications.NotificationKind.ConversationToConfirm);
        told.RecipientUserName.ShouldBe(_spo.Id);
        told.Link.ShouldBe($"/cases/{Crn}/conversation/confirm");
        var workflows = Compose.Workflows(db, WorkflowData.Settings, _clock);

        workflows.ConfirmConversation(_practitioner, Domain.People.Crn.Parse(Crn), recorded.Id).Error.ShouldBe(CaseWorkflows.NotFound);
        _clock.Advance(TimeSpan.FromHours(3));
        workflows.ConfirmConversation(_spo, Domain.People.Crn.Parse(Crn), recorded.Id).Succeeded.ShouldBeTrue();
        workflows.ConfirmConversation(_spo, Domain.People.Crn.Parse(Crn), recorded.Id).Error.ShouldStartWith("You confirmed this conversation on");

        db.ChangeTracker.Clear();
        var confirmed = db.WorkflowEvents.AsNoTracking().Single();
        (confirmed.ConfirmedBy, confirmed.ConfirmedByName, confirmed.ConfirmedAt).ShouldBe((_spo.Id, _spo.DisplayName, _clock.GetUtcNow()));
        var entry = db.AuditEvents.AsNoTracking().Single(e => e.EventType == AuditEventTypes.ConversationConfirmed);
        (entry.Actor, entry.SubjectCrns).ShouldBe((_spo.Id, Crn));
        StepDetails.FromJson(confirmed.DetailsJson).Conversation!.PersonsView.ShouldBe("Wants to move away.");
    }

    [Fact]
    public void Conversation_RecordedByTheNamedSpo_IsConfirmedBySaving_NobodyAsked()
    {
        Take(_spo, WorkflowStep.ConversationNoFurtherSupport, new StepDetails { Conversation = HeldOn(new DateOnly(2024, 9, 4), _spo.Id) }).Succeeded.ShouldBeTrue();

        using var db = _db.Open();
        db.WorkflowEvents.AsNoTracking().Single().ConfirmedBy.ShouldBe(_spo.Id);
        db.Notifications.Count(n => n.Kind == (int)Domain.Notifications.NotificationKind.ConversationToConfirm).ShouldBe(0);
    }
}
