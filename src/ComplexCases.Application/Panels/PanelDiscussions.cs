using ComplexCases.Application.Access;
using ComplexCases.Application.Audit;
using ComplexCases.Application.Cases;
using ComplexCases.Application.Workflow;
using ComplexCases.Data;
using ComplexCases.Data.Workflow;
using ComplexCases.Domain.Audit;
using ComplexCases.Domain.Panels;
using ComplexCases.Domain.People;
using ComplexCases.Domain.Workflow;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Application.Panels;

/// <summary>One action as entered: the owner's name and agency, optionally their account (so they can update it), and the due date.</summary>
public sealed record ActionInput(string? Description, string? OwnerName, Agency? OwnerAgency, string? OwnerUserName, DateOnly? DueOn)
{
    /// <summary>A row left empty on the form: ignored rather than an error.</summary>
    public bool IsBlank => string.IsNullOrWhiteSpace(Description) && string.IsNullOrWhiteSpace(OwnerName) && OwnerAgency is null
        && string.IsNullOrWhiteSpace(OwnerUserName) && DueOn is null;
}

/// <summary>The panel's discussion of one agenda case; <see cref="ExpectedVersion"/> is the case's version the form was built from.</summary>
public sealed record DiscussionInput(int ExpectedVersion, string? Summary, string? Decisions, IReadOnlyList<ActionInput> Actions);

/// <summary>
/// Records the panel's discussion of a case on a held meeting's agenda: the case takes the <see cref="WorkflowStep.PanelDiscussed"/>
/// step through <see cref="CaseWorkflows"/> (permission, state machine, version check, event and audit in one place), and the
/// actions, the agenda item and their audit entry are saved in that same transaction.
/// </summary>
public sealed class PanelDiscussions(ComplexCasesDbContext db, CaseWorkflows workflows, AuditLog audit, TimeProvider clock)
{
    public const int MaxActions = 10;

    /// <summary>The owner's account holds no role that updates actions (after "Action n: ").</summary>
    public const string OwnerCannotUpdate = "that account cannot update actions. Give another account, or leave it empty";

    /// <summary>The owner's account could not see the case, so could not see or update the action (after "Action n: ").</summary>
    public const string OwnerCannotSeeCase =
        "that account cannot see this case. Give the account of a panel member invited to this meeting, or of staff whose cases include this one, or leave it empty";

    /// <summary>
    /// The active members invited to the meeting who have a linked account, by name: those from outside the probation staff who
    /// may own its actions (the form lists them). Empty when the user does not manage the meeting.
    /// </summary>
    public IReadOnlyList<(string Name, string UserName)> InvitedAccounts(StaffUser user, long meetingId)
    {
        var meeting = db.PanelMeetings.AsNoTracking().SingleOrDefault(m => m.Id == meetingId);
        if (meeting is null || !PanelScope.MayManage(user, meeting.RegionCode)) return [];
        return [.. (from invite in db.PanelMeetingMembers.AsNoTracking()
                    where invite.MeetingId == meetingId
                    join member in db.PanelMembers.AsNoTracking() on invite.MemberId equals member.Id
                    where member.Active && member.UserName != null
                    orderby member.Name
                    select new { member.Name, member.UserName }).AsEnumerable().Select(m => (m.Name, m.UserName!))];
    }

