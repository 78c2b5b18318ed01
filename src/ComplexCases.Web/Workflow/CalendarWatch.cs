using ComplexCases.Application.Workflow;

namespace ComplexCases.Web.Workflow;

/// <summary>
/// Tells the log about the bank holiday calendar: once at start when it ends within <see cref="CalendarStatus.WarnDays"/> days
/// (or has ended), and once when a due date is first counted past its end (weekends only there). Administrators are told by
/// the reminder sweep and see the same status on the staff accounts page.
/// </summary>
internal static partial class CalendarWatch
{
    public static void Start(IServiceProvider services)
    {
        var calendar = services.GetRequiredService<WorkflowSettings>().Calendar;
        var log = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(CalendarWatch).FullName!);
        calendar.BeyondCoverage = day => CountedBeyond(log, day, calendar.CoversTo);
        var status = CalendarStatus.Of(calendar, services.GetRequiredService<TimeProvider>().GetUtcNow());
        if (status.NeedsAttention) EndsSoon(log, status.Summary);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Summary}")]
    private static partial void EndsSoon(ILogger logger, string summary);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "A due date reached {Day:yyyy-MM-dd}, past the bank holiday calendar's last day {CoversTo:yyyy-MM-dd}: working days there skip weekends only. Add the next year's bank holidays to the calendar file.")]
    private static partial void CountedBeyond(ILogger logger, DateOnly day, DateOnly coversTo);
}
