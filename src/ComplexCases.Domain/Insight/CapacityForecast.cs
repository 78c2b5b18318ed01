namespace ComplexCases.Domain.Insight;

/// <summary>An estimate with a range: a 95% interval for an observed rate, or the range a forecast carries from its rates.</summary>
public readonly record struct Interval(double Estimate, double Low, double High)
{
    public static Interval Exactly(double value) => new(value, value, value);

    public Interval Times(Interval other) => new(Estimate * other.Estimate, Low * other.Low, High * other.High);

    public Interval Times(double factor) => new(Estimate * factor, Low * factor, High * factor);

    public Interval Plus(Interval other) => new(Estimate + other.Estimate, Low + other.Low, High + other.High);
}

/// <summary>95% intervals for the rates the forecast reads from stored data.</summary>
public static class Rates
{
    public const double Z95 = 1.959963984540054;

    /// <summary>
    /// Wilson's score interval for a proportion (Wilson 1927; Newcombe 1998's recommended method): good even near 0 or 1 and
    /// for small n, unlike the normal approximation. No trials: estimate 0, interval 0 to 1 (nothing is known).
    /// </summary>
    public static Interval Wilson(int successes, int trials, double z = Z95)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(successes, trials);
        if (trials == 0) return new Interval(0, 0, 1);
        var n = (double)trials;
        var p = successes / n;
        var z2 = z * z;
        var centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        var half = z / (1 + z2 / n) * Math.Sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        // At the edges the bound is exactly 0 or 1 (the formula gives it up to rounding).
        return new Interval(p, successes == 0 ? 0 : Math.Max(0, centre - half), successes == trials ? 1 : Math.Min(1, centre + half));
    }

    /// <summary>
    /// A Poisson rate (events per unit of exposure, e.g. per person-month) with Byar's approximation to the exact interval
    /// (Rothman and Boice 1979; within 1% of the exact Garwood interval from a handful of events): lower
    /// k(1 − 1/(9k) − z/(3√k))³, upper (k+1)(1 − 1/(9(k+1)) + z/(3√(k+1)))³, each divided by the exposure. No exposure: 0.
    /// </summary>
    public static Interval Poisson(int events, double exposure, double z = Z95)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(events);
        if (exposure <= 0) return new Interval(0, 0, 0);
        double k = events;
        var low = events == 0 ? 0 : k * Math.Pow(1 - 1 / (9 * k) - z / (3 * Math.Sqrt(k)), 3);
        var high = (k + 1) * Math.Pow(1 - 1 / (9 * (k + 1)) + z / (3 * Math.Sqrt(k + 1)), 3);
        return new Interval(k / exposure, Math.Max(0, low) / exposure, high / exposure);
    }
}

/// <summary>The steps of the process that create work, in the order a case passes them.</summary>
public enum CapacityStep
{
    Listing = 0,
    Conversation = 1,
    Escalation = 2,
    Triage = 3,
    PanelCase = 4,
    Action = 5,
}

/// <summary>What stored data shows over the observed months, in the observed footprint.</summary>
/// <param name="PersonMonths">People screened each month × months observed: the exposure of the listing rate.</param>
/// <param name="Listed">Complex cases entering the process (first listings and relistings).</param>
/// <param name="Conversations">Of those, conversations held.</param>
/// <param name="Escalated">Of those, escalated.</param>
/// <param name="Triaged">Of those, triaged.</param>
/// <param name="ReferredToPanel">Of those, referred to the panel.</param>
/// <param name="PanelCasesDiscussed">Cases discussed at panel (the exposure of the actions rate).</param>
/// <param name="Actions">Actions agreed at those discussions.</param>
public sealed record ObservedCounts(double PersonMonths, int Listed, int Conversations, int Escalated, int Triaged, int ReferredToPanel,
    int PanelCasesDiscussed, int Actions);

