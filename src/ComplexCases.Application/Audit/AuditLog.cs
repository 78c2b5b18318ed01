using System.Data.Common;
using ComplexCases.Data;
using ComplexCases.Data.Audit;
using ComplexCases.Domain.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace ComplexCases.Application.Audit;

/// <summary>What to record: who did what to whom and why. The time comes from the log's clock.</summary>
public sealed record AuditEntryRequest(string Actor, AuditAction Action, string EventType, string Purpose)
{
    public AuditSubjects Subjects { get; init; } = AuditSubjects.None;
    /// <summary>Small JSON or text (see <see cref="AuditDetails"/>): a run id, a disclosure's recipient.</summary>
    public string Details { get; init; } = "";
}

/// <summary>
/// The append-only, hash-chained audit log (docs/audit-events.md). Entries are written in the caller's
/// transaction, so an audited change and its entry commit, or roll back, together.
/// </summary>
public sealed class AuditLog(TimeProvider clock)
{
    /// <summary>
    /// Appends the next entry in the caller's open transaction (or in one of its own if there is none).
    /// </summary>
    /// <remarks>
    /// Reading the head and inserting after it is safe because SQLite serialises writers (transactions begin
    /// IMMEDIATE), and two writers taking the same sequence would collide on the primary key anyway. PostgreSQL
    /// will need the head locked first, e.g. SELECT … FOR UPDATE on a one-row chain-head table.
    /// </remarks>
    public AuditEvent Append(ComplexCasesDbContext db, AuditEntryRequest request)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(request);
        var entry = new AuditEntry(clock.GetUtcNow(), request.Actor, request.Action, request.EventType, request.Purpose, request.Subjects, request.Details);
        if (db.Database.CurrentTransaction is not null) return Insert(db, entry);

        using var transaction = db.Database.BeginTransaction();
        var appended = Insert(db, entry);
        transaction.Commit();
        return appended;
    }

    /// <summary>The last entry's sequence and hash (the genesis head for an empty log).</summary>
    public static AuditChainHead Head(ComplexCasesDbContext db)
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

    /// <summary>
    /// Checks the whole chain in sequence order, streaming (one entry in memory at a time), and names the first
    /// entry that is not as written: altered, missing, out of order, or unreadable.
    /// </summary>
    public static AuditChainResult Verify(ComplexCasesDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var verifier = new AuditChainVerifier();
        var read = 0;
        foreach (var row in db.AuditEvents.AsNoTracking().OrderBy(e => e.Sequence).AsEnumerable())
        {
            if ((++read & 0x3FF) == 0) cancellationToken.ThrowIfCancellationRequested();
            AuditEvent e;
            try
            {
                e = row.ToAuditEvent();
            }
            catch (FormatException ex)
            {
                verifier.Fail(row.Sequence, AuditChainBreakKind.Malformed, $"malformed: {ex.Message}");
                break;
            }
            if (!verifier.Check(e)) break;
        }
        return verifier.Result;
    }

    private static AuditEvent Insert(ComplexCasesDbContext db, AuditEntry entry)
    {
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

    private static DbCommand Command(ComplexCasesDbContext db, string sql)
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
