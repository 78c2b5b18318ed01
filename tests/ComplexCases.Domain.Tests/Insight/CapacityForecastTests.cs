using ComplexCases.Domain.Insight;

namespace ComplexCases.Domain.Tests.Insight;

public class CapacityForecastTests
{
    [Fact]
    public void Wilson_NewcombesExample()
    {
        // Newcombe (1998), Statistics in Medicine 17:857, example: 81 of 263 → Wilson 95% interval 0.2553 to 0.3662.
        var interval = Rates.Wilson(81, 263);

        interval.Estimate.ShouldBe(81.0 / 263, 1e-12);
        interval.Low.ShouldBe(0.2553, 0.00005);
        interval.High.ShouldBe(0.3662, 0.00005);
    }

    [Fact]
    public void Wilson_AtTheEdges_StaysInZeroToOne()
    {
        var none = Rates.Wilson(0, 10);
        var all = Rates.Wilson(10, 10);

        none.Low.ShouldBe(0);
        none.High.ShouldBe(0.2775, 0.0001);  // Newcombe's 0/10 row: 0 to 0.2775
        all.High.ShouldBe(1);
        all.Low.ShouldBe(1 - 0.2775, 0.0001);
        Rates.Wilson(0, 0).ShouldBe(new Interval(0, 0, 1));
    }

    [Theory]
    // Exact (Garwood) 95% limits for a Poisson count, from the usual tables: Byar's approximation within 1%.
    [InlineData(10, 4.795, 18.390)]
    [InlineData(5, 1.623, 11.668)]
    [InlineData(100, 81.364, 121.627)]
    public void Poisson_ByarIsCloseToTheExactInterval(int events, double low, double high)
    {
        var interval = Rates.Poisson(events, exposure: 1);

        interval.Estimate.ShouldBe(events);
        interval.Low.ShouldBe(low, low * 0.01);
        interval.High.ShouldBe(high, high * 0.01);
    }

    [Fact]
    public void Poisson_PerExposure_AndNoEvents()
    {
        var rate = Rates.Poisson(10, exposure: 1000);
        rate.Estimate.ShouldBe(0.01, 1e-12);
        rate.High.ShouldBe(0.01839, 0.0002);

        var none = Rates.Poisson(0, exposure: 100);
        none.Low.ShouldBe(0);
        none.High.ShouldBe(3.689 / 100, 0.0005);   // exact upper limit for 0 events: 3.689
    }

    private static readonly Workload Minutes = new(new Dictionary<CapacityStep, double>
    {
        [CapacityStep.Listing] = 6, [CapacityStep.Conversation] = 60, [CapacityStep.Escalation] = 30,
        [CapacityStep.Triage] = 45, [CapacityStep.PanelCase] = 90, [CapacityStep.Action] = 120,
    }, CasesPerMeeting: 4);

    /// <summary>Rates with no width: the forecast is plain arithmetic, easy to check by hand.</summary>
    private static readonly ObservedRates Exact = new(Interval.Exactly(0.01), Interval.Exactly(0.8), Interval.Exactly(0.5),
        Interval.Exactly(0.9), Interval.Exactly(0.5), Interval.Exactly(2));

    [Fact]
    public void Forecast_ChainsTheRates_IntoVolumesHoursAndMeetings()
    {
        var forecast = CapacityForecast.Forecast(Exact, new Scenario("A", 10_000), Minutes);

        // 10,000 × 1% = 100 listed; 80 conversations; 40 escalated; 36 triaged; 18 to panel; 36 actions.
        forecast.Steps.Select(s => s.PerMonth.Estimate).ShouldBe([100, 80, 40, 36, 18, 36], tolerance: 1e-9);
        // Hours: 100×6 + 80×60 + 40×30 + 36×45 + 18×90 + 36×120 minutes = 600 + 4800 + 1200 + 1620 + 1620 + 4320 = 14,160 → 236 h.
        forecast.StaffHours.Estimate.ShouldBe(236, 1e-9);
        forecast.PanelMeetings.Estimate.ShouldBe(5);   // 18 cases ÷ 4 a meeting, rounded up
    }

    [Fact]
    public void Scenario_SetsTheListingAndEscalationRates()
    {
        var forecast = CapacityForecast.Forecast(Exact, new Scenario("B", 10_000, ListingRate: 0.02, EscalationShare: 0.25), Minutes);

        forecast.Steps.Select(s => s.PerMonth.Estimate).ShouldBe([200, 160, 40, 36, 18, 36], tolerance: 1e-9);
    }

    [Fact]
    public void Range_MultipliesTheBoundsOfEveryRate()
    {
        var observed = ObservedRates.From(new ObservedCounts(PersonMonths: 60_000, Listed: 600, Conversations: 480, Escalated: 240,
            Triaged: 216, ReferredToPanel: 108, PanelCasesDiscussed: 100, Actions: 200));

        var forecast = CapacityForecast.Forecast(observed, new Scenario("A", 10_000), Minutes);

        var panel = forecast.Steps.Single(s => s.Step == CapacityStep.PanelCase).PerMonth;
        panel.Estimate.ShouldBe(10_000 * 0.01 * 0.8 * 0.5 * 0.9 * 0.5, 1e-9);
        panel.Low.ShouldBe(10_000 * observed.Listing.Low * observed.Conversation.Low * observed.Escalation.Low * observed.Triage.Low * observed.Panel.Low, 1e-9);
        panel.High.ShouldBe(10_000 * observed.Listing.High * observed.Conversation.High * observed.Escalation.High * observed.Triage.High * observed.Panel.High, 1e-9);
        panel.Low.ShouldBeLessThan(panel.Estimate);
        panel.High.ShouldBeGreaterThan(panel.Estimate);
        forecast.PanelMeetings.Low.ShouldBeLessThanOrEqualTo(forecast.PanelMeetings.Estimate);
        forecast.PanelMeetings.High.ShouldBeGreaterThanOrEqualTo(forecast.PanelMeetings.Estimate);
    }

    [Fact]
    public void Meetings_ExactMultiple_IsNotRoundedUpAgain()
    {
        var rates = Exact with { Panel = Interval.Exactly(1), Triage = Interval.Exactly(1), Escalation = Interval.Exactly(1), Conversation = Interval.Exactly(1) };

        var forecast = CapacityForecast.Forecast(rates, new Scenario("A", 1200), Minutes with { CasesPerMeeting = 3 });

        forecast.Steps.Single(s => s.Step == CapacityStep.PanelCase).PerMonth.Estimate.ShouldBe(12, 1e-9);
        forecast.PanelMeetings.Estimate.ShouldBe(4);
    }
}
