namespace ComplexCases.Domain.Notifications;

/// <summary>What a notification is about. Values are stored (NotificationRecord.Kind): never renumber.</summary>
public enum NotificationKind
{
    /// <summary>A case is on this month's list: the practitioner and their SPO are to hold a reflective conversation.</summary>
    NewlyListed = 1,
    /// <summary>The reflective conversation's due date has passed.</summary>
    ConversationOverdue = 2,
    /// <summary>A case was escalated: the region's panel team is to hold a triage meeting.</summary>
    Escalated = 3,
    /// <summary>The triage meeting's due date has passed.</summary>
    TriageOverdue = 4,
    /// <summary>An invitation to a multi-agency panel meeting, with its agenda.</summary>
    PanelInvitation = 5,
    /// <summary>An action agreed at panel is past its due date and still open.</summary>
    ActionOverdue = 6,
    /// <summary>A QDO recorded a quality review of the practitioner's case.</summary>
    QualityFeedback = 7,
}

public static class NotificationKinds
{
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
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
