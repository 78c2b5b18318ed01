namespace ComplexCases.Domain.Evaluation;

/// <summary>
/// Cohen's kappa: agreement between two raters beyond what chance would give, κ = (pₒ − pₑ) / (1 − pₑ), where pₒ is
/// the share of items on which they agree and pₑ the agreement expected from each rater's own category shares. For
/// QDOs who review the same cases twice (issue 14: consistency of quality).
/// </summary>
public static class CohenKappa
{
    /// <summary>κ from a square table of counts: <c>table[i, j]</c> items rated i by the first rater and j by the second.
    /// Null when there are no items, or when chance alone gives full agreement (pₑ = 1: both always used one category).</summary>
    public static double? Of(long[,] table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var k = table.GetLength(0);
        if (table.GetLength(1) != k) throw new ArgumentException("The table must be square: the same categories for both raters.", nameof(table));
        long n = 0, agree = 0;
        var rows = new long[k];
        var columns = new long[k];
        for (var i = 0; i < k; i++)
        {
            for (var j = 0; j < k; j++)
            {
                var count = table[i, j];
                if (count < 0) throw new ArgumentException("Counts cannot be negative.", nameof(table));
                n += count;
                rows[i] += count;
                columns[j] += count;
                if (i == j) agree += count;
            }
        }
        if (n == 0) return null;
        var observed = (double)agree / n;
        var expected = 0.0;
        for (var i = 0; i < k; i++) expected += (double)rows[i] / n * ((double)columns[i] / n);
        return expected >= 1 ? null : (observed - expected) / (1 - expected);
    }

    /// <summary>κ from paired ratings of the same items.</summary>
    public static double? Of<T>(IReadOnlyList<T> first, IReadOnlyList<T> second) where T : notnull
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        if (first.Count != second.Count) throw new ArgumentException("One rating by each rater per item.", nameof(second));
        var categories = first.Concat(second).Distinct().Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i);
        var table = new long[categories.Count, categories.Count];
        for (var i = 0; i < first.Count; i++) table[categories[first[i]], categories[second[i]]]++;
        return Of(table);
    }
}
