using ComplexCases.TestSupport.Data;
using ComplexCases.TestSupport.Web;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ComplexCases.Web.Tests;

/// <summary>The web app on a real SQLite file, seeded by demo mode with a small generated region (shared per test class).</summary>
public sealed class DemoSiteFactory : WebApplicationFactory<Program>
{
    private readonly TestDatabase _database = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in DemoSite.Settings(_database)) builder.UseSetting(key, value);
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
