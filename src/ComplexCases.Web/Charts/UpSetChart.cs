using System.Globalization;

namespace ComplexCases.Web.Charts;

/// <summary>One combination of criteria: the criteria met (a bit per criterion) and how many A and B list with it (null when withheld).</summary>
public sealed record UpSetColumn(int Mask, int? A, int? B);

/// <summary>
/// An UpSet-style chart as SVG: a pair of bars (A and B) per combination of criteria met, and beneath them a dot matrix
/// saying which criteria make up each combination (filled dots joined by a line). Like the other charts it is one described
/// image; the table beside it carries the figures. Withheld bars are drawn empty with a dashed outline.
/// </summary>
public sealed record UpSetChart(string Id, string Title, string Description, IReadOnlyList<UpSetColumn> Columns, IReadOnlyList<(int Bit, string Label)> Rows,
    string NameA, string NameB)
{
    public const int Width = 640, LabelWidth = 150, BarsTop = 10, BarsHeight = 150, RowHeight = 22, DotRadius = 6;
    public const string ColourA = "#1d70b8", ColourB = "#d4351c";

    public double ColumnWidth => (Width - LabelWidth - 10) / (double)Math.Max(1, Columns.Count);
    public int MatrixTop => BarsTop + BarsHeight + 12;
    public int LegendTop => MatrixTop + Rows.Count * RowHeight + 16;
    public int Height => LegendTop + 2 * RowHeight;
    public int Scale => Math.Max(1, Columns.Max(c => Math.Max(c.A ?? 0, c.B ?? 0)));

    public double Centre(int column) => LabelWidth + (column + 0.5) * ColumnWidth;
    public double BarWidth => Math.Min(16, ColumnWidth / 2 - 3);
    public double BarHeight(int? value) => value is { } v ? BarsHeight * (double)v / Scale : 0;
    public double RowY(int row) => MatrixTop + row * RowHeight + RowHeight / 2.0;

    public static bool Has(int mask, int bit) => (mask & (1 << bit)) != 0;

    public static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
