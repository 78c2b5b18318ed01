using ComplexCases.Domain.Workflow;

namespace ComplexCases.Domain.Tests.Workflow;

public class TimescalesTests
{
    /// <summary>A calendar of 2024 without bank holidays, so only weekends move the dates.</summary>
    private static readonly WorkingCalendar NoHolidays = new([], new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31));

    [Fact]
    public void Default_CaseWalkedThrough_DueFourWeeksThenTwoWeeksThenEightWeeks()
    {
        // Listed on a Monday: four working weeks to the conversation; escalated on a Monday, two weeks to triage; discussed at
        // panel on a Monday, eight weeks to the follow-up review.
        var listed = CaseWorkflow.Listed(Domain.People.Crn.Parse("A123456"), new DateOnly(2024, 9, 2), Timescales.Default, NoHolidays);
        listed.DueOn.ShouldBe(new DateOnly(2024, 9, 30));

        var escalated = listed.Take(WorkflowStep.ConversationEscalated, "pat", At(2024, 9, 9), null, Timescales.Default, NoHolidays).Workflow!;
        escalated.DueOn.ShouldBe(new DateOnly(2024, 9, 23));

        var referred = escalated.Take(WorkflowStep.TriageReferredToPanel, "tess", At(2024, 9, 16), null, Timescales.Default, NoHolidays).Workflow!;
        var discussed = referred.Take(WorkflowStep.PanelDiscussed, "tess", At(2024, 9, 23), null, Timescales.Default, NoHolidays).Workflow!;
        discussed.DueOn.ShouldBe(new DateOnly(2024, 11, 18));
    }

    private static DateTimeOffset At(int year, int month, int day) => new(year, month, day, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Constructor_EachValueKept()
    {
        var timescales = new Timescales(conversationWorkingDays: 15, triageWorkingDays: 5, followUpWorkingDays: 30);

        timescales.ConversationWorkingDays.ShouldBe(15);
        timescales.TriageWorkingDays.ShouldBe(5);
        timescales.FollowUpWorkingDays.ShouldBe(30);
        timescales.ShouldNotBe(Timescales.Default);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(Timescales.MaxWorkingDays)]
    public void Constructor_Bounds_Accepted(int days)
    {
        var timescales = new Timescales(days, days, days);

        (timescales.ConversationWorkingDays, timescales.TriageWorkingDays, timescales.FollowUpWorkingDays).ShouldBe((days, days, days));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(Timescales.MaxWorkingDays + 1)]
    [InlineData(int.MinValue)]
    public void Constructor_OutOfBounds_RefusedNamingTheValue(int days)
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new Timescales(conversationWorkingDays: days)).ParamName.ShouldBe("conversationWorkingDays");
        Should.Throw<ArgumentOutOfRangeException>(() => new Timescales(triageWorkingDays: days)).ParamName.ShouldBe("triageWorkingDays");
        var error = Should.Throw<ArgumentOutOfRangeException>(() => new Timescales(followUpWorkingDays: days));
        error.ParamName.ShouldBe("followUpWorkingDays");
        error.ActualValue.ShouldBe(days);
        error.Message.ShouldContain("Must be between 1 and 260 working days.");
    }
}
