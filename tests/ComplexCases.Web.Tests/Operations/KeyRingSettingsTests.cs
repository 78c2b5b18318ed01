using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ComplexCases.Web.Operations.KeyRing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ComplexCases.Web.Tests.Operations;

/// <summary>
/// The key ring's certificate settings are checked when the site starts: Production does not start without a usable
/// certificate (unless unencrypted keys are explicitly accepted), and each refusal names the setting, the file and what is
/// wrong, never the password.
/// </summary>
public sealed class KeyRingSettingsTests : IDisposable
{
    private readonly TestCertificate _certificate = new("complexcases settings test");

    public void Dispose() => _certificate.Dispose();

    [Fact]
    public void Production_WithoutACertificate_DoesNotStart_AndSaysWhatToSet()
    {
        var failures = StartFailures(new() { ["DataProtection:Certificate:Path"] = "" });

        failures.ShouldHaveSingleItem().ShouldStartWith("DataProtection:Certificate:Path must be set in Production");
        failures[0].ShouldContain("DataProtection:AllowUnencryptedKeys=true");
    }

    [Fact]
    public void Production_WithUnencryptedKeysAccepted_Starts_AndWarnsInTheLog()
    {
        var logs = new CapturingLogs();
        using var site = new ConfiguredSiteFactory("Production", new Dictionary<string, string?>
        {
            ["DataProtection:Certificate:Path"] = "", ["DataProtection:AllowUnencryptedKeys"] = "true",
        }).WithWebHostBuilder(b => b.ConfigureTestServices(services => services.AddSingleton<ILoggerProvider>(logs)));
        using var client = site.CreateClient();

        site.Services.GetRequiredService<KeyRingProtection>().Certificate.ShouldBeNull();
        logs.Entries.ShouldContain(e => e.Level == LogLevel.Warning && e.Message.StartsWith("DataProtection:AllowUnencryptedKeys is true: the data protection keys are stored UNENCRYPTED", StringComparison.Ordinal));
    }

    [Fact]
    public void Production_WithACertificate_Starts_AndLogsWhichOne()
    {
        var logs = new CapturingLogs();
        using var site = new ConfiguredSiteFactory("Production", _certificate.AsCurrent())
            .WithWebHostBuilder(b => b.ConfigureTestServices(services => services.AddSingleton<ILoggerProvider>(logs)));
        using var client = site.CreateClient();

        site.Services.GetRequiredService<KeyRingProtection>().Certificate!.Thumbprint.ShouldBe(_certificate.Thumbprint);
        logs.Entries.ShouldContain(e => e.Level == LogLevel.Information && e.Message.Contains(_certificate.Thumbprint, StringComparison.Ordinal));
        logs.Entries.ShouldNotContain(e => e.Category.StartsWith("ComplexCases.Web.Operations.KeyRing", StringComparison.Ordinal) && e.Level >= LogLevel.Warning);
    }

    [Fact]
    public void MissingFile_IsNamed()
    {
        var missing = Path.Combine(_certificate.Folder, "nowhere.pfx");

        StartFailures(new() { ["DataProtection:Certificate:Path"] = missing }).ShouldHaveSingleItem()
            .ShouldBe($"DataProtection:Certificate:Path: there is no file at '{missing}'");
    }

    [Fact]
    public void MissingKeyFile_IsNamed()
    {
        var missing = Path.Combine(_certificate.Folder, "nowhere.key");

        StartFailures(new() { ["DataProtection:Certificate:Path"] = _certificate.CertificatePemPath, ["DataProtection:Certificate:KeyPath"] = missing })
            .ShouldHaveSingleItem().ShouldBe($"DataProtection:Certificate:KeyPath: there is no file at '{missing}'");
    }

    [Fact]
    public void WrongPfxPassword_CannotBeOpened_AndThePasswordIsNotShown()
    {
        var failure = StartFailures(new() { ["DataProtection:Certificate:Path"] = _certificate.PfxPath, ["DataProtection:Certificate:Password"] = "not-the-Password-9" })
            .ShouldHaveSingleItem();

        failure.ShouldStartWith($"DataProtection:Certificate: '{_certificate.PfxPath}' is not a certificate this service can open with the password given");
        failure.ShouldNotContain("not-the-Password-9");
    }

