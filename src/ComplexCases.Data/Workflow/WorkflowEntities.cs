namespace ComplexCases.Data.Workflow;

/// <summary>
/// A listed case's place in the process (one row per CRN, carried across months). The case facts that scope access
/// are copied from its latest listing, so access to a workflow is decided exactly as access to the list is.
/// </summary>
public sealed class CaseWorkflowRecord
{
    public long Id { get; set; }
    public required string Crn { get; set; }
    public required string PduCode { get; set; }
    public string? RegionCode { get; set; }
    public string? TeamCode { get; set; }
    public string? PractitionerCode { get; set; }
    public string? SpoCode { get; set; }
    public bool LimitedAccess { get; set; }
    /// <summary>The latest run that listed the case (names, criteria and evidence are read from it).</summary>
    public int LatestRunId { get; set; }
    /// <summary><see cref="Domain.Workflow.CaseStage"/>.</summary>
    public int Stage { get; set; }
    public DateOnly ListedOn { get; set; }
    public DateOnly? ConversationDue { get; set; }
    public DateOnly? TriageDue { get; set; }
    public DateOnly? FollowUpDue { get; set; }
    /// <summary>Optimistic concurrency: each save increments it, and a save made from an older version is refused.</summary>
    public int Version { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public List<WorkflowEventRecord> Events { get; set; } = [];
}

/// <summary>One move of a case: the step, who took it and when, the notes, and the step's record as JSON.</summary>
public sealed class WorkflowEventRecord
{
    public long Id { get; set; }
    public long WorkflowId { get; set; }
    /// <summary><see cref="Domain.Workflow.WorkflowStep"/>.</summary>
    public int Step { get; set; }
    public int FromStage { get; set; }
    public int ToStage { get; set; }
    /// <summary>User name of who took the step ("system" for a relisting).</summary>
    public required string By { get; set; }
    public required string ByName { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Notes { get; set; }
    /// <summary>The step's record (conversation, escalation, triage, panel discussion) as JSON; null when the step has none.</summary>
    public string? DetailsJson { get; set; }
    /// <summary>The panel meeting, for a panel discussion.</summary>
    public long? MeetingId { get; set; }
    /// <summary>For a conversation: the SPO account that confirmed the record (the SPO named on it), and when.</summary>
    public string? ConfirmedBy { get; set; }
    public string? ConfirmedByName { get; set; }
    public DateTimeOffset? ConfirmedAt { get; set; }
}

/// <summary>Someone the panel team can invite: the panel directory, by agency.</summary>
public sealed class PanelMemberRecord
{
    public long Id { get; set; }
    public required string Name { get; set; }
    /// <summary><see cref="Domain.Panels.Agency"/>.</summary>
    public int Agency { get; set; }
    public required string JobTitle { get; set; }
    public string? Email { get; set; }
    /// <summary>The member's local account, when they sign in to see their agendas.</summary>
    public string? UserName { get; set; }
    public required string RegionCode { get; set; }
    public bool Active { get; set; } = true;
}

/// <summary>A multi-agency panel meeting: who was invited and came, and the cases on its agenda.</summary>
public sealed class PanelMeetingRecord
{
    public long Id { get; set; }
    public required string RegionCode { get; set; }
    public DateOnly HeldOn { get; set; }
    public required string Chair { get; set; }
    /// <summary>Start time, England and Wales local time; null on meetings scheduled before it was asked for.</summary>
    public TimeOnly? StartsAt { get; set; }
    /// <summary>Where it is held (a room), and/or the video link.</summary>
    public string? Venue { get; set; }
    public string? VideoLink { get; set; }
    /// <summary>Guests who attended but are not in the directory, one per line (name and organisation).</summary>
    public string? Guests { get; set; }
    /// <summary>Written input from agencies that could not attend.</summary>
    public string? WrittenInput { get; set; }
    /// <summary><see cref="PanelMeetingStatus"/>.</summary>
    public int Status { get; set; }
    public int Version { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>
    /// The expertise the agenda needed, and which of it nobody invited had, as agency keys (<c>mental_health,police</c>), recorded
    /// with each change: the record of the meeting as it was, whatever later listings of its cases say. Null before recording began.
    /// </summary>
    public string? NeededExpertise { get; set; }
    public string? NotInvitedExpertise { get; set; }
    /// <summary>Which needed expertise nobody present had; null until the meeting is held.</summary>
    public string? NotPresentExpertise { get; set; }
    public List<PanelMeetingMemberRecord> Members { get; set; } = [];
    public List<PanelAgendaItemRecord> Agenda { get; set; } = [];
}

public enum PanelMeetingStatus
{
    Scheduled = 1,
    /// <summary>The meeting took place; attendance is recorded.</summary>
    Held = 2,
    /// <summary>Every case on the agenda has had its follow-up: panel members' access to the agenda ends.</summary>
    FollowUpClosed = 3,
}

/// <summary>A directory member invited to a meeting (and whether they attended).</summary>
public sealed class PanelMeetingMemberRecord
{
    public long MeetingId { get; set; }
    public long MemberId { get; set; }
    public bool Attended { get; set; }
    /// <summary>Sent apologies (did not attend).</summary>
    public bool Apologies { get; set; }
}

/// <summary>
/// A member of probation staff invited because a case of theirs is on the agenda: its practitioner and SPO (by account), and
/// whether they attended or sent apologies.
/// </summary>
public sealed class PanelMeetingStaffRecord
{
    public long Id { get; set; }
    public long MeetingId { get; set; }
    public required string UserName { get; set; }
    public required string DisplayName { get; set; }
    public required string Crn { get; set; }
    /// <summary>"practitioner" or "spo": why they are invited.</summary>
    public required string Role { get; set; }
    public bool Attended { get; set; }
    public bool Apologies { get; set; }
}

public sealed class PanelAgendaItemRecord
{
    public long MeetingId { get; set; }
    public long WorkflowId { get; set; }
    public required string Crn { get; set; }
    public bool Discussed { get; set; }
}

/// <summary>An action agreed at panel, with a named owner from an agency.</summary>
public sealed class CaseActionRecord
{
    public long Id { get; set; }
    public long WorkflowId { get; set; }
    public required string Crn { get; set; }
    public long? MeetingId { get; set; }
    public required string Description { get; set; }
    public required string OwnerName { get; set; }
    /// <summary><see cref="Domain.Panels.Agency"/>.</summary>
    public int OwnerAgency { get; set; }
    /// <summary>The owner's local account, so they can update it and be reminded.</summary>
    public string? OwnerUserName { get; set; }
    public DateOnly DueOn { get; set; }
    /// <summary><see cref="Domain.Workflow.ActionStatus"/>.</summary>
    public int Status { get; set; }
    public required string Notes { get; set; }
    public int Version { get; set; }
    public required string UpdatedBy { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public List<CaseActionUpdateRecord> Updates { get; set; } = [];
}

/// <summary>One update of an action, kept: who, when, the status before and after, and the note. Never changed once written.</summary>
public sealed class CaseActionUpdateRecord
{
    public long Id { get; set; }
    public long ActionId { get; set; }
    public required string By { get; set; }
    public required string ByName { get; set; }
    public DateTimeOffset At { get; set; }
    /// <summary><see cref="Domain.Workflow.ActionStatus"/> before and after.</summary>
    public int FromStatus { get; set; }
    public int ToStatus { get; set; }
    public required string Note { get; set; }
}

/// <summary>A QDO's review of a case against the checklist.</summary>
public sealed class QualityReviewRecord
{
    public long Id { get; set; }
    public long WorkflowId { get; set; }
    public required string Crn { get; set; }
    public required string ReviewerUserName { get; set; }
    public required string ReviewerName { get; set; }
    public DateOnly ReviewedOn { get; set; }
    /// <summary>Checklist item → answer, as JSON.</summary>
    public required string AnswersJson { get; set; }
    /// <summary>What went well (shown first); empty on reviews recorded before it was asked for.</summary>
    public string WentWell { get; set; } = "";
    /// <summary>What to try next.</summary>
    public required string Feedback { get; set; }
    public required string PeerSupportNotes { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    /// <summary>When the practitioner marked the feedback read.</summary>
    public DateTimeOffset? ReadAt { get; set; }
    public string? ReadBy { get; set; }
    public List<QualityReviewReplyRecord> Replies { get; set; } = [];
}

/// <summary>The practitioner's reply to a review's feedback, for the QDO.</summary>
public sealed class QualityReviewReplyRecord
{
    public long Id { get; set; }
    public long ReviewId { get; set; }
    public required string By { get; set; }
    public required string ByName { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Text { get; set; }
}

/// <summary>An in-app notification (and its email state).</summary>
public sealed class NotificationRecord
{
    public long Id { get; set; }
    public required string RecipientUserName { get; set; }
    /// <summary>The notification kind (Domain.Notifications.NotificationKind), stored as its number.</summary>
    public int Kind { get; set; }
    public required string Title { get; set; }
    public required string Body { get; set; }
    public required string Link { get; set; }
    /// <summary>CRNs concerned, comma-separated (for the audit trail and the digest).</summary>
    public string? Crns { get; set; }
    public DateOnly? DueOn { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ReadAt { get; set; }
    public DateTimeOffset? EmailedAt { get; set; }
    public int EmailAttempts { get; set; }
    public string? LastEmailError { get; set; }
    /// <summary>What makes it the same notification (kind, recipient, subject, month): a reminder job run twice sends it once.</summary>
    public required string DedupKey { get; set; }
}
