using System.Net;
using ComplexCases.Data.Accounts;
using ComplexCases.TestSupport.Data;
using ComplexCases.Web.Tests.Jobs;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ComplexCases.Web.Tests.Operations;

/// <summary>
/// The key ring encrypted at rest, on the run's engine, with instances sharing one database as a deployment runs them: what
/// is stored is encrypted to the certificate, instances given the same certificate read each other's sign-in cookies, and a
/// replaced certificate listed as previous still decrypts the keys made under it.
/// </summary>
public sealed class KeyRingInstancesTests : IDisposable
{
    private const string Password = "Correct-Horse-Battery-1";

    private readonly ITestDatabase _database = TestDatabases.Create();
    private readonly TestCertificate _first = new("complexcases key ring 2026");
    private readonly TestCertificate _second = new("complexcases key ring 2027");
    private readonly List<SharedDatabaseSite> _sites = [];
    // One browser: one cookie jar, whichever instance each request goes to.
    private readonly CookieContainer _cookies = new();

    public void Dispose()
    {
        foreach (var site in _sites) site.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _database.Dispose();
        _first.Dispose();
        _second.Dispose();
    }

    [Fact]
    public async Task TwoInstancesWithTheSameCertificate_ReadEachOthersCookies_AndTheStoredKeysAreEncrypted()
    {
        var a = Start(_first.AsCurrent());
        // The same certificate as PEM with its key in a file of its own: what matters is the key pair, not the file's form.
        var b = Start(new() { ["DataProtection:Certificate:Path"] = _first.CertificatePemPath, ["DataProtection:Certificate:KeyPath"] = _first.KeyPemPath });
        await AddAccountAsync(a, "analyst1", "Analyst");

        await SignInAsync(on: a, postedTo: b, "analyst1");

        (await Get(a, "/runs")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Get(b, "/runs")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var stored = StoredKeys();
        stored.ShouldNotBeEmpty();
        stored.ShouldAllBe(xml => xml.Contains("<encryptedSecret", StringComparison.Ordinal) && xml.Contains(_first.RawBase64, StringComparison.Ordinal));
        // The key material itself (<masterKey><value>base64</value>) is nowhere in the clear.
        stored.ShouldAllBe(xml => !xml.Contains("<masterKey", StringComparison.Ordinal) && !xml.Contains("<value>", StringComparison.Ordinal));
    }

    [Fact]
    public async Task InstancesInstalledInDifferentFolders_ReadEachOthersCookies()
    {
        // Data protection isolates keys per install folder unless the application is named: a blue/green deployment's second
        // folder would have refused every cookie the first issued.
        var elsewhere = Directory.CreateTempSubdirectory("complexcases-install-");
        try
        {
            var a = Start(_first.AsCurrent());
            var settings = new Dictionary<string, string?>(_first.AsCurrent()) { [WebHostDefaults.ContentRootKey] = elsewhere.FullName };
            var b = Start(settings);
            b.Services.GetRequiredService<IWebHostEnvironment>().ContentRootPath.ShouldStartWith(elsewhere.FullName);
            await AddAccountAsync(a, "analyst1", "Analyst");

            await SignInAsync(on: a, postedTo: a, "analyst1");

            (await Get(b, "/runs")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        finally
        {
            foreach (var site in _sites) site.Dispose();
            _sites.Clear();
            elsewhere.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task AReplacedCertificate_ListedAsPrevious_StillDecryptsItsKeys_WhileNewKeysGoToTheNewOne()
    {
        var before = Start(_first.AsCurrent());
        await AddAccountAsync(before, "analyst1", "Analyst");
        await SignInAsync(on: before, postedTo: before, "analyst1");
        var rotated = new Dictionary<string, string?>(_second.AsCurrent())
        {
            ["DataProtection:PreviousCertificates:0:Path"] = _first.CombinedPemPath,
        };

        var after = Start(rotated);

        (await Get(after, "/runs")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var made = after.Clock.GetUtcNow();
        after.Services.GetRequiredService<IKeyManager>().CreateNewKey(made, made.AddDays(90));
        var newest = StoredKeys()[^1];
        newest.ShouldContain(_second.RawBase64);
        newest.ShouldNotContain(_first.RawBase64);
        StoredKeys()[0].ShouldContain(_first.RawBase64);
    }

    [Fact]
    public async Task AReplacedCertificate_NotListed_CannotDecryptItsKeys_SoTheirCookiesNoLongerSignIn_ButSigningInAgainWorks()
    {
        var before = Start(_first.AsCurrent());
        await AddAccountAsync(before, "analyst1", "Analyst");
        await SignInAsync(on: before, postedTo: before, "analyst1");

        var after = Start(_second.AsCurrent());

        var refused = await Get(after, "/runs");
        refused.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        refused.Headers.Location!.ToString().ShouldContain("/sign-in");
        // Nothing else is lost: signing in again makes a key the new certificate can read, and the site serves.
        await SignInAsync(on: after, postedTo: after, "analyst1");
        (await Get(after, "/runs")).StatusCode.ShouldBe(HttpStatusCode.OK);
        StoredKeys()[^1].ShouldContain(_second.RawBase64);
    }

    /// <summary>An instance on the shared database, started (one after another: the first migrates it).</summary>
    private SharedDatabaseSite Start(Dictionary<string, string?> settings)
    {
        var site = new SharedDatabaseSite(_database.Target, settings, worker: false);
        _sites.Add(site);
        _ = site.Services;
        return site;
    }

    private HttpClient Client(SharedDatabaseSite site) =>
        site.CreateDefaultClient(new CookieContainerHandler(_cookies));

    private async Task<HttpResponseMessage> Get(SharedDatabaseSite site, string path)
    {
        using var client = Client(site);
        return await client.GetAsync(path);
    }

    /// <summary>The sign-in form opened on one instance and posted to another (its antiforgery token crosses too).</summary>
    private async Task SignInAsync(SharedDatabaseSite on, SharedDatabaseSite postedTo, string userName)
    {
        using var opening = Client(on);
        using var posting = Client(postedTo);
        var form = await opening.GetStringAsync("/sign-in");
        var signedIn = await posting.PostAsync("/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = userName, ["Password"] = Password, ["__RequestVerificationToken"] = SignedInClient.AntiforgeryToken(form),
        }));
        signedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        signedIn.Headers.Location!.ToString().ShouldNotContain("sign-in");
    }

    /// <summary>The key ring as stored, oldest key first.</summary>
    private List<string> StoredKeys()
    {
        using var db = _database.Open();
        return [.. db.DataProtectionKeys.AsNoTracking().OrderBy(k => k.Id).Select(k => k.Xml ?? "")];
    }

    private static async Task AddAccountAsync(SharedDatabaseSite site, string userName, string roles)
    {
        using var scope = site.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffAccount>>();
        (await users.CreateAsync(new StaffAccount { UserName = userName, DisplayName = userName, Roles = roles }, Password)).Succeeded.ShouldBeTrue();
    }
}
