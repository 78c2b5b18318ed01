using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace ComplexCases.Web.Operations.KeyRing;

/// <summary>A certificate of <see cref="KeyRingOptions"/> loaded with its private key, or what is wrong with the settings.</summary>
internal sealed record LoadedCertificate(X509Certificate2? Certificate, string? Problem);

/// <summary>
/// Loads the key ring's certificates from files. Every problem is a sentence naming the setting and the file (never the
/// password), so that a start refused for it says what to fix. Validity dates are not checked: the certificate is only a key
/// pair that encrypts the key ring (no one validates it as an identity), and a site that stopped on the day it expired
/// would be an outage by calendar; replace it by policy (docs/operations.md).
/// </summary>
internal static class KeyCertificates
{
    /// <param name="setting">The settings' prefix, as an operator writes it: <c>DataProtection:Certificate</c>.</param>
    public static LoadedCertificate Load(KeyCertificateOptions options, string setting)
    {
        var path = options.Path?.Trim();
        if (string.IsNullOrEmpty(path)) return Failed($"{setting}:Path is empty");
        if (!File.Exists(path)) return Failed($"{setting}:Path: there is no file at '{path}'");
        var keyPath = options.KeyPath?.Trim();
        if (!string.IsNullOrEmpty(keyPath) && !File.Exists(keyPath)) return Failed($"{setting}:KeyPath: there is no file at '{keyPath}'");

        X509Certificate2 certificate;
        try
        {
            var bytes = File.ReadAllBytes(path);
            certificate = IsPem(bytes) || !string.IsNullOrEmpty(keyPath)
                ? FromPem(Encoding.ASCII.GetString(bytes), keyPath, options.Password)
                // Ephemeral: the private key stays in this process's memory; nothing is written to the user's key store.
                : X509CertificateLoader.LoadPkcs12(bytes, options.Password, X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (UnauthorizedAccessException)
        {
            return Failed($"{setting}: '{path}'{(string.IsNullOrEmpty(keyPath) ? "" : $" or '{keyPath}'")} cannot be read by this process's user (check the files' permissions)");
        }
        catch (IOException ex)
        {
            return Failed($"{setting}: '{path}' cannot be read ({ex.Message})");
        }
        catch (CryptographicException)
        {
            return Failed($"{setting}: '{path}'{(string.IsNullOrEmpty(keyPath) ? "" : $" with '{keyPath}'")} is not a certificate this service can open " +
                $"with the password given in {setting}:Password (a PKCS#12 .pfx file, or PEM with its private key)");
        }

        if (!certificate.HasPrivateKey)
        {
            certificate.Dispose();
            return Failed($"{setting}: '{path}' has no private key: the keys are encrypted to the certificate and only its private key " +
                $"decrypts them (give a .pfx that holds the key, or the PEM key in {setting}:KeyPath)");
        }
        using (var rsa = certificate.GetRSAPrivateKey())
        {
            if (rsa is null)
            {
                certificate.Dispose();
                return Failed($"{setting}: '{path}' is not an RSA certificate: key encryption needs an RSA key (e.g. openssl req -x509 -newkey rsa:3072)");
            }
        }
        return new LoadedCertificate(certificate, null);
    }

    private static LoadedCertificate Failed(string problem) => new(null, problem);

    private static bool IsPem(byte[] bytes) => Encoding.ASCII.GetString(bytes, 0, Math.Min(bytes.Length, 4096)).Contains("-----BEGIN ", StringComparison.Ordinal);

    /// <summary>A PEM certificate with its key from <paramref name="keyPath"/>, or from the same text when it holds one.</summary>
    private static X509Certificate2 FromPem(string certificatePem, string? keyPath, string? password)
    {
        var keyPem = string.IsNullOrEmpty(keyPath) ? certificatePem : File.ReadAllText(keyPath);
        // A certificate alone loads without a key, so that the caller can say "no private key" rather than "cannot be read".
        if (!keyPem.Contains("PRIVATE KEY-----", StringComparison.Ordinal)) return X509Certificate2.CreateFromPem(certificatePem);
        return string.IsNullOrEmpty(password)
            ? X509Certificate2.CreateFromPem(certificatePem, keyPem)
            : X509Certificate2.CreateFromEncryptedPem(certificatePem, keyPem, password);
    }
}
