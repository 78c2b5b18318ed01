using System.Diagnostics.CodeAnalysis;

namespace ComplexCases.Domain.People;

/// <summary>Case reference number: one capital letter and six digits, e.g. <c>E123456</c>.</summary>
/// <remarks>Held as one int (letter index × 1,000,000 + digits) so that millions of them stay compact;
/// the int order is the string order.</remarks>
public readonly record struct Crn : IComparable<Crn>
{
    private Crn(int value) => Value = value;

    /// <summary>The packed form: (letter − 'A') × 1,000,000 + digits.</summary>
    public int Value { get; }

    public static Crn Parse(string text) =>
        TryParse(text, out var crn) ? crn : throw new FormatException($"'{text}' is not a CRN (one capital letter and six digits).");

    public static bool TryParse(ReadOnlySpan<char> text, out Crn crn)
    {
        crn = default;
        if (text.Length != 7 || text[0] < 'A' || text[0] > 'Z') return false;
        var digits = 0;
        for (var i = 1; i < 7; i++)
        {
            var c = text[i];
            if (c < '0' || c > '9') return false;
            digits = (digits * 10) + (c - '0');
        }
        crn = new Crn(((text[0] - 'A') * 1_000_000) + digits);
        return true;
    }

    public static bool TryParse([NotNullWhen(true)] string? text, out Crn crn)
    {
        if (text is null) { crn = default; return false; }
        return TryParse(text.AsSpan(), out crn);
    }

    public static Crn FromValue(int value)
    {
        if (value < 0 || value >= 26_000_000) throw new ArgumentOutOfRangeException(nameof(value), value, "Not a packed CRN.");
        return new Crn(value);
    }

    public int CompareTo(Crn other) => Value.CompareTo(other.Value);

    public static bool operator <(Crn left, Crn right) => left.Value < right.Value;
    public static bool operator >(Crn left, Crn right) => left.Value > right.Value;
    public static bool operator <=(Crn left, Crn right) => left.Value <= right.Value;
    public static bool operator >=(Crn left, Crn right) => left.Value >= right.Value;

    /// <summary>Writes the seven ASCII characters into <paramref name="destination"/> (at least 7 bytes).</summary>
    public void FormatUtf8(Span<byte> destination)
    {
        destination[0] = (byte)('A' + (Value / 1_000_000));
        var digits = Value % 1_000_000;
        for (var i = 6; i >= 1; i--) { destination[i] = (byte)('0' + (digits % 10)); digits /= 10; }
    }

    public override string ToString() => string.Create(7, Value, static (span, value) =>
    {
        span[0] = (char)('A' + (value / 1_000_000));
        var digits = value % 1_000_000;
        for (var i = 6; i >= 1; i--) { span[i] = (char)('0' + (digits % 10)); digits /= 10; }
    });
}
