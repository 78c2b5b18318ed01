using ComplexCases.Application.Notifications;
using ComplexCases.Domain.Notifications;
using ComplexCases.Domain.People;
using MimeKit;

namespace ComplexCases.Application.Tests.Notifications;

/// <summary>Notifications and settings for the email tests: example.org addresses only, CRNs and no names.</summary>
internal static class EmailTestData
{
    public const string Site = "https://complex-cases.example.org";
    public const string From = "complex-cases@example.org";
    public static readonly DateTimeOffset Now = new(2024, 10, 1, 6, 0, 0, TimeSpan.Zero);
    public const string PractitionerName = "Alex Practitioner";
    public static readonly MailboxAddress Practitioner = new(PractitionerName, "alex.practitioner@example.org");

    public static string Text(this MimeMessage message) => message.TextBody ?? throw new InvalidOperationException("No plain-text body.");
    public static string Html(this MimeMessage message) => message.HtmlBody ?? throw new InvalidOperationException("No HTML body.");

    public static EmailOptions Options(int port = 25, string host = "127.0.0.1") => new()
    {
        Enabled = true,
        Host = host,
        Port = port,
        FromAddress = From,
        SiteBaseUrl = Site,
        TimeoutSeconds = 10,
    };

    public static Notification NewlyListed(string crn, DateTimeOffset? createdAt = null, string recipient = "practitioner") =>
        Notification.ForCase(NotificationKind.NewlyListed, recipient, Crn.Parse(crn), $"New complex case {crn} listed for October 2024",
            $"Complex case {crn} is on the October 2024 list for the first time.\nPlease arrange a reflective conversation with your SPO.",
            $"/cases/{crn}", createdAt ?? Now);

    public static Notification ActionOverdue(string crn, DateTimeOffset? createdAt = null) =>
        Notification.ForCase(NotificationKind.ActionOverdue, "practitioner", Crn.Parse(crn), $"Action overdue on complex case {crn}",
            $"An action agreed for complex case {crn} is overdue.", $"/cases/{crn}", createdAt ?? Now, new DateOnly(2024, 9, 30));

    public static Notification PanelInvitation(params string[] crns) =>
        Notification.Create(NotificationKind.PanelInvitation, "practitioner", crns.Select(Crn.Parse), "Complex cases panel on 14 October 2024",
            "You are invited to the complex cases panel on 14 October 2024.\n\nAgenda:\n" + string.Join("\n", crns.Select((c, i) => $"{i + 1}. {c}")),
            "/panels/2024-10-14", Now);
}
