namespace ComplexCases.Domain.Audit;

/// <summary>
/// One entry of the append-only audit log: what happened (<see cref="Entry"/>), its place in the chain, and the
/// hash that ties it to the entry before it. Altering, removing or reordering entries breaks the chain at the
/// first entry concerned (<see cref="AuditChain"/>).
/// </summary>
public sealed class AuditEvent
{
    private AuditEvent(long sequence, AuditEntry entry, string previousHash, string hash)
    {
        Sequence = sequence;
        Entry = entry;
        PreviousHash = previousHash;
        Hash = hash;
    }

    /// <summary>1 for the first entry, then one more for each.</summary>
    public long Sequence { get; }
    public AuditEntry Entry { get; }
    /// <summary>The hash of the entry before (<see cref="AuditHash.Genesis"/> for the first).</summary>
    public string PreviousHash { get; }
    public string Hash { get; }

    public DateTimeOffset OccurredAt => Entry.OccurredAt;
    public string Actor => Entry.Actor;
    public AuditAction Action => Entry.Action;
    public string EventType => Entry.EventType;
    public string Purpose => Entry.Purpose;
    public AuditSubjects Subjects => Entry.Subjects;
    public string Details => Entry.Details;

    /// <summary>The entry that follows <paramref name="head"/>.</summary>
    public static AuditEvent Next(AuditChainHead head, AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var sequence = head.Sequence + 1;
        return new AuditEvent(sequence, entry, head.Hash, AuditHash.Compute(sequence, entry, head.Hash));
    }

    /// <summary>An entry as stored; its hash is not checked here (that is <see cref="AuditChain"/>'s job).</summary>
    public static AuditEvent Restore(long sequence, AuditEntry entry, string previousHash, string hash)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (sequence < 1) throw new ArgumentOutOfRangeException(nameof(sequence), sequence, "Sequence numbers start at 1.");
        if (!AuditHash.IsHash(previousHash)) throw new ArgumentException("The previous hash is not 64 lower-case hex digits.", nameof(previousHash));
        if (!AuditHash.IsHash(hash)) throw new ArgumentException("The hash is not 64 lower-case hex digits.", nameof(hash));
        return new AuditEvent(sequence, entry, previousHash, hash);
    }

    /// <summary>The hash these fields should have.</summary>
    public string ComputeHash() => AuditHash.Compute(Sequence, Entry, PreviousHash);

    public AuditChainHead AsHead() => new(Sequence, Hash);
}

/// <summary>The last entry of a chain: the next entry takes sequence + 1 and links to this hash.</summary>
public readonly record struct AuditChainHead(long Sequence, string Hash)
{
    public static AuditChainHead Genesis { get; } = new(0, AuditHash.Genesis);
}
