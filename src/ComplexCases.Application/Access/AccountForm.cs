namespace ComplexCases.Application.Access;

/// <summary>
/// An account as someone typed it, on the admin page or on the command line, before any check: what
/// <see cref="AccountChange.From"/> turns into an <see cref="AccountChange"/> or per-field errors. Field names in the
/// errors are this form's (<c>userName</c>, <c>displayName</c>, <c>email</c>, <c>roles</c>, <c>staffCode</c>,
/// <c>teamCodes</c>, <c>pduCode</c>, <c>regionCode</c>, <c>limitedAccessCrns</c>, <c>password</c>).
/// </summary>
public sealed record AccountForm
{
    public string? UserName { get; init; }
    public string? DisplayName { get; init; }
    public string? Email { get; init; }
    /// <summary>As typed: <c>HeadOfPdu</c>, <c>head-of-pdu</c> or <c>headofpdu</c> (see <see cref="AccountChange.ParseRole"/>).</summary>
    public IReadOnlyList<string> Roles { get; init; } = [];
    public string? StaffCode { get; init; }
    /// <summary>Comma-separated.</summary>
    public string? TeamCodes { get; init; }
    public string? PduCode { get; init; }
    public string? RegionCode { get; init; }
    /// <summary>CRNs separated by commas, spaces or lines.</summary>
    public string? LimitedAccessCrns { get; init; }
    /// <summary>Only for a new account; none: the person signs in through the organisation's identity provider.</summary>
    public string? Password { get; init; }
    public bool Locked { get; init; }
    public string? ConcurrencyStamp { get; init; }
}
