using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ComplexCases.Web.Tests;

/// <summary>
/// The web app on a database of its own on the run's engine (<see cref="ComplexCases.TestSupport.Data.TestDatabases"/>), unless
/// the settings name one, in a given environment with extra settings, without demo data (so starting it is quick).
/// </summary>
public sealed class ConfiguredSiteFactory(string environment, IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<Program>
{
    /// <summary>The site's clock (an ordinary working day unless a test sets another).</summary>
    public ComplexCases.TestSupport.TestClock Clock { get; init; } = new();

    /// <summary>A synthetic key (32 bytes of 7) for Production sites, which refuse to start without one.</summary>
    public static readonly string TestPseudonymKey = Convert.ToBase64String(Enumerable.Repeat((byte)7, 32).ToArray());

    private ComplexCases.TestSupport.Data.ITestDatabase? _database;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        if (!settings.ContainsKey("ConnectionStrings:ComplexCases"))
        {
            _database = ComplexCases.TestSupport.Data.TestDatabases.Create();
            builder.UseSetting("ConnectionStrings:ComplexCases", _database.Target);
        }
        builder.UseSetting("Demo:Enabled", "false");
        // Sites made for a test start on a new database; the refusal of an outdated one has its own test.
        builder.UseSetting("Database:MigrateOnStart", "true");
        // Production requires a pseudonym key and a certificate for the key ring; a test that wants either missing or wrong says so.
        if (environment == "Production")
        {
            builder.UseSetting("Pseudonyms:Key", TestPseudonymKey);
            builder.UseSetting("DataProtection:Certificate:Path", Operations.TestCertificate.Shared.CombinedPemPath);
        }
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (disposing) _database?.Dispose();
    }
}
