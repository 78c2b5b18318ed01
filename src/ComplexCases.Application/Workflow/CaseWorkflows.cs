using ComplexCases.Application.Access;
using ComplexCases.Application.Audit;
using ComplexCases.Data;
using ComplexCases.Data.Workflow;
using ComplexCases.Domain.Audit;
using ComplexCases.Domain.People;
using ComplexCases.Domain.Workflow;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Application.Workflow;

/// <summary>A request to move a case: the version the user saw (for conflict detection), their notes and the step's record.</summary>
public sealed record StepRequest(Crn Crn, WorkflowStep Step, int ExpectedVersion, string? Notes, StepDetails Details)
{
    public long? MeetingId { get; init; }
}

/// <summary>
/// Takes workflow steps for a signed-in user: checks the permissions file (who may take the step, on which cases), asks the
/// domain's state machine, and stores the move, its event and its audit entry in one transaction. A save made from an
/// out-of-date page is refused with a conflict message and changes nothing.
/// </summary>
public sealed class CaseWorkflows(ComplexCasesDbContext db, WorkflowSettings settings, AuditLog audit, IWorkflowNotices notices, TimeProvider clock)
{
    /// <summary>The case's workflow with its events, if the user may see the case; null when there is none or they may not.</summary>
    public CaseWorkflowRecord? Find(StaffUser user, Crn crn, Permission permission = Permission.ViewCase) => Permitted(user, Stored(crn), permission);

    /// <summary>
    /// The case's stored workflow with its events, whoever asks: for the case page, which reads it once and passes it to each
    /// section's service, and each of them checks the viewer's access on it as it would on its own read.
    /// </summary>
    internal CaseWorkflowRecord? Stored(Crn crn)
    {
        var crnText = crn.ToString();
        return db.Workflows.AsNoTracking().Include(w => w.Events).SingleOrDefault(w => w.Crn == crnText);
    }

    /// <inheritdoc cref="Stored"/>
    internal Task<CaseWorkflowRecord?> StoredAsync(Crn crn, CancellationToken cancellationToken = default)
    {
        var crnText = crn.ToString();
        return db.Workflows.AsNoTracking().Include(w => w.Events).SingleOrDefaultAsync(w => w.Crn == crnText, cancellationToken);
    }

    /// <summary>The record if the user holds the permission on the case (<see cref="Find"/> on a record already read).</summary>
    internal static CaseWorkflowRecord? Permitted(StaffUser user, CaseWorkflowRecord? record, Permission permission = Permission.ViewCase) =>
        record is not null && CaseAccess.Can(user, permission, WorkflowRecords.Facts(record)) ? record : null;

    /// <summary>The steps this user may take on the case now (allowed by both the state machine and the permissions file).</summary>
    public static IReadOnlyList<WorkflowStep> StepsFor(StaffUser user, CaseWorkflowRecord record) =>
        [.. WorkflowRules.StepsFrom((CaseStage)record.Stage).Where(step => MayTake(user, step, record))];

    public static bool MayTake(StaffUser user, WorkflowStep step, CaseWorkflowRecord record) =>
        Permissions.ToTake(step) is { } permission && CaseAccess.Can(user, permission, WorkflowRecords.Facts(record));

