using System.Data.Common;
using ComplexCases.Data;
using ComplexCases.Data.Postgres;
using ComplexCases.Data.Providers;
using ComplexCases.Domain.Audit;
using ComplexCases.TestSupport.Data;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Application.Tests.Providers;

/// <summary>The store operations on PostgreSQL, against a database of the test's own on the test server.</summary>
public sealed class PostgresStoreTests : StoreTests
{
    private readonly PostgresTestDatabase _database = new();

    protected override ComplexCasesDbContext Open() => _database.Open();

    protected override DbConnection OpenConnection() => PostgresProvider.Instance.OpenConnection(_database.ConnectionString);

    protected override void Dispose(bool disposing)
    {
        if (disposing) _database.Dispose();
    }

    [Fact]
    public async Task AuditChain_TwoWritersAppendingAtOnce_LeaveOneGapFreeChainThatVerifies()
    {
        // Two connections, each appending in transactions of its own that stay open a moment after the append (as a run's
        // does while it stores): without the lock both would read the same head and one would fail or fork the chain.
        using (Open()) { }
        const int appendsEach = 15;
        using var start = new Barrier(2);
        var writers = Enumerable.Range(0, 2).Select(writer => Task.Run(() =>
        {
            using var db = Open();
            var chain = db.AuditChain();
            start.SignalAndWait();
            for (var i = 0; i < appendsEach; i++)
            {
                using var transaction = db.Database.BeginTransaction();
                chain.Append(db, Entry($"writer {writer} entry {i}", Monday.AddTicks(i * 7 + writer)));
                Thread.Sleep(2);
                transaction.Commit();
            }
        })).ToArray();

        await Task.WhenAll(writers).WaitAsync(TimeSpan.FromMinutes(1));

        using var check = Open();
        var stored = check.AuditChain().InSequence(check).ToList();
        stored.Select(e => e.Sequence).ShouldBe(Enumerable.Range(1, 2 * appendsEach).Select(i => (long)i));
        var verifier = new AuditChainVerifier();
        foreach (var row in stored) verifier.Check(row.ToAuditEvent()).ShouldBeTrue();
        verifier.Result.Intact.ShouldBeTrue();
    }

    [Fact]
    public async Task AuditChain_TwoWritersAppendingBatchesAtOnce_LeaveOneGapFreeChainThatVerifies()
    {
        // As two instances' group commits do: each transaction appends several entries (only the first locks and reads
        // the head), while the other writer waits for the lock.
        using (Open()) { }
        const int batches = 8, perBatch = 4;
        using var start = new Barrier(2);
        var writers = Enumerable.Range(0, 2).Select(writer => Task.Run(() =>
        {
            using var db = Open();
            var chain = db.AuditChain();
            start.SignalAndWait();
            for (var b = 0; b < batches; b++)
            {
                using var transaction = db.Database.BeginTransaction();
                for (var i = 0; i < perBatch; i++) chain.Append(db, Entry($"writer {writer} batch {b} entry {i}", Monday.AddTicks(((b * perBatch) + i) * 7 + writer)));
                Thread.Sleep(2);
                transaction.Commit();
            }
        })).ToArray();

        await Task.WhenAll(writers).WaitAsync(TimeSpan.FromMinutes(1));

        using var check = Open();
        var stored = check.AuditChain().InSequence(check).ToList();
        stored.Select(e => e.Sequence).ShouldBe(Enumerable.Range(1, 2 * batches * perBatch).Select(i => (long)i));
        var verifier = new AuditChainVerifier();
        foreach (var row in stored) verifier.Check(row.ToAuditEvent()).ShouldBeTrue();
        verifier.Result.Intact.ShouldBeTrue();
    }

    [Fact]
    public void AuditChain_KeepsTheTimeToTheTick()
    {
        using var db = Open();
        var at = Monday.AddTicks(1234567);

        var appended = db.AuditChain().Append(db, Entry("ticks", at));

        var stored = db.AuditChain().InSequence(db).Single();
        stored.OccurredAtUtc.Ticks.ShouldBe(at.UtcTicks);
        stored.ToAuditEvent().Hash.ShouldBe(appended.Hash);
    }

    [Fact]
    public async Task Pooled_SkipsTheResetOnClose_AndAJobLockTakenThroughItIsReleasedForOthers()
    {
        // The host's pool skips DISCARD ALL (a view took several connections from the pool, each reset); the job lock, the
        // one piece of session state, takes its connections from a pool of its own and must still free the lock for others.
        using (Open()) { }
        var pooled = PostgresProvider.Instance.Pooled(_database.ConnectionString);
        new Npgsql.NpgsqlConnectionStringBuilder(pooled).NoResetOnClose.ShouldBeTrue();
        var options = new DbContextOptionsBuilder<ComplexCasesDbContext>();
        PostgresProvider.Instance.Configure(options, pooled);
        using var one = new ComplexCasesDbContext(options.Options);
        using var two = new ComplexCasesDbContext(options.Options);

        var held = await one.JobLock().TryAcquireAsync(one, "pooled-test");
        held.ShouldNotBeNull();
        (await two.JobLock().TryAcquireAsync(two, "pooled-test")).ShouldBeNull();
        await held.DisposeAsync();

        await using var again = await two.JobLock().TryAcquireAsync(two, "pooled-test");
        again.ShouldNotBeNull();
        one.Database.SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())").AsEnumerable().Single().ShouldBe(1);
    }

    [Fact]
    public void Provider_TellsAServerConnectionStringFromAFile()
    {
        PostgresProvider.Claims("Host=db.internal;Database=complexcases").ShouldBeTrue();
        PostgresProvider.Claims("postgres://app@db.internal:5433/complexcases").ShouldBeTrue();
        PostgresProvider.Claims("Data Source=/srv/complexcases.db").ShouldBeFalse();
        PostgresProvider.Claims("./complexcases.db").ShouldBeFalse();
        var url = PostgresProvider.Instance.Resolve("postgres://app:s%40cret@db.internal:5433/complexcases?sslmode=require");
        url.Error.ShouldBeNull();
        url.Description.ShouldBe("PostgreSQL database 'complexcases' on db.internal");
        url.Description!.ShouldNotContain("cret");
        var built = new Npgsql.NpgsqlConnectionStringBuilder(url.ConnectionString);
        (built.Port, built.Username, built.Password).ShouldBe((5433, "app", "s@cret"));
        PostgresProvider.Instance.Resolve("Host=db.internal").Error.ShouldBe("--db: the connection string names no Database");
    }
}
