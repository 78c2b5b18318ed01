using ComplexCases.Application.Notifications;
using ComplexCases.Domain.Notifications;
using ComplexCases.Domain.People;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using static ComplexCases.Application.Tests.Notifications.EmailTestData;

namespace ComplexCases.Application.Tests.Notifications;

public class EmailComposerTests
{
    private readonly FakeTimeProvider _clock = new(Now.AddMinutes(5));

    private EmailComposer Composer(EmailOptions? options = null) => new(options ?? Options(), _clock);

    [Fact]
    public void Compose_Notification_SubjectPrefixedAndAddressed()
    {
        var message = Composer().Compose(NewlyListed("X123456"), Practitioner);

        message.Subject.ShouldBe("[Complex cases] New complex case X123456 listed for October 2024");
        message.To.Mailboxes.ShouldHaveSingleItem().Address.ShouldBe(Practitioner.Address);
        var from = message.From.Mailboxes.ShouldHaveSingleItem();
        from.Address.ShouldBe(From);
        from.Name.ShouldBe("Complex Case Service");
        message.Date.ShouldBe(Now.AddMinutes(5));
        message.MessageId.ShouldEndWith("@complex-cases.example.org");
        message.Headers["Auto-Submitted"].ShouldBe("auto-generated");
    }

    [Fact]
    public void Compose_Notification_TextIsTheNotificationWithAnAbsoluteLinkAndNothingElse()
    {
        var message = Composer().Compose(NewlyListed("X123456"), Practitioner);

        // Exactly the notification's own words, its link and the fixed footer: nothing about the person is added,
        // not even the recipient's name.
        message.Text().ReplaceLineEndings("\n").ShouldBe("""
            New complex case X123456 listed for October 2024

            Complex case X123456 is on the October 2024 list for the first time.
            Please arrange a reflective conversation with your SPO.

            Open: https://complex-cases.example.org/cases/X123456

            --
            This email was sent automatically by the Complex Case Service. It holds case reference numbers only: sign in to see the case. Please do not reply.

            """);
    }

    [Fact]
    public void Compose_Notification_HtmlAlternativeLinksToTheCase()
    {
        var message = Composer().Compose(NewlyListed("X123456"), Practitioner);

        message.Body.ShouldBeOfType<MultipartAlternative>();
        message.Html().ShouldContain("<a href=\"https://complex-cases.example.org/cases/X123456\">");
        message.Html().ShouldContain("Complex case X123456 is on the October 2024 list for the first time.<br>");
        message.Html().ShouldNotContain(PractitionerName);
    }

    [Fact]
    public void Compose_TitleWithMarkup_EscapedInHtml()
    {
        var notification = Notification.ForCase(NotificationKind.Escalated, "panel-team", Crn.Parse("X123456"),
            "Case X123456 escalated <urgent> & waiting", "Escalated.", "/cases/X123456", Now);

        var message = Composer().Compose(notification, Practitioner);

        message.Html().ShouldContain("Case X123456 escalated &lt;urgent&gt; &amp; waiting");
        message.Html().ShouldNotContain("<urgent>");
        message.Subject.ShouldBe("[Complex cases] Case X123456 escalated <urgent> & waiting");
    }

    [Fact]
    public void Compose_OverdueNotification_ShowsTheDueDate()
    {
        var message = Composer().Compose(ActionOverdue("X123456"), Practitioner);

        message.Text().ShouldContain("Due on 30 September 2024");
        message.Html().ShouldContain("Due on 30 September 2024");
    }

    [Fact]
    public void Compose_SiteUnderAPath_LinkKeepsThePath()
    {
        var options = Options();
        var composer = Composer(new EmailOptions
        {
            Enabled = true, Host = options.Host, FromAddress = From, SiteBaseUrl = "https://intranet.example.org/complex-cases/",
        });

        composer.Compose(NewlyListed("X123456"), Practitioner).Text()
            .ShouldContain("Open: https://intranet.example.org/complex-cases/cases/X123456");
    }

    [Fact]
    public void Compose_FromNameConfigured_UsesIt()
    {
        var composer = Composer(new EmailOptions { FromAddress = From, FromName = "Complex Cases (East of England)", SiteBaseUrl = Site });

        composer.Compose(NewlyListed("X123456"), Practitioner).From.Mailboxes.Single().Name.ShouldBe("Complex Cases (East of England)");
    }

