using ComplexCases.Domain.Notifications;
using ComplexCases.Domain.People;

namespace ComplexCases.Domain.Tests.Notifications;

public class NotificationTests
{
    private static readonly Crn Case = Crn.Parse("X123456");
    private static readonly DateTimeOffset Created = new(2024, 10, 1, 9, 30, 0, TimeSpan.FromHours(1));

    private static Notification NewlyListed(string recipient = "practitioner", string title = "New complex case X123456 listed for October 2024",
        string body = "Complex case X123456 is on the October 2024 list.", string link = "/cases/X123456") =>
        Notification.ForCase(NotificationKind.NewlyListed, recipient, Case, title, body, link, Created);

    private static ArgumentException Rejects(Func<Notification> create) => Should.Throw<ArgumentException>(create);

    [Fact]
    public void ForCase_ValidFields_KeepsThemWithCreatedAtInUtc()
    {
        var n = NewlyListed();

        n.Kind.ShouldBe(NotificationKind.NewlyListed);
        n.RecipientUserName.ShouldBe("practitioner");
        n.Crn.ShouldBe(Case);
        n.Crns.ShouldBe([Case]);
        n.Title.ShouldBe("New complex case X123456 listed for October 2024");
        n.Link.ShouldBe("/cases/X123456");
        n.CreatedAt.ShouldBe(Created);
        n.CreatedAt.Offset.ShouldBe(TimeSpan.Zero);
        n.DueOn.ShouldBeNull();
    }

    [Fact]
    public void Create_PanelInvitationForSeveralCases_HasNoSingleCrnButKeepsAgendaOrder()
    {
        Crn[] agenda = [Crn.Parse("X123456"), Crn.Parse("A000001"), Crn.Parse("M654321")];

        var n = Notification.Create(NotificationKind.PanelInvitation, "panel-member", agenda, "Complex cases panel on 14 October 2024",
            "Agenda:\n1. X123456\n2. A000001\n3. M654321", "/panels/2024-10-14", Created);

        n.Crn.ShouldBeNull();
        n.Crns.ShouldBe(agenda);
    }

    [Fact]
    public void Create_OverdueKind_KeepsDueOn()
    {
        var n = Notification.ForCase(NotificationKind.ActionOverdue, "spo", Case, "Action overdue on complex case X123456",
            "An action on complex case X123456 is overdue.", "/cases/X123456", Created, new DateOnly(2024, 9, 30));

        n.DueOn.ShouldBe(new DateOnly(2024, 9, 30));
    }

