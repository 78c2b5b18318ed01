using System.Globalization;
using System.Text;
using ComplexCases.Application.Insight;
using ComplexCases.Application.Lists;
using ComplexCases.Domain.Workflow;

namespace ComplexCases.Web.Pages.Insight;

/// <summary>A period of whole months chosen on an insight page (<c>from</c> and <c>to</c> as <c>yyyy-MM</c>), or why not.</summary>
public sealed record MonthRange(DateOnly From, DateOnly To)
{
    public static string Month(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>
    /// The months asked for, defaulting to the <paramref name="defaultMonths"/> up to this one; <see cref="To"/> is the last
    /// month's last day. Null, with the field and message, when a month is not a year and month, or the period is backwards
    /// or longer than <paramref name="maxMonths"/>.
    /// </summary>
    public static MonthRange? Resolve(string? from, string? to, DateTimeOffset now, int defaultMonths, int maxMonths, out (string Field, string Message)? error)
    {
        var today = WorkingCalendar.UkDate(now);
        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        var first = thisMonth.AddMonths(1 - defaultMonths);
        var last = thisMonth;
        error = Parse(from, "from", ref first) ?? Parse(to, "to", ref last);
        if (error is null && first > last) error = ("from", "The first month must be the same as or before the last month.");
        if (error is null && (last.Year - first.Year) * 12 + last.Month - first.Month >= maxMonths) error = ("from", $"Choose at most {maxMonths} months.");
        return error is null ? new MonthRange(first, last.AddMonths(1).AddDays(-1)) : null;
    }

    private static (string, string)? Parse(string? value, string field, ref DateOnly month)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (DateOnly.TryParseExact(value.Trim() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
            && parsed.Year is >= 2000 and <= 2100)
        {
            month = parsed;
            return null;
        }
        return (field, $"Enter the {(field == "from" ? "first" : "last")} month as a year and month, for example 2026-03.");
    }
}

/// <summary>An aggregate table as CSV: one header line, then rows; text cells quoted with a leading formula character neutralised.</summary>
public static class InsightCsv
{
    /// <summary>A text cell: quoted always, and a leading formula character neutralised as the list downloads do.</summary>
    public static string Text(string value) => "\"" + ListCsv.AsText(value)!.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>A count as shown ([c] when withheld), without thousands separators.</summary>
    public static string Count(ShownCount count) => count.Withheld ? "[c]" : count.Value.ToString(CultureInfo.InvariantCulture);

    public static byte[] Write(IEnumerable<string> header, IEnumerable<IEnumerable<string>> rows)
    {
        var csv = new StringBuilder();
        csv.AppendJoin(',', header.Select(Text)).Append('\n');
        foreach (var row in rows) csv.AppendJoin(',', row).Append('\n');
        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    /// <summary>How a withheld count reads in a sentence or a chart.</summary>
    public static string Words(ShownCount count) => count.Withheld ? "fewer than 5" : count.ToString();
}
