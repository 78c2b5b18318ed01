using ComplexCases.Application.Audit;
using ComplexCases.Cli.Tests.Commands;
using ComplexCases.Domain.Audit;
using ComplexCases.TestSupport.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace ComplexCases.Cli.Tests.Operations;

/// <summary><c>complexcases backup</c> and <c>restore</c> on real SQLite files: a screened month round-trips, a bad backup changes nothing.</summary>
public sealed class BackupRestoreTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private string DbPath => _temp["live/cc.db"];

    private void ScreenAugust()
    {
        var samples = Path.Combine(ComplexCases.TestSupport.Repository.Root, "samples", "2024-08-01");
        var screen = CliRun.InProcess("screen", "--extract", samples, "--as-of", "2024-08-01", "--out", _temp["out"], "--db", DbPath, "--no-workbooks");
        screen.ExitCode.ShouldBe(0, screen.Error);
    }

    private static (int Runs, int People, int Listed, long Audit) Contents(string file)
    {
        using var db = TestDatabase.At(file).Open();
        return (db.Runs.Count(), db.PersonResults.Count(), db.ListedCases.Count(), db.AuditEvents.LongCount());
    }

    [Fact]
    public void BackupThenRestoreIntoANewPath_KeepsTheMonthAndItsAudit()
    {
        ScreenAugust();
        var before = Contents(DbPath);

        var backup = CliRun.InProcess("backup", "--db", DbPath, "--to", _temp["backups/aug.db"]);
        var restore = CliRun.InProcess("restore", "--from", _temp["backups/aug.db"], "--db", _temp["restored/cc.db"]);

        backup.ExitCode.ShouldBe(0, backup.Error);
        backup.Output.ShouldContain("1 run, 2 audit entries, chain intact");
        restore.ExitCode.ShouldBe(0, restore.Error);
        restore.Output.ShouldContain("Restored ");
        Contents(_temp["restored/cc.db"]).ShouldBe(before);
        before.People.ShouldBe(600);
        var verify = CliRun.InProcess("audit", "verify", "--db", _temp["restored/cc.db"]);
        verify.ExitCode.ShouldBe(0, verify.Error);
        verify.Output.ShouldContain("2 entries, chain intact");
        // One self-contained file, nothing left beside it.
        Directory.GetFiles(_temp["backups"]).Select(Path.GetFileName).ShouldBe(["aug.db"]);
    }

    [Fact]
    public async Task Backup_WhileAnotherConnectionWrites_IsAConsistentCopy()
    {
        ScreenAugust();
        var clock = new FakeTimeProvider(new DateTimeOffset(2024, 9, 3, 9, 0, 0, TimeSpan.Zero));
        using var stop = new CancellationTokenSource();
        var writing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var appended = 0;
        // The site writing as it would: audit entries, each in its own transaction, from before the first backup until the last is done.
        var writer = Task.Run(() =>
        {
            using var db = TestDatabase.At(DbPath).Open();
            var log = new AuditLog(clock);
            while (!stop.IsCancellationRequested)
            {
                log.Append(db, new AuditEntryRequest("someone", AuditAction.Consultation, AuditEventTypes.HomeViewed, "test"));
                Interlocked.Increment(ref appended);
                writing.TrySetResult();
            }
        });
        await writing.Task.WaitAsync(TimeSpan.FromMinutes(1));
        var before = Volatile.Read(ref appended);
        for (var i = 0; i < 5; i++)
        {
            var backup = CliRun.InProcess("backup", "--db", DbPath, "--to", _temp[$"backups/{i}.db"]);
            backup.ExitCode.ShouldBe(0, backup.Error);
        }
        var during = Volatile.Read(ref appended) - before;
        await stop.CancelAsync();
        await writer;

        during.ShouldBeGreaterThan(0, "the writer went on writing while the backups ran");
        for (var i = 0; i < 5; i++)
        {
            var restore = CliRun.InProcess("restore", "--from", _temp[$"backups/{i}.db"], "--db", _temp[$"restored/{i}.db"]);
            restore.ExitCode.ShouldBe(0, restore.Error);
            CliRun.InProcess("audit", "verify", "--db", _temp[$"restored/{i}.db"]).ExitCode.ShouldBe(0);
        }
    }

    [Fact]
    public void Restore_OverAnExistingDatabase_NeedsForce()
    {
        ScreenAugust();
        CliRun.InProcess("backup", "--db", DbPath, "--to", _temp["aug.db"]).ExitCode.ShouldBe(0);
        var existing = _temp["other/cc.db"];
        AdminCreate.Run(AdminCreate.Password, "--user", "jane.smith", "--password-stdin", "--db", existing).ExitCode.ShouldBe(0);
        var bytes = File.ReadAllBytes(existing);

        var refused = CliRun.InProcess("restore", "--from", _temp["aug.db"], "--db", existing);

        refused.ExitCode.ShouldBe(2);
        refused.Error.ShouldContain("exists; stop the service, then give --force");
        File.ReadAllBytes(existing).ShouldBe(bytes);

        var forced = CliRun.InProcess("restore", "--from", _temp["aug.db"], "--db", existing, "--force");

        forced.ExitCode.ShouldBe(0, forced.Error);
        forced.Output.ShouldContain("replacing the database that was there");
        Contents(existing).Runs.ShouldBe(1);
        using var db = TestDatabase.At(existing).Open();
        db.Users.Count().ShouldBe(0);
    }

    [Fact]
    public void Restore_ADamagedBackup_IsRefusedAndNothingIsOverwritten()
    {
        ScreenAugust();
        CliRun.InProcess("backup", "--db", DbPath, "--to", _temp["aug.db"]).ExitCode.ShouldBe(0);
        var damaged = File.ReadAllBytes(_temp["aug.db"]);
        // Garbage over pages a quarter, half and three quarters in (tables and indexes), the header left whole.
        var random = new Random(7);
        foreach (var at in new[] { damaged.Length / 4, damaged.Length / 2, damaged.Length * 3 / 4 })
            random.NextBytes(damaged.AsSpan(at / 4096 * 4096, 4096 * 2));
        File.WriteAllBytes(_temp["damaged.db"], damaged);
        var liveBytes = File.ReadAllBytes(DbPath);
        var files = Directory.GetFiles(_temp["live"]).Order().ToList();

        var run = CliRun.InProcess("restore", "--from", _temp["damaged.db"], "--db", DbPath, "--force");

        run.ExitCode.ShouldBe(2, run.Output);
        run.Error.ShouldContain("cannot be restored: damaged");
        run.Error.ShouldContain("nothing was changed");
        File.ReadAllBytes(DbPath).ShouldBe(liveBytes);
        Directory.GetFiles(_temp["live"]).Order().ToList().ShouldBe(files);
    }

    [Fact]
    public void Restore_AFileThatIsNotADatabase_IsRefused()
    {
        File.WriteAllText(_temp["notes.db"], new string('x', 10_000));

        var run = CliRun.InProcess("restore", "--from", _temp["notes.db"], "--db", _temp["new/cc.db"]);

        run.ExitCode.ShouldBe(2, run.Output);
        run.Error.ShouldContain("cannot be restored");
        (Directory.Exists(_temp["new"]) ? Directory.GetFiles(_temp["new"]) : []).ShouldBeEmpty();
    }

    [Fact]
    public void Restore_ABackupWhoseAuditChainIsBroken_IsRefused()
    {
        ScreenAugust();
        CliRun.InProcess("backup", "--db", DbPath, "--to", _temp["aug.db"]).ExitCode.ShouldBe(0);
        Sql(_temp["aug.db"], "DROP TRIGGER audit_events_no_update; UPDATE audit_events SET Actor = 'someone.else' WHERE Sequence = 1;");

        var run = CliRun.InProcess("restore", "--from", _temp["aug.db"], "--db", _temp["new/cc.db"]);

        run.ExitCode.ShouldBe(2);
        run.Error.ShouldContain("entry 1: hash mismatch");
        File.Exists(_temp["new/cc.db"]).ShouldBeFalse();
    }

    [Fact]
    public void Restore_ABackupFromANewerVersion_IsRefused()
    {
        ScreenAugust();
        CliRun.InProcess("backup", "--db", DbPath, "--to", _temp["aug.db"]).ExitCode.ShouldBe(0);
        Sql(_temp["aug.db"], "INSERT INTO \"__EFMigrationsHistory\" (\"MigrationId\", \"ProductVersion\") VALUES ('29991231000000_FromTheFuture', '99.0.0');");

        var run = CliRun.InProcess("restore", "--from", _temp["aug.db"], "--db", _temp["new/cc.db"]);

        run.ExitCode.ShouldBe(2);
        run.Error.ShouldContain("made by a newer version of the service (migrations unknown to this one: 29991231000000_FromTheFuture)");
        File.Exists(_temp["new/cc.db"]).ShouldBeFalse();
    }

    [Fact]
    public void Backup_OfADatabaseWhoseChainIsBroken_IsKeptButFails()
    {
        ScreenAugust();
        Sql(DbPath, "DROP TRIGGER audit_events_no_update; UPDATE audit_events SET Purpose = 'rewritten' WHERE Sequence = 2;");

        var run = CliRun.InProcess("backup", "--db", DbPath, "--to", _temp["aug.db"]);

        run.ExitCode.ShouldBe(1);
        run.Error.ShouldContain("entry 2: hash mismatch");
        run.Error.ShouldContain("restore will refuse it");
        File.Exists(_temp["aug.db"]).ShouldBeTrue();
    }

    private static void Sql(string file, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    [Fact]
    public void Backup_OverAnExistingFile_NeedsForce()
    {
        ScreenAugust();
        File.WriteAllText(_temp["aug.db"], "keep me");

        var run = CliRun.InProcess("backup", "--db", DbPath, "--to", _temp["aug.db"]);

        run.ExitCode.ShouldBe(2);
        run.Error.ShouldContain("--force");
        File.ReadAllText(_temp["aug.db"]).ShouldBe("keep me");
    }

    [Fact]
    public void BackupAndRestore_OnPostgres_PointToPgDump()
    {
        const string server = "Host=127.0.0.1;Port=1;Database=complexcases;Username=nobody";

        var backup = CliRun.InProcess("backup", "--db", server, "--to", _temp["pg.db"]);
        var restore = CliRun.InProcess("restore", "--from", _temp["pg.db"], "--db", server);

        // The refusal needs no connection: it is decided from the --db value.
        restore.ExitCode.ShouldBe(2);
        restore.Error.ShouldContain("pg_dump and pg_restore (docs/operations.md");
        backup.ExitCode.ShouldBe(2);
        backup.Error.ShouldContain("backup copies a SQLite database file; a PostgreSQL database is backed up and restored with pg_dump");
    }
}
