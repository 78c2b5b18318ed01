using System.Globalization;
using System.Net;
using System.Text;
using ComplexCases.Domain.Notifications;
using MimeKit;
using MimeKit.Utils;

namespace ComplexCases.Application.Notifications;

/// <summary>
/// Turns notifications into emails: one notification into one message, or one person's notifications into one
/// daily digest grouped by kind. Plain text with a simple HTML alternative; links made absolute with
/// <see cref="EmailOptions.SiteBaseUrl"/>. Emails carry only what the notification carries (CRNs, dates, links:
/// see <see cref="Notification"/>), not even the recipient's own name.
/// </summary>
public sealed class EmailComposer
{
    public const string SubjectPrefix = "[Complex cases]";
    private const string Footer = "This email was sent automatically by the Complex Case Service. It holds case reference numbers only: sign in to see the case. Please do not reply.";
    private static readonly CultureInfo Dates = CultureInfo.InvariantCulture;

    private readonly string _siteBaseUrl;
    private readonly string _messageIdDomain;
    private readonly MailboxAddress _from;
    private readonly TimeProvider _clock;

    /// <exception cref="ArgumentException">The options are invalid, or lack Email:FromAddress or Email:SiteBaseUrl.</exception>
    public EmailComposer(EmailOptions options, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        var errors = options.Validate().ToList();
        if (string.IsNullOrWhiteSpace(options.FromAddress)) errors.Add("Email:FromAddress is required to compose emails.");
        if (string.IsNullOrWhiteSpace(options.SiteBaseUrl)) errors.Add("Email:SiteBaseUrl is required to compose emails.");
        if (errors.Count > 0) throw new ArgumentException(string.Join(" ", errors), nameof(options));
        _siteBaseUrl = options.SiteBaseUrl!.TrimEnd('/');
        _messageIdDomain = new Uri(_siteBaseUrl).IdnHost;
        _from = options.From;
    }

    /// <summary>The notification's link on the site as staff reach it (keeps any path the site is served under).</summary>
    public string AbsoluteLink(string link)
    {
        ArgumentNullException.ThrowIfNull(link);
        if (!link.StartsWith('/')) throw new ArgumentException($"'{link}' is not a path starting with '/'.", nameof(link));
        return _siteBaseUrl + link;
    }

    /// <summary>One email for one notification; subject "[Complex cases] " + its title.</summary>
    public MimeMessage Compose(Notification notification, MailboxAddress to)
    {
        ArgumentNullException.ThrowIfNull(notification);
        ArgumentNullException.ThrowIfNull(to);
        var text = new StringBuilder();
        var html = new StringBuilder();
        text.Append(notification.Title).Append("\n\n");
        html.Append("<h1 style=\"font-size:20px\">").Append(Html(notification.Title)).Append("</h1>\n");
        AppendItem(notification, text, html, indent: "");
        return Message(to, $"{SubjectPrefix} {notification.Title}", text, html);
    }

    /// <summary>
    /// One email with all of one person's notifications, grouped by kind (in <see cref="NotificationKind"/> order,
    /// each group headed with its count) and oldest first within a group.
    /// </summary>
    /// <exception cref="ArgumentException">None given, or not all for the same recipient.</exception>
    public MimeMessage ComposeDigest(IReadOnlyCollection<Notification> notifications, MailboxAddress to)
    {
        ArgumentNullException.ThrowIfNull(notifications);
        ArgumentNullException.ThrowIfNull(to);
        if (notifications.Count == 0) throw new ArgumentException("A digest needs at least one notification.", nameof(notifications));
        if (notifications.Select(n => n.RecipientUserName).Distinct(StringComparer.Ordinal).Skip(1).Any())
            throw new ArgumentException("A digest is for one recipient; these notifications are for several.", nameof(notifications));

        var count = Count(notifications.Count, "notification");
        var groups = notifications.GroupBy(n => n.Kind).OrderBy(g => g.Key).ToList();
        var text = new StringBuilder();
        var html = new StringBuilder();
        text.Append("Your Complex Case Service summary: ").Append(count).Append(".\n");
        html.Append("<h1 style=\"font-size:20px\">Your Complex Case Service summary: ").Append(count).Append("</h1>\n<ul>\n");
        foreach (var group in groups)
        {
            text.Append("- ").Append(Heading(group.Key)).Append(": ").Append(group.Count()).Append('\n');
            html.Append("<li>").Append(Html(Heading(group.Key))).Append(": ").Append(group.Count()).Append("</li>\n");
        }
        html.Append("</ul>\n");
        foreach (var group in groups)
        {
            var heading = $"{Heading(group.Key)} ({group.Count()})";
            text.Append('\n').Append(heading).Append('\n').Append(new string('=', heading.Length)).Append("\n\n");
            html.Append("<h2 style=\"font-size:18px\">").Append(Html(heading)).Append("</h2>\n");
            foreach (var notification in group.OrderBy(n => n.CreatedAt))
            {
                text.Append("* ").Append(notification.Title).Append('\n');
                html.Append("<h3 style=\"font-size:16px\">").Append(Html(notification.Title)).Append("</h3>\n");
                AppendItem(notification, text, html, indent: "  ");
                text.Append('\n');
            }
        }
        return Message(to, $"{SubjectPrefix} Daily summary: {count}", text, html);
    }

