using System.Security.Cryptography;
using ComplexCases.Data.Screening;
using ComplexCases.Domain.People;

namespace ComplexCases.Application.Access;

/// <summary>Who a case is about, as shown to one viewer: the CRN and names, or a pseudonym and nothing else.</summary>
public sealed record CaseIdentity(string Reference, string? Forename, string? Surname, DateOnly? DateOfBirth, bool IsPseudonym = false);

/// <summary>
/// Stable pseudonyms for users without <see cref="Permission.ViewCaseNames"/>: HMAC-SHA256 of the CRN under a key
/// from configuration, so the same person has the same pseudonym every month, and nobody without the key can
/// compute (or reverse by trying every CRN) the mapping.
/// </summary>
public sealed class Pseudonymiser
{
    public const string Prefix = "P-";

    /// <summary>Minimum key length: the HMAC-SHA256 block of security, 256 bits.</summary>
    public const int MinimumKeyBytes = 32;

    // 48 bits: for a million distinct CRNs the chance of any two sharing a pseudonym is about 1 in 560.
    private const int PseudonymBytes = 6;

    private readonly byte[] _key;

    public Pseudonymiser(ReadOnlySpan<byte> key)
    {
        if (key.Length < MinimumKeyBytes)
            throw new ArgumentException($"The pseudonymisation key must be at least {MinimumKeyBytes} bytes.", nameof(key));
        _key = key.ToArray();
    }

    /// <summary>From a base64 configuration value (e.g. <c>openssl rand -base64 32</c>).</summary>
    public static Pseudonymiser FromBase64(string key)
    {
        try
        {
            return new Pseudonymiser(Convert.FromBase64String(key));
        }
        catch (FormatException e)
        {
            throw new ArgumentException("The pseudonymisation key must be base64.", nameof(key), e);
        }
    }

    /// <summary>E.g. <c>P-3F9A2C1B7D4E</c>.</summary>
    public string For(Crn crn)
    {
        Span<byte> text = stackalloc byte[7];
        crn.FormatUtf8(text);
        Span<byte> hash = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_key, text, hash);
        return Prefix + Convert.ToHexString(hash[..PseudonymBytes]);
    }

    /// <summary>The pseudonym alone; a pseudonym stays as it is.</summary>
    public CaseIdentity Redact(CaseIdentity identity) =>
        identity.IsPseudonym ? identity : new CaseIdentity(For(Crn.Parse(identity.Reference)), null, null, null, IsPseudonym: true);

    /// <summary>The identity as this viewer may see it on this case.</summary>
    public CaseIdentity ShowTo(StaffUser viewer, CaseFacts c, CaseIdentity identity) =>
        CaseAccess.CanSeeNames(viewer, c) ? identity : Redact(identity);

    /// <summary>
    /// A detached copy with the CRN replaced by its pseudonym and every name removed (the person's, and the staff
    /// names, since pseudonymised views have no names); allocation codes stay for counting by team or practitioner.
    /// </summary>
    public ListedCase Redact(ListedCase c) => new()
    {
        RunId = c.RunId,
        Crn = For(Crn.Parse(c.Crn)),
        PduCode = c.PduCode,
        PduName = c.PduName,
        RegionCode = c.RegionCode,
        Status = c.Status,
        Score = c.Score,
        MetMask = c.MetMask,
        UnknownMask = c.UnknownMask,
        Change = c.Change,
        MonthsListed = c.MonthsListed,
        Forename = null,
        Surname = null,
        TeamCode = c.TeamCode,
        TeamName = c.TeamName,
        PractitionerCode = c.PractitionerCode,
        PractitionerName = null,
        SpoCode = c.SpoCode,
        SpoName = null,
        LimitedAccess = c.LimitedAccess,
        EvidenceJson = c.EvidenceJson,
    };

    /// <summary>The case itself when the viewer may see its names here, otherwise <see cref="Redact(ListedCase)"/>.</summary>
    public ListedCase ShowTo(StaffUser viewer, ListedCase c) =>
        CaseAccess.CanSeeNames(viewer, CaseFacts.Of(c)) ? c : Redact(c);

    public override string ToString() => nameof(Pseudonymiser);
}
