namespace ComplexCases.Application.Insight;

/// <summary>
/// Statistical disclosure control for the aggregate views, as official statistics do it: a count of 1 to 4 people is
/// withheld (primary suppression), and where a column's total is shown, one withheld cell alone could be worked back from
/// it, so the next smallest cell of that column is withheld too (secondary suppression). Zero is shown: it reveals nobody.
/// </summary>
public static class SmallCounts
{
    public const int Threshold = 5;

    public static bool IsSmall(int count) => count is > 0 and < Threshold;

    /// <summary>Which cells of <paramref name="rows"/> (rows × columns of counts, summed by a shown total row) to withhold.</summary>
    public static bool[][] Withheld(IReadOnlyList<int[]> rows)
    {
        var hidden = rows.Select(r => r.Select(IsSmall).ToArray()).ToArray();
        if (rows.Count == 0) return hidden;
        var columns = rows[0].Length;
        for (var c = 0; c < columns; c++)
        {
            var withheld = Enumerable.Range(0, rows.Count).Count(r => hidden[r][c]);
            if (withheld != 1) continue;
            // The total less the shown cells would give the one withheld cell: withhold the smallest other non-zero cell.
            var next = Enumerable.Range(0, rows.Count).Where(r => !hidden[r][c] && rows[r][c] > 0)
                .OrderBy(r => rows[r][c]).ThenBy(r => r).Cast<int?>().FirstOrDefault();
            if (next is { } r2) hidden[r2][c] = true;
        }
        return hidden;
    }

    /// <summary>A share of a shown whole, withheld when the part or the rest is a small count (either would give it away).</summary>
    public static bool RateWithheld(int part, int whole) => whole < Threshold || IsSmall(part) || IsSmall(whole - part);

    /// <summary>
    /// A share as an aggregate view shows it: "–" when there is no whole, "[c]" when <see cref="RateWithheld"/>, else a whole
    /// percentage; with the percentage as a number for a chart (null unless shown).
    /// </summary>
    public static (string Text, int? Percent) Share(int part, int whole) =>
        whole == 0 ? ("–", null)
        : RateWithheld(part, whole) ? ("[c]", null)
        : (((double)part / whole).ToString("0%", System.Globalization.CultureInfo.InvariantCulture),
            (int)Math.Round(100.0 * part / whole, MidpointRounding.AwayFromZero));
}
