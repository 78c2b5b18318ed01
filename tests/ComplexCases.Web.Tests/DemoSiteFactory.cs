using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ComplexCases.Web.Tests;

/// <summary>The web app on a real SQLite file, seeded by demo mode with a small generated region (shared per test class).</summary>
public sealed class DemoSiteFactory : WebApplicationFactory<Program>
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "complexcases-web-" + Guid.NewGuid().ToString("N"));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(_folder);
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:ComplexCases", Path.Combine(_folder, "web.db"));
        builder.UseSetting("Demo:Enabled", "true");
        builder.UseSetting("Demo:People", "3000");
        builder.UseSetting("Demo:Months", "3");
    }

    /// <summary>The site's own database, opened directly (to check what was stored or audited).</summary>
    public ComplexCases.Data.ComplexCasesDbContext OpenDatabase() =>
        Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<ComplexCases.Application.Storage.DatabaseTarget>(Services).Open();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (disposing && Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }
}
