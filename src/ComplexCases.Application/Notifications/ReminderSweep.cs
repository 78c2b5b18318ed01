using ComplexCases.Application.Access;
using ComplexCases.Application.Workflow;
using ComplexCases.Data;
using ComplexCases.Domain.Notifications;
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
/// <item>escalated cases awaiting triage → the panel team of the case's region; and triage past its due date → the same;</item>
/// <item>invitations to scheduled panel meetings → each invited member with an account, with the agenda's CRNs;</item>
/// <item>open actions past their due date → the action's owner.</item>
/// </list>
/// Dates are England and Wales dates. Something due on a day is overdue from the next day, but overdue reminders are made only
/// on working days: nobody is chased at a weekend or on a bank holiday, so a conversation due on a Friday is chased on Monday
/// (Tuesday after a bank holiday Monday).
/// </summary>
public sealed class ReminderSweep(ComplexCasesDbContext db, WorkflowSettings settings, TimeProvider clock)
{
    public SweepResult Run() => Run(clock.GetUtcNow());

    public SweepResult Run(DateTimeOffset now)
    {
        var today = WorkingCalendar.UkDate(now);
        var workingDay = IsWorkingDay(today);
        var staff = StaffDirectory.Load(db);
        var drafts = new List<NotificationDraft>();

        var awaitingConversation = db.Workflows.AsNoTracking().Where(w => w.Stage == (int)CaseStage.AwaitingConversation).ToList();
        drafts.AddRange(NotificationCentre.NewlyListedDrafts(awaitingConversation.Where(w => w.ConversationDue is not { } due || due >= today), staff));

        var awaitingTriage = db.Workflows.AsNoTracking().Where(w => w.Stage == (int)CaseStage.AwaitingTriage).ToList();
        drafts.AddRange(EscalatedDrafts(awaitingTriage, staff));
        drafts.AddRange(InvitationDrafts(today));

        if (workingDay)
        {
            drafts.AddRange(ConversationOverdueDrafts(awaitingConversation, staff, today));
            drafts.AddRange(TriageOverdueDrafts(awaitingTriage, staff, today));
            drafts.AddRange(ActionOverdueDrafts(today));
        }
        // One transaction and one audit entry for the whole sweep.
        var created = new NotificationCentre(db, clock).Store(drafts, WorkflowIntake.SystemActor);
        var byKind = Enum.GetValues<NotificationKind>().ToDictionary(kind => kind, kind => created.Count(n => n.Kind == (int)kind));
        return new SweepResult(today, workingDay, byKind);
    }

    private bool IsWorkingDay(DateOnly day)
    {
        if (day >= settings.Calendar.CoversFrom && day <= settings.Calendar.CoversTo) return settings.Calendar.IsWorkingDay(day);
        // Past the bank holiday list: still remind on weekdays rather than stop reminding (the intake refuses such dates loudly).
        return day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
    }

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

    private static IEnumerable<NotificationDraft> EscalatedDrafts(IEnumerable<Data.Workflow.CaseWorkflowRecord> workflows, StaffDirectory staff)
    {
        foreach (var w in workflows)
        {
            var (title, body) = NotificationTexts.Escalated(w.Crn, w.PduCode, w.TriageDue);
            foreach (var user in PanelTeam(w, staff))
                yield return new NotificationDraft(user.Id, NotificationKind.Escalated, w.Crn, w.TriageDue, title, body, NotificationLinks.Case(w.Crn), [w.Crn]);
        }
    }

    private static IEnumerable<NotificationDraft> TriageOverdueDrafts(
        IEnumerable<Data.Workflow.CaseWorkflowRecord> workflows, StaffDirectory staff, DateOnly today)
    {
        foreach (var w in workflows)
        {
            if (w.TriageDue is not { } due || due >= today) continue;
            var (title, body) = NotificationTexts.TriageOverdue(w.Crn, due);
            foreach (var user in PanelTeam(w, staff))
                yield return new NotificationDraft(user.Id, NotificationKind.TriageOverdue, w.Crn, due, title, body, NotificationLinks.Case(w.Crn), [w.Crn]);
        }
    }

    /// <summary>The panel team of the case's region who may record its triage.</summary>
    private static IEnumerable<StaffUser> PanelTeam(Data.Workflow.CaseWorkflowRecord w, StaffDirectory staff)
    {
        var facts = WorkflowRecords.Facts(w);
        return staff.PanelTeamOf(w.RegionCode).Where(u => CaseAccess.Can(u, Permission.RecordTriage, facts));
    }

    private List<NotificationDraft> InvitationDrafts(DateOnly today)
    {
        var scheduled = (int)Data.Workflow.PanelMeetingStatus.Scheduled;
        var invitations = (
            from meeting in db.PanelMeetings
            where meeting.Status == scheduled && meeting.HeldOn >= today
            from invite in meeting.Members
            join member in db.PanelMembers on invite.MemberId equals member.Id
            where member.UserName != null && member.Active
            select new { meeting.Id, meeting.HeldOn, member.UserName }).AsNoTracking().ToList();
        if (invitations.Count == 0) return [];
        var meetingIds = invitations.Select(i => i.Id).Distinct().ToList();
        var agendas = db.PanelAgendaItems.AsNoTracking().Where(a => meetingIds.Contains(a.MeetingId))
            .Select(a => new { a.MeetingId, a.Crn }).ToList()
            .ToLookup(a => a.MeetingId, a => a.Crn);
        return invitations.Select(i =>
        {
            var agenda = agendas[i.Id].Order(StringComparer.Ordinal).ToList();
            var (title, body) = NotificationTexts.PanelInvitation(i.HeldOn, agenda);
            return new NotificationDraft(i.UserName!, NotificationKind.PanelInvitation, i.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                i.HeldOn, title, body, NotificationLinks.PanelMeeting(i.Id), agenda);
        }).ToList();
    }

    private List<NotificationDraft> ActionOverdueDrafts(DateOnly today)
    {
        var open = (int)ActionStatus.Open;
        var overdue = db.CaseActions.AsNoTracking()
            .Where(a => a.Status == open && a.DueOn < today && a.OwnerUserName != null)
            .Select(a => new { a.Id, a.Crn, a.DueOn, a.OwnerUserName })
            .ToList();
        return overdue.Select(a =>
        {
            var (title, body) = NotificationTexts.ActionOverdue(a.Crn, a.DueOn);
            return new NotificationDraft(a.OwnerUserName!, NotificationKind.ActionOverdue, a.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                a.DueOn, title, body, NotificationLinks.Action(a.Id), [a.Crn]);
        }).ToList();
    }
}
