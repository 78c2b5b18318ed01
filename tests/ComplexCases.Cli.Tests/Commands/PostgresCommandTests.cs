using ComplexCases.TestSupport.Data;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Cli.Tests.Commands;

/// <summary>
/// The command line on PostgreSQL, chosen by the <c>--db</c> value alone: a database of the test's own on the test
/// server, migrated by <c>complexcases migrate</c>, screened twice (the second month reconciled against the first, read
/// back through the provider), and its audit chain verified.
/// </summary>
public sealed class PostgresCommandTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly PostgresTestDatabase _database = new();

    public void Dispose()
    {
        _database.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public void Migrate_AppliesTheMigrationsOnce()
    {
        var first = CliRun.InProcess("migrate", "--db", _database.ConnectionString);
        var second = CliRun.InProcess("migrate", "--db", _database.ConnectionString);

        first.ExitCode.ShouldBe(0, first.Error);
        first.Output.ShouldContain($"PostgreSQL database '{_database.Name}'");
        first.Output.ShouldContain("applied ");
        second.ExitCode.ShouldBe(0, second.Error);
        second.Output.ShouldContain("up to date");
    }

    [Fact]
    public void Migrate_ADatabaseThatDoesNotExist_IsAUserError()
    {
        var missing = new Npgsql.NpgsqlConnectionStringBuilder(_database.ConnectionString) { Database = _database.Name + "_missing" }.ToString();

        var run = CliRun.InProcess("migrate", "--db", missing);

        run.ExitCode.ShouldBe(2, run.Output);
        run.Error.ShouldContain("--db");
    }

    [Fact]
    public void ScreenTwoMonths_ThenVerifyTheAudit_OnPostgres()
    {
        CliRun.InProcess("migrate", "--db", _database.ConnectionString).ExitCode.ShouldBe(0);

        foreach (var month in new[] { "2024-08-01", "2024-09-01" })
        {
            var extract = Path.Combine(ComplexCases.TestSupport.Repository.Root, "samples", month);
            var screen = CliRun.InProcess("screen", "--extract", extract, "--as-of", month, "--out", _temp["out-" + month],
                "--db", _database.ConnectionString, "--no-workbooks");
            screen.ExitCode.ShouldBe(0, screen.Error);
        }
        var verify = CliRun.InProcess("audit", "verify", "--db", _database.ConnectionString);

        verify.ExitCode.ShouldBe(0, verify.Error);
        verify.Output.ShouldContain("chain intact");
        using var db = _database.Open();
        var runs = db.Runs.AsNoTracking().OrderBy(r => r.AsOf).Select(r => r.Id).ToList();
        runs.Count.ShouldBe(2);
        foreach (var run in runs) db.PersonResults.Count(p => p.RunId == run).ShouldBeGreaterThan(0);
        db.RunInputs.Count().ShouldBeGreaterThan(0);
    }

    [Fact]
    public void OutcomesImport_OnPostgres_StoresEachOutcomeOnce_AndEvaluateReadsThem()
    {
        CliRun.InProcess("migrate", "--db", _database.ConnectionString).ExitCode.ShouldBe(0);
        File.WriteAllText(_temp["o.csv"], "crn,occurred_on,type\nE000001,2024-03-01,RECALL\nE000001,2024-03-01,RECALL\nE000002,2024-04-30,BREACH\n");

        var first = CliRun.InProcess("outcomes", "import", "--db", _database.ConnectionString, "--file", _temp["o.csv"]);
        var second = CliRun.InProcess("outcomes", "import", "--db", _database.ConnectionString, "--file", _temp["o.csv"]);

        first.ExitCode.ShouldBe(0, first.Error);
        first.Output.ShouldContain("2 new outcomes");
        second.ExitCode.ShouldBe(0, second.Error);
        second.Output.ShouldContain("0 new outcomes, 2 already stored");
        using var db = _database.Open();
        db.Outcomes.AsNoTracking().OrderBy(o => o.Crn).Select(o => o.OccurredOn).ToList()
            .ShouldBe([new DateOnly(2024, 3, 1), new DateOnly(2024, 4, 30)]);
        CliRun.InProcess("audit", "verify", "--db", _database.ConnectionString).ExitCode.ShouldBe(0);
    }
}
