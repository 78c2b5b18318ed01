using ComplexCases.Application.Access;
using ComplexCases.Application.Audit;
using ComplexCases.Application.Workflow;
using ComplexCases.Domain.Workflow;
using ComplexCases.TestSupport.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace ComplexCases.Application.Tests.Workflow;

/// <summary>Monthly lists putting complex cases into the process, on real SQLite.</summary>
public sealed class WorkflowIntakeTests : IDisposable
{
    private static readonly DateOnly August = new(2024, 8, 1);
    private static readonly DateOnly September = new(2024, 9, 2);
    private readonly TestDatabase _db = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2024, 8, 2, 9, 0, 0, TimeSpan.Zero));

    public void Dispose() => _db.Dispose();

    [Fact]
    public void TakeIn_AClosedCaseListedAgainNextMonth_StartsAgainWithANewConversationDueDate()
    {
        using var db = _db.Open();
        var intake = new WorkflowIntake(WorkflowData.Settings, _clock);
        intake.TakeIn(db, WorkflowData.Run(db, August, "E200001").Id).Entered.Count.ShouldBe(1);
        var record = db.Workflows.AsNoTracking().Single();
        new CaseWorkflows(db, WorkflowData.Settings, _clock).Take(WorkflowData.UserFor(Role.Practitioner, "E200001"),
            new StepRequest("E200001", WorkflowStep.ConversationNoFurtherSupport, record.Version, null,
                new StepDetails { Conversation = Conversation.Create(August.AddDays(1), "Pat", "Sam", "Talked", [], null, August, August.AddDays(1)).Value })).Succeeded.ShouldBeTrue();
        db.ChangeTracker.Clear();
        _clock.SetUtcNow(new DateTimeOffset(2024, 9, 3, 9, 0, 0, TimeSpan.Zero));

        var result = intake.TakeIn(db, WorkflowData.Run(db, September, "E200001").Id);

        result.Entered.ShouldHaveSingleItem().Crn.ShouldBe("E200001");
        var relisted = db.Workflows.AsNoTracking().Include(w => w.Events).Single();
        relisted.Stage.ShouldBe((int)CaseStage.AwaitingConversation);
        relisted.ListedOn.ShouldBe(September);
        relisted.ConversationDue.ShouldBe(WorkflowData.Settings.Calendar.AddWorkingDays(September, 20));
        relisted.Version.ShouldBe(record.Version + 2);
        var last = relisted.Events.OrderBy(e => e.Id).Last();
        last.Step.ShouldBe((int)WorkflowStep.Relisted);
        last.By.ShouldBe(WorkflowIntake.SystemActor);
        db.AuditEvents.AsNoTracking().Count(e => e.EventType == AuditEventTypes.WorkflowEntered).ShouldBe(2);
    }

    [Fact]
    public void TakeIn_SameRunTwice_ChangesNothingTheSecondTime()
    {
        using var db = _db.Open();
        var intake = new WorkflowIntake(WorkflowData.Settings, _clock);
        var run = WorkflowData.Run(db, August, "E200001", "E200002");
        intake.TakeIn(db, run.Id).Entered.Count.ShouldBe(2);
        var before = db.Workflows.AsNoTracking().OrderBy(w => w.Crn).Select(w => new { w.Crn, w.Stage, w.Version, w.UpdatedAt, w.LatestRunId }).ToList();
        var audit = db.AuditEvents.Count();
        db.ChangeTracker.Clear();

        var again = intake.TakeIn(db, run.Id);

        again.Entered.ShouldBeEmpty();
        again.Refreshed.ShouldBe(0);
        db.Workflows.AsNoTracking().OrderBy(w => w.Crn).Select(w => new { w.Crn, w.Stage, w.Version, w.UpdatedAt, w.LatestRunId }).ToList().ShouldBe(before);
        db.WorkflowEvents.Count().ShouldBe(0);
        db.AuditEvents.Count().ShouldBe(audit);
    }

    [Fact]
    public void TakeIn_AnOpenCaseListedAgain_KeepsItsStageAndDueDateAndFollowsTheNewListing()
    {
        using var db = _db.Open();
        var intake = new WorkflowIntake(WorkflowData.Settings, _clock);
        intake.TakeIn(db, WorkflowData.Run(db, August, "E200001").Id);
        var due = db.Workflows.AsNoTracking().Single().ConversationDue;
        var september = WorkflowData.Run(db, September, "E200001");
        db.ListedCases.Single(c => c.RunId == september.Id).PractitionerCode = "STAFF7";
        db.SaveChanges();
        db.ChangeTracker.Clear();

        var result = intake.TakeIn(db, september.Id);

        result.Entered.ShouldBeEmpty();
        result.Refreshed.ShouldBe(1);
        var record = db.Workflows.AsNoTracking().Single();
        record.Stage.ShouldBe((int)CaseStage.AwaitingConversation);
        record.ListedOn.ShouldBe(August);
        record.ConversationDue.ShouldBe(due);
        record.PractitionerCode.ShouldBe("STAFF7");
        record.LatestRunId.ShouldBe(september.Id);
    }

    [Fact]
    public void TakeIn_ARunOfAnAlternativeDefinition_IsIgnored()
    {
        using var db = _db.Open();
        var run = WorkflowData.RunOf(db, "broader-2025", August, "E200001");

        var result = new WorkflowIntake(WorkflowData.Settings, _clock).TakeIn(db, run.Id);

        result.Entered.ShouldBeEmpty();
        db.Workflows.Count().ShouldBe(0);
        db.AuditEvents.Count().ShouldBe(0);
    }

    [Fact]
    public void TakeIn_AnOlderMonthTakenInAgain_DoesNotMoveCasesBack()
    {
        using var db = _db.Open();
        var intake = new WorkflowIntake(WorkflowData.Settings, _clock);
        var august = WorkflowData.Run(db, August, "E200001");
        var september = WorkflowData.Run(db, September, "E200001");
        intake.TakeIn(db, september.Id);
        db.ChangeTracker.Clear();

        intake.TakeIn(db, august.Id).Entered.ShouldBeEmpty();

        db.Workflows.AsNoTracking().Single().ListedOn.ShouldBe(September);
    }
}
