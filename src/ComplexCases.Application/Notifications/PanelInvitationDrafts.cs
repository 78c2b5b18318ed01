using System.Globalization;
using ComplexCases.Data;
using ComplexCases.Data.Workflow;
using ComplexCases.Domain.Notifications;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Application.Notifications;

/// <summary>
/// Invitations to scheduled panel meetings, each with the agenda as it stands: one for each invited active directory member
/// with an account, then one more each time the agenda (or the date) differs from what that member was last told.
/// </summary>
/// <remarks>
/// Each notification to a member about a meeting is a revision: the first keeps the key
/// <c>panel-invitation:{meeting}:{date}:{user}</c>, later ones <c>panel-invitation:{meeting}.{n}:{date}:{user}</c>, where n is one
/// more than the invitations that member already has for the meeting. So a save that changes the agenda tells each member
/// once, a save that changes nothing (or only who else is invited) tells nobody, an agenda changed and changed back is sent
/// again (it differs from the last one sent), and the immediate path and the sweep arrive at the same key and store it once.
/// Call inside the write transaction that stores the drafts, so that the agenda and what was last sent are read together.
/// </remarks>
internal static class PanelInvitationDrafts
{
    public static List<NotificationDraft> For(ComplexCasesDbContext db, DateOnly today, long? meetingId = null)
    {
        const int scheduled = (int)PanelMeetingStatus.Scheduled;
        var invitations = (
            from meeting in db.PanelMeetings
            where meeting.Status == scheduled && meeting.HeldOn >= today && (meetingId == null || meeting.Id == meetingId)
            from invite in meeting.Members
            join member in db.PanelMembers on invite.MemberId equals member.Id
            where member.UserName != null && member.Active
            select new { meeting.Id, meeting.HeldOn, member.UserName }).AsNoTracking().ToList();
        if (invitations.Count == 0) return [];

        var meetingIds = invitations.Select(i => i.Id).Distinct().ToList();
        var agendas = db.PanelAgendaItems.AsNoTracking().Where(a => meetingIds.Contains(a.MeetingId))
            .Select(a => new { a.MeetingId, a.Crn }).ToList()
            .ToLookup(a => a.MeetingId, a => a.Crn);
        // What each member was told about each meeting so far (the link names the meeting).
        var links = meetingIds.Select(NotificationLinks.PanelMeeting).ToList();
        var told = db.Notifications.AsNoTracking()
            .Where(n => n.Kind == (int)NotificationKind.PanelInvitation && links.Contains(n.Link))
            .Select(n => new { n.Id, n.Link, n.RecipientUserName, n.Crns, n.DueOn }).ToList()
            .GroupBy(n => (n.Link, n.RecipientUserName))
            .ToDictionary(g => g.Key, g => (Count: g.Count(), Last: g.MaxBy(n => n.Id)!));

        var drafts = new List<NotificationDraft>();
        foreach (var invitation in invitations)
        {
            var agenda = agendas[invitation.Id].Order(StringComparer.Ordinal).ToList();
            var link = NotificationLinks.PanelMeeting(invitation.Id);
            var subject = invitation.Id.ToString(CultureInfo.InvariantCulture);
            (string Title, string Body) text;
            if (!told.TryGetValue((link, invitation.UserName!), out var sent))
            {
                text = NotificationTexts.PanelInvitation(invitation.HeldOn, agenda);
            }
            else
            {
                var sameAgenda = (sent.Last.Crns ?? "") == string.Join(',', agenda);
                if (sameAgenda && sent.Last.DueOn == invitation.HeldOn) continue;
                text = sent.Last.DueOn is { } wasOn && wasOn != invitation.HeldOn
                    ? NotificationTexts.PanelMeetingMoved(wasOn, invitation.HeldOn, agenda)
                    : NotificationTexts.PanelAgendaUpdated(invitation.HeldOn, agenda);
                subject += string.Create(CultureInfo.InvariantCulture, $".{sent.Count + 1}");
            }
            drafts.Add(new NotificationDraft(invitation.UserName!, NotificationKind.PanelInvitation, subject, invitation.HeldOn,
                text.Title, text.Body, link, agenda));
        }
        return drafts;
    }
}
