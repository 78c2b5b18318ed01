using System.Diagnostics;
using System.Text.Json;
using ComplexCases.TestSupport.Data;

namespace ComplexCases.Cli.Tests.Commands;

/// <summary>Generated months and a clean reference run of them, shared by the kill tests.</summary>
public sealed class KillTestMonths : IDisposable
{
    private static readonly string[] Tables = ["screening_runs", "run_files", "person_results", "listed_cases", "rejected_rows",
        "case_workflows", "workflow_events", "audit_events"];

    internal TempFolder Temp { get; } = new();

    public KillTestMonths()
    {
        CliRun.InProcess("generate", "--people", "30000", "--months", "2", "--seed", "11", "--as-of", "2024-09-01",
            "--region", "east-of-england", "--defects", "0.01", "--out", Temp["gen"]).ExitCode.ShouldBe(0);
        CliRun.InProcess("screen", "--extract", Temp["gen/2024-08-01"], "--as-of", "2024-08-01", "--out", Temp["ref-aug"], "--db", Temp["ref.db"]).ExitCode.ShouldBe(0);
        AfterAugust = Counts(Temp["ref.db"]);
        CliRun.InProcess("screen", "--extract", Temp["gen/2024-09-01"], "--as-of", "2024-09-01", "--out", Temp["ref-sep"], "--db", Temp["ref.db"]).ExitCode.ShouldBe(0);
        AfterSeptember = Counts(Temp["ref.db"]);
    }

    /// <summary>Rows per table once August is stored, and once September is too (a run that completed, intake and audit included).</summary>
    internal IReadOnlyDictionary<string, long> AfterAugust { get; }
    internal IReadOnlyDictionary<string, long> AfterSeptember { get; }

    internal static Dictionary<string, long> Counts(string file)
    {
        using var db = TestDatabase.At(file);
        return Tables.ToDictionary(t => t, db.Count);
    }

    public void Dispose() => Temp.Dispose();
}

/// <summary>
/// A run is all or nothing whichever moment its process is killed: reading, screening, storing, the workflow intake, just
/// before the commit, and the last part of the run, after the commit, while its lists are moved into place. The database
/// then holds either the month before or the whole run (intake and audit entries included), and the next start leaves the
/// output folder complete with no staging folder.
/// </summary>
public sealed class ScreenKillEveryStageTests(KillTestMonths months) : IClassFixture<KillTestMonths>, IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("Reading extract@0.5", false)]
    [InlineData("Screening@0", false)]
    [InlineData("Storing results@0.5", false)]
    [InlineData("Taking cases into the workflow@0", false)]
    [InlineData("Committing@0", false)]
    [InlineData("Publishing lists@0", true)]
    [InlineData("Publishing lists@0.4", true)]
    [InlineData("Publishing lists@0.9", true)]
    public void Screen_KilledAtAnyStage_LeavesTheMonthBeforeOrTheWholeRun_AndTheNextStartTidiesTheOutput(string pauseAt, bool committed)
    {
        var db = _temp["cc.db"];
        CliRun.InProcess("screen", "--extract", months.Temp["gen/2024-08-01"], "--as-of", "2024-08-01", "--out", _temp["out"], "--db", db).ExitCode.ShouldBe(0);
        KillTestMonths.Counts(db).ShouldBe(months.AfterAugust);

        var info = CliRun.ChildProcess("screen", "--extract", months.Temp["gen/2024-09-01"], "--as-of", "2024-09-01", "--out", _temp["out"], "--db", db);
        info.Environment["COMPLEXCASES_PAUSE_AT"] = pauseAt;
        using (var child = Process.Start(info)!)
        {
            string? line;
            var paused = false;
            while ((line = child.StandardOutput.ReadLine()) is not null)
            {
                if (!line.StartsWith("paused at ", StringComparison.Ordinal)) continue;
                paused = true;
                child.Kill(entireProcessTree: true);
                break;
            }
            child.WaitForExit();
            paused.ShouldBeTrue($"the run should have reached {pauseAt}: {child.StandardError.ReadToEnd()}");
        }

        KillTestMonths.Counts(db).ShouldBe(committed ? months.AfterSeptember : months.AfterAugust);

        // The next start: the same command again.
        var rerun = CliRun.InProcess("screen", "--extract", months.Temp["gen/2024-09-01"], "--as-of", "2024-09-01", "--out", _temp["out"], "--db", db);

        rerun.ExitCode.ShouldBe(0, rerun.Error);
        KillTestMonths.Counts(db).ShouldBe(months.AfterSeptember);
        Directory.GetDirectories(_temp["out"], ".staging-*").ShouldBeEmpty();
        using var json = JsonDocument.Parse(File.ReadAllText(_temp["out/screening.json"]));
        json.RootElement.GetProperty("asOf").GetString().ShouldBe("2024-09-01");
        json.RootElement.GetProperty("runId").GetInt32().ShouldBe(2);
        Directory.GetFiles(_temp["out/lists"]).Select(Path.GetFileName).ShouldBe(
            Directory.GetFiles(months.Temp["ref-sep/lists"]).Select(Path.GetFileName), ignoreOrder: true);
    }
}
