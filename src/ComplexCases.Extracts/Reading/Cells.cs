using System.Runtime.CompilerServices;
using ComplexCases.Domain.People;
using ComplexCases.Domain.Screening;

namespace ComplexCases.Extracts.Reading;

/// <summary>Parsers for the cell formats of the contract. All work on trimmed spans and allocate nothing.</summary>
internal static class Cells
{
    /// <summary>Exactly <c>yyyy-MM-dd</c> naming a real calendar day.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParseDate(ReadOnlySpan<char> s, out DateOnly date)
    {
        date = default;
        if (s.Length != 10 || s[4] != '-' || s[7] != '-') return false;
        if (!TryDigits(s[..4], out var year) || !TryDigits(s.Slice(5, 2), out var month) || !TryDigits(s.Slice(8, 2), out var day)) return false;
        if (year < 1 || month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return false;
        date = new DateOnly(year, month, day);
        return true;
    }

    /// <summary>Y/N in any of the accepted spellings; the caller handles empty (unknown).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParseFlag(ReadOnlySpan<char> s, out Flag flag)
    {
        flag = s.Length switch
        {
            1 => s[0] switch
            {
                'Y' or 'y' or '1' => Flag.Yes,
                'N' or 'n' or '0' => Flag.No,
                _ => Flag.Unknown,
            },
            2 => s.Equals("NO", StringComparison.OrdinalIgnoreCase) ? Flag.No : Flag.Unknown,
            3 => s.Equals("YES", StringComparison.OrdinalIgnoreCase) ? Flag.Yes : Flag.Unknown,
            4 => s.Equals("TRUE", StringComparison.OrdinalIgnoreCase) ? Flag.Yes : Flag.Unknown,
            5 => s.Equals("FALSE", StringComparison.OrdinalIgnoreCase) ? Flag.No : Flag.Unknown,
            _ => Flag.Unknown,
        };
        return flag != Flag.Unknown;
    }

    /// <summary>A whole number ≥ 0 written with digits only.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParseScore(ReadOnlySpan<char> s, out int score)
    {
        score = 0;
        if (s.Length is 0 or > 9) return false;
        return TryDigits(s, out score);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParseRosh(ReadOnlySpan<char> s, out RoshLevel level)
    {
        level = s.Length switch
        {
            3 when s.Equals("LOW", StringComparison.OrdinalIgnoreCase) => RoshLevel.Low,
            4 when s.Equals("HIGH", StringComparison.OrdinalIgnoreCase) => RoshLevel.High,
            6 when s.Equals("MEDIUM", StringComparison.OrdinalIgnoreCase) => RoshLevel.Medium,
            9 when s.Equals("VERY_HIGH", StringComparison.OrdinalIgnoreCase) => RoshLevel.VeryHigh,
            _ => 0,
        };
        return level != 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParseOpdResult(ReadOnlySpan<char> s, out OpdResult result)
    {
        result = s.Equals("SCREENED_IN", StringComparison.OrdinalIgnoreCase) ? OpdResult.ScreenedIn
            : s.Equals("SCREENED_OUT", StringComparison.OrdinalIgnoreCase) ? OpdResult.ScreenedOut
            : 0;
        return result != 0;
    }

    private static readonly string[] SentenceTypes = ["IPP", "DPP", "LIFE", "EDS", "SDS", "SOPC", "CO", "SSO", "OTHER"];

    /// <summary>The canonical (upper-case, shared) string for a known sentence type.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParseSentenceType(ReadOnlySpan<char> s, out string type)
    {
        foreach (var known in SentenceTypes)
        {
            if (s.Equals(known, StringComparison.OrdinalIgnoreCase))
            {
                type = known;
                return true;
            }
        }
        type = "";
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParseGender(ReadOnlySpan<char> s, out string gender)
    {
        gender = s.Length == 1
            ? s[0] switch { 'M' or 'm' => "M", 'F' or 'f' => "F", 'X' or 'x' => "X", _ => "" }
            : "";
        return gender.Length != 0;
    }

    private static readonly string[] Grades = ["PSO", "PQiP", "PO", "SPO", "HOPDU", "QDO"];

    /// <summary>The contract's spelling for a known grade; null for any other grade (kept as written).</summary>
    public static string? KnownGrade(ReadOnlySpan<char> s)
    {
        foreach (var known in Grades)
        {
            if (s.Equals(known, StringComparison.OrdinalIgnoreCase)) return known;
        }
        return null;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryDigits(ReadOnlySpan<char> s, out int value)
    {
        value = 0;
        foreach (var c in s)
        {
            var d = c - '0';
            if ((uint)d > 9) return false;
            value = (value * 10) + d;
        }
        return true;
    }
}
