using System.Globalization;
using ComplexCases.Application.Access;
using ComplexCases.Application.Workflow;
using ComplexCases.Data;
using ComplexCases.Data.Workflow;
using ComplexCases.Domain.Insight;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Application.Insight;

/// <summary>
/// Capacity planning defaults (configuration section <c>Capacity</c>): staff minutes per step, cases a panel meeting can
/// discuss, and the population of England and Wales under supervision for the national footprint. Each can be changed on
/// the page for one forecast.
/// </summary>
public sealed record CapacityOptions
{
    public const string Section = "Capacity";

    /// <summary>An SPO or practitioner reading a new listing and planning the conversation.</summary>
    public double ListingMinutes { get; init; } = 15;
    /// <summary>The reflective conversation: practitioner and SPO together, with its record.</summary>
    public double ConversationMinutes { get; init; } = 120;
    /// <summary>Writing up the escalation.</summary>
    public double EscalationMinutes { get; init; } = 45;
    /// <summary>The panel team's triage meeting and its record.</summary>
    public double TriageMinutes { get; init; } = 60;
    /// <summary>A case at panel: preparation, the discussion with every attendee, the record.</summary>
    public double PanelCaseMinutes { get; init; } = 240;
    /// <summary>An action's owner carrying it out and updating it.</summary>
    public double ActionMinutes { get; init; } = 180;
    public int CasesPerMeeting { get; init; } = 6;
    /// <summary>People screened each month nationally (the synthetic national extract's size; set the real figure).</summary>
    public int EnglandAndWalesPopulation { get; init; } = 240_000;

    public double MinutesFor(CapacityStep step) => step switch
    {
        CapacityStep.Listing => ListingMinutes,
        CapacityStep.Conversation => ConversationMinutes,
        CapacityStep.Escalation => EscalationMinutes,
        CapacityStep.Triage => TriageMinutes,
        CapacityStep.PanelCase => PanelCaseMinutes,
        CapacityStep.Action => ActionMinutes,
        _ => throw new ArgumentOutOfRangeException(nameof(step), step, null),
    };
}

/// <summary>Where a scenario applies: the user's own area as observed, a stored region, England and Wales, or a number of PDUs like the observed ones.</summary>
public enum Footprint
{
    Observed = 0,
    Region = 1,
    EnglandAndWales = 2,
    Pdus = 3,
}

/// <summary>
/// A scenario as asked for; <see cref="Population"/> (if given) overrides the footprint's population. For
/// <see cref="Footprint.Pdus"/> without a count: twice the PDUs observed.
/// </summary>
public sealed record ScenarioRequest(string Name, Footprint Footprint, string? RegionCode = null, int? PduCount = null, int? Population = null,
    double? ListingPerThousand = null, double? EscalationPercent = null);

/// <summary>One observed step: its count (suppressed), what it is a rate of, and the rate with its 95% interval as text.</summary>
public sealed record ObservedStep(CapacityStep Step, ShownCount Count, string RateText, string IntervalText);

/// <summary>A scenario's forecast as shown: the population it used and, per step, whether its figures are withheld.</summary>
public sealed record ScenarioShown(ScenarioForecast Forecast, string Footprint, IReadOnlyList<bool> Withheld);

public sealed record CapacityInsightView(DateOnly From, DateOnly To, int Months, int ObservedPopulation, int ObservedPdus,
    IReadOnlyList<ObservedStep> Observed, IReadOnlyList<ScenarioShown> Scenarios, IReadOnlyList<(string Code, int Population)> Regions)
{
    public static string Label(CapacityStep step) => step switch
    {
        CapacityStep.Listing => "Listed (complex)",
        CapacityStep.Conversation => "Conversations",
        CapacityStep.Escalation => "Escalations",
        CapacityStep.Triage => "Triages",
        CapacityStep.PanelCase => "Panel cases",
        CapacityStep.Action => "Panel actions",
        _ => throw new ArgumentOutOfRangeException(nameof(step), step, null),
    };
}