    [Fact]
    public void Constructor_WithoutSiteOrSender_SaysWhatIsMissing()
    {
        var ex = Should.Throw<ArgumentException>(() => new EmailComposer(new EmailOptions(), _clock));

        ex.Message.ShouldContain("Email:FromAddress is required to compose emails.");
        ex.Message.ShouldContain("Email:SiteBaseUrl is required to compose emails.");
    }

    [Fact]
    public void ComposeDigest_SeveralKinds_OneMessageGroupedByKindWithCounts()
    {
        Notification[] notifications =
        [
            ActionOverdue("A000001"),
            NewlyListed("X123456", Now.AddHours(2)),
            PanelInvitation("X123456", "M654321"),
            NewlyListed("B111111", Now.AddHours(1)),
            NewlyListed("C222222", Now.AddHours(3)),
        ];

        var message = Composer().ComposeDigest(notifications, Practitioner);

        message.Subject.ShouldBe("[Complex cases] Daily summary: 5 notifications");
        var text = message.Text();
        text.ShouldStartWith("Your Complex Case Service summary: 5 notifications.");
        text.ShouldContain("- Newly listed cases: 3");
        var newly = text.IndexOf("Newly listed cases (3)", StringComparison.Ordinal);
        var panel = text.IndexOf("Panel invitations (1)", StringComparison.Ordinal);
        var actions = text.IndexOf("Overdue actions (1)", StringComparison.Ordinal);
        newly.ShouldBeGreaterThan(0);
        panel.ShouldBeGreaterThan(newly);
        actions.ShouldBeGreaterThan(panel);
        // Oldest first within a group.
        text.IndexOf("B111111", StringComparison.Ordinal).ShouldBeLessThan(text.IndexOf("X123456", newly, StringComparison.Ordinal));
        text.IndexOf("X123456", newly, StringComparison.Ordinal).ShouldBeLessThan(text.IndexOf("C222222", StringComparison.Ordinal));
        foreach (var crn in new[] { "X123456", "B111111", "C222222", "A000001" })
            text.ShouldContain($"https://complex-cases.example.org/cases/{crn}");
        text.ShouldContain("https://complex-cases.example.org/panels/2024-10-14");
        text.ShouldContain("Due on 30 September 2024");
        text.ShouldNotContain(PractitionerName);
        text.ReplaceLineEndings("\n").Split('\n').ShouldAllBe(line => line == line.TrimEnd());
        message.Html().ShouldContain("<h2 style=\"font-size:18px\">Newly listed cases (3)</h2>");
    }

    [Fact]
    public void ComposeDigest_OneNotification_SaysOneNotification()
    {
        Composer().ComposeDigest([NewlyListed("X123456")], Practitioner).Subject.ShouldBe("[Complex cases] Daily summary: 1 notification");
    }

    [Fact]
    public void ComposeDigest_None_Rejected()
    {
        Should.Throw<ArgumentException>(() => Composer().ComposeDigest([], Practitioner)).Message.ShouldContain("at least one notification");
    }

    [Fact]
    public void ComposeDigest_SeveralRecipients_Rejected()
    {
        Should.Throw<ArgumentException>(() => Composer().ComposeDigest([NewlyListed("X123456"), NewlyListed("B111111", recipient: "spo")], Practitioner))
            .Message.ShouldContain("for one recipient");
    }

    [Theory]
    [InlineData(NotificationKind.NewlyListed, "Newly listed cases")]
    [InlineData(NotificationKind.ConversationOverdue, "Overdue conversations")]
    [InlineData(NotificationKind.Escalated, "Cases escalated to the panel")]
    [InlineData(NotificationKind.PanelInvitation, "Panel invitations")]
    [InlineData(NotificationKind.ActionOverdue, "Overdue actions")]
    [InlineData(NotificationKind.TriageOverdue, "Overdue triage")]
    public void Heading_EveryKind_HasOne(NotificationKind kind, string heading)
    {
        EmailComposer.Heading(kind).ShouldBe(heading);
    }

    [Fact]
    public void Heading_CoversEveryKind()
    {
        foreach (var kind in Enum.GetValues<NotificationKind>()) EmailComposer.Heading(kind).ShouldNotBeNullOrWhiteSpace();
    }
}
