using ComplexCases.Application.Access;
using ComplexCases.Application.Audit;
using ComplexCases.Application.Workflow;
using ComplexCases.Data;
using ComplexCases.Domain.Audit;
using ComplexCases.Domain.Panels;
using ComplexCases.Domain.People;
using ComplexCases.Domain.Workflow;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Application.Solutions;

/// <summary>One action a panel agreed, without its owner's name: the agency, what, and whether it was done.</summary>
public sealed record SolutionAction(Agency Agency, string Description, ActionStatus Status);

/// <summary>What a panel agreed for one blockage, and whether it worked: no CRN, no name, no date finer than the month.</summary>
public sealed record PanelSolution(
    DateOnly Month, IReadOnlyList<BlockageCategory> Blockages, string Blockage, string Tried, string Decisions,
    IReadOnlyList<SolutionAction> Actions, string Outcome)
{
    public int Done => Actions.Count(a => a.Status == ActionStatus.Done);
}

/// <summary>A page of the library, newest first.</summary>
public sealed record PanelSolutionPage(IReadOnlyList<PanelSolution> Solutions, int Total, int Page, int Pages);

/// <summary>
/// The evaluation's "trickle-down effect", made deliberate: what panels agreed for each kind of blockage and whether the
/// actions were done, searchable by practitioners facing the same blockage. Every entry is taken out of its case (no CRN,
/// no name of the person, no owner's name, the month only), so it may be read beyond the case's own staff; each search is
/// still recorded, as what it returned came from people's records.
/// </summary>
public sealed class PanelSolutions(ComplexCasesDbContext db, GroupCommitAuditWriter audit)
{
    public const int PageSize = 20;
    public const int MaxQuery = 100;

