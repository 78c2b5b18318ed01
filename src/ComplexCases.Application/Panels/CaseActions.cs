using ComplexCases.Application.Access;
using ComplexCases.Application.Audit;
using ComplexCases.Data;
using ComplexCases.Data.Workflow;
using ComplexCases.Domain.Audit;
using ComplexCases.Domain.Panels;
using ComplexCases.Domain.People;
using ComplexCases.Domain.Workflow;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Application.Panels;

/// <summary>An action with the case it is for and whether it is overdue today (England and Wales date).</summary>
public sealed record ActionItem(CaseActionRecord Action, string? Forename, string? Surname, DateOnly? MeetingOn, bool Overdue)
{
    public ActionStatus Status => (ActionStatus)Action.Status;
    public Agency OwnerAgency => (Agency)Action.OwnerAgency;
}

/// <summary>
/// Actions agreed at panel. Their owner (named by account) updates them; so may the panel team of the case's region. An
/// update from an out-of-date page is refused with a conflict message, and every update is audited with the change.
/// </summary>
public sealed class CaseActions(ComplexCasesDbContext db, TimeProvider clock)
{
    public const int MaxNotes = 4000;

    public DateOnly Today => WorkingCalendar.UkDate(clock.GetUtcNow());

    /// <summary>The user's own actions: overdue first, then open ones by due date, then done or dropped, latest first.</summary>
    public IReadOnlyList<ActionItem> Mine(StaffUser user)
    {
        if (!user.Has(Permission.UpdateOwnActions)) return [];
        var userName = user.Id;
        return Order(Items(db.CaseActions.AsNoTracking().Where(a => a.OwnerUserName == userName)));
    }

    /// <summary>The actions agreed for a case (the panel view shows them), in the same order.</summary>
    public IReadOnlyList<ActionItem> ForCase(string crn) => Order(Items(db.CaseActions.AsNoTracking().Where(a => a.Crn == crn)));

    /// <summary>One action, if the user may update it (its owner, or the panel team of the case's region); otherwise null.</summary>
    public ActionItem? Find(StaffUser user, long id)
    {
        var item = Items(db.CaseActions.AsNoTracking().Where(a => a.Id == id)).SingleOrDefault();
        return item is not null && MayUpdate(user, item.Action) ? item : null;
    }

    public bool MayUpdate(StaffUser user, CaseActionRecord action)
    {
        if (user.Has(Permission.UpdateOwnActions) && action.OwnerUserName is { } owner && owner == user.Id) return true;
        var workflow = db.Workflows.AsNoTracking().SingleOrDefault(w => w.Id == action.WorkflowId);
        return workflow is not null && CaseAccess.Can(user, Permission.ManagePanels, Workflow.WorkflowRecords.Facts(workflow));
    }

    /// <summary>Sets the action's status and notes, if it is still at <paramref name="expectedVersion"/>. Dropping needs a reason.</summary>
    public PanelResult<CaseActionRecord> Update(StaffUser user, long id, int expectedVersion, ActionStatus? status, string? notes)
    {
        var action = db.CaseActions.SingleOrDefault(a => a.Id == id);
        if (action is null || !MayUpdate(user, action))
        {
            db.ChangeTracker.Clear();
            return PanelResult<CaseActionRecord>.NotFound();
        }
        if (action.Version != expectedVersion) return Conflict(action);
        var errors = new List<FieldError>();
        if (status is not { } newStatus || !Enum.IsDefined(newStatus)) errors.Add(new("Status", "Choose the action's status"));
        var text = (notes ?? "").Trim();
        if (text.Length > MaxNotes) errors.Add(new("Notes", $"Notes must be {MaxNotes} characters or fewer"));
        else if (status == ActionStatus.Dropped && text.Length == 0) errors.Add(new("Notes", "Enter why the action is no longer needed or possible"));
        if (errors.Count > 0)
        {
            db.ChangeTracker.Clear();
            return PanelResult<CaseActionRecord>.Invalid(errors);
        }
        var from = (ActionStatus)action.Status;
        action.Status = (int)status!.Value;
        action.Notes = text;
        action.Version++;
        action.UpdatedBy = user.Id;
        action.UpdatedAt = clock.GetUtcNow();
        using var transaction = db.Database.BeginTransaction();
        try
        {
            db.SaveChanges();
        }
        catch (DbUpdateConcurrencyException)
        {
            transaction.Rollback();
            db.ChangeTracker.Clear();
            return Conflict(db.CaseActions.AsNoTracking().Single(a => a.Id == id));
        }
        new AuditLog(clock).Append(db, new AuditEntryRequest(user.Id, AuditAction.Alteration, AuditEventTypes.ActionUpdated,
            "Complex Case Panel: action updated")
        {
            Subjects = AuditSubjects.Of(Crn.Parse(action.Crn)),
            Details = new AuditDetails().Add("actionId", action.Id).Add("from", from.ToString()).Add("to", ((ActionStatus)action.Status).ToString())
                .Add("version", action.Version).Add("owner", action.OwnerUserName == user.Id ? "self" : "panel team").ToString(),
        });
        transaction.Commit();
        return PanelResult<CaseActionRecord>.Ok(action);
    }

    private PanelResult<CaseActionRecord> Conflict(CaseActionRecord latest)
    {
        db.ChangeTracker.Clear();
        return PanelResult<CaseActionRecord>.Conflict(
            $"This action was updated by {latest.UpdatedBy} ({latest.UpdatedAt:d MMMM yyyy HH:mm} UTC) while you were working on it, so your changes "
            + $"have not been saved. It is now {((ActionStatus)latest.Status).ToString().ToLowerInvariant()}. Check it, then try again if still needed.");
    }

    private IQueryable<ActionItem> Items(IQueryable<CaseActionRecord> actions) =>
        from a in actions
        join w in db.Workflows.AsNoTracking() on a.WorkflowId equals w.Id
        join c in db.ListedCases.AsNoTracking() on new { RunId = w.LatestRunId, w.Crn } equals new { c.RunId, c.Crn } into listed
        from c in listed.DefaultIfEmpty()
        join m in db.PanelMeetings.AsNoTracking() on a.MeetingId equals (long?)m.Id into meetings
        from m in meetings.DefaultIfEmpty()
        select new ActionItem(a, c == null ? null : c.Forename, c == null ? null : c.Surname, m == null ? null : m.HeldOn, false);

    private List<ActionItem> Order(IQueryable<ActionItem> items)
    {
        var today = Today;
        return [.. items.ToList()
            .Select(i => i with { Overdue = new CaseAction(i.Action.Description, i.Action.OwnerName, i.OwnerAgency, i.Action.DueOn, i.Status).IsOverdue(today) })
            .OrderByDescending(i => i.Overdue)
            .ThenByDescending(i => i.Status == ActionStatus.Open)
            .ThenBy(i => i.Status == ActionStatus.Open ? i.Action.DueOn : DateOnly.MaxValue)
            .ThenByDescending(i => i.Action.UpdatedAt)
            .ThenBy(i => i.Action.Id)];
    }
}
