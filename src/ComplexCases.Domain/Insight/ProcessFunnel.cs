using ComplexCases.Domain.Workflow;

namespace ComplexCases.Domain.Insight;

/// <summary>One step a case's workflow took, as the funnel reads it: which, and on which England and Wales date.</summary>
public readonly record struct StepTaken(WorkflowStep Step, DateOnly On);

/// <summary>A case's workflow: where it is, when it was first listed, and every step it took in order.</summary>
public sealed record WorkflowHistory(string AreaCode, DateOnly ListedOn, IReadOnlyList<StepTaken> Steps);

/// <summary>The stages of the funnel, in the order a case passes them.</summary>
public enum FunnelStage
{
    Listed = 0,
    ConversationHeld = 1,
    Escalated = 2,
    Triaged = 3,
    ReferredToPanel = 4,
    DiscussedAtPanel = 5,
    Closed = 6,
}

/// <summary>How many episodes of one area reached each stage, and how many were on time where a timescale applies.</summary>
public sealed class FunnelCounts
{
    private readonly int[] _reached = new int[Enum.GetValues<FunnelStage>().Length];

    public int this[FunnelStage stage] => _reached[(int)stage];

    /// <summary>Conversations held within the conversation timescale of the episode's listing.</summary>
    public int ConversationsOnTime { get; private set; }

    /// <summary>Triages held within the triage timescale of the escalation.</summary>
    public int TriagesOnTime { get; private set; }

    /// <summary>Working days from listing to the conversation, one per conversation held (for the median).</summary>
    public List<int> DaysToConversation { get; } = [];

    internal void Add(FunnelStage stage) => _reached[(int)stage]++;

    internal void Add(FunnelCounts other)
    {
        for (var i = 0; i < _reached.Length; i++) _reached[i] += other._reached[i];
        ConversationsOnTime += other.ConversationsOnTime;
        TriagesOnTime += other.TriagesOnTime;
        DaysToConversation.AddRange(other.DaysToConversation);
    }

    internal void ConversationOnTime() => ConversationsOnTime++;

    internal void TriageOnTime() => TriagesOnTime++;
}

/// <summary>
/// The process funnel for a cohort: every episode (a first listing, or a closed case listed again) that started in the
/// period, and how far each got — conversation held, escalated, triaged, referred to panel, discussed, closed — with the
/// conversation and triage held on time against the timescales. An episode's later steps count whenever they happen, so
/// a recent month's cohort is still filling up (the page says so).
/// </summary>
public static class ProcessFunnel
{
    /// <summary>The steps that close a case, read from the transition table so the two never disagree.</summary>
    private static readonly HashSet<WorkflowStep> Closing =
        [.. WorkflowRules.Transitions.Where(t => t.To == CaseStage.Closed).Select(t => t.Step)];

    public static IReadOnlyDictionary<string, FunnelCounts> Count(
        IEnumerable<WorkflowHistory> workflows, DateOnly from, DateOnly to, Timescales timescales, WorkingCalendar calendar)
    {
        var byArea = new Dictionary<string, FunnelCounts>(StringComparer.Ordinal);
        foreach (var workflow in workflows)
        {
            var start = workflow.ListedOn;
            var episode = new List<StepTaken>();
            foreach (var step in workflow.Steps)
            {
                if (step.Step == WorkflowStep.Relisted)
                {
                    CountEpisode(start, episode);
                    start = step.On;
                    episode.Clear();
                }
                else
                {
                    episode.Add(step);
                }
            }
            CountEpisode(start, episode);

            void CountEpisode(DateOnly listedOn, List<StepTaken> steps)
            {
                if (listedOn < from || listedOn > to) return;
                if (!byArea.TryGetValue(workflow.AreaCode, out var counts)) byArea[workflow.AreaCode] = counts = new FunnelCounts();
                Tally(counts, listedOn, steps, timescales, calendar);
            }
        }
        return byArea;
    }

    /// <summary>The sum over areas (what a total row shows).</summary>
    public static FunnelCounts Total(IEnumerable<FunnelCounts> areas)
    {
        var total = new FunnelCounts();
        foreach (var area in areas) total.Add(area);
        return total;
    }

    private static void Tally(FunnelCounts counts, DateOnly listedOn, List<StepTaken> steps, Timescales timescales, WorkingCalendar calendar)
    {
        counts.Add(FunnelStage.Listed);
        var conversation = steps.FirstOrDefault(s => s.Step is WorkflowStep.ConversationNoFurtherSupport or WorkflowStep.ConversationEscalated);
        if (conversation.Step != 0)
        {
            counts.Add(FunnelStage.ConversationHeld);
            if (conversation.On <= calendar.AddWorkingDays(listedOn, timescales.ConversationWorkingDays)) counts.ConversationOnTime();
            counts.DaysToConversation.Add(Math.Max(0, calendar.WorkingDaysBetween(listedOn, conversation.On)));
        }
        var escalated = steps.FirstOrDefault(s => s.Step == WorkflowStep.ConversationEscalated);
        if (escalated.Step != 0)
        {
            counts.Add(FunnelStage.Escalated);
            var triage = steps.FirstOrDefault(s => s.Step is WorkflowStep.TriageAdviceGiven or WorkflowStep.TriageReferredToPanel);
            if (triage.Step != 0)
            {
                counts.Add(FunnelStage.Triaged);
                if (triage.On <= calendar.AddWorkingDays(escalated.On, timescales.TriageWorkingDays)) counts.TriageOnTime();
            }
        }
        if (steps.Any(s => s.Step == WorkflowStep.TriageReferredToPanel)) counts.Add(FunnelStage.ReferredToPanel);
        if (steps.Any(s => s.Step == WorkflowStep.PanelDiscussed)) counts.Add(FunnelStage.DiscussedAtPanel);
        if (steps.Any(s => Closing.Contains(s.Step))) counts.Add(FunnelStage.Closed);
    }
}
