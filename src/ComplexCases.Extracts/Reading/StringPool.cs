using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace ComplexCases.Extracts.Reading;

/// <summary>
/// Interns repeated cell values (codes, names) so that millions of rows share a few string
/// instances. Not thread-safe: one pool per file being read. Stops growing at a bound so that a
/// column of unique values cannot make it hold everything twice.
/// </summary>
/// <remarks>
/// This look-up runs for most cells of a national extract, so it is built for that: open addressing
/// with a cheap hash, and values of up to eight characters (nearly every code) kept inline in the
/// table, so a hit reads one table entry and never the string itself (the general-purpose HashSet
/// alternate look-up cost about a fifth of the whole read).
/// </remarks>
internal sealed class StringPool
{
    private const int InlineChars = 8;
    private const int MaxStackChars = 256;
    private readonly int _maxEntries;
    private Entry[] _entries = new Entry[256];
    private int _count;

    public StringPool(int maxEntries = 100_000) => _maxEntries = maxEntries;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public string Get(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty) return "";
        var (low, high) = Head(value);
        return Lookup(value, low, high);
    }

    /// <summary>The upper-case (invariant) form of <paramref name="value"/>, interned.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public string GetUpper(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty) return "";
        var (low, high) = Head(value);
        if (value.Length <= InlineChars ? IsUpperAscii(low) && IsUpperAscii(high) : Ascii.IsValid(value) && !value.ContainsAnyInRange('a', 'z'))
            return Lookup(value, low, high);
        if (value.Length > MaxStackChars) return value.ToString().ToUpperInvariant();
        Span<char> upper = stackalloc char[value.Length];
        value.ToUpperInvariant(upper);
        return Get(upper);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private string Lookup(ReadOnlySpan<char> value, ulong low, ulong high)
    {
        var hash = Hash(value, low, high);
        var entries = _entries;
        var mask = entries.Length - 1;
        for (var i = hash & mask; ; i = (i + 1) & mask)
        {
            ref var entry = ref entries[i];
            if (entry.Value is null) return Add(ref entry, value, low, high, hash);
            if (entry.Low == low && entry.High == high && entry.Length == value.Length && entry.Hash == hash
                && (value.Length <= InlineChars || value.SequenceEqual(entry.Value)))
            {
                return entry.Value;
            }
        }
    }

    /// <summary>Four packed characters hold nothing outside 'A'–'Z', digits and other ASCII that upper-casing keeps.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsUpperAscii(ulong chars)
    {
        const ulong Lanes = 0x0001_0001_0001_0001;
        if ((chars & 0xFF80_FF80_FF80_FF80) != 0) return false;
        var atLeastA = chars + ((0x80 - 'a') * Lanes);
        var aboveZ = chars + ((0x80 - 'z' - 1) * Lanes);
        return (atLeastA & ~aboveZ & (0x80 * Lanes)) == 0;
    }

    private void Grow()
    {
        var entries = new Entry[_entries.Length * 2];
        var mask = entries.Length - 1;
        foreach (var entry in _entries)
        {
            if (entry.Value is null) continue;
            var i = entry.Hash & mask;
            while (entries[i].Value is not null) i = (i + 1) & mask;
            entries[i] = entry;
        }
        _entries = entries;
    }

    private string Add(ref Entry entry, ReadOnlySpan<char> value, ulong low, ulong high, int hash)
    {
        var created = value.ToString();
        if (_count < _maxEntries)
        {
            entry = new Entry { Low = low, High = high, Length = value.Length, Hash = hash, Value = created };
            if (++_count * 2 > _entries.Length) Grow();
        }
        return created;
    }

    /// <summary>The first eight characters, zero-padded, as two numbers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (ulong Low, ulong High) Head(ReadOnlySpan<char> value)
    {
        if (value.Length >= InlineChars)
        {
            var words = MemoryMarshal.Cast<char, ulong>(value[..InlineChars]);
            return (words[0], words[1]);
        }
        ulong low = 0, high = 0;
        for (var i = 0; i < value.Length; i++)
        {
            if (i < 4) low |= (ulong)value[i] << (16 * i);
            else high |= (ulong)value[i] << (16 * (i - 4));
        }
        return (low, high);
    }

    /// <summary>Mixes the head, the length and any further characters; the finaliser makes the low bits (the slot) depend on all of them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Hash(ReadOnlySpan<char> value, ulong low, ulong high)
    {
        const ulong K = 0x9E3779B97F4A7C15;
        var h = (((ulong)value.Length * K) ^ low) * K;
        h = (h ^ high) * K;
        for (var i = InlineChars; i < value.Length; i++) h = (h ^ value[i]) * K;
        h ^= h >> 29;
        h *= 0xBF58476D1CE4E5B9;
        h ^= h >> 32;
        return (int)h & int.MaxValue;
    }

    private struct Entry
    {
        public ulong Low;
        public ulong High;
        public int Length;
        public int Hash;
        public string? Value;
    }
}
