using ComplexCases.Application.Notifications;

namespace ComplexCases.Application.Tests.Notifications;

public class DigestScheduleTests
{
    /// <summary>UK rules built here, so the tests do not depend on the machine's time zone data.</summary>
    private static readonly TimeZoneInfo London = TimeZoneInfo.CreateCustomTimeZone("Test/London", TimeSpan.Zero, "London", "GMT", "BST",
    [
        TimeZoneInfo.AdjustmentRule.CreateAdjustmentRule(DateTime.MinValue.Date, DateTime.MaxValue.Date, TimeSpan.FromHours(1),
            TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 1, 0, 0), 3, 5, DayOfWeek.Sunday),
            TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 2, 0, 0), 10, 5, DayOfWeek.Sunday)),
    ]);

    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0) => new(2024, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void NextAfter_BeforeTheHourInSummer_SevenBstThatDay()
    {
        DigestSchedule.NextAfter(Utc(10, 1, 5), London, 7).ShouldBe(Utc(10, 1, 6));
    }

    [Fact]
    public void NextAfter_AtOrPastTheHour_TheNextDay()
    {
        DigestSchedule.NextAfter(Utc(10, 1, 6), London, 7).ShouldBe(Utc(10, 2, 6));
        DigestSchedule.NextAfter(Utc(10, 1, 22, 30), London, 7).ShouldBe(Utc(10, 2, 6));
    }

    [Fact]
    public void NextAfter_AcrossTheClocksGoingBack_SevenGmt()
    {
        DigestSchedule.NextAfter(Utc(10, 26, 7), London, 7).ShouldBe(Utc(10, 27, 7));
    }

    [Fact]
    public void NextAfter_HourSkippedWhenClocksGoForward_AnHourLater()
    {
        // 31 March 2024: 01:00 GMT becomes 02:00 BST, so 01:00 local never happens.
        DigestSchedule.NextAfter(Utc(3, 30, 12), London, 1).ShouldBe(Utc(3, 31, 1));
    }

    [Fact]
    public void NextAfter_HourHappeningTwiceWhenClocksGoBack_TheFirst()
    {
        // 27 October 2024: 01:00–02:00 local happens in BST and again in GMT.
        DigestSchedule.NextAfter(Utc(10, 26, 12), London, 1).ShouldBe(Utc(10, 27, 0));
    }

    [Fact]
    public void NextAfter_HourOutOfRange_Throws()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => DigestSchedule.NextAfter(Utc(10, 1, 5), London, 24));
    }
}
