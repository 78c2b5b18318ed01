using System.Net;
using MimeKit;

namespace ComplexCases.Application.Notifications;

/// <summary>How the mail server is reached: no encryption, STARTTLS after connecting, or TLS from the start.</summary>
public enum EmailSecurity
{
    None,
    StartTls,
    SslOnConnect,
}

/// <summary>Whether each notification is emailed as it happens, or each person gets one summary a day.</summary>
public enum EmailMode
{
    Immediate,
    DailyDigest,
}

/// <summary>
/// Email settings, bound from the configuration section <c>Email</c> (environment: <c>Email__Host</c> and so on).
/// The password comes from configuration or the environment only — never from a file in the repository.
/// </summary>
public sealed class EmailOptions
{
    public const string Section = "Email";
    public const int DefaultPort = 25;
    public const string DefaultFromName = "Complex Case Service";

    /// <summary>Off unless switched on: a development machine or a test must never email anyone by accident.</summary>
    public bool Enabled { get; init; }
    public string? Host { get; init; }
    public int Port { get; init; } = DefaultPort;
    /// <summary>Unset: <see cref="EmailSecurity.None"/> for a loopback host (a local relay), else <see cref="EmailSecurity.StartTls"/>.</summary>
    public EmailSecurity? Security { get; init; }
    public string? FromAddress { get; init; }
    public string? FromName { get; init; }
    /// <summary>With <see cref="Password"/>, to sign in to the mail server; both unset to send without signing in.</summary>
    public string? UserName { get; init; }
    public string? Password { get; init; }
    public EmailMode Mode { get; init; } = EmailMode.Immediate;
    /// <summary>The hour (0–23, in the server's local time zone) at which daily digests go out.</summary>
    public int DigestHourLocal { get; init; } = 7;
    /// <summary>The site's address as staff reach it, e.g. <c>https://complex-cases.example.org</c>; links in emails start with it.</summary>
    public string? SiteBaseUrl { get; init; }
    /// <summary>How long one step (connect, a command, a reply) may take before the attempt fails.</summary>
    public int TimeoutSeconds { get; init; } = 30;

    public EmailSecurity EffectiveSecurity => Security ?? (IsLoopback(Host) ? EmailSecurity.None : EmailSecurity.StartTls);

    public MailboxAddress From => new(string.IsNullOrWhiteSpace(FromName) ? DefaultFromName : FromName,
        FromAddress ?? throw new InvalidOperationException("Email:FromAddress is not set."));

    /// <summary>Every problem, each in one sentence naming its configuration key; empty when usable.
    /// When email is off only the values given are checked, and nothing is required.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Enabled && string.IsNullOrWhiteSpace(Host)) errors.Add("Email:Host is required when Email:Enabled is true: give the mail server's host name.");
        else if (Host is not null && (Host.Trim().Length != Host.Length || Host.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)) || Uri.CheckHostName(Host) == UriHostNameType.Unknown))
            errors.Add($"Email:Host '{Host}' is not a host name or IP address.");
        if (Port is < 1 or > 65535) errors.Add($"Email:Port must be between 1 and 65535; it is {Port}.");
        if (Security is { } security && !Enum.IsDefined(security)) errors.Add($"Email:Security must be None, StartTls or SslOnConnect; it is {security}.");
        if (!Enum.IsDefined(Mode)) errors.Add($"Email:Mode must be Immediate or DailyDigest; it is {Mode}.");

        if (Enabled && string.IsNullOrWhiteSpace(FromAddress)) errors.Add("Email:FromAddress is required when Email:Enabled is true: give the address emails come from.");
        else if (FromAddress is not null && !IsAddress(FromAddress)) errors.Add($"Email:FromAddress '{FromAddress}' is not an email address (name@domain).");
        if (FromName is not null && FromName.Any(char.IsControl)) errors.Add("Email:FromName must be one line without control characters.");

        var hasUser = !string.IsNullOrEmpty(UserName);
        var hasPassword = !string.IsNullOrEmpty(Password);
        if (hasUser != hasPassword) errors.Add("Email:UserName and Email:Password go together: give both to sign in to the mail server, or neither.");
        // The password itself never appears in a message.
        if (hasPassword && EffectiveSecurity == EmailSecurity.None && !IsLoopback(Host))
            errors.Add("Email:Password is set but Email:Security is None: the password would cross the network unencrypted. Use StartTls or SslOnConnect.");

        if (DigestHourLocal is < 0 or > 23) errors.Add($"Email:DigestHourLocal must be an hour from 0 to 23; it is {DigestHourLocal}.");
        if (TimeoutSeconds is < 1 or > 600) errors.Add($"Email:TimeoutSeconds must be from 1 to 600; it is {TimeoutSeconds}.");

        if (Enabled && string.IsNullOrWhiteSpace(SiteBaseUrl))
            errors.Add("Email:SiteBaseUrl is required when Email:Enabled is true: give the site's address as staff reach it, e.g. https://complex-cases.example.org.");
        else if (SiteBaseUrl is not null && !IsSiteBaseUrl(SiteBaseUrl))
            errors.Add($"Email:SiteBaseUrl '{SiteBaseUrl}' must be an absolute http or https address without a query or fragment, e.g. https://complex-cases.example.org.");
        return errors;
    }

    /// <summary>localhost or a loopback IP address: traffic that never leaves the machine.</summary>
    public static bool IsLoopback(string? host) =>
        host is not null && (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip)));

    private static bool IsAddress(string value) =>
        MailboxAddress.TryParse(value, out var mailbox) && string.IsNullOrEmpty(mailbox.Name) && mailbox.Address == value
        && value.IndexOf('@', StringComparison.Ordinal) is > 0 and var at && at < value.Length - 1;

    private static bool IsSiteBaseUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && uri.Query.Length == 0 && uri.Fragment.Length == 0 && !value.Contains('?', StringComparison.Ordinal)
        && !value.Contains('#', StringComparison.Ordinal) && uri.UserInfo.Length == 0;
}
