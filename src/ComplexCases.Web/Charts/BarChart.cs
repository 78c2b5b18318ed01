using System.Globalization;

namespace ComplexCases.Web.Charts;

/// <summary>One bar: its label, its value (null when withheld) and the text shown at its end.</summary>
public sealed record Bar(string Label, int? Value, string Text);

/// <summary>
/// A horizontal bar chart drawn on the server as SVG: no script, sharp at any zoom, and read by a screen reader as one
/// image with a title and a description (the same figures are in the table beside it). Withheld bars are drawn empty
/// and say so.
/// </summary>
public sealed record BarChart(string Id, string Title, string Description, IReadOnlyList<Bar> Bars)
{
    public const int Width = 640;
    public const int LabelWidth = 170;
    public const int RowHeight = 28;
    public const int BarHeight = 18;
    private const int TextSpace = 70;

    public int Height => Bars.Count * RowHeight + 8;

    /// <summary>The largest value, so the longest bar fills the plot.</summary>
    public int Scale => Math.Max(1, Bars.Max(b => b.Value ?? 0));

    public double BarLength(Bar bar) => bar.Value is { } v ? (Width - LabelWidth - TextSpace) * (double)v / Scale : 0;

    /// <summary>Labels have room for about 22 characters; a longer one is cut with an ellipsis (the full label is in the table and the description).</summary>
    public static string ShortLabel(string label) => label.Length <= 22 ? label : label[..21].TrimEnd() + "…";

    public static string Number(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