/// <summary>
/// Capacity planning (issue 14): the observed rate of each step of the process in the user's scope over chosen months
/// (listings per person screened per month; the share of listed cases with a conversation, of those escalated, triaged and
/// referred to panel; actions per case discussed at panel), each with a 95% interval, and a monthly forecast for up to three
/// scenarios (<see cref="CapacityForecast"/>). Observed counts of 1 to 4 are withheld, and so is every forecast figure
/// that rests on one (it would give the count back).
/// </summary>
public sealed class CapacityInsight(ComplexCasesDbContext db, ProcessInsight process, WorkflowSettings settings, RunPopulations populations)
{
    public CapacityInsightView Run(StaffUser user, DateOnly from, DateOnly to, Workload workload, IReadOnlyList<ScenarioRequest> scenarios, CapacityOptions options)
    {
        var months = (to.Year - from.Year) * 12 + to.Month - from.Month + 1;
        var (funnel, _) = process.Totals(user, from, to);
        var filter = CaseFilter.For(user, Permission.ViewMonthlyList);

        // People screened per PDU in the latest run of the operational definition (the adopted one for its month, else
        // Workflow:DefinitionId, as the funnel counts): the population behind the listing rate.
        var latest = Definitions.OperationalDefinition.Runs(db, settings.DefinitionId)
            .OrderByDescending(r => r.AsOf).ThenByDescending(r => r.Id).Select(r => (int?)r.Id).FirstOrDefault();
        var run = latest is { } id ? populations.For(db, id) : new RunPopulation(new Dictionary<string, int>(), new Dictionary<string, string>());
        var (peopleByPdu, regionOf) = (run.PeopleByPdu, run.RegionOf);
        var inScope = peopleByPdu.Keys.Where(pdu => filter.Reaches(new CaseFacts("", pdu, regionOf.GetValueOrDefault(pdu), null, null, null, LimitedAccess: false)))
            .ToList();
        var population = inScope.Sum(pdu => peopleByPdu[pdu]);
        var regions = peopleByPdu.GroupBy(p => regionOf.GetValueOrDefault(p.Key) ?? "", StringComparer.Ordinal).Where(g => g.Key.Length > 0)
            .Select(g => (g.Key, g.Sum(p => p.Value))).OrderBy(r => r.Key, StringComparer.Ordinal).ToList();

        var (discussed, actions) = PanelWork(filter, from, to);
        var counts = new ObservedCounts((double)population * months, funnel[FunnelStage.Listed], funnel[FunnelStage.ConversationHeld],
            funnel[FunnelStage.Escalated], funnel[FunnelStage.Triaged], funnel[FunnelStage.ReferredToPanel], discussed, actions);
        var rates = ObservedRates.From(counts);
        int[] stepCounts = [counts.Listed, counts.Conversations, counts.Escalated, counts.Triaged, counts.ReferredToPanel, counts.Actions];
        // A forecast step rests on the observed counts of every step up to it (and on the panel cases for actions).
        var small = CapacityForecast.Steps.Select(step =>
            stepCounts.Take((int)step + 1).Any(SmallCounts.IsSmall) || (step == CapacityStep.Action && SmallCounts.IsSmall(discussed))).ToList();

        var observed = CapacityForecast.Steps.Select(step => Observed(step, stepCounts[(int)step], rates.Of(step), counts, population, small[(int)step])).ToList();
        var averagePdu = inScope.Count == 0 ? 0 : (double)population / inScope.Count;
        var shown = scenarios.Select(request =>
        {
            var (people, footprint) = request switch
            {
                { Population: { } set } => (set, $"{set.ToString("N0", CultureInfo.InvariantCulture)} people"),
                { Footprint: Footprint.Region, RegionCode: { } region } =>
                    (regions.FirstOrDefault(r => r.Key == region).Item2, $"region {region}"),
                { Footprint: Footprint.EnglandAndWales } => (options.EnglandAndWalesPopulation, "England and Wales"),
                { Footprint: Footprint.Pdus } => (
                    (int)Math.Round(averagePdu * (request.PduCount ?? 2 * inScope.Count)), $"{request.PduCount ?? 2 * inScope.Count} PDUs like yours"),
                _ => (population, "your area as observed"),
            };
            var scenario = new Scenario(request.Name, people, request.ListingPerThousand / 1000.0, request.EscalationPercent / 100.0);
            return new ScenarioShown(CapacityForecast.Forecast(rates, scenario, workload),
                $"{footprint} ({people.ToString("N0", CultureInfo.InvariantCulture)} people screened a month)", small);
        }).ToList();
        return new CapacityInsightView(from, to, months, population, inScope.Count, observed, shown, regions);
    }

