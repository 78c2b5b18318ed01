namespace ComplexCases.Web.Operations.KeyRing;

/// <summary>
/// How the data protection key ring is kept at rest (section <c>DataProtection</c>). The keys sign and encrypt the sign-in
/// cookies and antiforgery tokens and live in the database, shared by every instance; without a certificate anyone holding a
/// copy of the database (a dump, a backup) could forge a sign-in cookie for any account. With one, each key is stored
/// encrypted to the certificate's public key, and only a process holding its private key can use it.
/// </summary>
public sealed class KeyRingOptions
{
    public const string Section = "DataProtection";

    /// <summary>The certificate new keys are encrypted to (and that decrypts them).</summary>
    public KeyCertificateOptions Certificate { get; set; } = new();

    /// <summary>
    /// Certificates that only decrypt: the ones keys were encrypted to before the current one replaced it. Keys last 90 days,
    /// so a replaced certificate stays listed until the keys made under it have expired.
    /// </summary>
    public List<KeyCertificateOptions> PreviousCertificates { get; set; } = [];

    /// <summary>Production starts without a certificate only when this says so (and logs a warning at every start).</summary>
    public bool AllowUnencryptedKeys { get; set; }

    public bool Encrypted => !string.IsNullOrWhiteSpace(Certificate.Path);
}

/// <summary>A certificate with its private key: a PKCS#12 file (<c>.pfx</c>, <c>.p12</c>) or PEM (the certificate, and the key
/// in the same file or in <see cref="KeyPath"/>). <see cref="Password"/> opens the PKCS#12 file or an encrypted PEM key.</summary>
public sealed class KeyCertificateOptions
{
    public string? Path { get; set; }

    public string? KeyPath { get; set; }

    /// <summary>A secret: from the environment or a secret store, never a file in the repository; never logged or shown.</summary>
    public string? Password { get; set; }
}
