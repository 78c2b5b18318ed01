using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ComplexCases.Web.Tests.Operations;

/// <summary>
/// A throwaway self-signed RSA certificate for the data protection key ring, written in the forms an operator may give it, to a
/// temporary folder of its own (never the repository), deleted on dispose. Fixed validity dates: no test reads the real clock.
/// </summary>
public sealed class TestCertificate : IDisposable
{
    public const string PfxPassword = "test-only-pfx-password";

    private static readonly Lazy<TestCertificate> SharedValue = new(() =>
    {
        var shared = new TestCertificate("complexcases shared test key ring");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => shared.Dispose();
        return shared;
    });

    /// <summary>One certificate for every Production site a test starts without caring which (ConfiguredSiteFactory).</summary>
    public static TestCertificate Shared => SharedValue.Value;

    public TestCertificate(string name)
    {
        Folder = Directory.CreateTempSubdirectory("complexcases-cert-").FullName;
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2099, 1, 1, 0, 0, 0, TimeSpan.Zero));
        Thumbprint = certificate.Thumbprint;
        RawBase64 = Convert.ToBase64String(certificate.RawData);
        var certificatePem = certificate.ExportCertificatePem();
        var keyPem = rsa.ExportPkcs8PrivateKeyPem();
        File.WriteAllText(CertificatePemPath, certificatePem + "\n");
        File.WriteAllText(KeyPemPath, keyPem + "\n");
        File.WriteAllText(CombinedPemPath, certificatePem + "\n" + keyPem + "\n");
        File.WriteAllBytes(PfxPath, certificate.Export(X509ContentType.Pfx, PfxPassword));
    }

    public string Folder { get; }

    public string Thumbprint { get; }

    /// <summary>The certificate as an encrypted key's KeyInfo carries it (base64 of its DER).</summary>
    public string RawBase64 { get; }

    /// <summary>The certificate alone, without its key.</summary>
    public string CertificatePemPath => Path.Combine(Folder, "certificate.pem");

    public string KeyPemPath => Path.Combine(Folder, "key.pem");

    /// <summary>The certificate and its key in one PEM file.</summary>
    public string CombinedPemPath => Path.Combine(Folder, "combined.pem");

    /// <summary>PKCS#12 with its key, opened by <see cref="PfxPassword"/>.</summary>
    public string PfxPath => Path.Combine(Folder, "key-ring.pfx");

    /// <summary>Settings giving this certificate as the key ring's (as a PFX with its password).</summary>
    public Dictionary<string, string?> AsCurrent() => new()
    {
        ["DataProtection:Certificate:Path"] = PfxPath,
        ["DataProtection:Certificate:Password"] = PfxPassword,
    };

    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); }
        catch (IOException) { }
    }
}
