using System.Buffers;
using System.Security.Cryptography;
using ComplexCases.Domain.People;

namespace ComplexCases.Domain.Audit;

/// <summary>
/// The people an audited action concerned. Every form has the count and a digest: SHA-256 (lower-case hex) of
/// the sorted, distinct CRNs each followed by a line feed — what <c>LC_ALL=C sort -u crns.txt | sha256sum</c>
/// prints. Up to <see cref="InlineLimit"/> people the CRNs themselves are kept too, so the log can be searched
/// by person; above it (a national import is 240,000 people) only count and digest are kept, so an import
/// writes one small audit row rather than a row or a 2 MB field per person.
/// </summary>
public sealed class AuditSubjects
{
    /// <summary>Any list a person can view or download (a PDU's, a region's) fits; whole-caseload operations do not.</summary>
    public const int InlineLimit = 10_000;

    private const char Separator = ',';

    private readonly Crn[]? _crns;

    private AuditSubjects(int count, string sha256, Crn[]? crns)
    {
        Count = count;
        Sha256 = sha256;
        _crns = crns;
    }

    public static AuditSubjects None { get; } = Of(ReadOnlySpan<Crn>.Empty);

    public int Count { get; }

    /// <summary>SHA-256 of the sorted distinct CRNs, each followed by '\n' (lower-case hex).</summary>
    public string Sha256 { get; }

    /// <summary>The CRNs in order, or null when only the count and digest are kept.</summary>
    public IReadOnlyList<Crn>? Crns => _crns;

    public bool IsDigestOnly => _crns is null;

    public static AuditSubjects Of(params IEnumerable<Crn> crns) => Of(crns.ToArray().AsSpan());

    /// <summary>The subjects of an action; order and repeats do not matter.</summary>
    public static AuditSubjects Of(ReadOnlySpan<Crn> crns)
    {
        var sorted = IsStrictlyAscending(crns) ? crns : SortDistinct(crns);
        var sha = Digest(sorted);
        return new AuditSubjects(sorted.Length, sha, sorted.Length <= InlineLimit ? sorted.ToArray() : null);
    }

    /// <summary>A stored entry's subjects. <paramref name="crns"/> is the comma-separated list, or null where only the digest was kept.</summary>
    /// <exception cref="FormatException">The list is not sorted distinct CRNs, or does not agree with the count and digest.</exception>
    public static AuditSubjects Restore(int count, string sha256, string? crns)
    {
        if (count < 0) throw new FormatException($"subject count {count} is negative");
        if (!AuditHash.IsHash(sha256)) throw new FormatException("subjects digest is not 64 lower-case hex digits");
        // Which form an entry has is decided when it is written; a later change of the limit leaves old entries valid.
        if (crns is null) return new AuditSubjects(count, sha256, null);
        var parsed = Parse(crns);
        if (parsed.Length != count) throw new FormatException($"the subject list holds {parsed.Length} CRNs but the count is {count}");
        if (!IsStrictlyAscending(parsed)) throw new FormatException("the subject list is not in order without repeats");
        if (Digest(parsed) != sha256) throw new FormatException("the subject list does not match its digest");
        return new AuditSubjects(count, sha256, parsed);
    }

    /// <summary>The stored list (<c>E000001,E000002</c>), or null when only the digest is kept.</summary>
    public string? ToText() => _crns is null ? null : string.Join(Separator, _crns);

    public bool Contains(Crn crn) => _crns is not null && Array.BinarySearch(_crns, crn) >= 0;

    private static Crn[] Parse(string text)
    {
        if (text.Length == 0) return [];
        var parts = text.Split(Separator);
        var crns = new Crn[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!Crn.TryParse(parts[i], out crns[i])) throw new FormatException($"subject {i + 1} is not a CRN");
        }
        return crns;
    }

    private static bool IsStrictlyAscending(ReadOnlySpan<Crn> crns)
    {
        for (var i = 1; i < crns.Length; i++)
        {
            if (crns[i - 1] >= crns[i]) return false;
        }
        return true;
    }

    private static Crn[] SortDistinct(ReadOnlySpan<Crn> crns)
    {
        var copy = crns.ToArray();
        Array.Sort(copy);
        var n = 0;
        for (var i = 0; i < copy.Length; i++)
        {
            if (n == 0 || copy[n - 1] != copy[i]) copy[n++] = copy[i];
        }
        return n == copy.Length ? copy : copy[..n];
    }

    private static string Digest(ReadOnlySpan<Crn> sorted)
    {
        // Hashed in chunks: 240,000 people are ~2 MB of text, never materialised.
        const int PerChunk = 1024;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(PerChunk * 8);
        try
        {
            for (var start = 0; start < sorted.Length; start += PerChunk)
            {
                var chunk = sorted.Slice(start, Math.Min(PerChunk, sorted.Length - start));
                for (var i = 0; i < chunk.Length; i++)
                {
                    chunk[i].FormatUtf8(buffer.AsSpan(i * 8));
                    buffer[(i * 8) + 7] = (byte)'\n';
                }
                hash.AppendData(buffer, 0, chunk.Length * 8);
            }
            return Convert.ToHexStringLower(hash.GetHashAndReset());
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
