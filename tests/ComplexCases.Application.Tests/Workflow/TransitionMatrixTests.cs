using ComplexCases.Application.Access;
using ComplexCases.Application.Audit;
using ComplexCases.Application.Workflow;
using ComplexCases.Data;
using ComplexCases.Data.Sqlite;
using ComplexCases.Domain.People;
using ComplexCases.Domain.Workflow;
using ComplexCases.TestSupport.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace ComplexCases.Application.Tests.Workflow;

/// <summary>One migrated database for all the matrix's cases: each (stage, step, role) gets its own workflow row.</summary>
public sealed class MatrixDatabase : IDisposable
{
    public TestDatabase Database { get; } = new();

    public MatrixDatabase() => Database.Open().Dispose();

    /// <summary>A context on pooled connections, without re-running the migration check: 360 cases stay quick.</summary>
    public ComplexCasesDbContext Context() => new(SqliteDatabase.Options(SqliteDatabase.Pooled(Database.ConnectionString)));

    public void Dispose() => Database.Dispose();
}

/// <summary>
/// THE transition matrix through the use case on real SQLite: for every stage × step × role, the step is taken exactly when
/// the state machine allows the move and the role holds the step's permission with a scope reaching the case; otherwise it
/// is refused and the workflow row, its events and the audit log are exactly as they were.
/// </summary>
public sealed class TransitionMatrixTests(MatrixDatabase fixture) : IClassFixture<MatrixDatabase>
{
    private readonly FakeTimeProvider _clock = new(WorkflowData.Now);

    public static TheoryData<CaseStage, WorkflowStep, Role> Triples()
    {
        var data = new TheoryData<CaseStage, WorkflowStep, Role>();
        foreach (var stage in Enum.GetValues<CaseStage>())
            foreach (var step in Enum.GetValues<WorkflowStep>())
                foreach (var role in Enum.GetValues<Role>())
                    data.Add(stage, step, role);
        return data;
    }

    [Fact]
    public void Matrix_CoversEveryStageStepAndRole() =>
        Triples().Count.ShouldBe(Enum.GetValues<CaseStage>().Length * Enum.GetValues<WorkflowStep>().Length * Enum.GetValues<Role>().Length);

    [Theory]
    [MemberData(nameof(Triples))]
    public void Take_SucceedsExactlyWhenTheRulesAndThePermissionsAllowIt(CaseStage stage, WorkflowStep step, Role role)
    {
        var crn = $"T{(int)stage}{(int)step:00}{(int)role}00";
        var user = WorkflowData.UserFor(role, crn);
        var allowed = WorkflowRules.TryMove(stage, step, out var to)
            && Permissions.ToTake(step) is { } permission && Permissions.Has(role, permission)
            && Permissions.ScopeOf(role) != CaseScope.None;
        using (var arrange = fixture.Context())
        {
            arrange.Workflows.Add(WorkflowData.Record(crn, stage));
            arrange.SaveChanges();
        }
        var before = Snapshot(crn);

        UseCaseResult<Data.Workflow.CaseWorkflowRecord> result;
        using (var db = fixture.Context())
        {
            var workflows = Compose.Workflows(db, WorkflowData.Settings, _clock);
            result = workflows.Take(user, new StepRequest(Crn.Parse(crn), step, 1, $"Notes for {step.ToKey()}", WorkflowData.DetailsFor(step)));
        }

        using var check = fixture.Context();
        var record = check.Workflows.AsNoTracking().Include(w => w.Events).Single(w => w.Crn == crn);
        if (allowed)
        {
            result.Succeeded.ShouldBeTrue(result.Error);
            record.Stage.ShouldBe((int)to);
            record.Version.ShouldBe(2);
            var recorded = record.Events.ShouldHaveSingleItem();
            recorded.Step.ShouldBe((int)step);
            recorded.FromStage.ShouldBe((int)stage);
            recorded.ToStage.ShouldBe((int)to);
            recorded.By.ShouldBe(user.Id);
            recorded.ByName.ShouldBe(user.DisplayName);
            recorded.At.ShouldBe(WorkflowData.Now);
            recorded.Notes.ShouldBe($"Notes for {step.ToKey()}");
            StepDetails.FromJson(recorded.DetailsJson).MissingFor(step).ShouldBeNull();
            var audit = check.AuditEvents.AsNoTracking().OrderByDescending(e => e.Sequence).First();
            check.AuditEvents.Count().ShouldBe(before.AuditCount + 1);
            audit.EventType.ShouldBe(AuditEventTypes.WorkflowStepTaken);
            audit.Actor.ShouldBe(user.Id);
            audit.Action.ShouldBe("alteration");
            audit.SubjectCrns.ShouldBe(crn);
            audit.Details.ShouldContain(step.ToKey());
        }
        else
        {
            result.Succeeded.ShouldBeFalse($"{role} took {step} from {stage}");
            result.Error.ShouldNotBeNullOrWhiteSpace();
            Snapshot(crn).ShouldBe(before);
        }
    }

    [Fact]
    public void Take_RefusedByTheStateMachine_SaysWhyInWordsAndWhatCanBeDone()
    {
        const string crn = "T900001";
        using (var arrange = fixture.Context())
        {
            arrange.Workflows.Add(WorkflowData.Record(crn, CaseStage.Closed));
            arrange.SaveChanges();
        }
        using var db = fixture.Context();

        var result = Compose.Workflows(db, WorkflowData.Settings, _clock).Take(WorkflowData.UserFor(Role.PanelTeam, crn),
            new StepRequest(Crn.Parse(crn), WorkflowStep.TriageAdviceGiven, 1, null, WorkflowData.DetailsFor(WorkflowStep.TriageAdviceGiven)));

        result.Error.ShouldBe(WorkflowRules.RefusalFor(CaseStage.Closed, WorkflowStep.TriageAdviceGiven));
        result.Error!.ShouldContain("this case is closed");
    }

    [Fact]
    public void Take_WithoutTheStepsRecord_IsRefusedAndChangesNothing()
    {
        const string crn = "T900002";
        using (var arrange = fixture.Context())
        {
            arrange.Workflows.Add(WorkflowData.Record(crn, CaseStage.AwaitingConversation));
            arrange.SaveChanges();
        }
        var before = Snapshot(crn);
        using var db = fixture.Context();

        var result = Compose.Workflows(db, WorkflowData.Settings, _clock).Take(WorkflowData.UserFor(Role.Practitioner, crn),
            new StepRequest(Crn.Parse(crn), WorkflowStep.ConversationEscalated, 1, null, new StepDetails { Conversation = WorkflowData.Conversation() }));

        result.Error.ShouldBe("A conversation and an escalation record are needed.");
        Snapshot(crn).ShouldBe(before);
    }

    /// <summary>Everything a refused step must leave alone.</summary>
    private Snapshot Snapshot(string crn)
    {
        using var db = fixture.Context();
        var w = db.Workflows.AsNoTracking().Include(x => x.Events).Single(x => x.Crn == crn);
        return new Snapshot(w.Stage, w.Version, w.ListedOn, w.ConversationDue, w.TriageDue, w.FollowUpDue, w.UpdatedAt, w.Events.Count,
            db.AuditEvents.Count());
    }
}

internal sealed record Snapshot(int Stage, int Version, DateOnly ListedOn, DateOnly? ConversationDue, DateOnly? TriageDue, DateOnly? FollowUpDue,
    DateTimeOffset UpdatedAt, int Events, int AuditCount);