    [Fact]
    public void Create_WindowsLineEndingsInBody_NormalisedToLineFeeds()
    {
        NewlyListed(body: "line one\r\nline two").Body.ShouldBe("line one\nline two");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Create_NoRecipient_SaysARecipientIsNeeded(string recipient)
    {
        Rejects(() => NewlyListed(recipient: recipient)).Message.ShouldContain("needs a recipient");
    }

    [Theory]
    [InlineData(" spo")]
    [InlineData("spo\n")]
    public void Create_RecipientWithSpacesOrControlCharacters_Rejected(string recipient)
    {
        Rejects(() => NewlyListed(recipient: recipient)).ParamName.ShouldBe("recipientUserName");
    }

    [Fact]
    public void Create_RecipientTooLong_SaysTheLimit()
    {
        Rejects(() => NewlyListed(recipient: new string('u', Notification.MaxRecipientLength + 1)))
            .Message.ShouldContain($"at most {Notification.MaxRecipientLength}");
    }

    [Theory]
    [InlineData("https://elsewhere.example/cases/X123456")]
    [InlineData("cases/X123456")]
    [InlineData("//elsewhere.example/cases")]
    [InlineData("/\\elsewhere.example")]
    [InlineData("/cases/X123456 extra")]
    [InlineData("")]
    public void Create_LinkNotAPathWithinTheSite_SaysWhatIsExpected(string link)
    {
        var ex = Rejects(() => NewlyListed(link: link));

        ex.ParamName.ShouldBe("link");
        ex.Message.ShouldContain("starting with '/'");
    }

    [Fact]
    public void Create_LinkWithQuery_Accepted()
    {
        NewlyListed(link: "/lists/EOENFK?month=2024-10").Link.ShouldBe("/lists/EOENFK?month=2024-10");
    }

    [Fact]
    public void Create_LinkTooLong_SaysTheLimit()
    {
        Rejects(() => NewlyListed(link: "/" + new string('a', Notification.MaxLinkLength))).Message.ShouldContain($"at most {Notification.MaxLinkLength}");
    }

    [Fact]
    public void Create_EmptyTitle_SaysATitleIsNeeded()
    {
        Rejects(() => NewlyListed(title: " ")).Message.ShouldContain("needs a title");
    }

    [Fact]
    public void Create_TitleOnTwoLines_RejectedBecauseItBecomesASubject()
    {
        Rejects(() => NewlyListed(title: "New case\r\nBcc: someone@example.org")).Message.ShouldContain("one line");
    }

    [Fact]
    public void Create_TitleTooLong_SaysTheLimit()
    {
        Rejects(() => NewlyListed(title: new string('t', Notification.MaxTitleLength + 1))).Message.ShouldContain($"at most {Notification.MaxTitleLength}");
    }

    [Fact]
    public void Create_EmptyOrOverlongBody_Rejected()
    {
        Rejects(() => NewlyListed(body: "\n")).Message.ShouldContain("needs a body");
        Rejects(() => NewlyListed(body: new string('b', Notification.MaxBodyLength + 1))).Message.ShouldContain($"at most {Notification.MaxBodyLength}");
    }

    [Fact]
    public void Create_BodyWithOtherControlCharacter_Rejected()
    {
        Rejects(() => NewlyListed(body: "bell\a")).Message.ShouldContain("control character");
    }

    [Theory]
    [InlineData(NotificationKind.NewlyListed)]
    [InlineData(NotificationKind.ConversationOverdue)]
    [InlineData(NotificationKind.Escalated)]
    [InlineData(NotificationKind.ActionOverdue)]
    public void Create_OneCaseKindWithTwoCases_SaysExactlyOne(NotificationKind kind)
    {
        var ex = Rejects(() => Notification.Create(kind, "spo", [Case, Crn.Parse("A000001")], "t", "b", "/cases", Created,
            kind.IsOverdue() ? new DateOnly(2024, 9, 30) : null));

        ex.Message.ShouldBe($"A {kind} notification is about exactly one case; 2 CRNs were given. (Parameter 'crns')");
    }

    [Fact]
    public void Create_SameCrnTwice_NamesIt()
    {
        Rejects(() => Notification.Create(NotificationKind.PanelInvitation, "panel-member", [Case, Case], "t", "b", "/panels", Created))
            .Message.ShouldContain("CRN X123456 is given more than once");
    }

    [Fact]
    public void Create_TooManyCrns_SaysTheLimit()
    {
        var many = Enumerable.Range(0, Notification.MaxCrns + 1).Select(i => Crn.FromValue(i));

        Rejects(() => Notification.Create(NotificationKind.PanelInvitation, "panel-member", many, "t", "b", "/panels", Created))
            .Message.ShouldContain($"at most {Notification.MaxCrns}");
    }

    [Theory]
    [InlineData(NotificationKind.ConversationOverdue)]
    [InlineData(NotificationKind.ActionOverdue)]
    [InlineData(NotificationKind.TriageOverdue)]
    public void Create_OverdueKindWithoutDueOn_SaysItNeedsTheDueDate(NotificationKind kind)
    {
        Rejects(() => Notification.ForCase(kind, "spo", Case, "t", "b", "/cases/X123456", Created))
            .Message.ShouldContain($"A {kind} notification needs the date");
    }

    [Fact]
    public void Create_DueOnOnAKindThatIsNotOverdue_Rejected()
    {
        Rejects(() => Notification.ForCase(NotificationKind.Escalated, "panel-team", Case, "t", "b", "/cases/X123456", Created, new DateOnly(2024, 10, 1)))
            .Message.ShouldContain("dueOn is only for overdue notifications; Escalated is not one");
    }

    [Fact]
    public void Create_UndefinedKind_Rejected()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => Notification.ForCase((NotificationKind)99, "spo", Case, "t", "b", "/cases", Created));
    }

    [Fact]
    public void Equals_SameFieldsAndCases_EqualWithSameHash()
    {
        Crn[] agenda = [Case, Crn.Parse("A000001")];
        var a = Notification.Create(NotificationKind.PanelInvitation, "panel-member", agenda, "t", "b", "/panels", Created);
        var b = Notification.Create(NotificationKind.PanelInvitation, "panel-member", agenda.ToList(), "t", "b", "/panels", Created);
        var reordered = Notification.Create(NotificationKind.PanelInvitation, "panel-member", agenda.Reverse(), "t", "b", "/panels", Created);

        a.ShouldBe(b);
        a.GetHashCode().ShouldBe(b.GetHashCode());
        a.ShouldNotBe(reordered);
    }

    [Fact]
    public void Crns_CannotBeChangedThroughTheList()
    {
        var crns = (IList<Crn>)NewlyListed().Crns;

        Should.Throw<NotSupportedException>(() => crns[0] = Crn.Parse("A000001"));
    }
}
