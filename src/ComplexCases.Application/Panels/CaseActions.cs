using ComplexCases.Application.Access;
using ComplexCases.Application.Audit;
using ComplexCases.Application.Cases;
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

    /// <summary>
    /// False when the viewer may see the action but not who the case is about (e.g. an analyst who is also a practitioner):
    /// the names are then absent, and pages show a pseudonym instead of the CRN.
    /// </summary>
    public bool ShowsIdentity { get; init; } = true;
}

/// <summary>
/// Actions agreed at panel. Their owner (named by account) sees and updates them while they may still see the case; so may the
/// panel team of the case's region. An update from an out-of-date page is refused with a conflict message, and every update is
/// audited with the change.
/// </summary>
public sealed class CaseActions(ComplexCasesDbContext db, AuditLog audit, TimeProvider clock)
{
    public const int MaxNotes = 4000;

    public DateOnly Today => WorkingCalendar.UkDate(clock.GetUtcNow());

    /// <summary>
    /// The user's own actions that they may still see (<see cref="MaySee"/>): overdue first, then open ones by due date, then done
    /// or dropped, latest first.
    /// </summary>
    public IReadOnlyList<ActionItem> Mine(StaffUser user)
    {
        if (!user.Has(Permission.UpdateOwnActions)) return [];
        var userName = user.Id;
        return Order(Visible(user, Rows(db.CaseActions.AsNoTracking().Where(a => a.OwnerUserName == userName))));
    }

    /// <summary>The actions agreed for a case, in the same order, for a caller that has checked the user may open the case as the panel does.</summary>
    public IReadOnlyList<ActionItem> ForCase(Crn crn)
    {
        var crnText = crn.ToString();
        return Order([.. Rows(db.CaseActions.AsNoTracking().Where(a => a.Crn == crnText)).AsEnumerable().Select(r => r.Item)]);
    }

    /// <summary>One action, if the user may see and update it (<see cref="MaySee"/>); otherwise null, as if there were none.</summary>
    public ActionItem? Find(StaffUser user, long id) => Visible(user, Rows(db.CaseActions.AsNoTracking().Where(a => a.Id == id))).SingleOrDefault();

    public bool MayUpdate(StaffUser user, CaseActionRecord action) => Find(user, action.Id) is not null;

    /// <summary>
    /// Who may see and update an action. Its owner, only while they may still see the case: in their own case scope on the case's
    /// latest listing (as the case page decides, limited access included), or as the panel sees it (<see cref="PanelScope.MayOpenCase"/>:
    /// for a panel member, while the case is on the agenda of a meeting they are invited to whose follow-up has not closed). Being
    /// named as the owner is necessary, never sufficient, as with limited access. And the panel team of the case's region.
    /// </summary>
    /// <param name="workflow">The case as the process holds it (what the panel pages and the panel team's steps are checked on).</param>
    /// <param name="latest">The case's latest listing; null when it has none.</param>
    public static bool MaySee(StaffUser user, CaseActionRecord action, CaseFacts workflow, CaseFacts? latest) =>
        (action.OwnerUserName is { } owner && owner == user.Id && OwnerMaySee(user, workflow, latest))
        || CaseAccess.Can(user, Permission.ManagePanels, workflow);

    /// <summary>The owner's part of <see cref="MaySee"/>: may this user, named as an action's owner, see and update it?</summary>
    public static bool OwnerMaySee(StaffUser owner, CaseFacts workflow, CaseFacts? latest) =>
        owner.Has(Permission.UpdateOwnActions)
        && ((latest is not null && CaseAccess.CanSee(owner, latest)) || PanelScope.MayOpenCase(owner, workflow));

    /// <summary>Names (and the CRN) where the panel case page would show them to this user, or the case page would.</summary>
    public static bool ShowsIdentity(StaffUser user, CaseFacts workflow, CaseFacts? latest) =>
        PanelScope.MayOpenCase(user, workflow) || (latest is not null && CaseAccess.CanSeeNames(user, latest));

