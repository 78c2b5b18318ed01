using System.Text.Json;
using ComplexCases.Domain.Workflow;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ComplexCases.Domain.Tests.Workflow;

public class WorkingCalendarTests
{
    private static readonly WorkingCalendar Calendar = ShippedFiles.Calendar;

    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    // ---- real England and Wales examples ----

    [Fact]
    public void Easter2024_GoodFridayAndEasterMondayAreNotWorkingDays()
    {
        D(2024, 3, 28).DayOfWeek.ShouldBe(DayOfWeek.Thursday);
        D(2024, 3, 29).DayOfWeek.ShouldBe(DayOfWeek.Friday);

        Calendar.IsWorkingDay(D(2024, 3, 28)).ShouldBeTrue();
        Calendar.IsWorkingDay(D(2024, 3, 29)).ShouldBeFalse();
        Calendar.IsWorkingDay(D(2024, 4, 1)).ShouldBeFalse();
        Calendar.IsWorkingDay(D(2024, 4, 2)).ShouldBeTrue();
    }

    [Theory]
    [InlineData(1, "2024-04-02")] // Friday and Monday are bank holidays, with a weekend between
    [InlineData(2, "2024-04-03")]
    [InlineData(20, "2024-04-29")] // 25 April without Easter
    public void AddWorkingDays_FromThursdayBeforeEaster2024_SkipsFourDays(int days, string expected)
    {
        Calendar.AddWorkingDays(D(2024, 3, 28), days).ShouldBe(DateOnly.Parse(expected));
    }

    [Fact]
    public void Christmas2026_FridayChristmasAndMondaySubstituteForBoxingDay()
    {
        D(2026, 12, 25).DayOfWeek.ShouldBe(DayOfWeek.Friday);
        D(2026, 12, 28).DayOfWeek.ShouldBe(DayOfWeek.Monday);

        Calendar.IsWorkingDay(D(2026, 12, 24)).ShouldBeTrue();
        Calendar.IsWorkingDay(D(2026, 12, 25)).ShouldBeFalse();
        Calendar.IsWorkingDay(D(2026, 12, 26)).ShouldBeFalse();
        Calendar.IsWorkingDay(D(2026, 12, 27)).ShouldBeFalse();
        Calendar.IsWorkingDay(D(2026, 12, 28)).ShouldBeFalse();
        Calendar.IsWorkingDay(D(2026, 12, 29)).ShouldBeTrue();
        Calendar.AddWorkingDays(D(2026, 12, 24), 1).ShouldBe(D(2026, 12, 29));
    }

    [Fact]
    public void AddWorkingDays_TwentyFromFriday20December2024_OverChristmasAndNewYear()
    {
        // Mon 23, Tue 24, (25, 26 bank holidays), Fri 27, Mon 30, Tue 31, (1 January), then 13 more: Wednesday 22 January.
        Calendar.AddWorkingDays(D(2024, 12, 20), 20).ShouldBe(D(2025, 1, 22));
        Calendar.AddWorkingDays(D(2024, 12, 20), 5).ShouldBe(D(2024, 12, 31));
        Calendar.AddWorkingDays(D(2024, 12, 20), 6).ShouldBe(D(2025, 1, 2));
    }

    [Theory]
    [InlineData("2024-06-14", 1, "2024-06-17")] // Friday → Monday
    [InlineData("2024-06-15", 1, "2024-06-17")] // Saturday → Monday
    [InlineData("2024-06-16", 1, "2024-06-17")] // Sunday → Monday
    [InlineData("2024-06-14", 5, "2024-06-21")] // a week
    [InlineData("2024-06-12", 3, "2024-06-17")] // Wednesday over a weekend
    [InlineData("2024-06-17", 4, "2024-06-21")] // Monday to Friday
    public void AddWorkingDays_Weekends_NotCounted(string start, int days, string expected)
    {
        Calendar.AddWorkingDays(DateOnly.Parse(start), days).ShouldBe(DateOnly.Parse(expected));
    }

    [Theory]
    [InlineData("2024-06-15")] // Saturday
    [InlineData("2024-12-25")] // bank holiday
    [InlineData("2024-06-17")] // Monday
    [InlineData("2028-12-31")] // the last day covered
    public void AddWorkingDays_Zero_SameDay(string day)
    {
        Calendar.AddWorkingDays(DateOnly.Parse(day), 0).ShouldBe(DateOnly.Parse(day));
    }

