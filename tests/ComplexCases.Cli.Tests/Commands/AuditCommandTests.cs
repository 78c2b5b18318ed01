using ComplexCases.Application.Audit;
using ComplexCases.Domain.Audit;
using ComplexCases.Domain.People;
using ComplexCases.TestSupport.Data;
using Microsoft.Extensions.Time.Testing;

namespace ComplexCases.Cli.Tests.Commands;

/// <summary>`complexcases audit verify` and `audit list` on real SQLite files, tampered with through SQL as an intruder would.</summary>
public sealed class AuditCommandTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2024, 9, 2, 9, 0, 0, TimeSpan.Zero));

    public void Dispose() => _temp.Dispose();

    private string DbPath => _temp["cc.db"];

    [Fact]
    public void Verify_IntactLog_ExitsZeroWithTheCount()
    {
        Record(5);

        var run = CliRun.InProcess("audit", "verify", "--db", DbPath);

        run.ExitCode.ShouldBe(0, run.Error);
        run.Output.ShouldStartWith("5 entries, chain intact");
        run.Output.ShouldMatch("head: entry 5 [0-9a-f]{64}");
        run.Error.ShouldBeEmpty();
    }

    [Fact]
    public void Verify_AfterScreeningTheSample_IsIntact()
    {
        var samples = Path.Combine(ComplexCases.TestSupport.Repository.Root, "samples", "2024-08-01");
        CliRun.InProcess("screen", "--extract", samples, "--as-of", "2024-08-01", "--out", _temp["out"], "--db", DbPath, "--no-workbooks").ExitCode.ShouldBe(0);

        var run = CliRun.InProcess("audit", "verify", "--db", DbPath);

        run.ExitCode.ShouldBe(0, run.Error);
        // The run's collection, then its complex cases entering the workflow.
        run.Output.ShouldStartWith("2 entries, chain intact");
    }

    [Fact]
    public void Verify_EmptyLog_ExitsZero()
    {
        using (TestDatabase.At(DbPath).Open()) { }

        var run = CliRun.InProcess("audit", "verify", "--db", DbPath);

        run.ExitCode.ShouldBe(0);
        run.Output.ShouldStartWith("0 entries, chain intact");
    }

    [Fact]
    public void Verify_FieldChangedThroughSql_ExitsOneNamingThatEntry()
    {
        Record(5);
        Tamper("DROP TRIGGER audit_events_no_update; UPDATE audit_events SET Actor = 'someone.else' WHERE Sequence = 3;");

        var run = CliRun.InProcess("audit", "verify", "--db", DbPath);

        run.ExitCode.ShouldBe(1);
        run.Error.ShouldStartWith("entry 3: hash mismatch");
        run.Error.ShouldContain("2 entries are intact before entry 3");
        run.Output.ShouldNotContain("chain intact");
    }

    [Fact]
    public void Verify_EntryDeletedThroughSql_ExitsOneNamingTheEntryAfterTheGap()
    {
        Record(5);
        Tamper("DROP TRIGGER audit_events_no_delete; DELETE FROM audit_events WHERE Sequence = 2;");

        var run = CliRun.InProcess("audit", "verify", "--db", DbPath);

        run.ExitCode.ShouldBe(1);
        run.Error.ShouldStartWith("entry 3: sequence gap");
        run.Error.ShouldContain("entry 2 is missing");
    }

    [Fact]
    public void Verify_EntryChangedAndItsHashRecomputed_ExitsOneAtTheNextLink()
    {
        Record(5);
        var forged = Forge(3, actor: "someone.else");
        Tamper($"DROP TRIGGER audit_events_no_update; UPDATE audit_events SET Actor = 'someone.else', Hash = '{forged}' WHERE Sequence = 3;");

        var run = CliRun.InProcess("audit", "verify", "--db", DbPath);

        run.ExitCode.ShouldBe(1);
        run.Error.ShouldStartWith("entry 4: broken link");
    }

    [Fact]
    public void Verify_NoDatabaseThere_IsAUserErrorAndCreatesNothing()
    {
        var run = CliRun.InProcess("audit", "verify", "--db", _temp["missing.db"]);

        run.ExitCode.ShouldBe(2);
        run.Error.ShouldContain("no database at");
        File.Exists(_temp["missing.db"]).ShouldBeFalse();
    }

    [Fact]
    public void Verify_AsAChildProcess_ExitCodeReachesTheShell()
    {
        Record(3);
        Tamper("DROP TRIGGER audit_events_no_delete; DELETE FROM audit_events WHERE Sequence = 1;");

        using var process = System.Diagnostics.Process.Start(CliRun.ChildProcess("audit", "verify", "--db", DbPath))!;
        var error = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();

        process.ExitCode.ShouldBe(1);
        error.ShouldStartWith("entry 2: sequence gap");
    }

    [Fact]
    public void List_ByCrnAndActor_PrintsTheMatchingEntries()
    {
        Record(4);

        var run = CliRun.InProcess("audit", "list", "--db", DbPath, "--crn", "E000002", "--actor", "user2", "--from", "2024-09-02", "--to", "2024-09-02");

        run.ExitCode.ShouldBe(0, run.Error);
        run.Output.ShouldContain("E000002");
        run.Output.ShouldContain("user2");
        run.Output.ShouldNotContain("user3");
        run.Output.ShouldContain("Page 1 of 1 (1 entry).");
    }

    [Fact]
    public void List_ByEvent_ShowsOnlyThatEventsEntries()
    {
        Record(2);
        using (var db = TestDatabase.At(DbPath).Open())
        {
            new AuditLog(_clock).Append(db, new AuditEntryRequest("user9", AuditAction.Disclosure, AuditEventTypes.ListDownloaded, "panel preparation")
            {
                Subjects = AuditSubjects.Of(Crn.Parse("E000009")),
            });
        }

        var run = CliRun.InProcess("audit", "list", "--db", DbPath, "--event", "list.downloaded");

        run.ExitCode.ShouldBe(0, run.Error);
        run.Output.ShouldContain("user9");
        run.Output.ShouldNotContain("user1");
        run.Output.ShouldContain("Page 1 of 1 (1 entry).");
    }

    [Theory]
    [InlineData("--crn", "E12")]
    [InlineData("--from", "02/09/2024")]
    [InlineData("--page", "0")]
    public void List_BadFilter_IsAUserError(string option, string value)
    {
        Record(1);

        var run = CliRun.InProcess("audit", "list", "--db", DbPath, option, value);

        run.ExitCode.ShouldBe(2);
        run.Error.ShouldContain(option);
    }

    private void Record(int count)
    {
        using var db = TestDatabase.At(DbPath).Open();
        var log = new AuditLog(_clock);
        for (var i = 1; i <= count; i++)
        {
            log.Append(db, new AuditEntryRequest($"user{i}", AuditAction.Consultation, AuditEventTypes.CaseViewed, "supervision")
            {
                Subjects = AuditSubjects.Of(Crn.Parse($"E{i:D6}")),
            });
            _clock.Advance(TimeSpan.FromMinutes(1));
        }
    }

    /// <summary>The hash entry <paramref name="sequence"/> would have with a different actor, as an intruder who knows the format could compute.</summary>
    private string Forge(long sequence, string actor)
    {
        using var db = TestDatabase.At(DbPath).Open();
        var stored = db.AuditEvents.Single(e => e.Sequence == sequence).ToAuditEvent();
        var entry = new AuditEntry(stored.OccurredAt, actor, stored.Action, stored.EventType, stored.Purpose, stored.Subjects, stored.Details);
        return AuditHash.Compute(sequence, entry, stored.PreviousHash);
    }

    private void Tamper(string sql)
    {
        using var db = TestDatabase.At(DbPath);
        db.Execute(sql);
    }
}
