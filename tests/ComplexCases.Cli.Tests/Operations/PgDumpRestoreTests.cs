using System.Diagnostics;
using ComplexCases.Cli.Tests.Commands;
using ComplexCases.TestSupport.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ComplexCases.Cli.Tests.Operations;

/// <summary>
/// The PostgreSQL backup procedure of docs/operations.md, carried out: a populated database (two screened months, so
/// runs, lists, workflows, run inputs and an audit chain) dumped with <c>pg_dump --format=custom</c>, restored with
/// <c>pg_restore --single-transaction</c> into a new empty database, then checked there with the CLI as an operator would
/// (<c>audit verify</c>, <c>migrate</c>). Uses Debian's client programs from the test server's own installation, found
/// as scripts/ensure-postgres.sh finds the server.
/// </summary>
public sealed class PgDumpRestoreTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly PostgresTestDatabase _live = new();
    private readonly PostgresTestDatabase _restored = new();

    public void Dispose()
    {
        _restored.Dispose();
        _live.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public void DumpedAndRestoredIntoANewDatabase_TheDataAndTheAuditChainVerifyThere()
    {
        CliRun.InProcess("migrate", "--db", _live.ConnectionString).ExitCode.ShouldBe(0);
        foreach (var month in new[] { "2024-08-01", "2024-09-01" })
        {
            var screen = CliRun.InProcess("screen", "--extract", Path.Combine(ComplexCases.TestSupport.Repository.Root, "samples", month),
                "--as-of", month, "--out", _temp["out-" + month], "--db", _live.ConnectionString, "--no-workbooks");
            screen.ExitCode.ShouldBe(0, screen.Error);
        }
        var before = CliRun.InProcess("audit", "verify", "--db", _live.ConnectionString);
        before.ExitCode.ShouldBe(0, before.Error);
        var dump = _temp["complexcases.dump"];

        Client("pg_dump", _live.ConnectionString, "--format=custom", "--no-owner", $"--file={dump}", $"--dbname={_live.Name}");
        Client("pg_restore", _restored.ConnectionString, "--exit-on-error", "--single-transaction", "--no-owner", $"--dbname={_restored.Name}", dump);

        var after = CliRun.InProcess("audit", "verify", "--db", _restored.ConnectionString);
        after.ExitCode.ShouldBe(0, after.Error);
        after.Output.ShouldContain("chain intact");
        // The same head (sequence and hash) as the live database's when the dump was taken: the restored log is the whole log.
        HeadLine(after.Output).ShouldBe(HeadLine(before.Output));
        var migrate = CliRun.InProcess("migrate", "--db", _restored.ConnectionString);
        migrate.ExitCode.ShouldBe(0, migrate.Error);
        migrate.Output.ShouldContain("up to date");
        foreach (var table in new[] { "screening_runs", "person_results", "listed_cases", "case_workflows", "run_inputs", "audit_events", "definitions" })
        {
            var live = _live.Count(table);
            live.ShouldBeGreaterThan(0, table);
            _restored.Count(table).ShouldBe(live, table);
        }
        using (var live = _live.Open())
        using (var restored = _restored.Open())
        {
            Lists(restored).ShouldBe(Lists(live));
        }
        // The append-only triggers came back with the rows: the restored log is protected again.
        var change = Should.Throw<PostgresException>(() => _restored.Execute("UPDATE audit_events SET \"Actor\" = 'someone else'"));
        change.MessageText.ShouldContain("append-only");
    }

    /// <summary>Every run's listed cases with what a list page shows of them, in a fixed order.</summary>
    private static List<string> Lists(ComplexCases.Data.ComplexCasesDbContext db) =>
        [.. db.ListedCases.AsNoTracking().OrderBy(c => c.RunId).ThenBy(c => c.Crn)
            .Select(c => c.RunId + " " + c.Crn + " " + c.Status + " " + c.Score + " " + c.Change + " " + c.EvidenceJson)];

    private static string HeadLine(string output) =>
        output.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("head: ", StringComparison.Ordinal));

    /// <summary>Runs a PostgreSQL client program as the test server's user; the password goes in the environment, never the arguments.</summary>
    private static void Client(string program, string connectionString, params string[] args)
    {
        var server = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(Path.Combine(ClientFolder(), program))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { $"--host={server.Host}", $"--port={server.Port}", $"--username={server.Username}", "--no-password" }.Concat(args))
            start.ArgumentList.Add(arg);
        start.Environment["PGPASSWORD"] = server.Password;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit(TimeSpan.FromMinutes(2)).ShouldBeTrue($"{program} did not finish in 2 minutes");
        process.ExitCode.ShouldBe(0, $"{program}: {error.Result} {output}");
    }

    /// <summary>
    /// The newest installed PostgreSQL's bin folder that has a server (initdb): the test server's own version, so pg_dump
    /// is never older than the server it dumps (scripts/ensure-postgres.sh picks the server the same way).
    /// </summary>
    private static string ClientFolder()
    {
        const string root = "/usr/lib/postgresql";
        var folder = Directory.Exists(root)
            ? Directory.GetDirectories(root)
                .Select(d => Path.Combine(d, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "initdb")) && File.Exists(Path.Combine(bin, "pg_dump")))
                .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var major) ? major : 0)
                .FirstOrDefault()
            : null;
        return folder ?? throw new InvalidOperationException($"no PostgreSQL client programs under {root} (scripts/ensure-postgres.sh installs them with the server)");
    }
}
