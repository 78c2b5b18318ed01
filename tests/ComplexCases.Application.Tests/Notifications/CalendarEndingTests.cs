using ComplexCases.Application.Access;
using ComplexCases.Application.Workflow;
using ComplexCases.Domain.Notifications;

namespace ComplexCases.Application.Tests.Notifications;

/// <summary>Administrators are told once, by the sweep, when the bank holiday calendar is about to end or has ended.</summary>
public sealed class CalendarEndingTests : IDisposable
{
    private readonly WorkflowWorld _world = new(new DateTimeOffset(2028, 6, 1, 9, 0, 0, TimeSpan.Zero));

    public CalendarEndingTests()
    {
        _world.Account("admin-1", Role.Administrator, region: null, pdu: null);
        _world.Account("admin-2", Role.Administrator, region: null, pdu: null);
        _world.Account("a-practitioner", Role.Practitioner, staffCode: "P1");
    }

    public void Dispose() => _world.Dispose();

    [Fact]
    public void MoreThanTheWarningTimeAhead_NobodyIsTold()
    {
        // 1 June 2028: the shipped calendar ends on 31 December 2028, 213 days away.
        _world.Sweep().Run();

        _world.NotificationsOf(NotificationKind.CalendarEnding).ShouldBeEmpty();
    }

    [Fact]
    public void WithinTheWarningTime_EachAdministratorIsToldOnce_AndNobodyElse()
    {
        _world.SetDay(new DateOnly(2028, 10, 1));

        _world.Sweep().Run();
        _world.Sweep().Run();

        var told = _world.NotificationsOf(NotificationKind.CalendarEnding);
        told.Select(n => n.RecipientUserName).ShouldBe(["admin-1", "admin-2"], ignoreOrder: true);
        told.ShouldAllBe(n => n.Body.Contains("ends on 31 December 2028", StringComparison.Ordinal) && n.Link == "/admin/users");
    }

    [Fact]
    public void AfterTheCalendarEnded_TheNoticeSaysSo()
    {
        _world.SetDay(new DateOnly(2029, 1, 15));

        _world.Sweep().Run();

        _world.NotificationsOf(NotificationKind.CalendarEnding).ShouldAllBe(n => n.Title == "The bank holiday calendar has ended");
        _world.NotificationsOf(NotificationKind.CalendarEnding).Count.ShouldBe(2);
    }

    [Theory]
    [InlineData("2028-06-01", false, false)]
    [InlineData("2028-09-03", false, true)]
    [InlineData("2029-01-01", true, true)]
    public void Status_JudgesTheDaysLeft(string today, bool ended, bool needsAttention)
    {
        var status = new CalendarStatus(new DateOnly(2020, 1, 1), new DateOnly(2028, 12, 31), DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture));

        status.Ended.ShouldBe(ended);
        status.NeedsAttention.ShouldBe(needsAttention);
    }
}
