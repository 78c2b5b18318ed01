using ComplexCases.Application.Audit;
using ComplexCases.Application.Notifications;
using ComplexCases.Data.Accounts;
using ComplexCases.Data.Workflow;
using ComplexCases.Domain.Notifications;
using ComplexCases.TestSupport.Data;
using ComplexCases.TestSupport.Email;
using Microsoft.Extensions.Time.Testing;
using static ComplexCases.Application.Tests.Notifications.EmailTestData;

namespace ComplexCases.Application.Tests.Notifications;

/// <summary>Stored notifications emailed to a real SMTP listener on loopback, from a real database (SQLite or PostgreSQL, by TestDatabases).</summary>
public sealed class NotificationEmailsTests : IDisposable
{
    private readonly ITestDatabase _db = TestDatabases.Create();
    private readonly FakeTimeProvider _clock = new(Now);

    public NotificationEmailsTests()
    {
        using var db = _db.Open();
        db.Users.Add(new StaffAccount { UserName = "practitioner", DisplayName = "Synthetic Practitioner", Roles = "Practitioner", Email = "practitioner@example.org" });
        db.Users.Add(new StaffAccount { UserName = "spo", DisplayName = "Synthetic SPO", Roles = "Spo", Email = "spo@example.org" });
        db.Users.Add(new StaffAccount { UserName = "no-email", DisplayName = "Synthetic Nobody", Roles = "Spo" });
        db.SaveChanges();
        _clock.SetLocalTimeZone(TimeZoneInfo.Utc);
    }

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task SendPending_Immediate_EmailsEachOnce_AndMarksThemEmailed()
    {
        await using var server = await LoopbackSmtpServer.StartAsync();
        Add("practitioner", "E000001");
        Add("spo", "E000001");

        var pass = await Emails(server.Port).SendPendingAsync(_db.Open());
        var again = await Emails(server.Port).SendPendingAsync(_db.Open());

        pass.ShouldBe(new EmailPass(2, 2, 0));
        again.ShouldBe(EmailPass.Nothing);
        var received = await server.WaitForAsync(2, TimeSpan.FromSeconds(10));
        received.SelectMany(r => r.EnvelopeTo).ShouldBe(["practitioner@example.org", "spo@example.org"], ignoreOrder: true);
        received[0].Message.Subject!.ShouldContain("E000001");
        using var db = _db.Open();
        db.Notifications.All(n => n.EmailedAt == Now && n.LastEmailError == null).ShouldBeTrue();
    }

    [Fact]
    public async Task SendPending_Digest_OneEmailPerPerson_OnlyAfterTheDigestHour()
    {
        await using var server = await LoopbackSmtpServer.StartAsync();
        _clock.SetUtcNow(new DateTimeOffset(2024, 10, 1, 6, 0, 0, TimeSpan.Zero));
        Add("practitioner", "E000001");
        Add("practitioner", "E000002");
        var digest = Emails(server.Port, EmailMode.DailyDigest);

        var beforeSeven = await digest.SendPendingAsync(_db.Open());
        _clock.SetUtcNow(new DateTimeOffset(2024, 10, 1, 7, 5, 0, TimeSpan.Zero));
        var afterSeven = await digest.SendPendingAsync(_db.Open());

        beforeSeven.ShouldBe(EmailPass.Nothing);
        afterSeven.ShouldBe(new EmailPass(1, 2, 0));
        var email = (await server.WaitForAsync(1, TimeSpan.FromSeconds(10))).ShouldHaveSingleItem();
        email.Message.TextBody!.ShouldContain("E000001");
        email.Message.TextBody!.ShouldContain("E000002");
        // One disclosure for the one digest: both CRNs, to its recipient.
        using var db = _db.Open();
        var disclosure = db.AuditEvents.Single(e => e.EventType == AuditEventTypes.NotificationsEmailed);
        disclosure.SubjectCrns.ShouldBe("E000001,E000002");
        disclosure.Details.ShouldBe(
            "{\"recipient\":\"practitioner\",\"channel\":\"email\",\"mode\":\"daily-digest\",\"emails\":1,\"notifications\":2,\"kinds\":\"newly-listed=2\"}");
    }

    [Fact]
    public async Task SendPending_NothingListening_RecordsTheReason_KeepsTheNotification_AndRetriesLater()
    {
        var closedPort = await ClosedPortAsync();
        Add("practitioner", "E000001");

        var pass = await Emails(closedPort).SendPendingAsync(_db.Open());

        pass.ShouldBe(new EmailPass(0, 0, 1));
        using (var db = _db.Open())
        {
            var record = db.Notifications.Single();
            record.EmailedAt.ShouldBeNull();
            record.EmailAttempts.ShouldBe(1);
            record.LastEmailError.ShouldNotBeNullOrWhiteSpace();
            // Nothing reached a mail server: nothing was disclosed.
            db.AuditEvents.Any(e => e.EventType == AuditEventTypes.NotificationsEmailed).ShouldBeFalse();
        }
        await using var server = await LoopbackSmtpServer.StartAsync();
        (await Emails(server.Port).SendPendingAsync(_db.Open())).NotificationsSent.ShouldBe(1);
    }

    [Fact]
    public async Task SendPending_AccountWithoutEmail_IsNotRetried()
    {
        await using var server = await LoopbackSmtpServer.StartAsync();
        Add("no-email", "E000001");

        var pass = await Emails(server.Port).SendPendingAsync(_db.Open());

        pass.Failed.ShouldBe(1);
        using var db = _db.Open();
        var record = db.Notifications.Single();
        record.LastEmailError.ShouldBe(NotificationEmails.NoAddress);
        record.EmailAttempts.ShouldBe(NotificationEmails.MaxAttempts);
        server.Received.ShouldBeEmpty();
    }

    [Fact]
    public async Task SendPending_EmailSwitchedOff_SendsNothing_AndLeavesThemPending()
    {
        Add("practitioner", "E000001");
        var off = Compose.Emails(new EmailOptions { Enabled = false }, new EmailSender(new EmailOptions { Enabled = false }), _clock);

        (await off.SendPendingAsync(_db.Open())).ShouldBe(EmailPass.Nothing);

        using var db = _db.Open();
        db.Notifications.Single().EmailAttempts.ShouldBe(0);
    }

    private NotificationEmails Emails(int port, EmailMode mode = EmailMode.Immediate)
    {
        var options = new EmailOptions { Enabled = true, Host = LoopbackSmtpServer.Host, Port = port, FromAddress = From, SiteBaseUrl = Site, TimeoutSeconds = 5, Mode = mode };
        return Compose.Emails(options, new EmailSender(options), _clock);
    }

    private void Add(string recipient, string crn)
    {
        using var db = _db.Open();
        db.Notifications.Add(new NotificationRecord
        {
            RecipientUserName = recipient,
            Kind = (int)NotificationKind.NewlyListed,
            Title = $"New complex case {crn} listed for October 2024",
            Body = $"Complex case {crn} is on the October 2024 list.",
            Link = $"/cases/{crn}",
            Crns = crn,
            CreatedAt = _clock.GetUtcNow(),
            DedupKey = $"newly-listed:{crn}:{recipient}",
        });
        db.SaveChanges();
    }

    private static async Task<int> ClosedPortAsync()
    {
        // A port that was free a moment ago and has nothing listening now.
        await using var server = await LoopbackSmtpServer.StartAsync();
        return server.Port;
    }
}