    public async Task<PanelSolutionPage> SearchAsync(StaffUser user, BlockageCategory? blockage, string? query, int page, CancellationToken cancellationToken = default)
    {
        var (text, all) = Search(blockage, query);
        var pages = Math.Max(1, (all.Count + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 1, pages);
        var shown = all.Skip((page - 1) * PageSize).Take(PageSize).ToList();
        await audit.AppendAsync(new AuditEntryRequest(user.Id, AuditAction.Consultation, AuditEventTypes.PanelSolutionsSearched,
            "panel solutions for a blockage, taken out of their cases")
        {
            Details = new AuditDetails().Add("blockage", blockage?.ToKey() ?? "").Add("query", text ?? "").Add("results", all.Count).Add("page", page).ToString(),
        });
        return new PanelSolutionPage(shown, all.Count, page, pages);
    }

    /// <summary>
    /// Every entry the search matches (not one page of them), for a download: taken out of their cases exactly as the page
    /// shows them, and the download recorded as a disclosure (the file leaves the service), with the search and the format.
    /// </summary>
    public async Task<IReadOnlyList<PanelSolution>> ExportAsync(StaffUser user, BlockageCategory? blockage, string? query, string format, CancellationToken cancellationToken = default)
    {
        var (text, all) = Search(blockage, query);
        await audit.AppendAsync(new AuditEntryRequest(user.Id, AuditAction.Disclosure, AuditEventTypes.PanelSolutionsExported,
            "panel solutions for a blockage, taken out of their cases")
        {
            Details = new AuditDetails().Add("blockage", blockage?.ToKey() ?? "").Add("query", text ?? "").Add("results", all.Count).Add("format", format).ToString(),
        });
        return all;
    }

    private (string? Text, List<PanelSolution> All) Search(BlockageCategory? blockage, string? query)
    {
        var text = string.IsNullOrWhiteSpace(query) ? null : query.Trim()[..Math.Min(query.Trim().Length, MaxQuery)];
        return (text, [.. Load().Where(s => (blockage is null || s.Blockages.Contains(blockage.Value)) && (text is null || Contains(s, text)))]);
    }

    private static bool Contains(PanelSolution s, string text) =>
        new[] { s.Blockage, s.Tried, s.Decisions }.Concat(s.Actions.Select(a => a.Description))
            .Any(t => t.Contains(text, StringComparison.OrdinalIgnoreCase));

    private List<PanelSolution> Load()
    {
        var events = db.WorkflowEvents.AsNoTracking()
            .Where(e => e.Step == (int)WorkflowStep.PanelDiscussed || e.Step == (int)WorkflowStep.ConversationEscalated
                || e.Step == (int)WorkflowStep.FollowUpClosed || e.Step == (int)WorkflowStep.FollowUpBackToPanel || e.Step == (int)WorkflowStep.Withdrawn)
            .Select(e => new { e.Id, e.WorkflowId, e.Step, e.At, e.DetailsJson, e.MeetingId })
            .ToList()
            .OrderBy(e => e.At).ThenBy(e => e.Id)
            .GroupBy(e => e.WorkflowId)
            .ToDictionary(g => g.Key, g => g.ToList());
        var discussed = events.Where(g => g.Value.Any(e => e.Step == (int)WorkflowStep.PanelDiscussed)).Select(g => g.Key).ToList();
        if (discussed.Count == 0) return [];
        var crns = db.Workflows.AsNoTracking().Where(w => discussed.Contains(w.Id)).Select(w => new { w.Id, w.Crn }).ToDictionary(w => w.Id, w => w.Crn);
        var crnList = crns.Values.Distinct().ToList();
        var names = CaseNames(crnList);
        var actions = db.CaseActions.AsNoTracking().Where(a => discussed.Contains(a.WorkflowId))
            .Select(a => new { a.WorkflowId, a.MeetingId, a.Description, a.OwnerAgency, a.Status }).ToList();

        var solutions = new List<PanelSolution>();
        foreach (var workflowId in discussed)
        {
            var steps = events[workflowId];
            var crn = crns[workflowId];
            var (forename, surname) = names.GetValueOrDefault(crn);
            var reference = Crn.Parse(crn);
            string Clean(string? t) => FreeText.Redact(t ?? "", reference, forename, surname);
            for (var i = 0; i < steps.Count; i++)
            {
                if (steps[i].Step != (int)WorkflowStep.PanelDiscussed) continue;
                var discussion = StepDetails.FromJson(steps[i].DetailsJson).Discussion;
                if (discussion is null) continue;
                // The escalation that brought the case here: the latest before the discussion.
                var escalation = steps.Take(i).LastOrDefault(e => e.Step == (int)WorkflowStep.ConversationEscalated);
                var escalated = StepDetails.FromJson(escalation?.DetailsJson);
                var outcome = steps.Skip(i + 1).FirstOrDefault(e => e.Step != (int)WorkflowStep.ConversationEscalated && e.Step != (int)WorkflowStep.PanelDiscussed);
                var meeting = steps[i].MeetingId;
                solutions.Add(new PanelSolution(
                    FirstOfMonth(WorkingCalendar.UkDate(steps[i].At)),
                    [.. (escalated.Conversation?.Blockages ?? new HashSet<BlockageCategory>()).Order()],
                    Clean(escalated.Escalation?.Blockage), Clean(escalated.Escalation?.Tried), Clean(discussion.Decisions),
                    [.. actions.Where(a => a.WorkflowId == workflowId && a.MeetingId == meeting)
                        .Select(a => new SolutionAction((Agency)a.OwnerAgency, Clean(a.Description), (ActionStatus)a.Status))],
                    outcome?.Step switch
                    {
                        (int)WorkflowStep.FollowUpClosed => "Closed at the follow-up review: the actions did what was needed.",
                        (int)WorkflowStep.FollowUpBackToPanel => "Back to panel at the follow-up review.",
                        (int)WorkflowStep.Withdrawn => "Withdrawn from the process.",
                        _ => "Actions still in progress.",
                    }));
            }
        }
        return [.. solutions.OrderByDescending(s => s.Month)];
    }

    private static DateOnly FirstOfMonth(DateOnly day) => new(day.Year, day.Month, 1);

    private Dictionary<string, (string? Forename, string? Surname)> CaseNames(List<string> crns) =>
        db.ListedCases.AsNoTracking().Where(c => crns.Contains(c.Crn))
            .Select(c => new { c.Crn, c.RunId, c.Forename, c.Surname }).ToList()
            .GroupBy(c => c.Crn, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => { var latest = g.MaxBy(c => c.RunId)!; return (latest.Forename, latest.Surname); }, StringComparer.Ordinal);
}
