using System.Net;
using ComplexCases.TestSupport.Data;

namespace ComplexCases.Web.Tests;

/// <summary>Outside demo and development, the site applies no migrations itself: it refuses an outdated database and says how to upgrade it.</summary>
public sealed class MigrateOnStartTests
{
    [Fact]
    public void Start_InProductionOnAnOutdatedDatabase_IsRefusedWithHowToMigrate()
    {
        using var site = new ConfiguredSiteFactory("Production", new Dictionary<string, string?> { ["Database:MigrateOnStart"] = "false" });

        var failure = Should.Throw<Exception>(() => site.CreateClient());

        Messages(failure).ShouldContain(m => m.Contains("complexcases migrate", StringComparison.Ordinal) && m.Contains("Database:MigrateOnStart", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_InProductionOnAMigratedPostgresDatabase_Serves()
    {
        using var database = new PostgresTestDatabase();
        using (database.Open()) { }
        using var site = new ConfiguredSiteFactory("Production", new Dictionary<string, string?>
        {
            ["Database:MigrateOnStart"] = "false", ["ConnectionStrings:ComplexCases"] = database.ConnectionString,
        });
        using var client = site.CreateClient();

        (await client.GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static IEnumerable<string> Messages(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException) yield return e.Message;
    }
}
