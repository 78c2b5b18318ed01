namespace ComplexCases.Domain.Notifications;

/// <summary>Why someone is told something. The values are stored: add new ones at the end, never renumber.</summary>
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
    /// <summary>Newly listed cases were not triaged by their due date.</summary>
    TriageOverdue = 6,
}

public static class NotificationKinds
{
    /// <summary>The kinds about something late: they carry the date it was due.</summary>
    public static bool IsOverdue(this NotificationKind kind) =>
        kind is NotificationKind.ConversationOverdue or NotificationKind.ActionOverdue or NotificationKind.TriageOverdue;

    /// <summary>The kinds that are always about exactly one case; the others may name several (or none).</summary>
    public static bool IsAboutOneCase(this NotificationKind kind) =>
        kind is NotificationKind.NewlyListed or NotificationKind.ConversationOverdue or NotificationKind.Escalated or NotificationKind.ActionOverdue;
}
