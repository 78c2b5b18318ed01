using System.Globalization;
using System.Text;
using ComplexCases.Application.Lists;

namespace ComplexCases.Web.Downloads;

/// <summary>A table as CSV: one header line, then rows; every text cell quoted with a leading formula character neutralised.</summary>
public static class TableCsv
{
    public static byte[] Write(DownloadTable table)
    {
        var csv = new StringBuilder();
        csv.AppendJoin(',', table.Header.Select(Quoted)).Append('\n');
        foreach (var row in table.Rows) csv.AppendJoin(',', row.Select(Field)).Append('\n');
        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    // A number is written as the page shows it less thousands separators ("1,234" would be two fields); shares keep their "%".
    private static string Field(Cell cell) =>
        cell.Number is null ? Quoted(cell.Shown)
        : cell.Percent ? cell.Shown.Trim()
        : cell.Shown.Trim().Replace(",", "", StringComparison.Ordinal);

    /// <summary>Quoted always, and a leading formula character neutralised as the list downloads do: the file opens in a spreadsheet.</summary>
    public static string Quoted(string value) => "\"" + ListCsv.AsText(value)!.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    internal static string Invariant(double value) => value.ToString(CultureInfo.InvariantCulture);
}
