using ComplexCases.Data.Audit;
using ComplexCases.TestSupport.Data;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Cli.Tests.Commands;

/// <summary>
/// A broken extract never becomes a month: each run is reconciled with the previous stored month and refused (exit 2,
/// the figures on one line, nothing stored) beyond the limits, unless the analyst accepts it with a reason (audited).
/// </summary>
public sealed class ScreenReconciliationTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public ScreenReconciliationTests()
    {
        CliRun.InProcess("generate", "--people", "800", "--months", "2", "--seed", "7", "--as-of", "2024-09-01",
            "--region", "east-of-england", "--out", _temp["gen"]).ExitCode.ShouldBe(0);
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Screen_PeopleFileTruncatedMidFile_IsRefusedWithTheFiguresAndStoresNothing()
    {
        StoreAugust();
        var september = CopyOfSeptember();
        var lines = File.ReadAllLines(Path.Combine(september, "people.csv"));
        File.WriteAllLines(Path.Combine(september, "people.csv"), lines.Take(lines.Length / 2));
        var runsBefore = Runs();

        var run = Screen(september, "2024-09-01");

        run.ExitCode.ShouldBe(2, run.Output);
        run.Error.ShouldStartWith("error: the extract looks broken compared with run 1 (2024-08-01)");
        run.Error.ShouldContain($"people screened: {lines.Length / 2 - 1:N0} (was ");
        run.Error.ShouldContain("limit -10%");
        run.Error.ShouldContain("--accept-changes");
        run.Error.TrimEnd('\n').ShouldNotContain('\n');
        Runs().ShouldBe(runsBefore);
        Directory.Exists(_temp["out-sep"]).ShouldBeFalse("a refused run leaves no new output folder");
    }

    [Fact]
    public void Screen_HeaderOnlyPeopleFile_IsRefusedEvenAsTheFirstMonth()
    {
        var september = CopyOfSeptember();
        File.WriteAllLines(Path.Combine(september, "people.csv"), File.ReadAllLines(Path.Combine(september, "people.csv")).Take(1));

        var run = Screen(september, "2024-09-01");

        run.ExitCode.ShouldBe(2);
        run.Error.ShouldContain("people screened: 0: people.csv has no data rows (header only)");
        File.Exists(_temp["cc.db"]).ShouldBeFalse("a refused first run leaves no new database behind");
    }

    [Fact]
    public void Screen_EveryPeopleRowRejected_IsRefused()
    {
        StoreAugust();
        var september = CopyOfSeptember();
        var lines = File.ReadAllLines(Path.Combine(september, "people.csv"));
        // The CRN is the first column: 'e' instead of 'E' makes every row's CRN malformed.
        File.WriteAllLines(Path.Combine(september, "people.csv"), lines.Take(1).Concat(lines.Skip(1).Select(l => "e" + l[1..])));

        var run = Screen(september, "2024-09-01");

        run.ExitCode.ShouldBe(2);
        run.Error.ShouldContain($"people.csv has all {lines.Length - 1:N0} rows rejected");
        Runs().ShouldBe(1);
    }

    [Fact]
    public void Screen_OptionalFilePresentLastMonthAndMissingNow_IsRefusedNamingIt()
    {
        StoreAugust();
        var september = CopyOfSeptember();
        File.Delete(Path.Combine(september, "registrations.csv"));

        var run = Screen(september, "2024-09-01");

        run.ExitCode.ShouldBe(2);
        run.Error.ShouldContain("registrations.csv: missing (was present (");
        Runs().ShouldBe(1);
    }

    [Fact]
    public void Screen_ShareOfRowsRejectedAboveTheLimit_IsRefused()
    {
        StoreAugust();
        var september = CopyOfSeptember();
        var path = Path.Combine(september, "registrations.csv");
        var lines = File.ReadAllLines(path);
        // One row in ten gets a field too many: rejected, 10% of the file.
        File.WriteAllLines(path, lines.Select((l, i) => i > 0 && i % 10 == 0 ? l + ",extra" : l));

        var run = Screen(september, "2024-09-01");

        run.ExitCode.ShouldBe(2);
        run.Error.ShouldContain("registrations.csv rows rejected: ");
        run.Error.ShouldContain("limit 5%");
    }

    [Fact]
    public void Screen_ChangesAcceptedWithAReason_StoresTheMonthAndAuditsTheReasonWithTheFigures()
    {
        StoreAugust();
        var september = CopyOfSeptember();
        var lines = File.ReadAllLines(Path.Combine(september, "people.csv"));
        File.WriteAllLines(Path.Combine(september, "people.csv"), lines.Take(lines.Length / 2));

        var run = Screen(september, "2024-09-01", "--accept-changes", "Norfolk moved to the new system this month");

        run.ExitCode.ShouldBe(0, run.Error);
        run.Output.ShouldContain("Changes accepted (Norfolk moved to the new system this month)");
        Runs().ShouldBe(2);
        using var db = TestDatabase.At(_temp["cc.db"]).Open();
        var accepted = db.Set<StoredAuditEvent>().AsNoTracking().Where(e => e.EventType == "screening.changes_accepted").ToList().ShouldHaveSingleItem();
        accepted.Actor.ShouldBe("cli");
        accepted.Details.ShouldContain("Norfolk moved to the new system this month");
        accepted.Details.ShouldContain("people screened");
        accepted.Details.ShouldContain("\"previousRunId\":1");
    }

    [Fact]
    public void Screen_AcceptChangesWithoutAReason_IsAUserError()
    {
        var run = Screen(CopyOfSeptember(), "2024-09-01", "--accept-changes", " ");

        run.ExitCode.ShouldBe(2);
        run.Error.ShouldContain("--accept-changes: give the reason");
    }

    [Fact]
    public void Screen_NextMonthWithinTheLimits_IsStoredWithoutAnyAcceptance()
    {
        StoreAugust();

        var run = Screen(_temp["gen/2024-09-01"], "2024-09-01");

        run.ExitCode.ShouldBe(0, run.Error);
        using var db = TestDatabase.At(_temp["cc.db"]).Open();
        db.Set<StoredAuditEvent>().AsNoTracking().Count(e => e.EventType == "screening.changes_accepted").ShouldBe(0);
    }

    private void StoreAugust() => Screen(_temp["gen/2024-08-01"], "2024-08-01", "--out", _temp["out-aug"]).ExitCode.ShouldBe(0);

    private string CopyOfSeptember()
    {
        var folder = _temp["sep-copy"];
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.GetFiles(_temp["gen/2024-09-01"])) File.Copy(file, Path.Combine(folder, Path.GetFileName(file)), overwrite: true);
        return folder;
    }

    private CliRun.Outcome Screen(string extract, string asOf, params string[] more)
    {
        var args = new List<string> { "screen", "--extract", extract, "--as-of", asOf, "--db", _temp["cc.db"], "--no-workbooks" };
        if (!more.Contains("--out")) args.AddRange(["--out", _temp["out-sep"]]);
        args.AddRange(more);
        return CliRun.InProcess([.. args]);
    }

    private long Runs()
    {
        using var db = TestDatabase.At(_temp["cc.db"]);
        return db.Count("screening_runs");
    }
}
