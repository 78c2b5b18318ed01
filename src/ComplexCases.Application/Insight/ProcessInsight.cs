using ComplexCases.Application.Access;
using ComplexCases.Application.Workflow;
using ComplexCases.Data;
using ComplexCases.Domain.Insight;
using ComplexCases.Domain.Workflow;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Application.Insight;

/// <summary>A count as an aggregate view shows it: the number, or withheld.</summary>
public readonly record struct ShownCount(int Value, bool Withheld)
{
    public override string ToString() => Withheld ? "[c]" : Value.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>One area's funnel (a PDU, or a team within one PDU), suppressed for display.</summary>
public sealed record FunnelRow(string Code, string Name, IReadOnlyList<ShownCount> Stages, string ConversationsOnTime, string TriagesOnTime, string MedianDaysToConversation);

/// <summary>The funnel for the user's area over a period of listing months.</summary>
public sealed record ProcessInsightView(DateOnly From, DateOnly To, string AreaKind, IReadOnlyList<FunnelRow> Areas, FunnelRow Total)
{
    public static IReadOnlyList<FunnelStage> Stages { get; } = Enum.GetValues<FunnelStage>();

    public static string Label(FunnelStage stage) => stage switch
    {
        FunnelStage.Listed => "Listed (complex)",
        FunnelStage.ConversationHeld => "Conversation held",
        FunnelStage.Escalated => "Escalated",
        FunnelStage.Triaged => "Triaged",
        FunnelStage.ReferredToPanel => "Referred to panel",
        FunnelStage.DiscussedAtPanel => "Discussed at panel",
        FunnelStage.Closed => "Closed",
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, null),
    };
}

/// <summary>
/// The pilot seen working: the process funnel per PDU (or per team, for a head of PDU) over chosen listing months, with
/// the conversation and triage timescales met. Counts only, with small counts withheld (<see cref="SmallCounts"/>): no
/// person can be picked out, so viewing is not a consultation of personal data. Scope is the user's list scope.
/// </summary>
public sealed class ProcessInsight(ComplexCasesDbContext db, WorkflowSettings settings)
{
    private sealed record Row(long Id, string Crn, string PduCode, string? TeamCode, string? RegionCode, string? PractitionerCode, string? SpoCode, DateOnly ListedOn);

    public ProcessInsightView Run(StaffUser user, DateOnly from, DateOnly to)
    {
        var (counts, byTeam) = Count(user, from, to, areaByTeam: null);
        var names = AreaNames(db, byTeam);
        var areas = counts.OrderBy(a => names.GetValueOrDefault(a.Key) ?? a.Key, StringComparer.Ordinal).ToList();
        var table = areas.Select(a => ProcessInsightView.Stages.Select(s => a.Value[s]).ToArray()).ToList();
        var withheld = SmallCounts.Withheld(table);
        var total = ProcessFunnel.Total(counts.Values);
        return new ProcessInsightView(from, to, byTeam ? "team" : "PDU",
            [.. areas.Select((a, i) => Shown(a.Key, names.GetValueOrDefault(a.Key) ?? (a.Key.Length == 0 ? "Not allocated" : a.Key), a.Value, withheld[i]))],
            Shown("", "Total", total, [.. ProcessInsightView.Stages.Select(s => SmallCounts.IsSmall(total[s]))]));
    }

