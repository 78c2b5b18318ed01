using ComplexCases.Application.Access;
using ComplexCases.Application.Cases;
using ComplexCases.Application.Panels;
using ComplexCases.Application.Workflow;
using ComplexCases.Data;
using ComplexCases.Domain.Notifications;
using ComplexCases.Domain.Panels;
using ComplexCases.Domain.Workflow;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Application.Notifications;

/// <summary>What one sweep created, by kind.</summary>
public sealed record SweepResult(DateOnly Today, bool WorkingDay, IReadOnlyDictionary<NotificationKind, int> Created)
{
    public int Total => Created.Values.Sum();
}

/// <summary>
/// Finds what staff should be told about now and notifies them, once per (kind, subject, due date, recipient), so it may run
/// as often as wanted and any number of times:
/// <list type="bullet">
/// <item>newly listed cases still awaiting their conversation → practitioner and SPO (catches cases listed by the CLI, or missed by the intake hook);</item>
/// <item>conversations past their due date → practitioner and SPO;</item>
/// <item>escalated cases awaiting triage → the panel team of the case's region (a safety net: the escalation step tells them at
/// once); and triage past its due date → the same;</item>
/// <item>invitations to scheduled panel meetings → each invited member with an account, with the agenda's CRNs, and again when
/// the agenda or date changed since they were last told (<see cref="PanelInvitationDrafts"/>);</item>
/// <item>open actions past their due date → the action's owner, or the panel team of the case's region when the owner has no account.</item>
/// </list>
/// Dates are England and Wales dates. Something due on a day is overdue from the next day, but overdue reminders are made only
/// on working days: nobody is chased at a weekend or on a bank holiday, so a conversation due on a Friday is chased on Monday
/// (Tuesday after a bank holiday Monday).
/// </summary>
/// <param name="telemetry">Counts each sweep's outcome and notifications (optional for tests that build a sweep by hand).</param>
public sealed class ReminderSweep(ComplexCasesDbContext db, WorkflowSettings settings, NotificationCentre centre, TimeProvider clock,
    SweepTelemetry? telemetry = null)
{
    public SweepResult Run() => Run(clock.GetUtcNow());

    public SweepResult Run(DateTimeOffset now)
    {
        using var activity = SweepTelemetry.Source.StartActivity("notifications.sweep");
        var started = clock.GetTimestamp();
        try
        {
            var result = Sweep(now);
            telemetry?.Swept(activity, clock.GetElapsedTime(started), result);
            return result;
        }
        catch (Exception ex)
        {
            telemetry?.Failed(activity, clock.GetElapsedTime(started), ex);
            throw;
        }
    }

    private SweepResult Sweep(DateTimeOffset now)
    {
        var today = WorkingCalendar.UkDate(now);
        var workingDay = IsWorkingDay(today);
        // One write transaction for reading and storing: an invitation revision is decided from the agenda and what each
        // member was last told, which a panel save in between must not split.
        using var transaction = db.Database.CurrentTransaction is null ? db.Database.BeginTransaction() : null;
        var staff = StaffDirectory.Load(db);
        var drafts = new List<NotificationDraft>();

        var awaitingConversation = db.Workflows.AsNoTracking().Where(w => w.Stage == (int)CaseStage.AwaitingConversation).ToList();
        drafts.AddRange(NotificationCentre.NewlyListedDrafts(awaitingConversation.Where(w => w.ConversationDue is not { } due || due >= today), staff));

        var awaitingTriage = db.Workflows.AsNoTracking().Where(w => w.Stage == (int)CaseStage.AwaitingTriage).ToList();
        drafts.AddRange(NotificationCentre.EscalatedDrafts(awaitingTriage, staff));
        drafts.AddRange(PanelInvitationDrafts.For(db, today));
        drafts.AddRange(CalendarEndingDrafts(CalendarStatus.Of(settings.Calendar, now), staff));

        if (workingDay)
        {
            drafts.AddRange(ConversationOverdueDrafts(awaitingConversation, staff, today));
            drafts.AddRange(TriageOverdueDrafts(awaitingTriage, staff, today));
            drafts.AddRange(ActionOverdueDrafts(today, staff));
        }
        // One transaction and one audit entry for the whole sweep.
        var created = centre.Store(drafts, WorkflowIntake.SystemActor);
        transaction?.Commit();
        var byKind = Enum.GetValues<NotificationKind>().ToDictionary(kind => kind, kind => created.Count(n => n.Kind == (int)kind));
        return new SweepResult(today, workingDay, byKind);
    }

    /// <summary>Administrators are told once per calendar end (the due date of the notice), when it ends within the warning time.</summary>
    private static IEnumerable<NotificationDraft> CalendarEndingDrafts(CalendarStatus calendar, StaffDirectory staff)
    {
        if (!calendar.NeedsAttention) yield break;
        foreach (var admin in staff.Users.Where(u => u.Roles.Contains(Role.Administrator)))
            yield return new NotificationDraft(admin.Id, NotificationKind.CalendarEnding, "bank-holidays", calendar.CoversTo,
                calendar.Ended ? "The bank holiday calendar has ended" : "The bank holiday calendar ends soon", calendar.Summary,
                NotificationLinks.Administration, []);
    }

    // Past the bank holiday list the calendar counts weekdays (and reports it once), so reminders carry on.
    private bool IsWorkingDay(DateOnly day) => settings.Calendar.IsWorkingDay(day);

    private static IEnumerable<NotificationDraft> ConversationOverdueDrafts(
        IEnumerable<Data.Workflow.CaseWorkflowRecord> workflows, StaffDirectory staff, DateOnly today)
    {
        foreach (var w in workflows)
        {
            if (w.ConversationDue is not { } due || due >= today) continue;
            var (title, body) = NotificationTexts.ConversationOverdue(w.Crn, due);
            foreach (var user in NotificationCentre.PractitionerAndSpo(w, staff))
                yield return new NotificationDraft(user.Id, NotificationKind.ConversationOverdue, w.Crn, due, title, body, NotificationLinks.Case(w.Crn), [w.Crn]);
        }
    }

    private static IEnumerable<NotificationDraft> TriageOverdueDrafts(
        IEnumerable<Data.Workflow.CaseWorkflowRecord> workflows, StaffDirectory staff, DateOnly today)
    {
        foreach (var w in workflows)
        {
            if (w.TriageDue is not { } due || due >= today) continue;
            var (title, body) = NotificationTexts.TriageOverdue(w.Crn, due);
            foreach (var user in NotificationCentre.PanelTeam(w, staff, Permission.RecordTriage))
                yield return new NotificationDraft(user.Id, NotificationKind.TriageOverdue, w.Crn, due, title, body, NotificationLinks.Case(w.Crn), [w.Crn]);
        }
    }

    /// <summary>
    /// Each open action past its due date → its owner's account, while they may still open it; an owner who may not (the
    /// meeting's follow-up closed, the case moved out of their scope) or without an account (a partner agency's member entered by
    /// name only, or an account that no longer exists) → the panel team of the case's region, who manage its actions.
    /// </summary>
    private List<NotificationDraft> ActionOverdueDrafts(DateOnly today, StaffDirectory staff)
    {
        var open = (int)ActionStatus.Open;
        var overdue = (
            from a in db.CaseActions.AsNoTracking()
            where a.Status == open && a.DueOn < today
            join w in db.Workflows.AsNoTracking() on a.WorkflowId equals w.Id
            select new { a.Id, a.Crn, a.DueOn, a.OwnerUserName, a.OwnerAgency, Workflow = w }).ToList();
        var accounts = staff.Users.Select(u => u.Id).ToHashSet(StringComparer.Ordinal);
        var latest = overdue.Count == 0 ? [] : CaseQuery.LatestFacts(db, [.. overdue.Select(a => a.Crn).Distinct(StringComparer.Ordinal)]);
        // Each owner's account as the access rules see it (with the agendas they are invited to), read once however many
        // of their actions are overdue; null when there is no such account.
        var owners = new Dictionary<string, StaffUser?>(StringComparer.Ordinal);
        StaffUser? Owner(string userName)
        {
            if (!owners.TryGetValue(userName, out var user))
            {
                user = StaffAccounts.Find(db, userName) is { } found ? found with { PanelAgendaCrns = PanelAgenda.CrnsFor(db, userName) } : null;
                owners[userName] = user;
            }
            return user;
        }
        var drafts = new List<NotificationDraft>();
        foreach (var a in overdue)
        {
            var subject = a.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            // Whether the owner may still open the action (CaseActions.OwnerMaySee): a reminder carries its CRN.
            if (a.OwnerUserName is { } owner && accounts.Contains(owner) && Owner(owner) is { } ownerUser
                && CaseActions.OwnerMaySee(ownerUser, WorkflowRecords.Facts(a.Workflow), latest.GetValueOrDefault(a.Crn)))
            {
                var (title, body) = NotificationTexts.ActionOverdue(a.Crn, a.DueOn);
                drafts.Add(new NotificationDraft(owner, NotificationKind.ActionOverdue, subject, a.DueOn, title, body, NotificationLinks.Action(a.Id), [a.Crn]));
                continue;
            }
            var agency = (Agency)a.OwnerAgency;
            var (teamTitle, teamBody) = NotificationTexts.ActionOverdueOwnerNotReachable(a.Crn, Enum.IsDefined(agency) ? agency.Label() : "agency not recorded", a.DueOn);
            foreach (var user in NotificationCentre.PanelTeam(a.Workflow, staff, Permission.ManagePanels))
                drafts.Add(new NotificationDraft(user.Id, NotificationKind.ActionOverdue, subject, a.DueOn, teamTitle, teamBody, NotificationLinks.Action(a.Id), [a.Crn]));
        }
        return drafts;
    }
}
