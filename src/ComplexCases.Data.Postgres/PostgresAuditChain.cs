using System.Runtime.CompilerServices;
using ComplexCases.Data.Audit;
using ComplexCases.Data.Providers;
using ComplexCases.Domain.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace ComplexCases.Data.Postgres;

/// <summary>
/// The audit chain in PostgreSQL. Unlike SQLite, two writers can be in transactions at once, so both could read the same
/// head: an append first takes a transaction-scoped advisory lock, which the second writer waits on until the first
/// commits (or rolls back), and then reads the first one's entry as its head.
/// A transaction that already holds the lock appends its next entries after its own last one without locking or reading
/// the head again: no one else can have appended meanwhile. A group commit (GroupCommitAuditWriter) appends a batch of
/// page views in one transaction: the lock and the head in one round trip, the whole batch in one INSERT, then the
/// commit. With two instances the lock is held for the whole batch, so round trips under it are what the other instance
/// waits for (docs/performance.md, issue 11).
/// </summary>
internal sealed class PostgresAuditChain : IAuditChainStore
{
    /// <summary>The advisory lock's key: any fixed number no other code locks ("CCAUDIT" in ASCII).</summary>
    private const long AppendLock = 0x4343_4155_4449_54;

    /// <summary>
    /// The head each open transaction appended last, by EF's transaction object (a new one per BeginTransaction; Npgsql
    /// reuses its own transaction objects, so those cannot be the key). Dropped with the transaction object.
    /// </summary>
    private readonly ConditionalWeakTable<IDbContextTransaction, HeldHead> _heldHeads = new();

    private sealed record HeldHead(Guid TransactionId, AuditChainHead Head);

    /// <summary>The chain's head: its newest entry's sequence and hash (read alone, or after taking the lock).</summary>
    private static readonly string HeadSql = $"SELECT \"Sequence\", \"Hash\" FROM \"{StoredAuditEvent.Table}\" ORDER BY \"Sequence\" DESC LIMIT 1";

    private static AuditChainHead ReadHead(System.Data.Common.DbDataReader reader) =>
        reader.Read() ? new AuditChainHead(reader.GetInt64(0), reader.GetString(1)) : AuditChainHead.Genesis;

    public AuditChainHead Head(DbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        db.Database.OpenConnection();
        try
        {
            using var command = PostgresConnections.Command(db, HeadSql);
            using var reader = command.ExecuteReader();
            return ReadHead(reader);
        }
        finally
        {
            db.Database.CloseConnection();
        }
    }

    public AuditEvent Append(DbContext db, AuditEntry entry) => AppendMany(db, [entry])[0];

    public IReadOnlyList<AuditEvent> AppendMany(DbContext db, IReadOnlyList<AuditEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0) return [];
        // The lock lasts until the transaction ends: without one of the caller's, this append is its own.
        if (db.Database.CurrentTransaction is not null) return AppendLocked(db, entries);
        using var transaction = db.Database.BeginTransaction();
        var appended = AppendLocked(db, entries);
        transaction.Commit();
        return appended;
    }

    public IEnumerable<StoredAuditEvent> InSequence(DbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Set<StoredAuditEvent>().AsNoTracking().OrderBy(e => e.Sequence).AsEnumerable();
    }

    private AuditEvent[] AppendLocked(DbContext db, IReadOnlyList<AuditEntry> entries)
    {
        var transaction = db.Database.CurrentTransaction!;
        db.Database.OpenConnection();
        try
        {
            var head = _heldHeads.TryGetValue(transaction, out var held) && held.TransactionId == transaction.TransactionId
                ? held.Head
                : LockAndReadHead(db);
            var events = new AuditEvent[entries.Count];
            for (var i = 0; i < entries.Count; i++)
            {
                events[i] = AuditEvent.Next(head, entries[i]);
                head = new AuditChainHead(events[i].Sequence, events[i].Hash);
            }
            Insert(db, events);
            _heldHeads.AddOrUpdate(transaction, new HeldHead(transaction.TransactionId, head));
            return events;
        }
        finally
        {
            db.Database.CloseConnection();
        }
    }

    /// <summary>
    /// Takes the chain's lock and then reads the head it guards, in one round trip: a batch's statements run in order, and
    /// the second (a statement of its own, so with a snapshot taken after the lock was granted) sees the entries of
    /// whoever held the lock before.
    /// </summary>
    private static AuditChainHead LockAndReadHead(DbContext db)
    {
        using var batch = new NpgsqlBatch(PostgresConnections.Connection(db), db.Database.CurrentTransaction?.GetDbTransaction() as NpgsqlTransaction);
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT pg_advisory_xact_lock($1)") { Parameters = { new NpgsqlParameter { Value = AppendLock } } });
        batch.BatchCommands.Add(new NpgsqlBatchCommand(HeadSql));
        using var reader = batch.ExecuteReader();
        reader.NextResult();
        return ReadHead(reader);
    }

    /// <summary>
    /// The entries in one statement, one array a column: a group commit's batch costs one round trip while the lock is held,
    /// not one an entry (with two instances the other one waits for the lock meanwhile).
    /// </summary>
    private static void Insert(DbContext db, IReadOnlyList<AuditEvent> events)
    {
        var rows = events.Select(StoredAuditEvent.From).ToArray();
        using var command = PostgresConnections.Command(db, $"""
            INSERT INTO "{StoredAuditEvent.Table}" ("Sequence", "OccurredAtUtc", "Actor", "Action", "EventType", "Purpose",
                "SubjectCount", "SubjectsSha256", "SubjectCrns", "Details", "PreviousHash", "Hash")
            SELECT * FROM unnest(@sequence, @occurredAt, @actor, @action, @eventType, @purpose, @subjectCount, @subjectsSha256,
                @subjectCrns, @details, @previousHash, @hash)
            """);
        command.Parameters.AddWithValue("sequence", rows.Select(r => r.Sequence).ToArray());
        // Ticks, as the model stores them (PostgresModelCustomizer): the hash covers the time to the tick.
        command.Parameters.AddWithValue("occurredAt", rows.Select(r => (r.OccurredAtUtc.Kind == DateTimeKind.Local ? r.OccurredAtUtc.ToUniversalTime() : r.OccurredAtUtc).Ticks).ToArray());
        command.Parameters.AddWithValue("actor", rows.Select(r => r.Actor).ToArray());
        command.Parameters.AddWithValue("action", rows.Select(r => r.Action).ToArray());
        command.Parameters.AddWithValue("eventType", rows.Select(r => r.EventType).ToArray());
        command.Parameters.AddWithValue("purpose", rows.Select(r => r.Purpose).ToArray());
        command.Parameters.AddWithValue("subjectCount", rows.Select(r => r.SubjectCount).ToArray());
        command.Parameters.AddWithValue("subjectsSha256", rows.Select(r => r.SubjectsSha256).ToArray());
        command.Parameters.Add(new NpgsqlParameter("subjectCrns", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = rows.Select(r => r.SubjectCrns).ToArray() });
        command.Parameters.AddWithValue("details", rows.Select(r => r.Details).ToArray());
        command.Parameters.AddWithValue("previousHash", rows.Select(r => r.PreviousHash).ToArray());
        command.Parameters.AddWithValue("hash", rows.Select(r => r.Hash).ToArray());
        command.ExecuteNonQuery();
    }
}
