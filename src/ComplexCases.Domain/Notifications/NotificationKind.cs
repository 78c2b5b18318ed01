namespace ComplexCases.Domain.Notifications;

/// <summary>Why someone is told something. The values are stored (NotificationRecord.Kind): add new ones at the end, never renumber.</summary>
public enum NotificationKind
{
    /// <summary>A case is on the month's list for the first time (to the practitioner and their SPO).</summary>
    NewlyListed = 1,
    /// <summary>The reflective conversation about a case was not recorded by its due date.</summary>
    ConversationOverdue = 2,
    /// <summary>A case was escalated to the Complex Cases Panel (to the panel team).</summary>
    Escalated = 3,
    /// <summary>An invitation to a panel meeting, with its agenda (may cover several cases).</summary>
    PanelInvitation = 4,
    /// <summary>An action agreed for a case was not done by its due date.</summary>
    ActionOverdue = 5,
    /// <summary>Escalated cases were not triaged by their due date.</summary>
    TriageOverdue = 6,
    /// <summary>A QDO recorded a quality review of the practitioner's case.</summary>
    QualityFeedback = 7,
    /// <summary>A conversation naming the SPO was recorded by someone else: the SPO is asked to confirm it.</summary>
    ConversationToConfirm = 8,
    /// <summary>A case of theirs is on a panel meeting's agenda (to its practitioner and SPO), or that meeting moved.</summary>
    PanelCaseListed = 9,
    /// <summary>The practitioner replied to a QDO's feedback (to the QDO).</summary>
    QualityReply = 10,
    /// <summary>The bank holiday calendar ends soon (or has ended): to administrators, once per calendar end.</summary>
    CalendarEnding = 11,
    /// <summary>Background work failed (a screening started in the browser, the reminder sweep): to administrators.</summary>
    JobFailed = 12,
}

public static class NotificationKinds
{
    /// <summary>The kinds about something late: they carry the date it was due.</summary>
    public static bool IsOverdue(this NotificationKind kind) =>
        kind is NotificationKind.ConversationOverdue or NotificationKind.ActionOverdue or NotificationKind.TriageOverdue;

    /// <summary>The kinds that are always about exactly one case; the others may name several (or none).</summary>
    public static bool IsAboutOneCase(this NotificationKind kind) =>
        kind is NotificationKind.NewlyListed or NotificationKind.ConversationOverdue or NotificationKind.Escalated or NotificationKind.ActionOverdue
            or NotificationKind.QualityFeedback or NotificationKind.ConversationToConfirm or NotificationKind.PanelCaseListed or NotificationKind.QualityReply;

    /// <summary>A short label for tags, the notifications page and an email digest's headings.</summary>
    public static string Label(this NotificationKind kind) => kind switch
    {
        NotificationKind.NewlyListed => "Newly listed",
        NotificationKind.ConversationOverdue => "Conversation overdue",
        NotificationKind.Escalated => "Escalated",
        NotificationKind.TriageOverdue => "Triage overdue",
        NotificationKind.PanelInvitation => "Panel invitation",
        NotificationKind.ActionOverdue => "Action overdue",
        NotificationKind.QualityFeedback => "Quality review",
        NotificationKind.ConversationToConfirm => "Conversation to confirm",
        NotificationKind.PanelCaseListed => "Your case at panel",
        NotificationKind.QualityReply => "Reply to feedback",
        NotificationKind.CalendarEnding => "Bank holiday calendar",
        NotificationKind.JobFailed => "Background job failed",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Stable key used as the first part of a notification's de-duplication key, e.g. <c>newly-listed</c>.</summary>
    public static string ToKey(this NotificationKind kind) => kind switch
    {
        NotificationKind.NewlyListed => "newly-listed",
        NotificationKind.ConversationOverdue => "conversation-overdue",
        NotificationKind.Escalated => "escalated",
        NotificationKind.TriageOverdue => "triage-overdue",
        NotificationKind.PanelInvitation => "panel-invitation",
        NotificationKind.ActionOverdue => "action-overdue",
        NotificationKind.QualityFeedback => "quality-feedback",
        NotificationKind.ConversationToConfirm => "conversation-to-confirm",
        NotificationKind.PanelCaseListed => "panel-case-listed",
        NotificationKind.QualityReply => "quality-reply",
        NotificationKind.CalendarEnding => "calendar-ending",
        NotificationKind.JobFailed => "job-failed",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
