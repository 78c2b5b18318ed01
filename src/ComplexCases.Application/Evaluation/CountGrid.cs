using ComplexCases.Application.Insight;

namespace ComplexCases.Application.Evaluation;

/// <summary>One row of an aggregate table as shown: its label and its counts, each withheld or not.</summary>
public sealed record ShownRow(string Label, IReadOnlyList<ShownCount> Cells);

/// <summary>An aggregate table as shown: column headings and rows, small counts withheld.</summary>
public sealed record ShownTable(IReadOnlyList<string> Columns, IReadOnlyList<ShownRow> Rows)
{
    /// <summary>A cell by row label and column heading (tests and charts read figures this way).</summary>
    public ShownCount this[string row, string column] => Rows.Single(r => r.Label == row).Cells[Columns.ToList().IndexOf(column)];
}

/// <summary>
/// A table of counts of people with its disclosure control (SmallCounts' rule, generalised): a count of 1 to 4 is withheld,
/// and wherever the table states that one figure is the sum of others — a column's total, or within a row (listed by B = in
/// both + added) — a figure withheld alone in such a sum could be worked back, so the smallest other non-zero figure of
/// that sum is withheld too, repeatedly until no sum has one withheld figure. Columns past the visible ones are never shown
/// but are people all the same (those who depend on one criterion, say), so a small one withholds what would reveal it.
/// </summary>
public sealed class CountGrid(IReadOnlyList<string> visible, int hiddenColumns = 0)
{
    private readonly List<(string Label, int[] Values)> _rows = [];
    private readonly List<int[]> _rowSums = [];

    public int Columns => visible.Count + hiddenColumns;

    public CountGrid Row(string label, int[] values)
    {
        if (values.Length != Columns) throw new ArgumentException($"Expected {Columns} values.", nameof(values));
        _rows.Add((label, values));
        return this;
    }

    /// <summary>In every row, the column <paramref name="sum"/> is the sum of the <paramref name="parts"/>.</summary>
    public CountGrid RowSum(int sum, params int[] parts)
    {
        _rowSums.Add([sum, .. parts]);
        return this;
    }

    /// <param name="total">The label of a total row to add (each column's sum), or null for none.</param>
    public ShownTable Shown(string? total)
    {
        var rows = _rows.ToList();
        if (total is not null) rows.Add((total, Enumerable.Range(0, Columns).Select(c => _rows.Sum(r => r.Values[c])).ToArray()));
        var cells = rows.SelectMany(r => r.Values).ToArray();
        var sums = new List<int[]>();
        foreach (var sum in _rowSums)
            for (var r = 0; r < rows.Count; r++) sums.Add([.. sum.Select(c => r * Columns + c)]);
        if (total is not null && _rows.Count > 0)
            for (var c = 0; c < Columns; c++) sums.Add([(rows.Count - 1) * Columns + c, .. Enumerable.Range(0, _rows.Count).Select(r => r * Columns + c)]);
        var hidden = Withhold(cells, sums);
        return new ShownTable(visible, [.. rows.Select((row, r) => new ShownRow(row.Label,
            [.. Enumerable.Range(0, visible.Count).Select(c => new ShownCount(row.Values[c], hidden[r * Columns + c]))]))]);
    }

    /// <summary>Primary suppression, then secondary over every stated sum until none has exactly one withheld figure.</summary>
    public static bool[] Withhold(int[] cells, IReadOnlyList<int[]> sums)
    {
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentNullException.ThrowIfNull(sums);
        var hidden = cells.Select(SmallCounts.IsSmall).ToArray();
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var sum in sums)
            {
                if (sum.Count(i => hidden[i]) != 1) continue;
                var next = sum.Where(i => !hidden[i] && cells[i] > 0).OrderBy(i => cells[i]).ThenBy(i => i).Cast<int?>().FirstOrDefault();
                if (next is not { } n) continue;
                hidden[n] = true;
                changed = true;
            }
        }
        return hidden;
    }
}
