using ComplexCases.Data;
using ComplexCases.Data.Providers;
using ComplexCases.Domain.Audit;

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
    /// The provider's chain store reads the head and inserts after it, serialising appends its own way
    /// (<see cref="IAuditChainStore"/>).
    /// </remarks>
    public AuditEvent Append(ComplexCasesDbContext db, AuditEntryRequest request)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(request);
        var entry = new AuditEntry(clock.GetUtcNow(), request.Actor, request.Action, request.EventType, request.Purpose, request.Subjects, request.Details);
        var chain = db.AuditChain();
        if (db.Database.CurrentTransaction is not null) return chain.Append(db, entry);

        using var transaction = db.Database.BeginTransaction();
        var appended = chain.Append(db, entry);
        transaction.Commit();
        return appended;
    }

    /// <summary>
    /// Appends the entries in order, in the caller's open transaction (or one of its own): a group commit's batch, which the
    /// provider may write in one statement. Each entry's time is read from the clock as it is appended here.
    /// </summary>
    public IReadOnlyList<AuditEvent> AppendMany(ComplexCasesDbContext db, IReadOnlyList<AuditEntryRequest> requests)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(requests);
        var entries = requests.Select(request => new AuditEntry(clock.GetUtcNow(), request.Actor, request.Action, request.EventType, request.Purpose,
            request.Subjects, request.Details)).ToList();
        return db.AuditChain().AppendMany(db, entries);
    }

    /// <summary>The last entry's sequence and hash (the genesis head for an empty log).</summary>
    public static AuditChainHead Head(ComplexCasesDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.AuditChain().Head(db);
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
        foreach (var row in db.AuditChain().InSequence(db))
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
}