    /// <summary>Sets the action's status and notes, if it is still at <paramref name="expectedVersion"/>. Dropping needs a reason.</summary>
    public UseCaseResult<CaseActionRecord> Update(StaffUser user, long id, int expectedVersion, ActionStatus? status, string? notes)
    {
        var action = db.CaseActions.SingleOrDefault(a => a.Id == id);
        if (action is null || !MayUpdate(user, action))
        {
            db.ChangeTracker.Clear();
            return UseCaseResult<CaseActionRecord>.NotFound();
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
            return UseCaseResult<CaseActionRecord>.Invalid(errors);
        }
        var from = (ActionStatus)action.Status;
        action.Status = (int)status!.Value;
        action.Notes = text;
        action.Version++;
        action.UpdatedBy = user.Id;
        action.UpdatedAt = clock.GetUtcNow();
        // Each update is kept beside the action's current state, so a follow-up review reads what was done, by whom and when,
        // not only the last note.
        db.CaseActionUpdates.Add(new CaseActionUpdateRecord
        {
            ActionId = action.Id, By = user.Id, ByName = user.DisplayName, At = action.UpdatedAt, FromStatus = (int)from,
            ToStatus = action.Status, Note = text,
        });
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
        audit.Append(db, new AuditEntryRequest(user.Id, AuditAction.Alteration, AuditEventTypes.ActionUpdated,
            "Complex Case Panel: action updated")
        {
            Subjects = AuditSubjects.Of(Crn.Parse(action.Crn)),
            Details = new AuditDetails().Add("actionId", action.Id).Add("from", from.ToString()).Add("to", ((ActionStatus)action.Status).ToString())
                .Add("version", action.Version).Add("owner", action.OwnerUserName == user.Id ? "self" : "panel team").ToString(),
        });
        transaction.Commit();
        return UseCaseResult<CaseActionRecord>.Ok(action);
    }

    /// <summary>
    /// The updates of these actions, oldest first per action, for a caller that has checked the user may see the actions
    /// (the panel case page, the follow-up page, the action page).
    /// </summary>
    public IReadOnlyDictionary<long, IReadOnlyList<CaseActionUpdateRecord>> UpdatesOf(IReadOnlyCollection<long> actionIds)
    {
        var ids = actionIds.Distinct().ToList();
        return db.CaseActionUpdates.AsNoTracking().Where(u => ids.Contains(u.ActionId)).ToList()
            .GroupBy(u => u.ActionId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<CaseActionUpdateRecord>)[.. g.OrderBy(u => u.At).ThenBy(u => u.Id)]);
    }

    private UseCaseResult<CaseActionRecord> Conflict(CaseActionRecord latest)
    {
        db.ChangeTracker.Clear();
        return UseCaseResult<CaseActionRecord>.Conflicted(
            $"This action was updated by {latest.UpdatedBy} ({latest.UpdatedAt:d MMMM yyyy HH:mm} UTC) while you were working on it, so your changes "
            + $"have not been saved. It is now {((ActionStatus)latest.Status).ToString().ToLowerInvariant()}. Check it, then try again if still needed.",
            latest.UpdatedBy, latest.UpdatedAt);
    }

    /// <summary>An action with what deciding access to it needs: the case's facts as the process holds them.</summary>
    private sealed record Row(ActionItem Item, CaseFacts Workflow);

    private IQueryable<Row> Rows(IQueryable<CaseActionRecord> actions) =>
        from a in actions
        join w in db.Workflows.AsNoTracking() on a.WorkflowId equals w.Id
        join c in db.ListedCases.AsNoTracking() on new { RunId = w.LatestRunId, w.Crn } equals new { c.RunId, c.Crn } into listed
        from c in listed.DefaultIfEmpty()
        join m in db.PanelMeetings.AsNoTracking() on a.MeetingId equals (long?)m.Id into meetings
        from m in meetings.DefaultIfEmpty()
        select new Row(
            new ActionItem(a, c == null ? null : c.Forename, c == null ? null : c.Surname, m == null ? null : m.HeldOn, false),
            new CaseFacts(w.Crn, w.PduCode, w.RegionCode, w.TeamCode, w.PractitionerCode, w.SpoCode, w.LimitedAccess));

    /// <summary>The rows the user may see (<see cref="MaySee"/>), without names where they may not see them.</summary>
    private List<ActionItem> Visible(StaffUser user, IQueryable<Row> rows)
    {
        var found = rows.ToList();
        if (found.Count == 0) return [];
        var latest = CaseQuery.LatestFacts(db, [.. found.Select(r => r.Item.Action.Crn).Distinct(StringComparer.Ordinal)]);
        return [.. found
            .Select(r => (r.Item, r.Workflow, Latest: latest.GetValueOrDefault(r.Item.Action.Crn)))
            .Where(r => MaySee(user, r.Item.Action, r.Workflow, r.Latest))
            .Select(r => ShowsIdentity(user, r.Workflow, r.Latest) ? r.Item : r.Item with { Forename = null, Surname = null, ShowsIdentity = false })];
    }

    private List<ActionItem> Order(IEnumerable<ActionItem> items)
    {
        var today = Today;
        return [.. items
            .Select(i => i with { Overdue = new CaseAction(i.Action.Description, i.Action.OwnerName, i.OwnerAgency, i.Action.DueOn, i.Status).IsOverdue(today) })
            .OrderByDescending(i => i.Overdue)
            .ThenByDescending(i => i.Status == ActionStatus.Open)
            .ThenBy(i => i.Status == ActionStatus.Open ? i.Action.DueOn : DateOnly.MaxValue)
            .ThenByDescending(i => i.Action.UpdatedAt)
            .ThenBy(i => i.Action.Id)];
    }
}
