using System.Globalization;
using ComplexCases.Application.Insight;

namespace ComplexCases.Web.Downloads;

/// <summary>
/// A table as downloaded: a header row and rows of cells. CSV and XLSX are both written from this one model, so the two
/// files cannot disagree with each other or with the page (a withheld cell is the page's marker in both).
/// </summary>
public sealed record DownloadTable(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<Cell>> Rows);

/// <summary>The two download formats of a table.</summary>
public enum TableFormat
{
    Csv,
    Xlsx,
}

/// <summary>
/// One cell: text, or a number with the text shown on the page. A spreadsheet gets the number (a share as a fraction in a
/// percentage format) so it can be summed or charted; the CSV gets the text without thousands separators.
/// </summary>
public readonly record struct Cell(string Shown, double? Number = null, bool Percent = false)
{
    /// <summary>The marker a withheld (small or secondary-suppressed) figure has on the page and in every download.</summary>
    public const string Withheld = "[c]";

    public static Cell Text(string text) => new(text);

    /// <summary>A count as shown: the marker when withheld, else the number.</summary>
    public static Cell Count(ShownCount count) => count.Withheld ? new(Withheld) : Whole(count.Value);

    public static Cell Whole(int value) => new(value.ToString(CultureInfo.InvariantCulture), value);

    /// <summary>
    /// A figure the page shows as text: "45%" or "12.5" become numbers; anything else ("[c]", "–", a range in words) stays
    /// the text shown, so a marker is never turned into a number.
    /// </summary>
    public static Cell Figure(string shown)
    {
        var text = shown.Trim();
        if (text.EndsWith('%') && double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var share))
            return new(shown, share / 100, Percent: true);
        if (text.Length > 0 && (char.IsAsciiDigit(text[0]) || text[0] == '-' && text.Length > 1 && char.IsAsciiDigit(text[1]))
            && double.TryParse(text.Replace(",", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            return new(shown, value);
        return new(shown);
    }

    /// <summary>Digits after the point in the page's text ("45.5%" → 1), so a spreadsheet shows what the page shows.</summary>
    internal int Decimals
    {
        get
        {
            var text = Shown.Trim().TrimEnd('%');
            var point = text.IndexOf('.', StringComparison.Ordinal);
            return point < 0 ? 0 : text.Length - point - 1;
        }
    }
}