/// <summary>The rates of each step, with 95% intervals: listings per person-month, the share of each step going on, actions per panel case.</summary>
public sealed record ObservedRates(Interval Listing, Interval Conversation, Interval Escalation, Interval Triage, Interval Panel, Interval ActionsPerCase)
{
    public static ObservedRates From(ObservedCounts c) => new(
        Rates.Poisson(c.Listed, c.PersonMonths),
        Rates.Wilson(c.Conversations, c.Listed),
        Rates.Wilson(c.Escalated, c.Conversations),
        Rates.Wilson(c.Triaged, c.Escalated),
        Rates.Wilson(c.ReferredToPanel, c.Triaged),
        Rates.Poisson(c.Actions, c.PanelCasesDiscussed));

    /// <summary>The rate that takes a case from the step before to <paramref name="step"/> (for listing: per person-month).</summary>
    public Interval Of(CapacityStep step) => step switch
    {
        CapacityStep.Listing => Listing,
        CapacityStep.Conversation => Conversation,
        CapacityStep.Escalation => Escalation,
        CapacityStep.Triage => Triage,
        CapacityStep.PanelCase => Panel,
        CapacityStep.Action => ActionsPerCase,
        _ => throw new ArgumentOutOfRangeException(nameof(step), step, null),
    };
}

/// <summary>One scenario: the footprint's population and, where it differs from what was observed, the listing or escalation rate.</summary>
/// <param name="ListingRate">Listings per person per month (e.g. 0.002 for 2 per 1,000), or null for the observed rate.</param>
/// <param name="EscalationShare">The share of conversations escalated (0 to 1), or null for the observed share.</param>
public sealed record Scenario(string Name, double Population, double? ListingRate = null, double? EscalationShare = null);

/// <summary>Staff minutes each step takes (all staff together), and how many cases one panel meeting can discuss.</summary>
public sealed record Workload(IReadOnlyDictionary<CapacityStep, double> MinutesPerStep, int CasesPerMeeting);

public sealed record StepForecast(CapacityStep Step, Interval PerMonth, Interval StaffHours);

public sealed record ScenarioForecast(Scenario Scenario, IReadOnlyList<StepForecast> Steps, Interval StaffHours, Interval PanelMeetings);

/// <summary>
/// Capacity planning, pure: a footprint's monthly demand at each step, as population × listing rate, then × the share going on
/// at each step (conversation, escalation, triage, referral to panel), then actions per panel case; each turned into staff hours
/// (minutes per step) and panel meetings (panel cases ÷ cases per meeting, rounded up). The range multiplies the rates' lower
/// bounds together, and their upper bounds: every rate's interval at once, so wider than a joint 95% interval (it says how far
/// the figures could go if every rate were at an end of its interval). A rate a scenario sets is taken as exact.
/// </summary>
public static class CapacityForecast
{
    public static IReadOnlyList<CapacityStep> Steps { get; } = Enum.GetValues<CapacityStep>();

    public static ScenarioForecast Forecast(ObservedRates observed, Scenario scenario, Workload workload)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(scenario.Population);
        ArgumentOutOfRangeException.ThrowIfLessThan(workload.CasesPerMeeting, 1);
        var steps = new List<StepForecast>();
        var volume = Interval.Exactly(scenario.Population);
        var hours = Interval.Exactly(0);
        foreach (var step in Steps)
        {
            var rate = step switch
            {
                CapacityStep.Listing when scenario.ListingRate is { } listing => Interval.Exactly(listing),
                CapacityStep.Escalation when scenario.EscalationShare is { } share => Interval.Exactly(share),
                _ => observed.Of(step),
            };
            volume = volume.Times(rate);
            var stepHours = volume.Times(workload.MinutesPerStep.GetValueOrDefault(step) / 60.0);
            hours = hours.Plus(stepHours);
            steps.Add(new StepForecast(step, volume, stepHours));
        }
        var panel = steps.Single(s => s.Step == CapacityStep.PanelCase).PerMonth;
        var meetings = new Interval(Math.Ceiling(Round(panel.Estimate / workload.CasesPerMeeting)),
            Math.Ceiling(Round(panel.Low / workload.CasesPerMeeting)), Math.Ceiling(Round(panel.High / workload.CasesPerMeeting)));
        return new ScenarioForecast(scenario, steps, hours, meetings);
    }

    /// <summary>Rounds away floating-point dust before a ceiling (3 cases ÷ 3 per meeting is 1 meeting, not 2).</summary>
    private static double Round(double value) => Math.Round(value, 9);
}
