using ComplexCases.Domain.Workflow;

namespace ComplexCases.Application.Workflow;

/// <summary>How far ahead the bank holiday calendar reaches from today, for administrators and the readiness of the service.</summary>
/// <param name="CoversTo">The last day whose bank holidays are known.</param>
/// <param name="Today">The England and Wales date it was judged on.</param>
public sealed record CalendarStatus(DateOnly CoversFrom, DateOnly CoversTo, DateOnly Today)
{
    /// <summary>
    /// Due dates reach about 40 working days ahead (the follow-up review) and panel meetings are set months ahead: warn this
    /// many days before the list ends, so next year's holidays are added before any due date falls beyond it.
    /// </summary>
    public const int WarnDays = 120;

    public int DaysLeft => CoversTo.DayNumber - Today.DayNumber;

    /// <summary>Today is past the last covered day: every due date now counts weekends only.</summary>
    public bool Ended => DaysLeft < 0;

    /// <summary>Ended, or due dates soon reach past the list.</summary>
    public bool NeedsAttention => DaysLeft < WarnDays;

    /// <summary>One sentence for an administrator.</summary>
    public string Summary => Ended
        ? $"The bank holiday calendar ended on {Day(CoversTo)}. Due dates now skip weekends only, not bank holidays: add the bank holidays from {Day(CoversTo.AddDays(1))} to the calendar file."
        : NeedsAttention
            ? $"The bank holiday calendar ends on {Day(CoversTo)}, in {DaysLeft} days. Due dates after it skip weekends only: add the next year's bank holidays to the calendar file."
            : $"The bank holiday calendar covers {Day(CoversFrom)} to {Day(CoversTo)}.";

    private static string Day(DateOnly day) => day.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture);

    public static CalendarStatus Of(WorkingCalendar calendar, DateTimeOffset now) =>
        new(calendar.CoversFrom, calendar.CoversTo, WorkingCalendar.UkDate(now));
}
