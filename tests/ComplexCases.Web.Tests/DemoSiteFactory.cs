using ComplexCases.TestSupport;
using ComplexCases.TestSupport.Data;
using ComplexCases.TestSupport.Web;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ComplexCases.Web.Tests;

/// <summary>
/// The web app on a database of its own on the run's engine (<see cref="TestDatabases"/>: a SQLite file, or a database on the
/// PostgreSQL test server), seeded by demo mode with a small generated region (shared per test class), on a
/// <see cref="TestClock"/>: the demo is placed around the clock's day, never the real one.
/// </summary>
public class DemoSiteFactory : WebApplicationFactory<Program>
{
    private readonly ITestDatabase _database = TestDatabases.Create();

    public DemoSiteFactory() : this(new TestClock())
    {
    }

    protected DemoSiteFactory(TestClock clock) => Clock = clock;

    /// <summary>The site's clock: its <see cref="TestClock.Today"/> is the demo's today.</summary>
    public TestClock Clock { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in DemoSite.Settings(_database)) builder.UseSetting(key, value);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    /// <summary>The site's own database, opened directly (to check what was stored or audited).</summary>
    public ComplexCases.Data.ComplexCasesDbContext OpenDatabase() =>
        Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<ComplexCases.Application.Storage.DatabaseTarget>(Services).Open();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) _database.Dispose();
    }
}
