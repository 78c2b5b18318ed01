using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace ComplexCases.Application.Notifications;

/// <summary>What became of one email.</summary>
public enum EmailSendStatus
{
    /// <summary>The mail server accepted it.</summary>
    Sent,
    /// <summary>Email is switched off (Email:Enabled is false): nothing was tried; do not retry.</summary>
    Disabled,
    /// <summary>Not sent; <see cref="EmailSendResult.Error"/> says why.</summary>
    Failed,
}

/// <param name="Error">Why it was not sent, in one sentence for a log or an administrator; never holds the password.</param>
/// <param name="Retryable">Whether the same email might go later without anyone changing anything (the server was
/// unreachable or busy); false when the server refused it for good or the settings are wrong.</param>
public sealed record EmailSendResult(EmailSendStatus Status, string? Error, bool Retryable)
{
    public static EmailSendResult Sent { get; } = new(EmailSendStatus.Sent, null, false);
    public static EmailSendResult Disabled { get; } = new(EmailSendStatus.Disabled, "Email is switched off (Email:Enabled is false).", false);
    public static EmailSendResult Failed(string error, bool retryable) => new(EmailSendStatus.Failed, error, retryable);
    public bool Succeeded => Status == EmailSendStatus.Sent;
}

/// <summary>Sends composed emails. The one seam for tests that must not send; email tests use <see cref="EmailSender"/>.</summary>
public interface IEmailSender
{
    /// <summary>Sends one email. Never throws for a delivery problem: the result says what happened.</summary>
    /// <exception cref="OperationCanceledException">Only when <paramref name="cancellationToken"/> is cancelled.</exception>
    Task<EmailSendResult> SendAsync(MimeMessage message, CancellationToken cancellationToken = default);

    /// <summary>Sends several emails over one connection (a morning's digests); one result per message, in order.</summary>
    /// <exception cref="OperationCanceledException">Only when <paramref name="cancellationToken"/> is cancelled.</exception>
    Task<IReadOnlyList<EmailSendResult>> SendAllAsync(IReadOnlyList<MimeMessage> messages, CancellationToken cancellationToken = default);
}

/// <summary>
/// Sends email through the configured SMTP server with MailKit: connect (TLS as configured), sign in when a user
/// name is set, send, disconnect. Every failure becomes a <see cref="EmailSendResult"/> rather than an exception,
/// so the caller can keep the notification as not emailed and try again later.
/// </summary>
public sealed class EmailSender : IEmailSender
{
    private readonly EmailOptions _options;

