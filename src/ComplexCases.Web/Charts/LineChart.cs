using System.Globalization;
using System.Text;

namespace ComplexCases.Web.Charts;

/// <summary>One line: its name (in the legend) and points; a null value (withheld) breaks the line there.</summary>
public sealed record LineSeries(string Name, IReadOnlyList<(double X, double? Y)> Points);

/// <summary>A labelled tick on an axis.</summary>
public sealed record Tick(double Value, string Label);

/// <summary>
/// A line chart drawn on the server as SVG, like <see cref="BarChart"/>: one described image (title and description) for
/// assistive technology, the figures in the table beside it. Lines differ by dash as well as colour, so the legend reads
/// without colour. A <see cref="Reference"/> line (a dashed grey diagonal, say) may be drawn from (0, 0) to the far corner.
/// </summary>
public sealed record LineChart(string Id, string Title, string Description, IReadOnlyList<LineSeries> Series,
    IReadOnlyList<Tick> XTicks, IReadOnlyList<Tick> YTicks, string XLabel, string YLabel)
{
    public const int Width = 640;
    public const int Left = 64, Right = 40, Top = 16, Bottom = 56;
    public const int PlotHeight = 240;
    private const int LegendRow = 22;
    private static readonly string[] Colours = ["#1d70b8", "#d4351c", "#00703c", "#4c2c92"];
    private static readonly string[] Dashes = ["", "8 4", "2 3", "10 3 2 3"];

    public string? Reference { get; init; }
    public double XMin { get; init; } = XTicks.Count == 0 ? 0 : XTicks.Min(t => t.Value);
    public double XMax { get; init; } = XTicks.Count == 0 ? 1 : XTicks.Max(t => t.Value);
    public double YMax { get; init; } = YTicks.Count == 0 ? 1 : YTicks.Max(t => t.Value);

    public int PlotWidth => Width - Left - Right;
    public int LegendTop => Top + PlotHeight + Bottom - 12;
    public int Height => LegendTop + LegendRow * (Series.Count + (Reference is null ? 0 : 1)) + 4;

    public string X(double x) => N(Left + (XMax == XMin ? 0.5 : (x - XMin) / (XMax - XMin)) * PlotWidth);
    public string Y(double y) => N(Top + PlotHeight - (YMax == 0 ? 0 : y / YMax) * PlotHeight);
    public string Baseline => N(Top + PlotHeight);

    public static string Colour(int series) => Colours[series % Colours.Length];
    public static string Dash(int series) => Dashes[series % Dashes.Length];

    /// <summary>The SVG path of a series: a move at its start and after every withheld point, a line otherwise.</summary>
    public string Path(LineSeries series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var path = new StringBuilder();
        var pen = false;
        foreach (var (x, y) in series.Points)
        {
            if (y is not { } v) { pen = false; continue; }
            path.Append(pen ? " L" : " M").Append(X(x)).Append(' ').Append(Y(v));
            pen = true;
        }
        return path.ToString().Trim();
    }

    /// <summary>Ticks for counts from 0 to a round number at or above <paramref name="max"/>.</summary>
    public static IReadOnlyList<Tick> CountTicks(int max)
    {
        var step = Math.Max(1, (int)Math.Pow(10, Math.Floor(Math.Log10(Math.Max(1, max)))));
        if (max / step < 3) step = Math.Max(1, step / 2);
        var top = (max + step - 1) / step * step;
        return [.. Enumerable.Range(0, Math.Max(1, top / step) + 1).Select(i => new Tick(i * step, (i * step).ToString("N0", CultureInfo.InvariantCulture)))];
    }

    public static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
