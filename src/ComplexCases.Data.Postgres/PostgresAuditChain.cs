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
/// A transaction that already holds the lock appends its next entry after its own last one without locking or reading
/// the head again: no one else can have appended meanwhile. A group commit (GroupCommitAuditWriter) appends a batch of
/// page views in one transaction, so each entry costs one INSERT; with two instances the lock is held for the whole
/// batch, and three round trips an entry made it the web's bottleneck (docs/performance.md, issue 11).
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

    public AuditChainHead Head(DbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        db.Database.OpenConnection();
        try
        {
            using var command = PostgresConnections.Command(db, $"SELECT \"Sequence\", \"Hash\" FROM \"{StoredAuditEvent.Table}\" ORDER BY \"Sequence\" DESC LIMIT 1");
            using var reader = command.ExecuteReader();
            return reader.Read() ? new AuditChainHead(reader.GetInt64(0), reader.GetString(1)) : AuditChainHead.Genesis;
        }
        finally
        {
            db.Database.CloseConnection();
        }
    }

    public AuditEvent Append(DbContext db, AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(db);
        // The lock lasts until the transaction ends: without one of the caller's, this append is its own.
        if (db.Database.CurrentTransaction is not null) return AppendLocked(db, entry);
        using var transaction = db.Database.BeginTransaction();
        var e = AppendLocked(db, entry);
        transaction.Commit();
        return e;
    }

    public IEnumerable<StoredAuditEvent> InSequence(DbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Set<StoredAuditEvent>().AsNoTracking().OrderBy(e => e.Sequence).AsEnumerable();
    }

    private AuditEvent AppendLocked(DbContext db, AuditEntry entry)
    {
        var transaction = db.Database.CurrentTransaction!;
        db.Database.OpenConnection();
        try
        {
            AuditChainHead head;
            if (_heldHeads.TryGetValue(transaction, out var held) && held.TransactionId == transaction.TransactionId)
            {
                head = held.Head;
            }
            else
            {
                using (var lockCommand = PostgresConnections.Command(db, "SELECT pg_advisory_xact_lock(@key)"))
                {
                    lockCommand.Parameters.AddWithValue("key", AppendLock);
                    lockCommand.ExecuteNonQuery();
                }
                head = Head(db);
            }
            var e = AuditEvent.Next(head, entry);
            var row = StoredAuditEvent.From(e);
            using var command = PostgresConnections.Command(db, $"""
                INSERT INTO "{StoredAuditEvent.Table}" ("Sequence", "OccurredAtUtc", "Actor", "Action", "EventType", "Purpose",
                    "SubjectCount", "SubjectsSha256", "SubjectCrns", "Details", "PreviousHash", "Hash")
                VALUES (@sequence, @occurredAt, @actor, @action, @eventType, @purpose, @subjectCount, @subjectsSha256, @subjectCrns, @details, @previousHash, @hash)
                """);
            command.Parameters.AddWithValue("sequence", row.Sequence);
            // Ticks, as the model stores them (PostgresModelCustomizer): the hash covers the time to the tick.
            var utc = row.OccurredAtUtc.Kind == DateTimeKind.Local ? row.OccurredAtUtc.ToUniversalTime() : row.OccurredAtUtc;
            command.Parameters.AddWithValue("occurredAt", utc.Ticks);
            command.Parameters.AddWithValue("actor", row.Actor);
            command.Parameters.AddWithValue("action", row.Action);
            command.Parameters.AddWithValue("eventType", row.EventType);
            command.Parameters.AddWithValue("purpose", row.Purpose);
            command.Parameters.AddWithValue("subjectCount", row.SubjectCount);
            command.Parameters.AddWithValue("subjectsSha256", row.SubjectsSha256);
            command.Parameters.Add(new NpgsqlParameter("subjectCrns", NpgsqlDbType.Text) { Value = (object?)row.SubjectCrns ?? DBNull.Value });
            command.Parameters.AddWithValue("details", row.Details);
            command.Parameters.AddWithValue("previousHash", row.PreviousHash);
            command.Parameters.AddWithValue("hash", row.Hash);
            command.ExecuteNonQuery();
            _heldHeads.AddOrUpdate(transaction, new HeldHead(transaction.TransactionId, new AuditChainHead(e.Sequence, e.Hash)));
            return e;
        }
        finally
        {
            db.Database.CloseConnection();
        }
    }
}