    [Fact]
    public void AFileThatIsNoCertificate_CannotBeOpened()
    {
        var garbage = Path.Combine(_certificate.Folder, "notes.txt");
        File.WriteAllText(garbage, "not a certificate");

        StartFailures(new() { ["DataProtection:Certificate:Path"] = garbage }).ShouldHaveSingleItem()
            .ShouldStartWith($"DataProtection:Certificate: '{garbage}' is not a certificate this service can open");
    }

    [Fact]
    public void ACertificateWithoutItsPrivateKey_IsRefused()
    {
        StartFailures(new() { ["DataProtection:Certificate:Path"] = _certificate.CertificatePemPath }).ShouldHaveSingleItem()
            .ShouldStartWith($"DataProtection:Certificate: '{_certificate.CertificatePemPath}' has no private key");
    }

    [Fact]
    public void AnEcdsaCertificate_IsRefused_KeyEncryptionNeedsRsa()
    {
        var path = Path.Combine(_certificate.Folder, "ecdsa.pem");
        using (var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256))
        {
            using var certificate = new CertificateRequest("CN=ecdsa", ecdsa, HashAlgorithmName.SHA256)
                .CreateSelfSigned(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2099, 1, 1, 0, 0, 0, TimeSpan.Zero));
            File.WriteAllText(path, certificate.ExportCertificatePem() + "\n" + ecdsa.ExportPkcs8PrivateKeyPem() + "\n");
        }

        StartFailures(new() { ["DataProtection:Certificate:Path"] = path }).ShouldHaveSingleItem()
            .ShouldStartWith($"DataProtection:Certificate: '{path}' is not an RSA certificate");
    }

    [Fact]
    public void APasswordWithoutAPath_IsRefusedOutsideProductionToo()
    {
        StartFailures(new() { ["DataProtection:Certificate:Password"] = "something" }, "Staging").ShouldHaveSingleItem()
            .ShouldBe("DataProtection:Certificate:Path must be set when its KeyPath or Password is");
    }

    [Fact]
    public void AnUnusablePreviousCertificate_IsNamedByItsPlaceInTheList_WithTheCurrentOnesProblemToo()
    {
        var failures = StartFailures(new()
        {
            ["DataProtection:Certificate:Path"] = _certificate.CertificatePemPath,
            ["DataProtection:PreviousCertificates:0:Path"] = _certificate.PfxPath,
            ["DataProtection:PreviousCertificates:0:Password"] = TestCertificate.PfxPassword,
            ["DataProtection:PreviousCertificates:1:Path"] = Path.Combine(_certificate.Folder, "retired.pfx"),
        });

        failures.Count.ShouldBe(2);
        failures[0].ShouldStartWith("DataProtection:Certificate: ");
        failures[0].ShouldContain("has no private key");
        failures[1].ShouldStartWith("DataProtection:PreviousCertificates:1:Path: there is no file at");
    }

    [Fact]
    public async Task Development_WithoutACertificate_StartsAsBefore()
    {
        using var site = new ConfiguredSiteFactory("Development", new Dictionary<string, string?>());
        using var client = site.CreateClient();

        (await client.GetAsync("/health/live")).IsSuccessStatusCode.ShouldBeTrue();
        site.Services.GetRequiredService<KeyRingProtection>().Certificate.ShouldBeNull();
    }

    /// <summary>The problems a site's start stopped with (the options validation's failures, one per problem).</summary>
    private static List<string> StartFailures(Dictionary<string, string?> settings, string environment = "Production")
    {
        using var site = new ConfiguredSiteFactory(environment, settings);
        var failure = Should.Throw<Exception>(() => site.CreateClient());
        for (Exception? e = failure; e is not null; e = e.InnerException)
            if (e is OptionsValidationException validation && validation.OptionsType == typeof(KeyRingOptions)) return [.. validation.Failures];
        throw new ShouldAssertException($"The start failed, but not for the key ring's settings: {failure}");
    }
}
