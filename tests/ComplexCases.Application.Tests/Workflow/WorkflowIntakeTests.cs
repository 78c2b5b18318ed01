using ComplexCases.Application.Access;
using ComplexCases.Application.Audit;
using ComplexCases.Application.Workflow;
using ComplexCases.Data.Workflow;
using ComplexCases.Domain.People;
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

    /// <summary>E200001 listed in August and closed by its conversation on 2 August; the clock then moves to <paramref name="next"/>.</summary>
    private CaseWorkflowRecord ListedAndClosedInAugust(Data.ComplexCasesDbContext db, WorkflowIntake intake, DateOnly next)
    {
        intake.TakeIn(db, WorkflowData.Run(db, August, "E200001").Id).Entered.Count.ShouldBe(1);
        var record = db.Workflows.AsNoTracking().Single();
        Compose.Workflows(db, WorkflowData.Settings, _clock).Take(WorkflowData.UserFor(Role.Practitioner, "E200001"),
            new StepRequest(Crn.Parse("E200001"), WorkflowStep.ConversationNoFurtherSupport, record.Version, null,
                new StepDetails { Conversation = Conversation.Create(August.AddDays(1), "Pat", "Sam", "Talked", [], null, August, August.AddDays(1)).Value })).Succeeded.ShouldBeTrue();
        db.ChangeTracker.Clear();
        _clock.SetUtcNow(new DateTimeOffset(next.Year, next.Month, next.Day, 9, 0, 0, TimeSpan.Zero).AddDays(1));
        return record;
    }

    /// <summary>A later list with E200001 on it, changed as given (score, criteria met).</summary>
    private static Data.Screening.ScreeningRun ListedAgain(Data.ComplexCasesDbContext db, DateOnly asOf, short score = 6, byte metMask = 0)
    {
        var run = WorkflowData.Run(db, asOf, "E200001");
        var listed = db.ListedCases.Single(c => c.RunId == run.Id);
        (listed.Score, listed.MetMask) = (score, metMask);
        db.SaveChanges();
        db.ChangeTracker.Clear();
        return run;
    }

    [Fact]
    public void TakeIn_AClosedCaseListedNextMonthUnchanged_StaysClosed_AndFollowsTheNewListing()
    {
        using var db = _db.Open();
        var intake = Compose.Intake(WorkflowData.Settings, _clock);
        var record = ListedAndClosedInAugust(db, intake, September);

        var september = ListedAgain(db, September);
        var result = intake.TakeIn(db, september.Id);

        result.Entered.ShouldBeEmpty();
        result.Refreshed.ShouldBe(1);
        var after = db.Workflows.AsNoTracking().Include(w => w.Events).Single();
        after.Stage.ShouldBe((int)CaseStage.Closed);
        after.ListedOn.ShouldBe(August);
        after.LatestRunId.ShouldBe(september.Id);
        after.Events.ShouldNotContain(e => e.Step == (int)WorkflowStep.Relisted);
        after.Version.ShouldBe(record.Version + 1);
    }

    [Fact]
    public void TakeIn_AClosedCaseNewlyMeetingACriterion_StartsAgain_SayingWhich()
    {
        using var db = _db.Open();
        var intake = Compose.Intake(WorkflowData.Settings, _clock);
        ListedAndClosedInAugust(db, intake, September);
        var september = ListedAgain(db, September, score: 6, metMask: 1 << (int)Domain.Definitions.CriterionId.MentalHealth);
        db.ListedCases.Single(c => c.RunId == september.Id).EvidenceJson =
            """[{"criterion":"MentalHealth","label":"Mental health","outcome":"Met","reason":"Flag","evidence":null}]""";
        db.SaveChanges();
        db.ChangeTracker.Clear();

        intake.TakeIn(db, september.Id).Entered.ShouldHaveSingleItem();

        db.WorkflowEvents.AsNoTracking().OrderBy(e => e.Id).Last().Notes
            .ShouldBe("Listed again on the September 2024 list: it now meets Mental health, which it did not when last listed (closed on 2 August 2024).");
    }

    [Fact]
    public void TakeIn_NewlyMetCriterion_WithUnreadableEvidence_StillStartsAgain_NamingTheCriterionByItsKey()
    {
        using var db = _db.Open();
        var intake = Compose.Intake(WorkflowData.Settings, _clock);
        ListedAndClosedInAugust(db, intake, September);
        var september = ListedAgain(db, September, score: 6, metMask: 1 << (int)Domain.Definitions.CriterionId.Ipp);
        db.ListedCases.Single(c => c.RunId == september.Id).EvidenceJson = "{}";
        db.SaveChanges();
        db.ChangeTracker.Clear();

        intake.TakeIn(db, september.Id).Entered.ShouldHaveSingleItem();

        db.WorkflowEvents.AsNoTracking().OrderBy(e => e.Id).Last().Notes.ShouldContain("it now meets ipp, which it did not");
    }

    [Fact]
    public void TakeIn_AClosedCaseStillListedAfterSixMonths_StartsAgain_AndNotAMonthSooner()
    {
        using var db = _db.Open();
        var intake = Compose.Intake(WorkflowData.Settings, _clock);
        ListedAndClosedInAugust(db, intake, September);
        foreach (var month in new[] { 9, 10, 11, 12 })
        {
            intake.TakeIn(db, ListedAgain(db, new DateOnly(2024, month, 2)).Id).Entered.ShouldBeEmpty();
        }
        intake.TakeIn(db, ListedAgain(db, new DateOnly(2025, 1, 2)).Id).Entered.ShouldBeEmpty();

        intake.TakeIn(db, ListedAgain(db, new DateOnly(2025, 2, 3)).Id).Entered.ShouldHaveSingleItem();

        db.WorkflowEvents.AsNoTracking().OrderBy(e => e.Id).Last().Notes.ShouldBe(
            "Listed again on the February 2025 list: it has been closed since 2 August 2024, and a closed case still listed starts again after that long.");
    }

    [Fact]
    public void TakeIn_AClosedCaseListedAgainNextMonth_ScoreRose_StartsAgainWithANewConversationDueDate()
    {
        using var db = _db.Open();
        var intake = Compose.Intake(WorkflowData.Settings, _clock);
        var record = ListedAndClosedInAugust(db, intake, September);

        var result = intake.TakeIn(db, ListedAgain(db, September, score: 7).Id);

        result.Entered.ShouldHaveSingleItem().Crn.ShouldBe("E200001");
        var relisted = db.Workflows.AsNoTracking().Include(w => w.Events).Single();
        relisted.Stage.ShouldBe((int)CaseStage.AwaitingConversation);
        relisted.ListedOn.ShouldBe(September);
        relisted.ConversationDue.ShouldBe(WorkflowData.Settings.Calendar.AddWorkingDays(September, 20));
        relisted.Version.ShouldBe(record.Version + 2);
        var last = relisted.Events.OrderBy(e => e.Id).Last();
        last.Step.ShouldBe((int)WorkflowStep.Relisted);
        last.By.ShouldBe(WorkflowIntake.SystemActor);
        last.Notes.ShouldBe("Listed again on the September 2024 list: its score rose from 6 to 7 since it was closed on 2 August 2024.");
        db.AuditEvents.AsNoTracking().Count(e => e.EventType == AuditEventTypes.WorkflowEntered).ShouldBe(2);
    }

    [Fact]
    public void TakeIn_SameRunTwice_ChangesNothingTheSecondTime()
    {
        using var db = _db.Open();
        var intake = Compose.Intake(WorkflowData.Settings, _clock);
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
        var intake = Compose.Intake(WorkflowData.Settings, _clock);
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

        var result = Compose.Intake(WorkflowData.Settings, _clock).TakeIn(db, run.Id);

        result.Entered.ShouldBeEmpty();
        db.Workflows.Count().ShouldBe(0);
        db.AuditEvents.Count().ShouldBe(0);
    }

    [Fact]
    public void TakeIn_AnOlderMonthTakenInAgain_DoesNotMoveCasesBack()
    {
        using var db = _db.Open();
        var intake = Compose.Intake(WorkflowData.Settings, _clock);
        var august = WorkflowData.Run(db, August, "E200001");
        var september = WorkflowData.Run(db, September, "E200001");
        intake.TakeIn(db, september.Id);
        db.ChangeTracker.Clear();

        intake.TakeIn(db, august.Id).Entered.ShouldBeEmpty();

        db.Workflows.AsNoTracking().Single().ListedOn.ShouldBe(September);
    }
}