    /// <summary>
    /// The funnel over the user's scope, not suppressed: for further calculation (capacity planning), never for display.
    /// Also the PDUs whose cases it counted.
    /// </summary>
    public (FunnelCounts Total, IReadOnlySet<string> Pdus) Totals(StaffUser user, DateOnly from, DateOnly to)
    {
        var (counts, _) = Count(user, from, to, areaByTeam: false);
        return (ProcessFunnel.Total(counts.Values), counts.Keys.ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>The episodes listed in the period, per area: teams when <paramref name="areaByTeam"/> (null: when the scope is one PDU).</summary>
    private (IReadOnlyDictionary<string, FunnelCounts> Counts, bool ByTeam) Count(StaffUser user, DateOnly from, DateOnly to, bool? areaByTeam)
    {
        var filter = CaseFilter.For(user, Permission.ViewMonthlyList);
        // Filtered in SQL to those that can have an episode listed in the period: listed in it, or listed before it and
        // relisted since (a superset, as the relisting's date is not compared in SQL; ProcessFunnel.Count keeps the exact ones).
        var relisted = db.WorkflowEvents.Where(e => e.Step == (int)WorkflowStep.Relisted).Select(e => e.WorkflowId);
        var rows = db.Workflows.AsNoTracking()
            .Where(w => w.ListedOn <= to && (w.ListedOn >= from || relisted.Contains(w.Id)))
            .Select(w => new Row(w.Id, w.Crn, w.PduCode, w.TeamCode, w.RegionCode, w.PractitionerCode, w.SpoCode, w.ListedOn))
            .ToList()
            // Counts only: a limited-access case counts where it sits (CaseFilter.Reaches, not Matches).
            .Where(w => filter.Reaches(new CaseFacts(w.Crn, w.PduCode, w.RegionCode, w.TeamCode, w.PractitionerCode, w.SpoCode, LimitedAccess: false)))
            .ToList();
        // One PDU in scope (a head of PDU): the areas are its teams; otherwise its PDUs.
        var byTeam = areaByTeam ?? rows.Select(r => r.PduCode).Distinct(StringComparer.Ordinal).Count() == 1;
        var ids = rows.Select(r => r.Id).ToList();
        // Ordered in memory: not every provider orders by a DateTimeOffset column.
        var steps = db.WorkflowEvents.AsNoTracking()
            .Where(e => ids.Contains(e.WorkflowId))
            .Select(e => new { e.Id, e.WorkflowId, e.Step, e.At })
            .ToList()
            .OrderBy(e => e.At).ThenBy(e => e.Id)
            .GroupBy(e => e.WorkflowId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<StepTaken>)[.. g.Select(e => new StepTaken((WorkflowStep)e.Step, WorkingCalendar.UkDate(e.At)))]);
        var histories = rows.Select(r => new WorkflowHistory(byTeam ? r.TeamCode ?? "" : r.PduCode, r.ListedOn, steps.GetValueOrDefault(r.Id, [])));
        return (ProcessFunnel.Count(histories, from, to, settings.Timescales, settings.Calendar), byTeam);
    }

    /// <summary>The names of the PDUs (or teams) as the latest stored run gives them, by code.</summary>
    internal static Dictionary<string, string> AreaNames(ComplexCasesDbContext db, bool byTeam)
    {
        var latest = db.Runs.AsNoTracking().OrderByDescending(r => r.AsOf).ThenByDescending(r => r.Id).Select(r => (int?)r.Id).FirstOrDefault();
        if (latest is null) return [];
        var listed = db.ListedCases.AsNoTracking().Where(c => c.RunId == latest);
        var pairs = byTeam
            ? listed.Where(c => c.TeamCode != null && c.TeamName != null).Select(c => new { Code = c.TeamCode!, Name = c.TeamName! }).Distinct().ToList()
            : listed.Where(c => c.PduName != null).Select(c => new { Code = c.PduCode, Name = c.PduName! }).Distinct().ToList();
        return pairs.GroupBy(p => p.Code, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Name, StringComparer.Ordinal);
    }

    private static FunnelRow Shown(string code, string name, FunnelCounts counts, bool[] withheld)
    {
        var held = counts[FunnelStage.ConversationHeld];
        var triaged = counts[FunnelStage.Triaged];
        return new FunnelRow(code, name,
            [.. ProcessInsightView.Stages.Select((s, i) => new ShownCount(counts[s], withheld[i]))],
            Rate(counts.ConversationsOnTime, held), Rate(counts.TriagesOnTime, triaged),
            counts.DaysToConversation.Count < SmallCounts.Threshold ? "–" : Median(counts.DaysToConversation).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static string Rate(int part, int whole) =>
        whole == 0 ? "–" : SmallCounts.RateWithheld(part, whole) ? "[c]" : ((double)part / whole).ToString("0%", System.Globalization.CultureInfo.InvariantCulture);

    private static double Median(List<int> values)
    {
        var sorted = values.Order().ToList();
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
    }
}
