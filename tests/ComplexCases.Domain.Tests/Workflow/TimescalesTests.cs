using ComplexCases.Domain.Workflow;

namespace ComplexCases.Domain.Tests.Workflow;

public class TimescalesTests
{
    [Fact]
    public void Default_TwentyTenForty()
    {
        Timescales.Default.ConversationWorkingDays.ShouldBe(20);
        Timescales.Default.TriageWorkingDays.ShouldBe(10);
        Timescales.Default.FollowUpWorkingDays.ShouldBe(40);
        new Timescales().ShouldBe(Timescales.Default);
    }

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
