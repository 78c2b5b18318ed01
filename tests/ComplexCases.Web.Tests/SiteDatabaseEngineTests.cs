using ComplexCases.Application.Storage;
using ComplexCases.TestSupport.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ComplexCases.Web.Tests;

/// <summary>The test sites are on the engine COMPLEXCASES_TEST_PROVIDER names, so the PostgreSQL pass of this suite is on PostgreSQL.</summary>
public sealed class SiteDatabaseEngineTests
{
    [Fact]
    public void TestSite_IsOnTheEngineTheSwitchNames()
    {
        using var site = new ConfiguredSiteFactory("Testing", new Dictionary<string, string?>());

        using var db = site.Services.GetRequiredService<DatabaseTarget>().Open();

        db.Database.ProviderName.ShouldBe(TestDatabases.OnPostgres ? "Npgsql.EntityFrameworkCore.PostgreSQL" : "Microsoft.EntityFrameworkCore.Sqlite");
    }
}