    /// <summary>Cases in scope discussed at panel meetings held in the period, and the actions agreed for them there.</summary>
    private (int Discussed, int Actions) PanelWork(CaseFilter filter, DateOnly from, DateOnly to)
    {
        var meetings = db.PanelMeetings.AsNoTracking().Where(m => m.Status != (int)PanelMeetingStatus.Scheduled && m.HeldOn >= from && m.HeldOn <= to)
            .Select(m => m.Id).ToList();
        var items = db.PanelAgendaItems.AsNoTracking().Where(a => meetings.Contains(a.MeetingId) && a.Discussed)
            .Select(a => new { a.MeetingId, a.WorkflowId }).ToList();
        var ids = items.Select(i => i.WorkflowId).Distinct().ToList();
        var reached = db.Workflows.AsNoTracking().Where(w => ids.Contains(w.Id)).ToList()
            .Where(w => filter.Reaches(WorkflowRecords.Facts(w)))
            .Select(w => w.Id).ToHashSet();
        var actions = db.CaseActions.AsNoTracking().Where(a => a.MeetingId != null && meetings.Contains(a.MeetingId.Value))
            .Select(a => a.WorkflowId).ToList().Count(reached.Contains);
        return (items.Count(i => reached.Contains(i.WorkflowId)), actions);
    }

    private static ObservedStep Observed(CapacityStep step, int count, Interval rate, ObservedCounts counts, int population, bool withheld)
    {
        var shown = new ShownCount(count, SmallCounts.IsSmall(count));
        if (withheld) return new ObservedStep(step, shown, "[c]", "[c]");
        string Percent(double v) => v.ToString("0.0%", CultureInfo.InvariantCulture);
        string PerThousand(double v) => (v * 1000).ToString("0.00", CultureInfo.InvariantCulture);
        string PerCase(double v) => v.ToString("0.00", CultureInfo.InvariantCulture);
        return step switch
        {
            CapacityStep.Listing when population == 0 => new ObservedStep(step, shown, "–", "–"),
            CapacityStep.Listing => new ObservedStep(step, shown, $"{PerThousand(rate.Estimate)} per 1,000 people a month",
                $"{PerThousand(rate.Low)} to {PerThousand(rate.High)}"),
            CapacityStep.Action when counts.PanelCasesDiscussed == 0 => new ObservedStep(step, shown, "–", "–"),
            CapacityStep.Action => new ObservedStep(step, shown, $"{PerCase(rate.Estimate)} per case discussed", $"{PerCase(rate.Low)} to {PerCase(rate.High)}"),
            _ when Denominator(step, counts) == 0 => new ObservedStep(step, shown, "–", "–"),
            _ => new ObservedStep(step, shown, $"{Percent(rate.Estimate)} of {Of(step)}", $"{Percent(rate.Low)} to {Percent(rate.High)}"),
        };
    }

    private static int Denominator(CapacityStep step, ObservedCounts c) => step switch
    {
        CapacityStep.Conversation => c.Listed,
        CapacityStep.Escalation => c.Conversations,
        CapacityStep.Triage => c.Escalated,
        _ => c.Triaged,
    };

    private static string Of(CapacityStep step) => step switch
    {
        CapacityStep.Conversation => "cases listed",
        CapacityStep.Escalation => "conversations",
        CapacityStep.Triage => "escalations",
        _ => "triages",
    };
}
