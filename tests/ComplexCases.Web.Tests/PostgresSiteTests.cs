using System.Net;
using ComplexCases.Application.Audit;
using ComplexCases.Data.Providers;
using ComplexCases.Domain.Audit;
using ComplexCases.TestSupport;
using ComplexCases.TestSupport.Data;
using ComplexCases.TestSupport.Web;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ComplexCases.Web.Tests;

/// <summary>The demo site on PostgreSQL: seeded (three months screened through the provider), then served.</summary>
public sealed class PostgresDemoSiteFactory : WebApplicationFactory<Program>
{
    public PostgresTestDatabase Database { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in DemoSite.Settings(Database.ConnectionString)) builder.UseSetting(key, value);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(new TestClock()));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) Database.Dispose();
    }
}

/// <summary>
/// A representative subset of the site on PostgreSQL in every pass (the whole suite runs on PostgreSQL too with
/// COMPLEXCASES_TEST_PROVIDER=postgres, see scripts/test.sh): the pages that read lists, runs,
/// cases' evidence and the audit log, as the roles that may see them, with every read audited into a chain that still verifies.
/// </summary>
public sealed class PostgresSiteTests(PostgresDemoSiteFactory site) : IClassFixture<PostgresDemoSiteFactory>
{
    [Theory]
    [InlineData("/", "admin")]
    [InlineData("/runs", "admin")]
    [InlineData("/admin/audit", "admin")]
    [InlineData("/health/ready", "admin")]
    [InlineData("/", "head-of-pdu")]
    [InlineData("/lists/EOENFK", "head-of-pdu")]
    [InlineData("/lists/EOENFK/download", "head-of-pdu")]
    [InlineData("/definitions/lab", "head-of-pdu")]
    [InlineData("/definitions/compare?a=pilot-2024@1&b=pilot-2024@1", "head-of-pdu")]
    [InlineData("/api/lists/EOENFK", "head-of-pdu")]
    [InlineData("/insight/process", "analyst")]
    [InlineData("/insight/quality", "qdo")]
    [InlineData("/insight/expertise", "panel-team")]
    [InlineData("/insight/capacity", "head-of-pdu")]
    [InlineData("/insight/capacity?handler=csv&table=forecast", "analyst")]
    public async Task Page_OnPostgres_Answers(string path, string user)
    {
        using var client = await site.SignInAsync(user);

        var response = await client.GetAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, path);
    }

    [Fact]
    public async Task ReadsAudited_OnPostgres_KeepTheChainIntact()
    {
        using var client = await site.SignInAsync("head-of-pdu");
        (await client.GetAsync("/lists/EOENFK")).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var db = site.Database.Open();
        var verifier = new AuditChainVerifier();
        var entries = 0;
        foreach (var row in db.AuditChain().InSequence(db))
        {
            verifier.Check(row.ToAuditEvent()).ShouldBeTrue($"entry {row.Sequence}");
            entries++;
        }
        verifier.Result.Intact.ShouldBeTrue();
        entries.ShouldBeGreaterThan(3);
    }
}
