using ComplexCases.Domain.Workflow;

namespace ComplexCases.Web.Demo;

/// <summary>
/// The clock demo seeding runs on. The demo walks its months from the oldest list to today, taking each step through the
/// same use cases as the pages, with the clock at the day the step happened: so every recorded time, due date, reminder and
/// audit entry reads as a service in use, and the step rules (no date after today) hold as they would have then. It never
/// goes backwards and never passes the site's own clock, which it hands back to once seeding is over.
/// </summary>
internal sealed class DemoTimeline(TimeProvider site) : TimeProvider
{
    private static readonly TimeZoneInfo UkTime = FindUkTime();
    private DateTimeOffset? _at;

    /// <summary>The site's date in England and Wales: the last day the demo may place anything on.</summary>
    public DateOnly Today => WorkingCalendar.UkDate(site.GetUtcNow());

    public override DateTimeOffset GetUtcNow() => _at ?? site.GetUtcNow();

    public override TimeZoneInfo LocalTimeZone => site.LocalTimeZone;

    /// <summary>Moves to <paramref name="hour"/>:<paramref name="minute"/> (UK time) on <paramref name="day"/>; a day after today is refused.</summary>
    public void MoveTo(DateOnly day, int hour, int minute = 0)
    {
        if (day > Today) throw new InvalidOperationException($"Demo timeline: {day:yyyy-MM-dd} is after today ({Today:yyyy-MM-dd}).");
        var local = day.ToDateTime(new TimeOnly(hour, minute), DateTimeKind.Unspecified);
        var at = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, UkTime), TimeSpan.Zero);
        var now = site.GetUtcNow();
        if (at > now) at = now;
        if (_at is { } previous && at < previous) at = previous;
        _at = at;
    }

    /// <summary>Back to the site's own clock.</summary>
    public void Release() => _at = null;

    private static TimeZoneInfo FindUkTime()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return TimeZoneInfo.Utc;
        }
    }
}
