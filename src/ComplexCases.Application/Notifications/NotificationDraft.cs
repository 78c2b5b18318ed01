using System.Globalization;
using ComplexCases.Domain.Notifications;

namespace ComplexCases.Application.Notifications;

/// <summary>
/// A notification before it is stored. The same (kind, subject, due date, recipient) is the same notification, whichever
/// path or sweep makes it: that is its <see cref="DedupKey"/>, unique in the table.
/// </summary>
/// <param name="Subject">What it is about: a CRN, a meeting id, an action id.</param>
/// <param name="DueOn">The date that makes it new: the listing, a due date, the meeting's date.</param>
public sealed record NotificationDraft(
    string Recipient, NotificationKind Kind, string Subject, DateOnly? DueOn, string Title, string Body, string Link, IReadOnlyList<string> Crns)
{
    /// <summary>E.g. <c>newly-listed:X123456:2024-09-01:practitioner</c>.</summary>
    public string DedupKey => string.Create(CultureInfo.InvariantCulture,
        $"{Kind.ToKey()}:{Subject}:{(DueOn is { } due ? due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "-")}:{Recipient}");
}

/// <summary>
/// Where a notification links to, relative to the site (the email side prefixes its base address). In one place so that
/// pages built later (panel meetings, actions) change one line here. Internal: it words Application's own notifications from
/// stored records, whose CRNs are text, and no host calls it.
/// </summary>
internal static class NotificationLinks
{
    public static string Case(string crn) => $"/cases/{crn}";
    public static string CaseReviews(string crn) => $"/cases/{crn}#quality-reviews";
    public static string ConfirmConversation(string crn) => $"/cases/{crn}/conversation/confirm";
    /// <summary>The action itself: its owner may be from another agency, with no access to the full case page.</summary>
    public static string Action(long actionId) => string.Create(CultureInfo.InvariantCulture, $"/actions/{actionId}");
    public static string PanelMeeting(long meetingId) => string.Create(CultureInfo.InvariantCulture, $"/panels/{meetingId}");
    public static string Notifications => "/notifications";
    public static string Administration => "/admin/users";
}

/// <summary>
/// What each notification says. CRNs, codes, dates and links only, never a person's name or free text from a record:
/// the same text goes out by email, beyond the service's audit boundary. Internal, like <see cref="NotificationLinks"/>.
/// </summary>
internal static class NotificationTexts
{
    private static string Day(DateOnly day) => day.ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture);

    private static string Month(DateOnly day) => day.ToString("MMMM yyyy", CultureInfo.InvariantCulture);

    public static (string Title, string Body) NewlyListed(string crn, string pduCode, DateOnly listedOn, DateOnly? conversationDue) =>
        ($"Newly listed: {crn}",
         $"{crn} ({pduCode}) is on the {Month(listedOn)} list of complex cases. The practitioner and their senior probation officer are to hold a reflective practice conversation about the case"
         + (conversationDue is { } due ? $" by {Day(due)}." : "."));

    public static (string Title, string Body) ConversationOverdue(string crn, DateOnly due) =>
        ($"Conversation overdue: {crn}",
         $"The reflective practice conversation about {crn} was due by {Day(due)} and has not been recorded. Record it, or escalate the case to the Complex Cases Panel team if there are blockages.");

    public static (string Title, string Body) Escalated(string crn, string pduCode, DateOnly? triageDue) =>
        ($"Escalated for triage: {crn}",
         $"{crn} ({pduCode}) has been escalated to the Complex Cases Panel team. A triage meeting is needed"
         + (triageDue is { } due ? $" by {Day(due)}." : "."));

    public static (string Title, string Body) TriageOverdue(string crn, DateOnly due) =>
        ($"Triage overdue: {crn}",
         $"Triage of {crn} was due by {Day(due)} and has not been recorded.");

    public static (string Title, string Body) PanelInvitation(DateOnly heldOn, IReadOnlyList<string> agenda) =>
        ($"Panel invitation: {Day(heldOn)}",
         $"You are invited to the Complex Case Panel on {Day(heldOn)}. "
         + (agenda.Count == 0 ? "No cases are on the agenda yet." : Agenda(agenda)));

    /// <summary>To a member already invited, when the agenda changed since they were last told.</summary>
    public static (string Title, string Body) PanelAgendaUpdated(DateOnly heldOn, IReadOnlyList<string> agenda) =>
        ($"Panel agenda updated: {Day(heldOn)}",
         $"The agenda of the Complex Case Panel on {Day(heldOn)}, to which you are invited, has changed. "
         + (agenda.Count == 0 ? "No cases are on the agenda now." : Agenda(agenda)));

    /// <summary>To a member already invited, when the meeting's date changed since they were last told.</summary>
    public static (string Title, string Body) PanelMeetingMoved(DateOnly wasOn, DateOnly heldOn, IReadOnlyList<string> agenda) =>
        ($"Panel meeting moved: now {Day(heldOn)}",
         $"The Complex Case Panel you are invited to, planned for {Day(wasOn)}, is now on {Day(heldOn)}. "
         + (agenda.Count == 0 ? "No cases are on the agenda yet." : Agenda(agenda)));

    private static string Agenda(IReadOnlyList<string> agenda) => $"Cases on the agenda ({agenda.Count}): {string.Join(", ", agenda)}.";

    public static (string Title, string Body) ActionOverdue(string crn, DateOnly due) =>
        ($"Action overdue: {crn}",
         $"An action you own for {crn} was due by {Day(due)} and is still open. Update it, or record why it is no longer needed.");

    /// <summary>
    /// To the panel team, for an overdue action whose owner has no account here. The owner is named by agency only (a fixed
    /// label): their name was typed in by a user and the text is emailed.
    /// </summary>
    public static (string Title, string Body) ActionOverdueOwnerNotReachable(string crn, string ownerAgency, DateOnly due) =>
        ($"Action overdue: {crn}",
         $"An action agreed for {crn} was due by {Day(due)} and is still open. Its owner ({ownerAgency}) cannot be reminded here "
         + "(no account in this service, or no longer access to the case): check with them, then update the action or record why it is no longer needed.");

    public static (string Title, string Body) ConversationToConfirm(string crn, string recordedBy, DateOnly heldOn) =>
        ($"Confirm the conversation record: {crn}",
         $"{recordedBy} recorded the reflective practice conversation on {crn} held on {Day(heldOn)}, naming you as the SPO. Check the record and confirm it.");

    public static (string Title, string Body) PanelCaseListed(string crn, DateOnly heldOn, string when, string where) =>
        ($"Your case at panel: {crn} on {Day(heldOn)}",
         $"{crn} is on the agenda of the Complex Case Panel meeting on {Day(heldOn)}{when}{where}. You are invited: open the meeting to see its agenda entry for your case.");

    public static (string Title, string Body) QualityReply(string crn, string byName) =>
        ($"Reply to your feedback: {crn}", $"{byName} replied to your quality review feedback on {crn}.");

    public static (string Title, string Body) QualityFeedback(string crn, DateOnly reviewedOn) =>
        ($"Quality review feedback: {crn}",
         $"A quality development officer reviewed the practice on {crn} on {Day(reviewedOn)} and left feedback for you.");
}
