using ComplexCases.Application.Access;
using ComplexCases.Data;
using ComplexCases.Data.Screening;
using ComplexCases.Domain.Screening;
using ComplexCases.Domain.Workflow;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Application.Workflow;

/// <summary>One practitioner's cases on this month's list: how many, and how many have had their conversation.</summary>
public sealed record PractitionerProgress(
    string? PractitionerCode, string Name, int Listed, int ConversationsRecorded, int AwaitingConversation, int Overdue, int Escalated)
{
    /// <summary>Cases waiting and not one conversation recorded yet: the people the head of the PDU is looking for.</summary>
    public bool NotStarted => AwaitingConversation > 0 && ConversationsRecorded == 0;

    public bool Complete => AwaitingConversation == 0;
}

/// <summary>A PDU in the user's scope, with its headline counts (for choosing one).</summary>
public sealed record PduProgressSummary(string Code, string Name, int Listed, int AwaitingConversation, int Overdue);

/// <summary>Who has and has not acted on this month's list, per practitioner, with counts by stage. Staff names and counts only.</summary>
public sealed record PduProgressReport(
    ScreeningRun Run,
    DateOnly Today,
    IReadOnlyList<PduProgressSummary> Pdus,
    PduProgressSummary? Pdu,
    IReadOnlyList<PractitionerProgress> Practitioners,
    IReadOnlyDictionary<CaseStage, int> ByStage)
{
    public IEnumerable<PractitionerProgress> NotStarted => Practitioners.Where(p => p.NotStarted);
}

/// <summary>
/// The PDU progress view: this month's list is the latest run of the operational definition; its complex cases are in the
/// process. Scope is the user's monthly-list scope (head of PDU: the PDU; SPO: their team; panel team and QDO: their region),
/// so the counts are of cases the user could already see listed.
/// </summary>
public static class PduProgress
{
    public const string Unallocated = "Unallocated";

    private sealed record Row(long WorkflowId, string PduCode, string? PduName, string? PractitionerCode, string? PractitionerName,
        int Stage, DateOnly? ConversationDue);

    /// <summary>Null when no list of the definition has been stored. With <paramref name="pdu"/> outside the user's scope, <see cref="PduProgressReport.Pdu"/> is null.</summary>
    public static PduProgressReport? Run(ComplexCasesDbContext db, StaffUser user, string definitionId, string? pdu, DateOnly today)
    {
        // The newest list of its month's operational definition (the adopted one, else the configured id).
        var operational = Definitions.OperationalDefinition.RunIds(db, definitionId);
        var run = db.Runs.AsNoTracking().Where(r => operational.Contains(r.Id))
            .OrderByDescending(r => r.AsOf).ThenByDescending(r => r.Id).FirstOrDefault();
        if (run is null) return null;

        var rows = db.ListedCases.AsNoTracking().PermittedTo(user, Permission.ViewMonthlyList)
            .Where(c => c.RunId == run.Id && c.Status == (byte)ScreeningStatus.Complex)
            .Join(db.Workflows.AsNoTracking(), c => new { c.RunId, c.Crn }, w => new { RunId = w.LatestRunId, w.Crn },
                (c, w) => new Row(w.Id, c.PduCode, c.PduName, c.PractitionerCode, c.PractitionerName, w.Stage, w.ConversationDue))
            .ToList();

        var pdus = rows.GroupBy(r => r.PduCode, StringComparer.Ordinal)
            .Select(g => new PduProgressSummary(g.Key, g.First().PduName ?? g.Key, g.Count(),
                g.Count(r => r.Stage == (int)CaseStage.AwaitingConversation), g.Count(r => IsOverdue(r, today))))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ToList();
        var chosen = pdu is null
            ? pdus.Count == 1 ? pdus[0] : null
            : pdus.FirstOrDefault(p => p.Code == pdu);
        var inView = chosen is null ? rows : rows.Where(r => r.PduCode == chosen.Code).ToList();

        var byStage = Enum.GetValues<CaseStage>().ToDictionary(stage => stage, stage => inView.Count(r => r.Stage == (int)stage));
        if (chosen is null) return new PduProgressReport(run, today, pdus, null, [], byStage);

        var conversations = ConversationsSinceEntry(db, inView.Select(r => r.WorkflowId).ToList());
        var practitioners = inView
            .GroupBy(r => r.PractitionerCode)
            .Select(g =>
            {
                var recorded = g.Where(r => conversations.ContainsKey(r.WorkflowId)).ToList();
                return new PractitionerProgress(g.Key, g.Select(r => r.PractitionerName).FirstOrDefault(n => n is not null) ?? g.Key ?? Unallocated,
                    g.Count(), recorded.Count, g.Count(r => r.Stage == (int)CaseStage.AwaitingConversation), g.Count(r => IsOverdue(r, today)),
                    recorded.Count(r => conversations[r.WorkflowId] == WorkflowStep.ConversationEscalated));
            })
            // Those who have not started first, then the most overdue: the order someone chasing progress reads in.
            .OrderByDescending(p => p.NotStarted).ThenByDescending(p => p.Overdue).ThenBy(p => p.Name, StringComparer.Ordinal)
            .ToList();
        return new PduProgressReport(run, today, pdus, chosen, practitioners, byStage);
    }

    private static bool IsOverdue(Row r, DateOnly today) =>
        r.Stage == (int)CaseStage.AwaitingConversation && r.ConversationDue is { } due && today > due;

    /// <summary>Per workflow, the outcome of the conversation held since it (last) entered the process, if one has been.</summary>
    private static Dictionary<long, WorkflowStep> ConversationsSinceEntry(ComplexCasesDbContext db, List<long> workflowIds)
    {
        int[] steps = [(int)WorkflowStep.ConversationNoFurtherSupport, (int)WorkflowStep.ConversationEscalated, (int)WorkflowStep.Relisted];
        var events = db.WorkflowEvents.AsNoTracking()
            .Where(e => workflowIds.Contains(e.WorkflowId) && steps.Contains(e.Step))
            .Select(e => new { e.WorkflowId, e.Step, e.At, e.Id })
            .ToList();
        var result = new Dictionary<long, WorkflowStep>();
        foreach (var history in events.GroupBy(e => e.WorkflowId))
        {
            // A relisting starts a new cycle: a conversation from an earlier month does not count for this one.
            WorkflowStep? outcome = null;
            foreach (var e in history.OrderBy(e => e.At).ThenBy(e => e.Id))
                outcome = e.Step == (int)WorkflowStep.Relisted ? null : (WorkflowStep)e.Step;
            if (outcome is { } step) result[history.Key] = step;
        }
        return result;
    }
}
