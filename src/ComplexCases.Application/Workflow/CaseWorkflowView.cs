using ComplexCases.Application.Access;
using ComplexCases.Data.Workflow;
using ComplexCases.Domain.Workflow;

namespace ComplexCases.Application.Workflow;

/// <summary>One recorded move, ready to show: who, when, what, and the step's record.</summary>
public sealed record WorkflowEventView(WorkflowStep Step, CaseStage From, CaseStage To, string ByName, DateTimeOffset At, string Notes, StepDetails Details)
{
    public long Id { get; init; }
    /// <summary>For a conversation: the SPO who confirmed it, and when (null while waiting).</summary>
    public string? ConfirmedByName { get; init; }
    public DateTimeOffset? ConfirmedAt { get; init; }
}

/// <summary>A case's place in the process as its page shows it.</summary>
public sealed record CaseWorkflowView(
    string Crn, CaseStage Stage, DateOnly ListedOn, DateOnly? DueOn, bool Overdue, int Version,
    IReadOnlyList<WorkflowEventView> Events, IReadOnlyList<WorkflowStep> Steps)
{
    /// <summary>Why the case is in the process again, while it is open after a relisting (the re-entry rule's reason).</summary>
    public string? ReenteredBecause =>
        Stage != CaseStage.Closed && Events.Count > 0 && Events[0] is { Step: WorkflowStep.Relisted } relisted ? relisted.Notes : null;

    /// <summary>A conversation naming the signed-in user as SPO that they have not confirmed yet.</summary>
    public bool AwaitsMyConfirmation { get; init; }
}

/// <summary>A case's workflow record as the case page and the step pages show it to one user.</summary>
public static class CaseWorkflowViews
{
    /// <param name="today">The date in England and Wales, which is what due dates are counted in.</param>
    public static CaseWorkflowView Describe(StaffUser user, CaseWorkflowRecord record, DateOnly today)
    {
        var workflow = WorkflowRecords.ToDomain(record);
        var events = record.Events.OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Select(e => new WorkflowEventView((WorkflowStep)e.Step, (CaseStage)e.FromStage, (CaseStage)e.ToStage, e.ByName, e.At, e.Notes,
                StepDetails.FromJson(e.DetailsJson)) { Id = e.Id, ConfirmedByName = e.ConfirmedByName, ConfirmedAt = e.ConfirmedAt })
            .ToList();
        return new CaseWorkflowView(record.Crn, workflow.Stage, workflow.ListedOn, workflow.DueOn, workflow.IsOverdue(today), record.Version,
            events, CaseWorkflows.StepsFor(user, record))
        {
            AwaitsMyConfirmation = events.Any(e => e.ConfirmedAt is null && e.Details.Conversation?.SpoUserName == user.Id)
                && CaseAccess.Can(user, Permission.RecordConversation, WorkflowRecords.Facts(record)),
        };
    }
}