    public UseCaseResult<CaseWorkflowRecord> Take(StaffUser user, StepRequest request)
    {
        var crnText = request.Crn.ToString();
        var record = db.Workflows.Include(w => w.Events).SingleOrDefault(w => w.Crn == crnText);
        // Not found and not permitted look the same, so a guessed CRN learns nothing.
        if (record is null || (!CaseAccess.CanSee(user, WorkflowRecords.Facts(record)) && !CaseAccess.Can(user, Permission.ViewPanelCase, WorkflowRecords.Facts(record))))
            return UseCaseResult<CaseWorkflowRecord>.NotFound(NotFound);
        if (!MayTake(user, request.Step, record))
            return UseCaseResult<CaseWorkflowRecord>.Forbidden($"You do not have permission to {request.Step.Describe()} on this case.");
        if (record.Version != request.ExpectedVersion) return Conflicted(record);
        if (request.Details.MissingFor(request.Step) is { } missing) return UseCaseResult<CaseWorkflowRecord>.Invalid(missing);
        var now = clock.GetUtcNow();
        if (DateProblem(record, request, WorkingCalendar.UkDate(now)) is { } badDate) return UseCaseResult<CaseWorkflowRecord>.Invalid(badDate);

        var moved = WorkflowRecords.ToDomain(record).Take(request.Step, user.Id, now, request.Notes, settings.Timescales, settings.Calendar);
        // The state machine's own refusal (the domain's WorkflowResult) becomes the use case's.
        if (!moved.Succeeded) return UseCaseResult<CaseWorkflowRecord>.Invalid(moved.Refusal!);

        using var transaction = db.Database.BeginTransaction();
        var stored = WorkflowRecords.Apply(moved.Workflow!, record, user.Id, user.DisplayName, request.Details, request.MeetingId, now);
        // The SPO named on a conversation confirms it; when they record it themselves, saving it is their confirmation.
        var spo = request.Details.Conversation?.SpoUserName;
        if (spo is not null && spo == user.Id) (stored.ConfirmedBy, stored.ConfirmedByName, stored.ConfirmedAt) = (user.Id, user.DisplayName, now);
        try
        {
            db.SaveChanges();
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone saved between our read and our write: report it as the same conflict.
            transaction.Rollback();
            db.ChangeTracker.Clear();
            return Conflicted(db.Workflows.AsNoTracking().Include(w => w.Events).Single(w => w.Crn == crnText));
        }
        audit.Append(db, new AuditEntryRequest(user.Id, AuditAction.Alteration, AuditEventTypes.WorkflowStepTaken,
            $"Complex Case process: {request.Step.Describe()}")
        {
            Subjects = AuditSubjects.Of(request.Crn),
            Details = new AuditDetails().Add("step", request.Step.ToKey()).Add("from", ((CaseStage)moved.Workflow!.History[^1].From).ToString())
                .Add("to", moved.Workflow.Stage.ToString()).Add("version", record.Version).ToString(),
        });
        // An escalation tells the panel team now, not at the next sweep: in this transaction, under this user, with the keys
        // the sweep uses (it stays as a safety net and finds them stored).
        if (moved.Workflow.Stage == CaseStage.AwaitingTriage && (CaseStage)moved.Workflow.History[^1].From != CaseStage.AwaitingTriage)
            notices.Escalated(record, user.Id);
        if (spo is not null && stored.ConfirmedBy is null)
            notices.ConversationToConfirm(record, stored, spo, user.Id);
        transaction.Commit();
        return UseCaseResult<CaseWorkflowRecord>.Ok(record);
    }

    public const string NotFound = "There is no case with that CRN in the process that you can see.";

    /// <summary>
    /// A step's own date must fall between the previous step and today: a conversation on or after the list it answers (the
    /// domain checks that), a triage on or after the conversation that escalated the case, a panel discussion at a meeting on
    /// or after the referral to panel. Null when the dates are in order.
    /// </summary>
    private string? DateProblem(CaseWorkflowRecord record, StepRequest request, DateOnly today)
    {
        var (previous, what) = PreviousStepDate(record, request.Step);
        DateOnly? day = request.Details.Conversation?.HeldOn ?? request.Details.Triage?.HeldOn;
        var label = request.Details.Conversation is not null ? "The date of the conversation" : "The date of the triage meeting";
        if (request.Step == WorkflowStep.PanelDiscussed && request.MeetingId is { } meetingId)
        {
            day = db.PanelMeetings.AsNoTracking().Where(m => m.Id == meetingId).Select(m => (DateOnly?)m.HeldOn).SingleOrDefault();
            label = "The date of the panel meeting";
        }
        if (day is not { } on) return null;
        if (on > today) return $"{label} must be today or in the past.";
        return on < previous ? $"{label} must be on or after {what}, {previous:d MMMM yyyy}." : null;
    }

    /// <summary>
    /// The date of the step that led to <paramref name="step"/> since the case (last) entered the process, as that step records it:
    /// for a conversation the list's date; for triage the conversation that escalated it; for a panel discussion the triage that
    /// referred it, or the follow-up review that sent it back. The list's date when there is none.
    /// </summary>
    public static (DateOnly On, string What) PreviousStepDate(CaseWorkflowRecord record, WorkflowStep step)
    {
        var fromList = (record.ListedOn, "the date of the list");
        var events = record.Events.OrderBy(e => e.At).ThenBy(e => e.Id).ToList();
        var cycle = events.Skip(events.FindLastIndex(e => e.Step == (int)WorkflowStep.Relisted) + 1).ToList();
        switch (step)
        {
            case WorkflowStep.TriageAdviceGiven or WorkflowStep.TriageReferredToPanel:
                var escalated = cycle.LastOrDefault(e => e.Step == (int)WorkflowStep.ConversationEscalated);
                return StepDetails.FromJson(escalated?.DetailsJson).Conversation is { } c ? (c.HeldOn, "the conversation that escalated the case") : fromList;
            case WorkflowStep.PanelDiscussed:
                var referral = cycle.LastOrDefault(e => e.Step is (int)WorkflowStep.TriageReferredToPanel or (int)WorkflowStep.FollowUpBackToPanel);
                if (referral is null) return fromList;
                return StepDetails.FromJson(referral.DetailsJson).Triage is { } t
                    ? (t.HeldOn, "the triage meeting that referred the case")
                    : (WorkingCalendar.UkDate(referral.At), "the follow-up review that sent the case back to the panel");
            default:
                return fromList;
        }
    }