    /// <summary>The heading of a kind's group in a digest.</summary>
    public static string Heading(NotificationKind kind) => kind switch
    {
        NotificationKind.NewlyListed => "Newly listed cases",
        NotificationKind.ConversationOverdue => "Overdue conversations",
        NotificationKind.Escalated => "Cases escalated to the panel",
        NotificationKind.PanelInvitation => "Panel invitations",
        NotificationKind.ActionOverdue => "Overdue actions",
        NotificationKind.TriageOverdue => "Overdue triage",
        NotificationKind.QualityFeedback => "Quality reviews of your cases",
        NotificationKind.ConversationToConfirm => "Conversations to confirm",
        NotificationKind.PanelCaseListed => "Your cases at panel meetings",
        NotificationKind.QualityReply => "Replies to your feedback",
        NotificationKind.CalendarEnding => "Bank holiday calendar",
        NotificationKind.JobFailed => "Background jobs that failed",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a notification kind."),
    };

    private void AppendItem(Notification notification, StringBuilder text, StringBuilder html, string indent)
    {
        foreach (var line in notification.Body.Split('\n')) text.Append(line.Length == 0 ? "" : indent).Append(line).Append('\n');
        // A lone email has room to breathe; a digest keeps each item together.
        if (indent.Length == 0) text.Append('\n');
        foreach (var paragraph in notification.Body.Split("\n\n"))
            html.Append("<p>").Append(string.Join("<br>\n", paragraph.Split('\n').Select(Html))).Append("</p>\n");
        if (notification.DueOn is { } due)
        {
            var dueText = $"Due on {due.ToString("d MMMM yyyy", Dates)}";
            text.Append(indent).Append(dueText).Append('\n');
            html.Append("<p><strong>").Append(Html(dueText)).Append("</strong></p>\n");
        }
        var link = AbsoluteLink(notification.Link);
        text.Append(indent).Append("Open: ").Append(link).Append('\n');
        html.Append("<p><a href=\"").Append(Html(link)).Append("\">Open in the Complex Case Service</a></p>\n");
    }

    private MimeMessage Message(MailboxAddress to, string subject, StringBuilder text, StringBuilder html)
    {
        text.Append("\n--\n").Append(Footer).Append('\n');
        var body = new BodyBuilder
        {
            TextBody = text.ToString(),
            HtmlBody = "<!DOCTYPE html>\n<html lang=\"en\">\n<body style=\"font-family:Arial,sans-serif;font-size:16px;color:#0b0c0c\">\n"
                + html + $"<p style=\"color:#505a5f;font-size:14px\">{Html(Footer)}</p>\n</body>\n</html>\n",
        };
        var message = new MimeMessage
        {
            Subject = subject,
            Date = _clock.GetUtcNow(),
            // The site's host, not this machine's name (MimeKit's default), which is none of the recipient's business.
            MessageId = MimeUtils.GenerateMessageId(_messageIdDomain),
            Body = body.ToMessageBody(),
        };
        message.From.Add(_from);
        message.To.Add(to);
        // RFC 3834: automatic mail; out-of-office replies should not answer it (Exchange reads the second header).
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Headers.Add("X-Auto-Response-Suppress", "All");
        return message;
    }

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";

    private static string Html(string text) => WebUtility.HtmlEncode(text);
}
