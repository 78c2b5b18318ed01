using System.Diagnostics;
using System.Globalization;
using ComplexCases.TestSupport.Data;

namespace ComplexCases.Cli.Tests.Commands;

/// <summary>A run is all or nothing, even when its process is killed while it stores.</summary>
public sealed class ScreenKillTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Screen_KilledWhileStoring_LeavesTheDatabaseAsBeforeAndARerunSucceeds()
    {
        CliRun.InProcess("generate", "--people", "60000", "--months", "2", "--seed", "5", "--as-of", "2024-09-01",
            "--region", "east-of-england", "--out", _temp["gen"]).ExitCode.ShouldBe(0);
        CliRun.InProcess("screen", "--extract", _temp["gen/2024-08-01"], "--as-of", "2024-08-01", "--out", _temp["out-aug"],
            "--db", _temp["cc.db"], "--no-workbooks").ExitCode.ShouldBe(0);
        long runsBefore, resultsBefore, listedBefore;
        using (var db = TestDatabase.At(_temp["cc.db"]))
        {
            runsBefore = db.Count("screening_runs");
            resultsBefore = db.Count("person_results");
            listedBefore = db.Count("listed_cases");
        }

        using (var child = Process.Start(CliRun.ChildProcess("screen", "--extract", _temp["gen/2024-09-01"], "--as-of", "2024-09-01",
            "--out", _temp["out-sep"], "--db", _temp["cc.db"]))!)
        {
            // The plain progress lines say when storing starts: kill the process there, mid-transaction.
            string? line;
            var sawStoring = false;
            while ((line = child.StandardOutput.ReadLine()) is not null)
            {
                if (line.Contains("Storing results", StringComparison.Ordinal))
                {
                    sawStoring = true;
                    child.Kill(entireProcessTree: true);
                    break;
                }
            }
            child.WaitForExit();
            sawStoring.ShouldBeTrue("the run should have reached the store before it was killed");
        }

        using (var db = TestDatabase.At(_temp["cc.db"]))
        {
            db.Count("screening_runs").ShouldBe(runsBefore);
            db.Count("person_results").ShouldBe(resultsBefore);
            db.Count("listed_cases").ShouldBe(listedBefore);
        }
        File.Exists(_temp["out-sep/screening.json"]).ShouldBeFalse();

        var rerun = CliRun.InProcess("screen", "--extract", _temp["gen/2024-09-01"], "--as-of", "2024-09-01",
            "--out", _temp["out-sep"], "--db", _temp["cc.db"]);

        rerun.ExitCode.ShouldBe(0, rerun.Error);
        using var after = TestDatabase.At(_temp["cc.db"]);
        after.Count("screening_runs").ShouldBe(runsBefore + 1);
        after.Count("person_results").ShouldBeGreaterThan(resultsBefore + 50_000);
        File.Exists(_temp["out-sep/screening.json"]).ShouldBeTrue();
        rerun.Output.ShouldContain(string.Create(CultureInfo.InvariantCulture, $"compared with run {runsBefore}"));
    }
}
