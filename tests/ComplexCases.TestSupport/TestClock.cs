using System.Diagnostics;

namespace ComplexCases.TestSupport;

/// <summary>
/// The clock of every test site (in-process, browser, demo seeding): it starts at a fixed instant and runs at real speed, so
/// a site's "today" never depends on the real date while its timers (cookie checks, the reminder loop, group commit) still
/// fire. Tests about a particular kind of day (a weekend, a bank holiday, past the calendar) start one there.
/// </summary>
public sealed class TestClock(DateTimeOffset start) : TimeProvider
{
    /// <summary>Wednesday 18 March 2026, 10:00 UTC: an ordinary working day in the middle of a month, inside the bank holiday list.</summary>
    public static DateTimeOffset OrdinaryWorkingDay { get; } = new(2026, 3, 18, 10, 0, 0, TimeSpan.Zero);

    private readonly long _started = Stopwatch.GetTimestamp();

    public TestClock() : this(OrdinaryWorkingDay)
    {
    }

    public DateTimeOffset Start { get; } = start;

    /// <summary>The England and Wales date the clock started on: the site's "today" for the length of a test run.</summary>
    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(Start, UkTime).DateTime);

    public override DateTimeOffset GetUtcNow() => Start + Stopwatch.GetElapsedTime(_started);

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    private static readonly TimeZoneInfo UkTime = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
}
