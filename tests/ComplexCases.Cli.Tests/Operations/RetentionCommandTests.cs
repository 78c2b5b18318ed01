using ComplexCases.Cli.Tests.Commands;
using ComplexCases.TestSupport.Data;

namespace ComplexCases.Cli.Tests.Operations;

/// <summary><c>complexcases retention erase</c> on a real SQLite file.</summary>
public sealed class RetentionCommandTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly RetentionScenario _scenario;

    public RetentionCommandTests()
    {
        _scenario = new RetentionScenario(_temp["cc.db"], () => TestDatabase.At(_temp["cc.db"]).Open(), _temp);
        _scenario.Prepare();
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Erase_RemovesPeopleNoLongerSupervised_AndTheChainStillVerifies()
    {
        var run = _scenario.Erase();

        run.ExitCode.ShouldBe(0, run.Error);
        run.Output.ShouldContain("Erased 18 people not screened in any run since 2024-08-20 (12 months).");
        run.Output.ShouldContain("Recorded as audit entry");
        _scenario.ShouldHaveErasedTheAugustOnlyPeople();
        var verify = CliRun.InProcess("audit", "verify", "--db", _temp["cc.db"]);
        verify.ExitCode.ShouldBe(0, verify.Error);
        verify.Output.ShouldContain("chain intact");
    }

    [Fact]
    public void DryRun_CountsTheSameAndChangesNothing()
    {
        var before = _scenario.Counts();

        var dry = _scenario.Erase("--dry-run");

        dry.ExitCode.ShouldBe(0, dry.Error);
        dry.Output.ShouldContain("Dry run: would erase 18 people");
        dry.Output.ShouldContain("Nothing was changed.");
        _scenario.Counts().ShouldBe(before);
        var real = _scenario.Erase();
        real.Output.Split('\n').Skip(1).TakeWhile(l => l.StartsWith("  ", StringComparison.Ordinal))
            .ShouldBe(dry.Output.Split('\n').Skip(1).TakeWhile(l => l.StartsWith("  ", StringComparison.Ordinal)));
    }

    [Fact]
    public void Erase_TwiceErasesNothingMoreButIsRecordedEachTime()
    {
        _scenario.Erase().ExitCode.ShouldBe(0);
        var audit = _scenario.Counts().Audit;

        var again = _scenario.Erase();

        again.ExitCode.ShouldBe(0, again.Error);
        again.Output.ShouldContain("Erased 0 people");
        _scenario.Counts().Audit.ShouldBe(audit + 1);
    }

    [Fact]
    public void Erase_WithNoRunInThePeriod_IsRefused()
    {
        var before = _scenario.Counts();

        var run = CliRun.InProcessAt(RetentionScenario.Now.AddYears(3), null, "retention", "erase", "--older-than", "12", "--db", _temp["cc.db"]);

        run.ExitCode.ShouldBe(2);
        run.Error.ShouldContain("so everyone would be erased; nothing was erased");
        _scenario.Counts().ShouldBe(before);
    }

    [Fact]
    public void Erase_WithAPeriodOutOfRange_IsAUserError()
    {
        var run = CliRun.InProcessAt(RetentionScenario.Now, null, "retention", "erase", "--older-than", "0", "--db", _temp["cc.db"]);

        run.ExitCode.ShouldBe(2);
        run.Error.ShouldContain("--older-than");
    }
}

/// <summary>The same erasure on PostgreSQL.</summary>
public sealed class RetentionCommandPostgresTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly PostgresTestDatabase _database = new();
    private readonly RetentionScenario _scenario;

    public RetentionCommandPostgresTests()
    {
        CliRun.InProcess("migrate", "--db", _database.ConnectionString).ExitCode.ShouldBe(0);
        _scenario = new RetentionScenario(_database.ConnectionString, _database.Open, _temp);
        _scenario.Prepare();
    }

    public void Dispose()
    {
        _database.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public void Erase_OnPostgres_DryRunChangesNothing_ThenErasesAndTheChainVerifies()
    {
        var before = _scenario.Counts();
        var dry = _scenario.Erase("--dry-run");
        dry.ExitCode.ShouldBe(0, dry.Error);
        _scenario.Counts().ShouldBe(before);

        var run = _scenario.Erase();

        run.ExitCode.ShouldBe(0, run.Error);
        run.Output.ShouldContain("Erased 18 people");
        _scenario.ShouldHaveErasedTheAugustOnlyPeople();
        var verify = CliRun.InProcess("audit", "verify", "--db", _database.ConnectionString);
        verify.ExitCode.ShouldBe(0, verify.Error);
    }
}
