using ComplexCases.Application.Access;
using ComplexCases.Application.Audit;
using ComplexCases.Application.Notifications;
using ComplexCases.Data;
using ComplexCases.Data.Workflow;
using ComplexCases.Domain.Audit;
using ComplexCases.Domain.People;
using ComplexCases.Domain.Workflow;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Application.Workflow;

/// <summary>A request to move a case: the version the user saw (for conflict detection), their notes and the step's record.</summary>
public sealed record StepRequest(string Crn, WorkflowStep Step, int ExpectedVersion, string? Notes, StepDetails Details)
{
    public long? MeetingId { get; init; }
}

/// <summary>
/// Takes workflow steps for a signed-in user: checks the permissions file (who may take the step, on which cases), asks the
/// domain's state machine, and stores the move, its event and its audit entry in one transaction. A save made from an
/// out-of-date page is refused with a conflict message and changes nothing.
/// </summary>
public sealed class CaseWorkflows(ComplexCasesDbContext db, WorkflowSettings settings, TimeProvider clock)
{
    /// <summary>The case's workflow with its events, if the user may see the case; null when there is none or they may not.</summary>
    public CaseWorkflowRecord? Find(StaffUser user, string crn, Permission permission = Permission.ViewCase)
    {
        var record = db.Workflows.AsNoTracking().Include(w => w.Events).SingleOrDefault(w => w.Crn == crn);
        return record is not null && CaseAccess.Can(user, permission, WorkflowRecords.Facts(record)) ? record : null;
    }

    /// <summary>The steps this user may take on the case now (allowed by both the state machine and the permissions file).</summary>
    public static IReadOnlyList<WorkflowStep> StepsFor(StaffUser user, CaseWorkflowRecord record) =>
        [.. WorkflowRules.StepsFrom((CaseStage)record.Stage).Where(step => MayTake(user, step, record))];

    public static bool MayTake(StaffUser user, WorkflowStep step, CaseWorkflowRecord record) =>
        Permissions.ToTake(step) is { } permission && CaseAccess.Can(user, permission, WorkflowRecords.Facts(record));

    public UseCaseResult<CaseWorkflowRecord> Take(StaffUser user, StepRequest request)
    {
        if (!Crn.TryParse(request.Crn, out var crn) || crn.ToString() != request.Crn) return UseCaseResult<CaseWorkflowRecord>.Invalid("Not a CRN.");
        var record = db.Workflows.Include(w => w.Events).SingleOrDefault(w => w.Crn == request.Crn);
        // Not found and not permitted look the same, so a guessed CRN learns nothing.
        if (record is null || (!CaseAccess.CanSee(user, WorkflowRecords.Facts(record)) && !CaseAccess.Can(user, Permission.ViewPanelCase, WorkflowRecords.Facts(record))))
            return UseCaseResult<CaseWorkflowRecord>.Invalid(NotFound);
        if (!MayTake(user, request.Step, record))
            return UseCaseResult<CaseWorkflowRecord>.Invalid($"You do not have permission to {request.Step.Describe()} on this case.");
        if (record.Version != request.ExpectedVersion) return UseCaseResult<CaseWorkflowRecord>.Invalid(Conflict(record));
        if (request.Details.MissingFor(request.Step) is { } missing) return UseCaseResult<CaseWorkflowRecord>.Invalid(missing);

        var now = clock.GetUtcNow();
        var moved = WorkflowRecords.ToDomain(record).Take(request.Step, user.Id, now, request.Notes, settings.Timescales, settings.Calendar);
        if (!moved.Succeeded) return UseCaseResult<CaseWorkflowRecord>.Invalid(moved.Refusal!);

        using var transaction = db.Database.BeginTransaction();
        WorkflowRecords.Apply(moved.Workflow!, record, user.Id, user.DisplayName, request.Details, request.MeetingId, now);
        try
        {
            db.SaveChanges();
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone saved between our read and our write: report it as the same conflict.
            transaction.Rollback();
            db.ChangeTracker.Clear();
            var latest = db.Workflows.AsNoTracking().Include(w => w.Events).Single(w => w.Crn == request.Crn);
            return UseCaseResult<CaseWorkflowRecord>.Invalid(Conflict(latest));
        }
        new AuditLog(clock).Append(db, new AuditEntryRequest(user.Id, AuditAction.Alteration, AuditEventTypes.WorkflowStepTaken,
            $"Complex Case process: {request.Step.Describe()}")
        {
            Subjects = AuditSubjects.Of(crn),
            Details = new AuditDetails().Add("step", request.Step.ToKey()).Add("from", ((CaseStage)moved.Workflow!.History[^1].From).ToString())
                .Add("to", moved.Workflow.Stage.ToString()).Add("version", record.Version).ToString(),
        });
        // An escalation tells the panel team now, not at the next sweep: in this transaction, under this user, with the keys
        // the sweep uses (it stays as a safety net and finds them stored).
        if (moved.Workflow.Stage == CaseStage.AwaitingTriage && (CaseStage)moved.Workflow.History[^1].From != CaseStage.AwaitingTriage)
            new NotificationCentre(db, clock).Escalated(record, user.Id);
        transaction.Commit();
        return UseCaseResult<CaseWorkflowRecord>.Ok(record);
    }

    public const string NotFound = "There is no case with that CRN in the process that you can see.";

    /// <summary>What a user is told when someone else saved first.</summary>
    public static string Conflict(CaseWorkflowRecord latest)
    {
        var last = latest.Events.OrderBy(e => e.At).ThenBy(e => e.Id).LastOrDefault();
        var who = last is null ? "someone else" : $"{last.ByName} ({last.At:d MMMM yyyy HH:mm} UTC)";
        return $"This case was updated by {who} while you were working on it, so your changes have not been saved. "
            + $"It is now {((CaseStage)latest.Stage).Describe()}. Check the latest record, then try again if still needed.";
    }
}
