using ComplexCases.Data.Workflow;

namespace ComplexCases.Application.Panels;

/// <summary>
/// What a change to a panel meeting tells staff about, said by Panels and sent by Notifications, which implements it (the
/// reminder sweep in Notifications reads panels, so panels may not call Notifications back; docs/architecture.md). Each is
/// called in the transaction that saves the change, under the panel team member who made it, in the order listed here.
/// </summary>
public interface IPanelNotices
{
    /// <summary>The meeting moved on its date (a new time or place): its invited directory members with an account are told.</summary>
    void MeetingMoved(PanelMeetingRecord meeting, string actor);

    /// <summary>Its invitations or agenda changed: invited members are invited, or told what changed since they were last told.</summary>
    void InvitationsChanged(long meetingId, DateOnly today, string actor);

    /// <summary>The practitioners and SPOs invited for their cases on the agenda are told (again, when <paramref name="moved"/>).</summary>
    void CaseStaffInvited(PanelMeetingRecord meeting, bool moved, string actor);
}
