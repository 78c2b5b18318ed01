using ComplexCases.TestSupport.Data;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Application.Tests.Providers;

/// <summary>
/// The switch that runs this suite on either database really changes the engine: a pass with
/// COMPLEXCASES_TEST_PROVIDER=postgres that quietly ran on SQLite files would prove nothing about PostgreSQL.
/// </summary>
public sealed class TestDatabasesTests
{
    [Fact]
    public void Create_GivesADatabaseOfTheEngineTheSwitchNames()
    {
        var named = Environment.GetEnvironmentVariable(TestDatabases.ProviderVariable);
        using var database = TestDatabases.Create();
        using var db = database.Open();

        var expected = string.Equals(named?.Trim(), "postgres", StringComparison.OrdinalIgnoreCase) ? "postgres" : "sqlite";
        database.Engine.ShouldBe(expected);
        db.Database.ProviderName.ShouldBe(expected == "postgres" ? "Npgsql.EntityFrameworkCore.PostgreSQL" : "Microsoft.EntityFrameworkCore.Sqlite");
        database.Provider.ShouldBeSameAs(TestDatabases.Provider);
    }

    [Fact]
    public void Create_TwoDatabases_AreSeparate()
    {
        using var one = TestDatabases.Create();
        using var other = TestDatabases.Create();
        using (var db = one.Open())
        {
            db.Runs.Add(new Data.Screening.ScreeningRun
            {
                AsOf = new DateOnly(2024, 9, 1), DefinitionId = "pilot-2024", DefinitionVersion = 1, ExtractSha256 = new string('0', 64), RunBy = "test",
                CompletedAt = new DateTimeOffset(2024, 9, 2, 9, 0, 0, TimeSpan.Zero),
            });
            db.SaveChanges();
        }

        one.Count("screening_runs").ShouldBe(1);
        other.Count("screening_runs").ShouldBe(0);
    }
}
