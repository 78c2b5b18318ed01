namespace ComplexCases.Domain.Audit;

public enum AuditChainBreakKind
{
    /// <summary>An entry's fields do not give its hash: it was altered after it was written.</summary>
    HashMismatch,
    /// <summary>An entry's previous hash is not the hash of the entry before it.</summary>
    BrokenLink,
    /// <summary>Sequence numbers skip or go back: entries were removed or reordered.</summary>
    SequenceGap,
    /// <summary>A stored entry cannot be read as an audit event at all (e.g. a CRN that is not one).</summary>
    Malformed,
}

/// <summary>The first entry at which the chain stops being what was written.</summary>
public sealed record AuditChainBreak(long Sequence, AuditChainBreakKind Kind, string Reason)
{
    public override string ToString() => $"entry {Sequence}: {Reason}";
}

/// <summary>The outcome of checking a chain: how many entries were intact, the last intact entry, and the first break.</summary>
public sealed record AuditChainResult(long IntactEntries, AuditChainHead Head, AuditChainBreak? Break)
{
    public bool Intact => Break is null;
}

/// <summary>Checks an audit chain entry by entry, in sequence order, keeping only the last entry in memory.</summary>
public static class AuditChain
{
    public static AuditChainResult Verify(IEnumerable<AuditEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var verifier = new AuditChainVerifier();
        foreach (var e in events)
        {
            if (!verifier.Check(e)) break;
        }
        return verifier.Result;
    }
}

/// <summary>The incremental form of <see cref="AuditChain.Verify"/>, for callers that read entries themselves.</summary>
public sealed class AuditChainVerifier
{
    private AuditChainHead _head = AuditChainHead.Genesis;
    private long _intact;
    private AuditChainBreak? _break;

    public AuditChainResult Result => new(_intact, _head, _break);

    /// <summary>Checks the next entry; false (and <see cref="Result"/> names the break) when the chain is broken there.</summary>
    public bool Check(AuditEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (_break is not null) return false;
        var expected = _head.Sequence + 1;
        if (e.Sequence != expected)
        {
            return Broken(e.Sequence, AuditChainBreakKind.SequenceGap, e.Sequence > expected
                ? $"sequence gap: expected entry {expected} next ({Missing(expected, e.Sequence - 1)} missing)"
                : $"sequence out of order: expected entry {expected} next, after entry {_head.Sequence}");
        }
        if (!string.Equals(e.PreviousHash, _head.Hash, StringComparison.Ordinal))
        {
            return Broken(e.Sequence, AuditChainBreakKind.BrokenLink, _head.Sequence == 0
                ? "broken link: the first entry does not start from the genesis hash"
                : $"broken link: its previous hash is not the hash of entry {_head.Sequence}");
        }
        if (!string.Equals(e.ComputeHash(), e.Hash, StringComparison.Ordinal))
            return Broken(e.Sequence, AuditChainBreakKind.HashMismatch, "hash mismatch: its fields do not match its hash (altered after it was written)");
        _head = e.AsHead();
        _intact++;
        return true;
    }

    /// <summary>Records a break found outside the chain rules, e.g. an entry that could not be read.</summary>
    public void Fail(long sequence, AuditChainBreakKind kind, string reason)
    {
        _break ??= new AuditChainBreak(sequence, kind, reason);
    }

    private bool Broken(long sequence, AuditChainBreakKind kind, string reason)
    {
        _break = new AuditChainBreak(sequence, kind, reason);
        return false;
    }

    private static string Missing(long from, long to) => from == to ? $"entry {from} is" : $"entries {from} to {to} are";
}
