using System.Globalization;
using ComplexCases.Application.Panels;
using ComplexCases.Data;
using ComplexCases.Data.Workflow;
using ComplexCases.Domain.Notifications;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Application.Notifications;

/// <summary>
/// Panels' notices (<see cref="IPanelNotices"/>) as stored notifications, through <see cref="NotificationCentre"/> and so with
/// its keys: the sweep makes the same invitation drafts, and finds them stored.
/// </summary>
public sealed class PanelNotices(ComplexCasesDbContext db, NotificationCentre centre) : IPanelNotices
{
    /// <summary>Tells the invited directory members with an account that the meeting moved (on the same date: a new time or place).</summary>
    public void MeetingMoved(PanelMeetingRecord meeting, string actor)
    {
        var accounts = (from invite in db.PanelMeetingMembers.AsNoTracking()
                        where invite.MeetingId == meeting.Id
                        join member in db.PanelMembers.AsNoTracking() on invite.MemberId equals member.Id
                        where member.Active && member.UserName != null
                        select member.UserName!).ToList();
        var agenda = meeting.Agenda.Select(a => a.Crn).Order(StringComparer.Ordinal).ToList();
        var when = meeting.StartsAt is { } t ? $" at {t.ToString("HH:mm", CultureInfo.InvariantCulture)}" : "";
        var where = string.Join(", ", new[] { meeting.Venue, meeting.VideoLink }.OfType<string>());
        var title = $"Panel meeting moved: {meeting.HeldOn:d MMMM yyyy}{when}";
        var body = $"The Complex Case Panel you are invited to is now on {meeting.HeldOn:d MMMM yyyy}{when}{(where.Length > 0 ? $", {where}" : "")}. "
            + $"Its agenda and invitations are unchanged ({agenda.Count} case(s)).";
        centre.Add(accounts.Select(userName => new NotificationDraft(userName, NotificationKind.PanelInvitation,
            $"{meeting.Id.ToString(CultureInfo.InvariantCulture)}.v{meeting.Version}", meeting.HeldOn, title, body,
            NotificationLinks.PanelMeeting(meeting.Id), agenda)), actor);
    }

    public void InvitationsChanged(long meetingId, DateOnly today, string actor) => centre.PanelInvitations(meetingId, today, actor);

    /// <summary>
    /// Tells each invited practitioner and SPO about their case at the meeting: once per case and date, and again when the meeting
    /// moves (a new date or, on the same date, a new time or place: <paramref name="moved"/>).
    /// </summary>
    public void CaseStaffInvited(PanelMeetingRecord meeting, bool moved, string actor)
    {
        var staff = db.PanelMeetingStaff.AsNoTracking().Where(x => x.MeetingId == meeting.Id).ToList();
        if (staff.Count == 0) return;
        var when = meeting.StartsAt is { } t ? $" at {t.ToString("HH:mm", CultureInfo.InvariantCulture)}" : "";
        var where = string.Join(", ", new[] { meeting.Venue, meeting.VideoLink is null ? null : "by video" }.OfType<string>()) is { Length: > 0 } w ? $" ({w})" : "";
        var subject = moved ? $".v{meeting.Version}" : "";
        centre.Add(staff.Select(x =>
        {
            var (title, body) = NotificationTexts.PanelCaseListed(x.Crn, meeting.HeldOn, when, where);
            return new NotificationDraft(x.UserName, NotificationKind.PanelCaseListed,
                $"{x.Crn}@{meeting.Id.ToString(CultureInfo.InvariantCulture)}{subject}", meeting.HeldOn,
                moved ? "Moved: " + title : title, body, NotificationLinks.Case(x.Crn), [x.Crn]);
        }), actor);
    }
}
