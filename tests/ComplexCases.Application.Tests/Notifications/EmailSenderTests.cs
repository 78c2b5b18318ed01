using System.Net;
using System.Net.Sockets;
using ComplexCases.Application.Notifications;
using ComplexCases.TestSupport.Email;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using static ComplexCases.Application.Tests.Notifications.EmailTestData;

namespace ComplexCases.Application.Tests.Notifications;

/// <summary>The real sender over real sockets: a real SMTP server on loopback, or a port with nobody there.</summary>
public class EmailSenderTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly EmailComposer _composer = new(Options(), new FakeTimeProvider(Now));

    [Fact]
    public async Task SendAsync_ToALoopbackServer_ArrivesWithRecipientSubjectAndBody()
    {
        await using var server = await LoopbackSmtpServer.StartAsync();
        var sender = new EmailSender(Options(server.Port));

        var result = await sender.SendAsync(_composer.Compose(NewlyListed("X123456"), Practitioner)).WaitAsync(Patience);

        result.ShouldBe(EmailSendResult.Sent);
        var received = server.Received.ShouldHaveSingleItem();
        received.EnvelopeFrom.ShouldBe(From);
        received.EnvelopeTo.ShouldBe([Practitioner.Address]);
        received.Message.To.Mailboxes.Single().Address.ShouldBe(Practitioner.Address);
        received.Message.Subject.ShouldBe("[Complex cases] New complex case X123456 listed for October 2024");
        received.Message.Text().ShouldContain("Complex case X123456 is on the October 2024 list for the first time.");
        received.Message.Text().ShouldContain("https://complex-cases.example.org/cases/X123456");
        received.Message.Html().ShouldContain("href=\"https://complex-cases.example.org/cases/X123456\"");
    }

    [Fact]
    public async Task SendAsync_Digest_ArrivesAsOneEmail()
    {
        await using var server = await LoopbackSmtpServer.StartAsync();
        var sender = new EmailSender(Options(server.Port));
        var digest = _composer.ComposeDigest([NewlyListed("X123456"), NewlyListed("B111111"), ActionOverdue("A000001")], Practitioner);

        var result = await sender.SendAsync(digest).WaitAsync(Patience);

        result.Succeeded.ShouldBeTrue();
        var message = server.Received.ShouldHaveSingleItem().Message;
        message.Subject.ShouldBe("[Complex cases] Daily summary: 3 notifications");
        message.Text().ShouldContain("Newly listed cases (2)");
        message.Text().ShouldContain("Overdue actions (1)");
    }

    [Fact]
    public async Task SendAllAsync_SeveralRecipients_EachGetsTheirOwnOverOneConnection()
    {
        await using var server = await LoopbackSmtpServer.StartAsync();
        var sender = new EmailSender(Options(server.Port));
        var spo = new MailboxAddress("Sam Spo", "sam.spo@example.org");

        var results = await sender.SendAllAsync(
            [_composer.Compose(NewlyListed("X123456"), Practitioner), _composer.Compose(NewlyListed("X123456", recipient: "spo"), spo)]).WaitAsync(Patience);

        results.ShouldAllBe(r => r.Succeeded);
        server.Received.Select(r => r.EnvelopeTo.Single()).ShouldBe([Practitioner.Address, spo.Address]);
    }

    [Fact]
    public async Task SendAllAsync_OneRecipientRefused_ThatOneFailsForGoodAndTheNextIsStillSent()
    {
        const string unknown = "nobody@example.org";
        await using var server = await LoopbackSmtpServer.StartAsync(refuseRecipients: [unknown]);
        var sender = new EmailSender(Options(server.Port));

        var results = await sender.SendAllAsync(
            [_composer.Compose(NewlyListed("X123456"), new MailboxAddress("", unknown)), _composer.Compose(NewlyListed("B111111"), Practitioner)]).WaitAsync(Patience);

        results[0].Status.ShouldBe(EmailSendStatus.Failed);
        results[0].Retryable.ShouldBeFalse();
        results[0].Error.ShouldNotBeNull().ShouldStartWith($"The mail server 127.0.0.1:{server.Port} refused the recipient {unknown}: 550");
        results[1].ShouldBe(EmailSendResult.Sent);
        server.Received.ShouldHaveSingleItem().EnvelopeTo.ShouldBe([Practitioner.Address]);
    }

    [Fact]
    public async Task SendAsync_WithSignIn_SignsInAndSends()
    {
        var password = Guid.NewGuid().ToString("N"); // made up per run: no credential lives in the repository
        await using var server = await LoopbackSmtpServer.StartAsync("relay", password);
        var sender = new EmailSender(WithSignIn(Options(server.Port), "relay", password));

        var result = await sender.SendAsync(_composer.Compose(NewlyListed("X123456"), Practitioner)).WaitAsync(Patience);

        result.ShouldBe(EmailSendResult.Sent);
        server.Received.Count.ShouldBe(1);
    }

    [Fact]
    public async Task SendAsync_WrongPassword_FailsForGoodWithoutShowingThePassword()
    {
        await using var server = await LoopbackSmtpServer.StartAsync("relay", Guid.NewGuid().ToString("N"));
        var wrong = Guid.NewGuid().ToString("N");
        var sender = new EmailSender(WithSignIn(Options(server.Port), "relay", wrong));

        var result = await sender.SendAsync(_composer.Compose(NewlyListed("X123456"), Practitioner)).WaitAsync(Patience);

        result.Status.ShouldBe(EmailSendStatus.Failed);
        result.Retryable.ShouldBeFalse();
        result.Error.ShouldStartWith($"The mail server 127.0.0.1:{server.Port} refused to sign in Email:UserName 'relay'");
        result.Error.ShouldNotContain(wrong);
        server.Received.ShouldBeEmpty();
    }

    [Fact]
    public async Task SendAsync_NothingListening_FailsWithConnectionRefusedAndDoesNotThrow()
    {
        var sender = new EmailSender(Options(ClosedPort()));

        var result = await sender.SendAsync(_composer.Compose(NewlyListed("X123456"), Practitioner)).WaitAsync(Patience);

        result.Status.ShouldBe(EmailSendStatus.Failed);
        result.Succeeded.ShouldBeFalse();
        result.Retryable.ShouldBeTrue();
        var error = result.Error.ShouldNotBeNull();
        error.ShouldContain("Could not connect to the mail server 127.0.0.1:", Case.Sensitive);
        error.ShouldContain("connection refused", Case.Sensitive);
    }

    [Fact]
    public async Task SendAllAsync_NothingListening_EveryMessageFailsWithTheSameReason()
    {
        var sender = new EmailSender(Options(ClosedPort()));

        var results = await sender.SendAllAsync(
            [_composer.Compose(NewlyListed("X123456"), Practitioner), _composer.Compose(NewlyListed("B111111"), Practitioner)]).WaitAsync(Patience);

        results.Count.ShouldBe(2);
        results.ShouldAllBe(r => r.Status == EmailSendStatus.Failed && r.Error!.Contains("connection refused"));
    }

    [Fact]
    public async Task SendAsync_ServerThatNeverAnswers_FailsAfterTheTimeout()
    {
        // Accepts the connection (the kernel completes the handshake) but never sends the SMTP greeting.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var options = Options(((IPEndPoint)silent.LocalEndpoint).Port);
        var sender = new EmailSender(new EmailOptions
        {
            Enabled = true, Host = options.Host, Port = options.Port, FromAddress = From, SiteBaseUrl = Site, TimeoutSeconds = 1,
        });

        var result = await sender.SendAsync(_composer.Compose(NewlyListed("X123456"), Practitioner)).WaitAsync(Patience);

        result.Status.ShouldBe(EmailSendStatus.Failed);
        result.Retryable.ShouldBeTrue();
        result.Error.ShouldBe($"The mail server 127.0.0.1:{options.Port} did not answer within 1 s while connecting.");
    }

    [Fact]
    public async Task SendAsync_StartTlsRequiredButNotOffered_FailsForGoodSayingSo()
    {
        await using var server = await LoopbackSmtpServer.StartAsync();
        var options = Options(server.Port);
        var sender = new EmailSender(new EmailOptions
        {
            Enabled = true, Host = options.Host, Port = options.Port, FromAddress = From, SiteBaseUrl = Site, Security = EmailSecurity.StartTls,
        });

        var result = await sender.SendAsync(_composer.Compose(NewlyListed("X123456"), Practitioner)).WaitAsync(Patience);

        result.Status.ShouldBe(EmailSendStatus.Failed);
        result.Retryable.ShouldBeFalse();
        result.Error.ShouldNotBeNull().ShouldContain("does not offer STARTTLS", Case.Sensitive);
        server.Received.ShouldBeEmpty();
    }

    [Fact]
    public async Task SendAsync_EmailSwitchedOff_DisabledAndNothingTried()
    {
        await using var server = await LoopbackSmtpServer.StartAsync();
        var sender = new EmailSender(new EmailOptions { Host = LoopbackSmtpServer.Host, Port = server.Port });

        var result = await sender.SendAsync(_composer.Compose(NewlyListed("X123456"), Practitioner)).WaitAsync(Patience);

        result.ShouldBe(EmailSendResult.Disabled);
        result.Retryable.ShouldBeFalse();
        server.Received.ShouldBeEmpty();
    }

    [Fact]
    public async Task SendAsync_CallerCancels_ThrowsOperationCanceled()
    {
        await using var server = await LoopbackSmtpServer.StartAsync();
        var sender = new EmailSender(Options(server.Port));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(
            () => sender.SendAsync(_composer.Compose(NewlyListed("X123456"), Practitioner), cancelled.Token));
        server.Received.ShouldBeEmpty();
    }

    [Fact]
    public void Constructor_InvalidOptions_NamesTheProblems()
    {
        Should.Throw<ArgumentException>(() => new EmailSender(new EmailOptions { Enabled = true, FromAddress = From, SiteBaseUrl = Site }))
            .Message.ShouldContain("Email:Host is required when Email:Enabled is true");
    }

    private static EmailOptions WithSignIn(EmailOptions o, string userName, string password) => new()
    {
        Enabled = o.Enabled, Host = o.Host, Port = o.Port, FromAddress = o.FromAddress, SiteBaseUrl = o.SiteBaseUrl,
        TimeoutSeconds = o.TimeoutSeconds, UserName = userName, Password = password,
    };

    /// <summary>A loopback port that was free a moment ago and has no listener now: connecting is refused.</summary>
    private static int ClosedPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}