    [Fact]
    public void AddWorkingDays_Negative_Throws()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => Calendar.AddWorkingDays(D(2024, 6, 14), -1));
    }

    [Theory]
    [InlineData("2024-03-28", "2024-04-02", 1)]
    [InlineData("2024-03-28", "2024-04-01", 0)] // only non-working days between
    [InlineData("2024-06-17", "2024-06-24", 5)]
    [InlineData("2024-12-20", "2025-01-22", 20)]
    [InlineData("2024-06-14", "2024-06-14", 0)]
    [InlineData("2024-06-21", "2024-06-14", -5)]
    [InlineData("2024-06-15", "2024-06-16", 0)] // Saturday to Sunday
    public void WorkingDaysBetween_Examples(string from, string to, int expected)
    {
        Calendar.WorkingDaysBetween(DateOnly.Parse(from), DateOnly.Parse(to)).ShouldBe(expected);
    }

    [Fact]
    public void IsWorkingDay_WeekendsNeverAndOrdinaryWeekdaysAlways()
    {
        Calendar.IsWorkingDay(D(2024, 6, 15)).ShouldBeFalse();
        Calendar.IsWorkingDay(D(2024, 6, 16)).ShouldBeFalse();
        foreach (var day in Enumerable.Range(17, 5)) Calendar.IsWorkingDay(D(2024, 6, day)).ShouldBeTrue();
    }

    // ---- properties ----

    private static readonly Gen<DateOnly> CoveredDay =
        Gen.Choose(0, D(2027, 6, 30).DayNumber - D(2020, 1, 1).DayNumber).Select(offset => D(2020, 1, 1).AddDays(offset));

    [Property(MaxTest = 300)]
    public Property WorkingDaysBetween_UndoesAddWorkingDays()
    {
        var cases = from start in CoveredDay from days in Gen.Choose(0, 250) select (start, days);

        return Prop.ForAll(cases.ToArbitrary(), t =>
        {
            var end = Calendar.AddWorkingDays(t.start, t.days);

            Calendar.WorkingDaysBetween(t.start, end).ShouldBe(t.days);
            Calendar.WorkingDaysBetween(end, t.start).ShouldBe(-t.days);
            if (t.days > 0)
            {
                Calendar.IsWorkingDay(end).ShouldBeTrue();
                Calendar.AddWorkingDays(t.start, t.days - 1).ShouldBeLessThan(end);
            }
        });
    }

    [Property(MaxTest = 300)]
    public Property AddWorkingDays_UndoesWorkingDaysBetween_WhenTheEndIsAWorkingDay()
    {
        var cases = from start in CoveredDay from length in Gen.Choose(1, 400) select (start, end: start.AddDays(length));

        return Prop.ForAll(cases.ToArbitrary(), t =>
        {
            var between = Calendar.WorkingDaysBetween(t.start, t.end);
            var landed = Calendar.AddWorkingDays(t.start, between);

            if (Calendar.IsWorkingDay(t.end)) landed.ShouldBe(t.end);
            else landed.ShouldBeLessThan(t.end, "the last working day before a non-working end");
        });
    }

    // ---- coverage ----

    /// <summary>A calendar of its own, so what it reports beyond its years is this test's alone.</summary>
    private static WorkingCalendar Fresh(List<DateOnly> reported)
    {
        var calendar = new WorkingCalendar(Calendar.BankHolidays, Calendar.CoversFrom, Calendar.CoversTo);
        calendar.BeyondCoverage = reported.Add;
        return calendar;
    }

    [Theory]
    [InlineData("2029-01-01", true)]   // a Monday: New Year's Day is unknown past the list, so it counts
    [InlineData("2029-01-06", false)]  // a Saturday
    [InlineData("2019-12-31", true)]   // a Tuesday before the list
    [InlineData("2019-12-28", false)]  // a Saturday before the list
    public void IsWorkingDay_OutsideTheList_SkipsWeekendsOnly_AndReportsTheDay(string text, bool working)
    {
        var reported = new List<DateOnly>();
        var day = DateOnly.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

        Fresh(reported).IsWorkingDay(day).ShouldBe(working);

        reported.ShouldBe([day]);
    }

    [Fact]
    public void AddWorkingDays_RunningPastTheList_CountsWeekdays_AndReportsOnce()
    {
        var reported = new List<DateOnly>();
        var calendar = Fresh(reported);

        calendar.AddWorkingDays(D(2028, 12, 27), 2).ShouldBe(D(2028, 12, 29));
        reported.ShouldBeEmpty();
        // Friday 29 December 2028, then Monday 1 and Tuesday 2 January 2029 (holidays unknown), then Wednesday 3.
        calendar.AddWorkingDays(D(2028, 12, 27), 5).ShouldBe(D(2029, 1, 3));
        calendar.WorkingDaysBetween(D(2028, 12, 1), D(2029, 1, 5)).ShouldBeGreaterThan(20);

        reported.ShouldBe([D(2029, 1, 1)]);
    }

    [Fact]
    public void Covers_IsTheListsYears()
    {
        Calendar.Covers(D(2020, 1, 1)).ShouldBeTrue();
        Calendar.Covers(D(2028, 12, 31)).ShouldBeTrue();
        Calendar.Covers(D(2029, 1, 1)).ShouldBeFalse();
        Calendar.Covers(D(2019, 12, 31)).ShouldBeFalse();
    }

    [Fact]
    public void Constructor_EndBeforeStart_Throws()
    {
        Should.Throw<ArgumentException>(() => new WorkingCalendar([], D(2024, 1, 2), D(2024, 1, 1))).ParamName.ShouldBe("coversTo");
    }

    [Fact]
    public void Constructor_OneDayCalendar_Works()
    {
        var calendar = new WorkingCalendar([], D(2024, 6, 17), D(2024, 6, 17));

        calendar.IsWorkingDay(D(2024, 6, 17)).ShouldBeTrue();
        calendar.Covers(D(2024, 6, 18)).ShouldBeFalse();
        calendar.IsWorkingDay(D(2024, 6, 22)).ShouldBeFalse("a Saturday, beyond the list");
    }

    // ---- the shipped file ----

    [Fact]
    public void ShippedFile_CoversTwentyTwentyToTwentyTwentyEight()
    {
        Calendar.CoversFrom.ShouldBe(D(2020, 1, 1));
        Calendar.CoversTo.ShouldBe(D(2028, 12, 31));
    }

    [Fact]
    public void ShippedFile_EveryEventIsAWeekdayInsideCoverageWithATitle_NoDuplicates()
    {
        using var document = JsonDocument.Parse(ShippedFiles.CalendarJson);
        document.RootElement.GetProperty("division").GetString().ShouldBe("england-and-wales");
        var events = document.RootElement.GetProperty("events").EnumerateArray()
            .Select(e => (date: DateOnly.Parse(e.GetProperty("date").GetString()!), title: e.GetProperty("title").GetString()))
            .ToList();

        events.Count.ShouldBe(Calendar.BankHolidays.Count, "no date is listed twice");
        events.Select(e => e.date).ShouldBeInOrder();
        foreach (var (date, title) in events)
        {
            date.DayOfWeek.ShouldNotBeOneOf(DayOfWeek.Saturday, DayOfWeek.Sunday);
            date.ShouldBeInRange(Calendar.CoversFrom, Calendar.CoversTo);
            title.ShouldNotBeNullOrWhiteSpace();
            Calendar.IsWorkingDay(date).ShouldBeFalse();
        }
    }

    [Theory]
    [InlineData(2020, 8)]
    [InlineData(2021, 8)]
    [InlineData(2022, 10)] // Platinum Jubilee and the Queen's state funeral
    [InlineData(2023, 9)] // the coronation
    [InlineData(2024, 8)]
    [InlineData(2025, 8)]
    [InlineData(2026, 8)]
    [InlineData(2027, 8)]
    [InlineData(2028, 8)]
    public void ShippedFile_BankHolidaysPerYear(int year, int count)
    {
        Calendar.BankHolidays.Count(d => d.Year == year).ShouldBe(count);
    }

    [Theory]
    [InlineData("2020-05-08")] // VE day, moved from the first Monday
    [InlineData("2022-06-02")] // spring bank holiday, moved for the Platinum Jubilee
    [InlineData("2022-06-03")] // Platinum Jubilee
    [InlineData("2022-09-19")] // state funeral of Queen Elizabeth II
    [InlineData("2023-05-08")] // coronation of King Charles III
    [InlineData("2021-12-27")] // Christmas Day substitute
    [InlineData("2022-01-03")] // New Year's Day substitute
    [InlineData("2027-12-28")] // Boxing Day substitute
    public void ShippedFile_ProclaimedAndSubstituteDaysPresent(string day)
    {
        Calendar.BankHolidays.ShouldContain(DateOnly.Parse(day));
    }

    [Theory]
    [InlineData("2020-05-04")] // the usual early May Monday, replaced by VE day
    [InlineData("2022-05-30")] // the usual spring Monday, moved to 2 June
    public void ShippedFile_DaysMovedByProclamation_AreWorkingDays(string day)
    {
        Calendar.IsWorkingDay(DateOnly.Parse(day)).ShouldBeTrue();
    }

    [Theory]
    [InlineData(2020)]
    [InlineData(2021)]
    [InlineData(2022)]
    [InlineData(2023)]
    [InlineData(2024)]
    [InlineData(2025)]
    [InlineData(2026)]
    [InlineData(2027)]
    [InlineData(2028)]
    public void ShippedFile_EachYearMatchesTheUsualRulesPlusProclamations(int year)
    {
        var expected = UsualBankHolidays(year);
        switch (year)
        {
            case 2020:
                expected.Remove(D(2020, 5, 4));
                expected.Add(D(2020, 5, 8));
                break;
            case 2022:
                expected.Remove(D(2022, 5, 30));
                expected.UnionWith([D(2022, 6, 2), D(2022, 6, 3), D(2022, 9, 19)]);
                break;
            case 2023:
                expected.Add(D(2023, 5, 8));
                break;
        }

        Calendar.BankHolidays.Where(d => d.Year == year).Order().ShouldBe(expected.Order());
    }

    /// <summary>England and Wales bank holidays by the standing rules (Easter by the Gregorian computus), with weekend substitutes.</summary>
    private static SortedSet<DateOnly> UsualBankHolidays(int year)
    {
        static bool Weekend(DateOnly d) => d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
        static DateOnly FirstMonday(int y, int m) => Enumerable.Range(1, 7).Select(d => D(y, m, d)).Single(d => d.DayOfWeek == DayOfWeek.Monday);
        static DateOnly LastMonday(int y, int m) =>
            Enumerable.Range(0, 7).Select(back => D(y, m, DateTime.DaysInMonth(y, m)).AddDays(-back)).Single(d => d.DayOfWeek == DayOfWeek.Monday);

        var days = new SortedSet<DateOnly>();
        var newYear = D(year, 1, 1);
        while (Weekend(newYear)) newYear = newYear.AddDays(1);
        days.Add(newYear);

        var easter = EasterSunday(year);
        days.Add(easter.AddDays(-2));
        days.Add(easter.AddDays(1));
        days.Add(FirstMonday(year, 5));
        days.Add(LastMonday(year, 5));
        days.Add(LastMonday(year, 8));

        var christmas = new[] { D(year, 12, 25), D(year, 12, 26) };
        var substitutes = christmas.Count(Weekend);
        days.UnionWith(christmas.Where(d => !Weekend(d)));
        for (var day = D(year, 12, 27); substitutes > 0; day = day.AddDays(1))
        {
            if (!Weekend(day) && days.Add(day)) substitutes--;
        }
        return days;
    }

    private static DateOnly EasterSunday(int year)
    {
        int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        int i = c / 4, k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var n = h + l - (7 * m) + 114;
        return D(year, n / 31, (n % 31) + 1);
    }

    [Fact]
    public void EasterSunday_KnownYears()
    {
        // Checks the test's own computus before the data is judged by it.
        EasterSunday(2024).ShouldBe(D(2024, 3, 31));
        EasterSunday(2025).ShouldBe(D(2025, 4, 20));
        EasterSunday(2019).ShouldBe(D(2019, 4, 21));
    }

    // ---- malformed files ----

    private const string Valid = """
        {
          "division": "england-and-wales",
          // comments are allowed
          "coversFrom": "2024-01-01",
          "coversTo": "2024-12-31",
          "events": [ { "date": "2024-01-01", "title": "New Year’s Day" }, { "date": "2024-12-25", "title": "Christmas Day" } ]
        }
        """;

    private static void ShouldRefuse(string json, string message) =>
        Should.Throw<FormatException>(() => WorkingCalendar.Parse(json)).Message.ShouldBe(message);

    [Fact]
    public void Parse_SmallFile_ReadsCoverageAndHolidays()
    {
        var calendar = WorkingCalendar.Parse(Valid);

        calendar.CoversFrom.ShouldBe(D(2024, 1, 1));
        calendar.CoversTo.ShouldBe(D(2024, 12, 31));
        calendar.BankHolidays.ShouldBe([D(2024, 1, 1), D(2024, 12, 25)], ignoreOrder: true);
    }

    [Fact]
    public void Parse_MissingCoversFrom_NamesIt()
    {
        ShouldRefuse(Valid.Replace("\"coversFrom\": \"2024-01-01\",", "", StringComparison.Ordinal), "coversFrom: required, a date as yyyy-MM-dd");
    }

    [Theory]
    [InlineData("\"31/12/2024\"")]
    [InlineData("\"2024-12-31T00:00:00\"")]
    [InlineData("\"2024-13-01\"")]
    [InlineData("20241231")]
    [InlineData("null")]
    public void Parse_CoversToNotADate_NamesIt(string value)
    {
        ShouldRefuse(Valid.Replace("\"2024-12-31\"", value, StringComparison.Ordinal), "coversTo: required, a date as yyyy-MM-dd");
    }

    [Fact]
    public void Parse_CoversToBeforeCoversFrom_NamesIt()
    {
        ShouldRefuse(
            """{ "coversFrom": "2024-12-31", "coversTo": "2024-01-01", "events": [] }""",
            "coversTo: 2024-01-01 is before coversFrom 2024-12-31");
    }

    [Fact]
    public void Parse_EventsMissing_NamesThem()
    {
        ShouldRefuse("""{ "coversFrom": "2024-01-01", "coversTo": "2024-12-31" }""", "events: required, a list of {date, title}");
    }

    [Fact]
    public void Parse_EventOutsideCoverage_NamesTheEventAndDate()
    {
        ShouldRefuse(Valid.Replace("2024-12-25", "2025-12-25", StringComparison.Ordinal), "events[1].date: 2025-12-25 is outside coversFrom..coversTo");
    }

    [Fact]
    public void Parse_EventWithoutDate_NamesTheEvent()
    {
        ShouldRefuse(Valid.Replace("\"date\": \"2024-12-25\"", "\"day\": \"2024-12-25\"", StringComparison.Ordinal), "events[1].date: required, a date as yyyy-MM-dd");
    }

    [Fact]
    public void Parse_EventNotAnObject_NamesTheEvent()
    {
        ShouldRefuse("""{ "coversFrom": "2024-01-01", "coversTo": "2024-12-31", "events": ["2024-12-25"] }""", "events[0].date: required, a date as yyyy-MM-dd");
    }

    [Fact]
    public void Parse_NotAnObject_NamesTheFirstMissingField()
    {
        ShouldRefuse("""["2024-12-25"]""", "coversFrom: required, a date as yyyy-MM-dd");
    }

    [Fact]
    public void Parse_NotJson_Throws()
    {
        Should.Throw<JsonException>(() => WorkingCalendar.Parse("{ coversFrom: "));
    }
}

public sealed class UkDateTests
{
    [Fact]
    public void UkDate_JustAfterMidnightInSummer_IsTheUkDayNotTheUtcDay() =>
        // 00:30 BST on Monday 1 July 2024 is 23:30 UTC on Sunday 30 June.
        WorkingCalendar.UkDate(new DateTimeOffset(2024, 6, 30, 23, 30, 0, TimeSpan.Zero)).ShouldBe(new DateOnly(2024, 7, 1));

    [Fact]
    public void UkDate_InWinter_IsTheUtcDay() =>
        WorkingCalendar.UkDate(new DateTimeOffset(2024, 12, 2, 23, 30, 0, TimeSpan.Zero)).ShouldBe(new DateOnly(2024, 12, 2));
}