    /// <summary>
    /// The SPO named on a conversation confirms the record as theirs too. Only that SPO, only while they may still record
    /// conversations on the case, once; audited with the case.
    /// </summary>
    public UseCaseResult<WorkflowEventRecord> ConfirmConversation(StaffUser user, Crn crn, long eventId)
    {
        var crnText = crn.ToString();
        var record = db.Workflows.Include(w => w.Events).SingleOrDefault(w => w.Crn == crnText);
        var stored = record?.Events.SingleOrDefault(e => e.Id == eventId);
        if (record is null || stored is null || !CaseAccess.Can(user, Permission.RecordConversation, WorkflowRecords.Facts(record))
            || StepDetails.FromJson(stored.DetailsJson).Conversation?.SpoUserName != user.Id)
            return UseCaseResult<WorkflowEventRecord>.NotFound(NotFound);
        if (stored.ConfirmedBy is not null)
            return UseCaseResult<WorkflowEventRecord>.Invalid($"You confirmed this conversation on {stored.ConfirmedAt:d MMMM yyyy}.");
        var now = clock.GetUtcNow();
        using var transaction = db.Database.BeginTransaction();
        (stored.ConfirmedBy, stored.ConfirmedByName, stored.ConfirmedAt) = (user.Id, user.DisplayName, now);
        db.SaveChanges();
        audit.Append(db, new AuditEntryRequest(user.Id, AuditAction.Alteration, AuditEventTypes.ConversationConfirmed,
            "Complex Case process: the SPO confirmed the conversation record")
        {
            Subjects = AuditSubjects.Of(crn),
            Details = new AuditDetails().Add("eventId", stored.Id).Add("step", ((WorkflowStep)stored.Step).ToKey()).ToString(),
        });
        transaction.Commit();
        return UseCaseResult<WorkflowEventRecord>.Ok(stored);
    }

    /// <summary>
    /// The accounts that can be named as the SPO on the case's conversation: SPOs who may record its conversation (their team's
    /// case, or they are its SPO), limited access included; the case's own SPO first.
    /// </summary>
    public IReadOnlyList<StaffUser> SposFor(CaseWorkflowRecord record)
    {
        var facts = WorkflowRecords.Facts(record);
        return [.. StaffDirectory.Load(db).Users.Where(u => u.HasRole(Role.Spo))
            .Select(u => record.LimitedAccess ? StaffAccounts.Find(db, u.Id) : u).OfType<StaffUser>()
            .Where(u => CaseAccess.Can(u, Permission.RecordConversation, facts))
            .OrderByDescending(u => u.StaffCode is not null && u.StaffCode == record.SpoCode).ThenBy(u => u.DisplayName, StringComparer.Ordinal)];
    }

    /// <summary>Someone else saved first: who and when (the latest event), in words too, with the case as it is now.</summary>
    private static UseCaseResult<CaseWorkflowRecord> Conflicted(CaseWorkflowRecord latest)
    {
        var last = latest.Events.OrderBy(e => e.At).ThenBy(e => e.Id).LastOrDefault();
        return UseCaseResult<CaseWorkflowRecord>.Conflicted(Conflict(latest), last?.ByName, last?.At, latest);
    }

    /// <summary>What a user is told when someone else saved first.</summary>
    public static string Conflict(CaseWorkflowRecord latest)
    {
        var last = latest.Events.OrderBy(e => e.At).ThenBy(e => e.Id).LastOrDefault();
        var who = last is null ? "someone else" : $"{last.ByName} ({last.At:d MMMM yyyy HH:mm} UTC)";
        return $"This case was updated by {who} while you were working on it, so your changes have not been saved. "
            + $"It is now {((CaseStage)latest.Stage).Describe()}. Check the latest record, then try again if still needed.";
    }
}
