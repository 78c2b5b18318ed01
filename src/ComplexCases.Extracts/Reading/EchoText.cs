using System.Globalization;
using System.Text;

namespace ComplexCases.Extracts.Reading;

/// <summary>
/// A value from outside (a file name, a code, an argument) as an error message may repeat it: on one line (line breaks and
/// other control characters escaped, so an error stays one line) and bounded (a 1 MB value is not echoed back).
/// </summary>
public static class EchoText
{
    public const int DefaultMaxLength = 80;

    public static string Of(string? value, int maxLength = DefaultMaxLength)
    {
        if (string.IsNullOrEmpty(value)) return "";
        var text = new StringBuilder(Math.Min(value.Length, maxLength) + 16);
        var shown = 0;
        foreach (var rune in value.EnumerateRunes())
        {
            if (shown >= maxLength)
            {
                text.Append(CultureInfo.InvariantCulture, $"… ({value.Length:N0} characters)");
                return text.ToString();
            }
            shown++;
            switch (rune.Value)
            {
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                default:
                    if (Rune.IsControl(rune) || rune.Value is 0x2028 or 0x2029 or 0x85 || Rune.GetUnicodeCategory(rune) == UnicodeCategory.Format)
                        text.Append(CultureInfo.InvariantCulture, $"\\u{rune.Value:X4}");
                    else
                        text.Append(rune.ToString());
                    break;
            }
        }
        return text.ToString();
    }
}
