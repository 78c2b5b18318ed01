using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ComplexCases.Domain.Audit;

/// <summary>
/// The hash that chains audit events (docs/audit-events.md, "Hash format"): SHA-256, lower-case hex, over the
/// UTF-8 bytes of <c>complexcases-audit-v1\n</c> followed by each field as <c>&lt;byte length&gt;:&lt;value&gt;\n</c>,
/// in the order sequence, occurred_at, actor, action, event_type, purpose, subject_count, subjects_sha256,
/// subject_crns, details, previous_hash. Length prefixes make the encoding unambiguous whatever a field
/// contains, and simple to reproduce outside .NET.
/// </summary>
public static class AuditHash
{
    public const string Version = "complexcases-audit-v1";

    /// <summary>The previous hash of the first entry.</summary>
    public static readonly string Genesis = new('0', 64);

    /// <summary><c>yyyy-MM-ddTHH:mm:ss.fffffffZ</c>: UTC to the tick, the same however the time was stored.</summary>
    public static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public static bool IsHash(string? value) =>
        value is { Length: 64 } && value.All(c => char.IsAsciiDigit(c) || (c >= 'a' && c <= 'f'));

    public static string Compute(long sequence, AuditEntry entry, string previousHash)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        Append(buffer, Version + "\n");
        Field(buffer, sequence.ToString(CultureInfo.InvariantCulture));
        Field(buffer, FormatTime(entry.OccurredAt));
        Field(buffer, entry.Actor);
        Field(buffer, entry.Action.ToKey());
        Field(buffer, entry.EventType);
        Field(buffer, entry.Purpose);
        Field(buffer, entry.Subjects.Count.ToString(CultureInfo.InvariantCulture));
        Field(buffer, entry.Subjects.Sha256);
        Field(buffer, entry.Subjects.ToText() ?? "");
        Field(buffer, entry.Details);
        Field(buffer, previousHash);
        return Convert.ToHexStringLower(SHA256.HashData(buffer.WrittenSpan));
    }

    private static void Field(ArrayBufferWriter<byte> buffer, string value)
    {
        Append(buffer, Encoding.UTF8.GetByteCount(value).ToString(CultureInfo.InvariantCulture) + ":");
        Append(buffer, value);
        Append(buffer, "\n");
    }

    private static void Append(ArrayBufferWriter<byte> buffer, string text)
    {
        var written = Encoding.UTF8.GetBytes(text, buffer.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length)));
        buffer.Advance(written);
    }
}
