using System.Security.Cryptography.X509Certificates;
using ComplexCases.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace ComplexCases.Web.Operations.KeyRing;

/// <summary>
/// The data protection key ring: in the database, so every instance and restart reads the same keys; encrypted at rest to a
/// certificate from configuration (<see cref="KeyRingOptions"/>). Production refuses to start without one unless
/// <c>DataProtection:AllowUnencryptedKeys</c> is true; outside Production an unset certificate leaves the keys unencrypted,
/// as for a demo. Bad settings stop the start (options validation) with one sentence per problem.
/// </summary>
internal static class KeyRingSetup
{
    public const string CertificateSetting = KeyRingOptions.Section + ":" + nameof(KeyRingOptions.Certificate);
    public const string AllowUnencryptedSetting = KeyRingOptions.Section + ":" + nameof(KeyRingOptions.AllowUnencryptedKeys);
    public const string ApplicationName = "complex-cases";

    public static IServiceCollection AddKeyRing(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var section = configuration.GetSection(KeyRingOptions.Section);
        var options = section.Get<KeyRingOptions>() ?? new KeyRingOptions();
        // The data protection builder takes certificates as objects, so they are loaded here, once. One that cannot be loaded
        // is left out and the validation below stops the start, naming it: the site never runs with less than it was given.
        var loadedCurrent = options.Encrypted ? KeyCertificates.Load(options.Certificate, CertificateSetting) : null;
        var loadedPrevious = options.PreviousCertificates.Select((c, i) => KeyCertificates.Load(c, PreviousSetting(i))).ToList();
        var current = loadedCurrent?.Certificate;
        var previous = loadedPrevious.Select(l => l.Certificate).OfType<X509Certificate2>().ToArray();

        // A fixed application name: by default the keys are isolated per install folder (the content root), so instances
        // installed in different folders (a blue/green deployment, a second host's layout) would not read each other's cookies.
        var keys = services.AddDataProtection().SetApplicationName(ApplicationName).PersistKeysToDbContext<ComplexCasesDbContext>();
        if (current is not null) keys.ProtectKeysWithCertificate(current);
        if (previous.Length > 0) keys.UnprotectKeysWithAnyCertificate(previous);

        services.AddOptions<KeyRingOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<KeyRingOptions>>(new KeyRingValidation(environment.IsProduction(), loadedCurrent?.Problem, [.. loadedPrevious.Select(l => l.Problem).OfType<string>()]));
        services.AddSingleton(new KeyRingProtection(current, previous, options.AllowUnencryptedKeys && current is null && environment.IsProduction()));
        services.AddHostedService<KeyRingReport>();
        return services;
    }

    public static string PreviousSetting(int index) => $"{KeyRingOptions.Section}:{nameof(KeyRingOptions.PreviousCertificates)}:{index}";
}

/// <summary>What the key ring is encrypted with, as this instance started.</summary>
internal sealed record KeyRingProtection(X509Certificate2? Certificate, IReadOnlyList<X509Certificate2> Previous, bool UnencryptedInProduction);

/// <summary>
/// Every problem with the key ring's settings, in the one message the start stops with: the certificates' own problems as
/// found when they were loaded (<see cref="KeyRingSetup.AddKeyRing"/>), with those of the settings themselves.
/// </summary>
internal sealed class KeyRingValidation(bool production, string? certificateProblem, IReadOnlyList<string> previousProblems) : IValidateOptions<KeyRingOptions>
{
    public ValidateOptionsResult Validate(string? name, KeyRingOptions options)
    {
        var problems = new List<string>();
        if (options.Encrypted)
        {
            if (certificateProblem is not null) problems.Add(certificateProblem);
        }
        else if (!string.IsNullOrWhiteSpace(options.Certificate.KeyPath) || !string.IsNullOrEmpty(options.Certificate.Password))
            problems.Add($"{KeyRingSetup.CertificateSetting}:Path must be set when its KeyPath or Password is");
        else if (production && !options.AllowUnencryptedKeys)
            problems.Add($"{KeyRingSetup.CertificateSetting}:Path must be set in Production: the data protection keys that sign the " +
                "sign-in cookies are kept in the database, and unencrypted anyone with a copy of it could sign in as anyone. Give a " +
                $"certificate with its private key (docs/operations.md, \"Data protection keys\"), or set {KeyRingSetup.AllowUnencryptedSetting}=true " +
                "to accept that risk");
        problems.AddRange(previousProblems);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}

/// <summary>Says at each start (after the settings were validated) how the key ring is protected, so an operator can see it in the log.</summary>
internal sealed partial class KeyRingReport(KeyRingProtection protection, TimeProvider clock, ILogger<KeyRingReport> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (protection.Certificate is { } certificate)
        {
            var thumbprint = certificate.Thumbprint;
            var notAfter = certificate.NotAfter.ToUniversalTime();
            Encrypted(logger, thumbprint, notAfter, protection.Previous.Count);
            // Expiry does not stop data protection (the certificate is only a key pair here), but it is the usual signal to rotate.
            if (notAfter < clock.GetUtcNow().UtcDateTime) Expired(logger, thumbprint);
        }
        else if (protection.UnencryptedInProduction) Unencrypted(logger, KeyRingSetup.AllowUnencryptedSetting);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Data protection keys are encrypted at rest to certificate {Thumbprint} (not after {NotAfter:u}); {PreviousCount} previous certificate(s) decrypt older keys")]
    private static partial void Encrypted(ILogger logger, string thumbprint, DateTime notAfter, int previousCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The data protection key ring's certificate {Thumbprint} has passed its expiry date: keys still work, but replace it (docs/operations.md, \"Data protection keys\")")]
    private static partial void Expired(ILogger logger, string thumbprint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Setting} is true: the data protection keys are stored UNENCRYPTED in the database; anyone with a copy of the database can forge sign-in cookies. Set DataProtection:Certificate:Path")]
    private static partial void Unencrypted(ILogger logger, string setting);
}