    /// <exception cref="ArgumentException">The options are invalid (every problem named).</exception>
    public EmailSender(EmailOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0) throw new ArgumentException(string.Join(" ", errors), nameof(options));
        _options = options;
    }

    private string Server => $"{_options.Host}:{_options.Port}";

    public async Task<EmailSendResult> SendAsync(MimeMessage message, CancellationToken cancellationToken = default) =>
        (await SendAllAsync([message], cancellationToken))[0];

    public async Task<IReadOnlyList<EmailSendResult>> SendAllAsync(IReadOnlyList<MimeMessage> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (messages.Any(m => m is null)) throw new ArgumentException("A message is null.", nameof(messages));
        if (messages.Count == 0) return [];
        if (!_options.Enabled) return messages.Select(_ => EmailSendResult.Disabled).ToArray();

        var results = new EmailSendResult[messages.Count];
        using var client = new SmtpClient { Timeout = _options.TimeoutSeconds * 1000 };
        var connected = await ConnectAsync(client, cancellationToken);
        if (connected is not null)
        {
            Array.Fill(results, connected);
            return results;
        }

        string? lost = null;
        for (var i = 0; i < messages.Count; i++)
        {
            if (lost is not null)
            {
                // The connection broke while sending an earlier message: the rest were never tried.
                results[i] = EmailSendResult.Failed($"Not sent: the connection to the mail server {Server} was lost before this email ({lost})", retryable: true);
                continue;
            }
            try
            {
                await client.SendAsync(messages[i], cancellationToken);
                results[i] = EmailSendResult.Sent;
            }
            catch (Exception ex) when (!IsCallerCancellation(ex, cancellationToken))
            {
                // A refusal of one message (an SMTP error reply) leaves the connection usable for the next.
                results[i] = Describe(ex, "sending");
                if (!client.IsConnected) lost = results[i].Error;
            }
        }

        try
        {
            if (client.IsConnected) await client.DisconnectAsync(quit: true, cancellationToken);
        }
        catch (Exception ex) when (!IsCallerCancellation(ex, cancellationToken))
        {
            // The messages were accepted already; a failed goodbye changes nothing for them.
        }
        return results;
    }

    /// <returns>Null when connected (and signed in); else why not.</returns>
    private async Task<EmailSendResult?> ConnectAsync(SmtpClient client, CancellationToken cancellationToken)
    {
        var security = _options.EffectiveSecurity switch
        {
            EmailSecurity.None => SecureSocketOptions.None,
            EmailSecurity.StartTls => SecureSocketOptions.StartTls,
            EmailSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
            var other => throw new InvalidOperationException($"Email:Security {other} is not handled."),
        };
        try
        {
            // Validate() made sure Host is set when email is on (and this is reached only then).
            await client.ConnectAsync(_options.Host!, _options.Port, security, cancellationToken);
        }
        catch (Exception ex) when (!IsCallerCancellation(ex, cancellationToken))
        {
            return Describe(ex, "connecting");
        }
        if (string.IsNullOrEmpty(_options.UserName)) return null;
        try
        {
            // Validate() made sure the password comes with the user name.
            await client.AuthenticateAsync(_options.UserName, _options.Password!, cancellationToken);
            return null;
        }
        catch (Exception ex) when (!IsCallerCancellation(ex, cancellationToken))
        {
            return Describe(ex, "signing in");
        }
    }

    private static bool IsCallerCancellation(Exception ex, CancellationToken cancellationToken) =>
        ex is OperationCanceledException && cancellationToken.IsCancellationRequested;

    /// <summary>One sentence on what went wrong; whether trying again later could help.</summary>
    private EmailSendResult Describe(Exception ex, string step)
    {
        var at = $"the mail server {Server}";
        var start = $"The mail server {Server}";
        return ex switch
        {
            SocketException socket when socket.SocketErrorCode == SocketError.ConnectionRefused =>
                EmailSendResult.Failed($"Could not connect to {at}: connection refused (is the server running, and are Email:Host and Email:Port right?).", retryable: true),
            SocketException socket when socket.SocketErrorCode is SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain =>
                EmailSendResult.Failed($"Could not connect to {at}: the host name was not found ({socket.SocketErrorCode}).", retryable: true),
            SocketException socket =>
                EmailSendResult.Failed($"Could not connect to {at}: {socket.SocketErrorCode} ({socket.Message}).", retryable: true),
            TimeoutException or IOException { InnerException: SocketException { SocketErrorCode: SocketError.TimedOut } } =>
                EmailSendResult.Failed($"{start} did not answer within {_options.TimeoutSeconds} s while {step}.", retryable: true),
            OperationCanceledException =>
                EmailSendResult.Failed($"{start} did not answer within {_options.TimeoutSeconds} s while {step}.", retryable: true),
            SslHandshakeException =>
                EmailSendResult.Failed($"The TLS handshake with {at} failed (certificate not trusted, or Email:Security does not match the port): {ex.Message}", retryable: false),
            NotSupportedException when step == "connecting" && _options.EffectiveSecurity == EmailSecurity.StartTls =>
                EmailSendResult.Failed($"{start} does not offer STARTTLS, which Email:Security requires: use a server or port that does, or SslOnConnect.", retryable: false),
            AuthenticationException =>
                EmailSendResult.Failed($"{start} refused to sign in Email:UserName '{_options.UserName}': {ex.Message}", retryable: false),
            NotSupportedException when step == "signing in" =>
                EmailSendResult.Failed($"{start} does not offer a way to sign in (no AUTH): leave Email:UserName and Email:Password unset, or use a server that needs them.", retryable: false),
            SmtpCommandException command => Refused(command, start),
            SmtpProtocolException =>
                EmailSendResult.Failed($"{start} broke the SMTP protocol while {step}: {ex.Message}", retryable: true),
            ServiceNotConnectedException or IOException =>
                EmailSendResult.Failed($"The connection to {at} failed while {step}: {ex.Message}", retryable: true),
            _ => EmailSendResult.Failed($"Email to {at} failed while {step}: {ex.GetType().Name}: {ex.Message}", retryable: true),
        };
    }

    private static EmailSendResult Refused(SmtpCommandException command, string server)
    {
        var code = (int)command.StatusCode;
        // 4xx: try again later (busy, greylisted); 5xx: refused for good (unknown recipient, policy).
        var retryable = code is >= 400 and < 500;
        var what = command.ErrorCode switch
        {
            SmtpErrorCode.RecipientNotAccepted => $"refused the recipient {command.Mailbox?.Address}",
            SmtpErrorCode.SenderNotAccepted => $"refused the sender {command.Mailbox?.Address} (check Email:FromAddress)",
            SmtpErrorCode.MessageNotAccepted => "refused the message",
            _ => "answered with an error",
        };
        return EmailSendResult.Failed($"{server} {what}: {code} {command.Message.Trim()}", retryable);
    }
}
