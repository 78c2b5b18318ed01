using System.Globalization;
using ComplexCases.Application.Insight;
using ComplexCases.Application.Access;
using ComplexCases.Application.Audit;
using ComplexCases.Domain.Audit;
using ComplexCases.Web.Downloads;
using ComplexCases.Web.SignIn;
using Microsoft.AspNetCore.Mvc;
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

/// <summary>
/// What every insight page shares: the period asked for, its audit entries (the view, and each table downloaded, which is an
/// export), and a table's download as CSV or XLSX with a file name saying what and when.
/// </summary>
public static class InsightPage
{
    /// <summary>Months shown when none are asked for.</summary>
    public const int DefaultMonths = 6;

    /// <summary>The longest period one view covers: three years of monthly cohorts.</summary>
    public const int MaxMonths = 36;

    public static MonthRange? Range(string? from, string? to, TimeProvider clock, out (string Field, string Message)? error) =>
        MonthRange.Resolve(from, to, clock.GetUtcNow(), DefaultMonths, MaxMonths, out error);

    /// <summary>Audits a view (<see cref="AuditEventTypes.InsightViewed"/>) or a download (<see cref="AuditEventTypes.InsightExported"/>) of a table.</summary>
    public static Task Audit(GroupCommitAuditWriter audit, StaffUser user, string type, string purpose, string table, MonthRange range,
        string? by = null, string? format = null)
    {
        var details = new AuditDetails().Add("table", table).Add("from", MonthRange.Month(range.From)).Add("to", MonthRange.Month(range.To));
        if (by is not null) details.Add("by", by);
        if (format is not null) details.Add("format", format);
        return audit.AppendAsync(new AuditEntryRequest(user.Id, AuditAction.Disclosure, type, purpose) { Details = details.ToString() });
    }

    /// <summary>The table as a file named <c>{name}-{from}-to-{to}.{csv|xlsx}</c>.</summary>
    public static FileContentResult File(DownloadTable table, string name, MonthRange range, TableFormat format) =>
        TableFile.Of(table, $"{name}-{MonthRange.Month(range.From)}-to-{MonthRange.Month(range.To)}", format);

    /// <summary>How a withheld count reads in a sentence or a chart.</summary>
    public static string Words(ShownCount count) => count.Withheld ? "fewer than 5" : count.ToString();
}