    public UseCaseResult<CaseWorkflowRecord> Record(StaffUser user, long meetingId, Crn crn, DiscussionInput input)
    {
        var crnText = crn.ToString();
        var meeting = db.PanelMeetings.AsNoTracking().SingleOrDefault(m => m.Id == meetingId);
        if (meeting is null || !PanelScope.MayManage(user, meeting.RegionCode)) return UseCaseResult<CaseWorkflowRecord>.NotFound();
        var item = db.PanelAgendaItems.SingleOrDefault(a => a.MeetingId == meetingId && a.Crn == crnText);
        if (item is null) return UseCaseResult<CaseWorkflowRecord>.NotFound();
        if (meeting.Status == (int)PanelMeetingStatus.Scheduled)
            return Refused("Record who attended the meeting before recording its discussions.");
        if (meeting.Status == (int)PanelMeetingStatus.FollowUpClosed) return Refused("The meeting's follow-up is closed, so its record can no longer change.");
        if (item.Discussed) return Refused("The panel's discussion of this case at this meeting has already been recorded.");

        var today = WorkingCalendar.UkDate(clock.GetUtcNow());
        var errors = new List<FieldError>();
        var actions = new List<(CaseAction Action, string? UserName)>();
        var rows = input.Actions.Select((a, i) => (a, i)).Where(x => !x.a.IsBlank).ToList();
        if (rows.Count > MaxActions) errors.Add(new("Actions", $"Record at most {MaxActions} actions for one case"));
        var workflow = db.Workflows.AsNoTracking().Single(w => w.Id == item.WorkflowId);
        foreach (var (row, i) in rows)
        {
            var checkedAction = CaseAction.Create(row.Description, row.OwnerName, row.OwnerAgency, row.DueOn, today);
            errors.AddRange(checkedAction.Errors.Select(e => new FieldError($"Actions[{i}].{Pascal(e.Field)}", $"Action {i + 1}: {Lower(e.Message)}")));
            var account = string.IsNullOrWhiteSpace(row.OwnerUserName) ? null : row.OwnerUserName.Trim();
            if (account is not null && OwnerProblem(account, meeting, workflow) is { } problem)
                errors.Add(new($"Actions[{i}].OwnerUserName", $"Action {i + 1}: {problem}"));
            if (checkedAction.Value is { } action) actions.Add((action, account));
        }
        var discussion = PanelDiscussion.Create(input.Summary, input.Decisions, [.. actions.Select(a => a.Action)]);
        // "Add at least one action" only when no row was entered at all; a row with errors has its own messages.
        errors.InsertRange(0, discussion.Errors.Where(e => e.Field != "actions" || rows.Count == 0).Select(e => new FieldError(Pascal(e.Field), e.Message)));
        if (errors.Count > 0) return UseCaseResult<CaseWorkflowRecord>.Invalid(errors);

        var workflowId = workflow.Id;
        var now = clock.GetUtcNow();
        var records = actions.Select(a => new CaseActionRecord
        {
            WorkflowId = workflowId, Crn = crnText, MeetingId = meetingId, Description = a.Action.Description, OwnerName = a.Action.OwnerName,
            OwnerAgency = (int)a.Action.OwnerAgency, OwnerUserName = a.UserName, DueOn = a.Action.DueOn, Status = (int)ActionStatus.Open, Notes = "",
            UpdatedBy = user.Id, UpdatedAt = now,
        }).ToList();
        db.CaseActions.AddRange(records);
        item.Discussed = true;

        // CaseWorkflows.Take saves the context once, inside its own transaction, then audits the step and commits: the actions
        // and agenda item tracked above are saved by that same SaveChanges, and their audit entry is appended when it succeeds,
        // still inside the transaction. So the step, its event, the actions and both audit entries commit or roll back together.
        // Once only: a step may save again in its transaction (an escalation stores its notifications).
        var audited = false;
        void AuditActions(object? sender, SavedChangesEventArgs e)
        {
            if (audited) return;
            audited = true;
            audit.Append(db, new AuditEntryRequest(user.Id, AuditAction.Alteration, AuditEventTypes.ActionCreated,
                "Complex Case Panel: actions agreed")
            {
                Subjects = AuditSubjects.Of(crn),
                Details = new AuditDetails().Add("meetingId", meetingId).Add("actions", records.Count)
                    .Add("actionIds", string.Join(',', records.Select(r => r.Id))).ToString(),
            });
        }
        db.SavedChanges += AuditActions;
        UseCaseResult<CaseWorkflowRecord> taken;
        try
        {
            taken = workflows.Take(user, new StepRequest(crn, WorkflowStep.PanelDiscussed, input.ExpectedVersion,
                $"Discussed at the panel meeting on {meeting.HeldOn:d MMMM yyyy}.", new StepDetails { Discussion = discussion.Value })
            {
                MeetingId = meetingId,
            });
        }
        finally
        {
            db.SavedChanges -= AuditActions;
        }
        if (!taken.Succeeded)
        {
            // Refused before saving (permission, stage, version): drop the pending actions so nothing half-made is saved later.
            db.ChangeTracker.Clear();
            return taken.Status == UseCaseStatus.Conflict ? taken : Refused(taken.Error);
        }
        return UseCaseResult<CaseWorkflowRecord>.Ok(taken.Value);
    }

    /// <summary>
    /// Why this account may not own an action on the case, or null when it may. An owner sees their action only while they may see
    /// the case (<see cref="CaseActions.OwnerMaySee"/>), so only someone who may see it now is accepted, by that same rule: staff
    /// with the case in their own scope on its latest listing, or a panel member invited to this meeting (through their linked
    /// directory entry; limited access included). Either must hold a role that updates actions.
    /// </summary>
    private string? OwnerProblem(string userName, PanelMeetingRecord meeting, CaseWorkflowRecord workflow)
    {
        if (StaffAccounts.Find(db, userName) is not { } owner) return "there is no account with that user name";
        if (!owner.Has(Permission.UpdateOwnActions)) return OwnerCannotUpdate;
        // A panel member reaches the case through this meeting's invitation only (PanelScope.Visible: an active linked directory
        // entry, follow-up open), not through another meeting's with the same case.
        if (owner.HasRole(Role.PanelMember))
        {
            var invited = PanelScope.Visible(db, owner).Any(m => m.Id == meeting.Id);
            owner = owner with { PanelAgendaCrns = invited ? new HashSet<string> { workflow.Crn } : new HashSet<string>() };
        }
        var latest = CaseQuery.LatestFacts(db, [workflow.Crn]).GetValueOrDefault(workflow.Crn);
        return CaseActions.OwnerMaySee(owner, WorkflowRecords.Facts(workflow), latest) ? null : OwnerCannotSeeCase;
    }

    private static UseCaseResult<CaseWorkflowRecord> Refused(string message) =>
        UseCaseResult<CaseWorkflowRecord>.Invalid(UseCaseResult<CaseWorkflowRecord>.FormField, message);

    private static string Pascal(string field) => field.Length == 0 ? field : char.ToUpperInvariant(field[0]) + field[1..];

    private static string Lower(string message) => message.Length == 0 ? message : char.ToLowerInvariant(message[0]) + message[1..];
}
