using System.Collections.Frozen;
using ComplexCases.Data;
using ComplexCases.Data.Workflow;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Application.Panels;

/// <summary>A panel member's whole reach: the cases on the agendas of meetings they are invited to (<see cref="Access.StaffUser.PanelAgendaCrns"/>).</summary>
public static class PanelAgenda
{
    /// <summary>
    /// CRNs on the agendas of meetings where an active directory entry with this user name is invited and the follow-up
    /// has not closed. One query, from the indexed directory user name through the invitation and agenda keys.
    /// </summary>
    public static IReadOnlySet<string> CrnsFor(ComplexCasesDbContext db, string userName)
    {
        const int closed = (int)PanelMeetingStatus.FollowUpClosed;
        var crns = (from member in db.PanelMembers.AsNoTracking()
                    where member.UserName == userName && member.Active
                    join invite in db.PanelMeetingMembers.AsNoTracking() on member.Id equals invite.MemberId
                    join meeting in db.PanelMeetings.AsNoTracking() on invite.MeetingId equals meeting.Id
                    where meeting.Status != closed
                    join item in db.PanelAgendaItems.AsNoTracking() on meeting.Id equals item.MeetingId
                    select item.Crn).Distinct().ToList();
        return crns.ToFrozenSet(StringComparer.Ordinal);
    }
}
