using System.Text.RegularExpressions;
using ComplexCases.Domain.People;

namespace ComplexCases.Application.Solutions;

/// <summary>
/// Takes the person out of free text written about them before it is shared beyond their case: their CRN and each of
/// their names, as whole words in any case, become placeholders. Staff write "Mr Smith" and "John" as often as the CRN.
/// </summary>
public static class FreeText
{
    public const string Person = "[the person]";
    public const string CaseReference = "[CRN]";

    public static string Redact(string text, Crn crn, params string?[] names)
    {
        if (string.IsNullOrEmpty(text)) return text;
        var redacted = Regex.Replace(text, Whole(crn.ToString()), CaseReference, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        // Longest first, so a surname containing a forename ("Ann", "Annson") goes whole.
        foreach (var name in names.Where(n => !string.IsNullOrWhiteSpace(n) && n.Trim().Length > 1).Select(n => n!.Trim()).OrderByDescending(n => n.Length))
            redacted = Regex.Replace(redacted, Whole(name), Person, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        return redacted;
    }

    // Not inside a longer word: no letter or digit either side (\b would fail for a name ending in a full stop).
    private static string Whole(string word) => $@"(?<![\p{{L}}\p{{N}}]){Regex.Escape(word)}(?![\p{{L}}\p{{N}}])";
}
