using System.Data.Common;
using ComplexCases.Data.Audit;
using ComplexCases.Data.Providers;
using ComplexCases.Domain.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace ComplexCases.Data.Sqlite;

/// <summary>
/// The audit chain in SQLite. Reading the head and inserting after it needs no lock of its own: SQLite lets one writer
/// in at a time, so no other append can come between them in the same transaction, and two writers taking the same
/// sequence would collide on the primary key anyway.
/// </summary>
internal sealed class SqliteAuditChain : IAuditChainStore
{
    public AuditChainHead Head(DbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        db.Database.OpenConnection();
        try
        {
            using var command = Command(db, $"SELECT \"Sequence\", \"Hash\" FROM \"{StoredAuditEvent.Table}\" ORDER BY \"Sequence\" DESC LIMIT 1");
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
        var e = AuditEvent.Next(Head(db), entry);
        // Plain ADO.NET, not the change tracker: no side effect on the caller's pending changes, and no
        // EF query compilation in the monthly run's critical path.
        var row = StoredAuditEvent.From(e);
        using var command = Command(db, $"""
            INSERT INTO "{StoredAuditEvent.Table}" ("Sequence", "OccurredAtUtc", "Actor", "Action", "EventType", "Purpose",
                "SubjectCount", "SubjectsSha256", "SubjectCrns", "Details", "PreviousHash", "Hash")
            VALUES (@sequence, @occurredAt, @actor, @action, @eventType, @purpose, @subjectCount, @subjectsSha256, @subjectCrns, @details, @previousHash, @hash)
            """);
        Parameter(command, "@sequence", row.Sequence);
        Parameter(command, "@occurredAt", row.OccurredAtUtc);
        Parameter(command, "@actor", row.Actor);
        Parameter(command, "@action", row.Action);
        Parameter(command, "@eventType", row.EventType);
        Parameter(command, "@purpose", row.Purpose);
        Parameter(command, "@subjectCount", row.SubjectCount);
        Parameter(command, "@subjectsSha256", row.SubjectsSha256);
        Parameter(command, "@subjectCrns", row.SubjectCrns);
        Parameter(command, "@details", row.Details);
        Parameter(command, "@previousHash", row.PreviousHash);
        Parameter(command, "@hash", row.Hash);
        command.ExecuteNonQuery();
        return e;
    }

    /// <summary>One INSERT each: in-process SQLite has no round trip to save, and one writer at a time has no lock to hold.</summary>
    public IReadOnlyList<AuditEvent> AppendMany(DbContext db, IReadOnlyList<AuditEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return [.. entries.Select(entry => Append(db, entry))];
    }

    public IEnumerable<StoredAuditEvent> InSequence(DbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Set<StoredAuditEvent>().AsNoTracking().OrderBy(e => e.Sequence).AsEnumerable();
    }

    private static DbCommand Command(DbContext db, string sql)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        return command;
    }

    private static void Parameter(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }
}
