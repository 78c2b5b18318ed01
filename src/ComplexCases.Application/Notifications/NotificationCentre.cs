using ComplexCases.Application.Access;
using ComplexCases.Application.Audit;
using ComplexCases.Application.Workflow;
using ComplexCases.Data;
using ComplexCases.Data.Workflow;
using ComplexCases.Domain.Audit;
using ComplexCases.Domain.Notifications;
using ComplexCases.Domain.People;
using ComplexCases.Domain.Workflow;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Application.Notifications;

/// <summary>
/// Creates in-app notifications idempotently and reads a user's own. Every path that can notify (intake, the reminder sweep,
/// a quality review) goes through <see cref="Add"/>, so one de-duplication key decides what is new, and the same event
/// reached twice (a retried intake, a sweep run twice, a sweep after the intake hook) is stored once.
/// </summary>
public sealed class NotificationCentre(ComplexCasesDbContext db, AuditLog audit, TimeProvider clock) : IWorkflowNotices
{
    /// <summary>
    /// Tells the practitioner and SPO of each newly listed case. Call it with <see cref="IntakeResult.Entered"/> right after
    /// <see cref="WorkflowIntake.TakeIn"/>; the reminder sweep catches any case it missed.
    /// </summary>
    public int NewlyListed(IEnumerable<CaseWorkflowRecord> entered, StaffDirectory? staff = null)
    {
        staff ??= StaffDirectory.Load(db);
        return Add(NewlyListedDrafts(entered, staff), WorkflowIntake.SystemActor);
    }

    /// <summary>
    /// The same for the cases a stored run put into the process (entered or listed again on its date): for callers that have a
    /// run id but not the intake result, such as the web's screening upload.
    /// </summary>
    public int NewlyListedForRun(int runId)
    {
        var asOf = db.Runs.AsNoTracking().Where(r => r.Id == runId).Select(r => (DateOnly?)r.AsOf).SingleOrDefault();
        if (asOf is null) return 0;
        var entered = db.Workflows.AsNoTracking()
            .Where(w => w.LatestRunId == runId && w.ListedOn == asOf && w.Stage == (int)CaseStage.AwaitingConversation)
            .ToList();
        return entered.Count == 0 ? 0 : NewlyListed(entered);
    }

    internal static IEnumerable<NotificationDraft> NewlyListedDrafts(IEnumerable<CaseWorkflowRecord> workflows, StaffDirectory staff)
    {
        foreach (var w in workflows)
        {
            var (title, body) = NotificationTexts.NewlyListed(w.Crn, w.PduCode, w.ListedOn, w.ConversationDue);
            foreach (var user in PractitionerAndSpo(w, staff))
                yield return new NotificationDraft(user.Id, NotificationKind.NewlyListed, w.Crn, w.ListedOn, title, body, NotificationLinks.Case(w.Crn), [w.Crn]);
        }
    }

    /// <summary>
    /// Tells the panel team of the case's region that it was escalated. <see cref="CaseWorkflows.Take"/> calls it (as its
    /// <see cref="IWorkflowNotices"/>) in the step's transaction, under the user who escalated, so the team hears at once; the
    /// reminder sweep makes the same drafts (same keys) as a safety net, so nobody is told twice.
    /// </summary>
    public int Escalated(CaseWorkflowRecord workflow, string actor, StaffDirectory? staff = null)
    {
        staff ??= StaffDirectory.Load(db);
        return Add(EscalatedDrafts([workflow], staff), actor);
    }

    /// <summary>
    /// Invites the meeting's invited members with an account, or tells them the agenda or date changed since they were last
    /// told (see <see cref="PanelInvitationDrafts"/>). <see cref="Panels.PanelMeetings"/> calls it (through <see cref="PanelNotices"/>)
    /// in the transaction that saves the invitations or agenda, under the panel team member; the sweep makes the same drafts.
    /// </summary>
    public int PanelInvitations(long meetingId, DateOnly today, string actor)
    {
        var own = db.Database.CurrentTransaction is null ? db.Database.BeginTransaction() : null;
        try
        {
            var created = Add(PanelInvitationDrafts.For(db, today, meetingId), actor);
            own?.Commit();
            return created;
        }
        finally
        {
            own?.Dispose();
        }
    }

    void IWorkflowNotices.Escalated(CaseWorkflowRecord workflow, string actor) => Escalated(workflow, actor);

    void IWorkflowNotices.ConversationToConfirm(CaseWorkflowRecord workflow, WorkflowEventRecord recorded, string spoUserName, string actor) =>
        ConversationToConfirm(workflow, recorded, spoUserName, actor);

    /// <summary>Asks the SPO named on a conversation to confirm it, in the step's transaction (the recorder is not the SPO).</summary>
    public int ConversationToConfirm(CaseWorkflowRecord workflow, WorkflowEventRecord recorded, string spoUserName, string actor)
    {
        var conversation = StepDetails.FromJson(recorded.DetailsJson).Conversation;
        if (conversation is null) return 0;
        var (title, body) = NotificationTexts.ConversationToConfirm(workflow.Crn, recorded.ByName, conversation.HeldOn);
        return Add([new NotificationDraft(spoUserName, NotificationKind.ConversationToConfirm, workflow.Crn, conversation.HeldOn, title, body,
            NotificationLinks.ConfirmConversation(workflow.Crn), [workflow.Crn])], actor);
    }

