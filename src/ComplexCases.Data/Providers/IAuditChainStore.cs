using ComplexCases.Data.Audit;
using ComplexCases.Domain.Audit;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Data.Providers;

/// <summary>
/// Where the hash-chained audit log is kept. Appending reads the chain's head and inserts after it, so two writers must
/// never read the same head: each provider serialises appends its own way (SQLite lets one writer in at a time;
/// PostgreSQL would lock the head first, e.g. <c>pg_advisory_xact_lock</c> or <c>SELECT … FOR UPDATE</c>).
/// </summary>
public interface IAuditChainStore
{
    /// <summary>The last entry's sequence and hash (the genesis head for an empty log).</summary>
    AuditChainHead Head(DbContext db);

    /// <summary>Appends the entry after the head, in the caller's open transaction (which commits or rolls it back with the change it records).</summary>
    AuditEvent Append(DbContext db, AuditEntry entry);

    /// <summary>
    /// Appends the entries in order after the head, in the caller's open transaction (or one of its own): a group commit's
    /// batch. The result is what appending them one by one would give; a provider may write them in one statement.
    /// </summary>
    IReadOnlyList<AuditEvent> AppendMany(DbContext db, IReadOnlyList<AuditEntry> entries);

    /// <summary>Every stored entry in sequence order, streamed (verification holds one at a time).</summary>
    IEnumerable<StoredAuditEvent> InSequence(DbContext db);
}
