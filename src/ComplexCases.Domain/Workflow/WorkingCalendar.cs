using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;

namespace ComplexCases.Domain.Workflow;

/// <summary>
/// Working days in England and Wales: Monday to Friday except bank holidays. The holidays are data
/// (<c>definitions/bank-holidays-england-and-wales.json</c>), because they change by proclamation
/// (a coronation, a state funeral) and no rule can predict them.
/// </summary>
/// <remarks>
/// Outside the years the file covers the holidays are unknown. The service must still work on those days (a case listed
/// in December is due in January), so there a working day is any weekday; the first such day consulted is reported once
/// through <see cref="BeyondCoverage"/>, so the host can tell its administrators and its log to add the next year.
/// </remarks>
public sealed class WorkingCalendar
{
    private readonly FrozenSet<DateOnly> _holidays;
    private int _reportedBeyond;

    public WorkingCalendar(IEnumerable<DateOnly> bankHolidays, DateOnly coversFrom, DateOnly coversTo)
    {
        if (coversTo < coversFrom) throw new ArgumentException("The calendar must cover at least one day.", nameof(coversTo));
        _holidays = bankHolidays.ToFrozenSet();
        CoversFrom = coversFrom;
        CoversTo = coversTo;
    }

    /// <summary>The first and last days for which the holiday list is known to be complete.</summary>
    public DateOnly CoversFrom { get; }

    public DateOnly CoversTo { get; }

    public IReadOnlySet<DateOnly> BankHolidays => _holidays;

    /// <summary>
    /// Called once, with the day, the first time a day outside <see cref="CoversFrom"/>..<see cref="CoversTo"/> is counted
    /// (weekends only there). Set by the host before use; the calendar itself stays free of logging.
    /// </summary>
    public Action<DateOnly>? BeyondCoverage { get; set; }

    /// <summary>Whether the bank holidays of <paramref name="day"/> are known.</summary>
    public bool Covers(DateOnly day) => day >= CoversFrom && day <= CoversTo;

    private static readonly TimeZoneInfo UkTime = FindUkTime();

    /// <summary>
    /// The date in England and Wales at an instant: a step recorded at 00:30 BST belongs to that day, not (as in UTC)
    /// the day before, or its due dates would come a working day early.
    /// </summary>
    public static DateOnly UkDate(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, UkTime).DateTime);

    private static TimeZoneInfo FindUkTime()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            // A host without time-zone data: UTC is GMT, wrong only in the small hours of summer days.
            return TimeZoneInfo.Utc;
        }
    }

    public bool IsWorkingDay(DateOnly day)
    {
        if (!Covers(day)) ReportBeyond(day);
        return day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !_holidays.Contains(day);
    }

    /// <summary>
    /// The working day <paramref name="workingDays"/> working days after <paramref name="start"/>; the start itself
    /// does not count (a case listed on Friday with 1 working day is due on Monday, or Tuesday after a bank holiday).
    /// </summary>
    public DateOnly AddWorkingDays(DateOnly start, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);
        var day = start;
        for (var counted = 0; counted < workingDays;)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day)) counted++;
        }
        return day;
    }

    /// <summary>Working days after <paramref name="from"/> up to and including <paramref name="to"/>; negative when <paramref name="to"/> is earlier.</summary>
    public int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        if (to < from) return -WorkingDaysBetween(to, from);
        var count = 0;
        for (var day = from.AddDays(1); day <= to; day = day.AddDays(1))
        {
            if (IsWorkingDay(day)) count++;
        }
        return count;
    }

    private void ReportBeyond(DateOnly day)
    {
        // Holidays there are unknown, so only weekends are skipped; say so once rather than on every day counted.
        if (Interlocked.Exchange(ref _reportedBeyond, 1) == 0) BeyondCoverage?.Invoke(day);
    }

    /// <summary>Reads the calendar file: <c>{"division": "england-and-wales", "coversFrom": "…", "coversTo": "…", "events": [{"date": "…", "title": "…"}]}</c>.</summary>
    public static WorkingCalendar Parse(string json)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        var root = document.RootElement;
        var from = Date(root, "coversFrom");
        var to = Date(root, "coversTo");
        if (to < from) throw new FormatException($"coversTo: {to:yyyy-MM-dd} is before coversFrom {from:yyyy-MM-dd}");
        if (!root.TryGetProperty("events", out var events) || events.ValueKind != JsonValueKind.Array)
            throw new FormatException("events: required, a list of {date, title}");
        var days = new List<DateOnly>();
        var index = 0;
        foreach (var item in events.EnumerateArray())
        {
            var day = Date(item, "date", $"events[{index}].");
            if (day < from || day > to) throw new FormatException($"events[{index}].date: {day:yyyy-MM-dd} is outside coversFrom..coversTo");
            days.Add(day);
            index++;
        }
        return new WorkingCalendar(days, from, to);
    }

    private static DateOnly Date(JsonElement element, string name, string path = "")
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String
            || !DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            throw new FormatException($"{path}{name}: required, a date as yyyy-MM-dd");
        return day;
    }
}