    internal static IEnumerable<NotificationDraft> EscalatedDrafts(IEnumerable<CaseWorkflowRecord> workflows, StaffDirectory staff)
    {
        foreach (var w in workflows)
        {
            var (title, body) = NotificationTexts.Escalated(w.Crn, w.PduCode, w.TriageDue);
            foreach (var user in PanelTeam(w, staff, Permission.RecordTriage))
                yield return new NotificationDraft(user.Id, NotificationKind.Escalated, w.Crn, w.TriageDue, title, body, NotificationLinks.Case(w.Crn), [w.Crn]);
        }
    }

    /// <summary>The panel team of the case's region who may do <paramref name="permission"/> on it (record its triage, manage its actions).</summary>
    internal static IEnumerable<StaffUser> PanelTeam(CaseWorkflowRecord w, StaffDirectory staff, Permission permission)
    {
        var facts = WorkflowRecords.Facts(w);
        return staff.PanelTeamOf(w.RegionCode).Where(u => CaseAccess.Can(u, permission, facts));
    }

    /// <summary>The accounts named on the case as its practitioner or SPO that may open it (a limited-access case needs them named too).</summary>
    internal static IEnumerable<StaffUser> PractitionerAndSpo(CaseWorkflowRecord w, StaffDirectory staff)
    {
        var facts = WorkflowRecords.Facts(w);
        return staff.WithStaffCode(w.PractitionerCode).Concat(staff.WithStaffCode(w.SpoCode))
            .DistinctBy(u => u.Id)
            .Where(u => CaseAccess.CanSee(u, facts));
    }

    /// <summary>
    /// Stores the drafts that are not stored yet, with one audit entry for those it created, in one transaction (the
    /// caller's, if it has one). Returns how many it created.
    /// </summary>
    public int Add(IEnumerable<NotificationDraft> drafts, string actor) => Store(drafts, actor).Count;

    internal IReadOnlyList<NotificationRecord> Store(IEnumerable<NotificationDraft> drafts, string actor)
    {
        var byKey = new Dictionary<string, NotificationDraft>(StringComparer.Ordinal);
        foreach (var draft in drafts) byKey.TryAdd(draft.DedupKey, draft);
        if (byKey.Count == 0) return [];

        var own = db.Database.CurrentTransaction is null ? db.Database.BeginTransaction() : null;
        try
        {
            // Read inside the (immediate, on SQLite) write transaction: no other writer can add the same key in between.
            var keys = byKey.Keys.ToList();
            var existing = db.Notifications.AsNoTracking().Where(n => keys.Contains(n.DedupKey)).Select(n => n.DedupKey).ToHashSet(StringComparer.Ordinal);
            var now = clock.GetUtcNow();
            var created = byKey.Values.Where(d => !existing.Contains(d.DedupKey)).Select(d => new NotificationRecord
            {
                RecipientUserName = d.Recipient,
                Kind = (int)d.Kind,
                Title = d.Title,
                Body = d.Body,
                Link = d.Link,
                Crns = d.Crns.Count == 0 ? null : string.Join(',', d.Crns),
                DueOn = d.DueOn,
                CreatedAt = now,
                DedupKey = d.DedupKey,
            }).ToList();
            if (created.Count > 0)
            {
                db.Notifications.AddRange(created);
                db.SaveChanges();
                var crns = created.SelectMany(n => (n.Crns ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries))
                    .Select(c => Crn.TryParse(c, out var crn) ? crn : (Crn?)null).OfType<Crn>().Distinct();
                var kinds = string.Join(',', created.GroupBy(n => (NotificationKind)n.Kind).OrderBy(g => g.Key)
                    .Select(g => $"{g.Key.ToKey()}={g.Count()}"));
                audit.Append(db, new AuditEntryRequest(actor, AuditAction.Alteration, AuditEventTypes.NotificationsCreated,
                    "Complex Case process: notifications to staff")
                {
                    Subjects = AuditSubjects.Of(crns),
                    Details = new AuditDetails().Add("created", created.Count).Add("kinds", kinds)
                        .Add("recipients", created.Select(n => n.RecipientUserName).Distinct(StringComparer.Ordinal).Count()).ToString(),
                });
            }
            own?.Commit();
            return created;
        }
        finally
        {
            own?.Dispose();
        }
    }

    /// <summary>The user's unread count: one count on the (recipient, read-at) index, cheap enough for every page's header.</summary>
    public int UnreadCount(string userName) =>
        db.Notifications.Count(n => n.RecipientUserName == userName && n.ReadAt == null);

    public Task<int> UnreadCountAsync(string userName, CancellationToken cancellationToken = default) =>
        db.Notifications.CountAsync(n => n.RecipientUserName == userName && n.ReadAt == null, cancellationToken);

    /// <summary>The user's own notifications, newest first (ids increase with time; SQLite cannot order by a stored DateTimeOffset).</summary>
    public IReadOnlyList<NotificationRecord> For(string userName, int skip, int take) =>
        db.Notifications.AsNoTracking().Where(n => n.RecipientUserName == userName)
            .OrderByDescending(n => n.Id).Skip(skip).Take(take).ToList();

    public int CountFor(string userName) => db.Notifications.Count(n => n.RecipientUserName == userName);

    /// <summary>Marks all the user's unread notifications read (and only theirs); returns how many.</summary>
    public int MarkAllRead(string userName)
    {
        var now = clock.GetUtcNow();
        return db.Notifications.Where(n => n.RecipientUserName == userName && n.ReadAt == null)
            .ExecuteUpdate(s => s.SetProperty(n => n.ReadAt, now));
    }
}
