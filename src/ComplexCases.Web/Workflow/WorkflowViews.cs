using ComplexCases.Application.Access;
using ComplexCases.Application.Workflow;
using ComplexCases.Data;
using ComplexCases.Data.Workflow;
using ComplexCases.Domain.Workflow;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Web.Workflow;

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

/// <summary>A case waiting on the user (home page), with its due date.</summary>
public sealed record DueCase(string Crn, string Name, string? PractitionerName, DateOnly? DueOn, bool Overdue);

/// <summary>The read side of the process for the pages: the case page's section and the home page's lists.</summary>
public sealed class WorkflowViews(ComplexCasesDbContext db, CaseWorkflows workflows, TimeProvider clock)
{
    /// <summary>The date in England and Wales, which is what due dates are counted in.</summary>
    public DateOnly Today => WorkingCalendar.UkDate(clock.GetUtcNow());

    /// <summary>Null when the case is not in the process (not complex on an operational list) or the user may not see it.</summary>
    public CaseWorkflowView? ForCase(StaffUser user, string crn)
    {
        var record = workflows.Find(user, crn);
        return record is null ? null : Describe(user, record);
    }

    public CaseWorkflowView Describe(StaffUser user, CaseWorkflowRecord record)
    {
        var workflow = WorkflowRecords.ToDomain(record);
        var today = Today;
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

    /// <summary>
    /// Cases at <paramref name="stage"/> on which the user holds <paramref name="permission"/>, soonest due (so overdue) first.
    /// Scoped in the query through each case's latest listing, whose facts the workflow copies.
    /// </summary>
    public IReadOnlyList<DueCase> Waiting(StaffUser user, CaseStage stage, Permission permission, int max = 100)
    {
        var today = Today;
        var rows = db.ListedCases.AsNoTracking().PermittedTo(user, permission)
            .Join(db.Workflows.AsNoTracking().Where(w => w.Stage == (int)stage), c => new { c.RunId, c.Crn }, w => new { RunId = w.LatestRunId, w.Crn },
                (c, w) => new { c.Crn, c.Forename, c.Surname, c.PractitionerName, c.PduCode, c.RegionCode, c.TeamCode, c.PractitionerCode, c.SpoCode,
                    c.LimitedAccess, w.ConversationDue, w.TriageDue, w.FollowUpDue })
            .ToList();
        return rows
            .Select(r =>
            {
                var due = stage switch
                {
                    CaseStage.AwaitingConversation => r.ConversationDue,
                    CaseStage.AwaitingTriage => r.TriageDue,
                    CaseStage.ActionsInProgress => r.FollowUpDue,
                    _ => null,
                };
                var facts = new CaseFacts(r.Crn, r.PduCode, r.RegionCode, r.TeamCode, r.PractitionerCode, r.SpoCode, r.LimitedAccess);
                // Names only where the user may see them; the permission alone does not promise that.
                var name = CaseAccess.CanSeeNames(user, facts) ? $"{r.Forename} {r.Surname}".Trim() : "Name withheld";
                return new DueCase(r.Crn, name, r.PractitionerName, due, due is { } d && today > d);
            })
            .OrderBy(c => c.DueOn ?? DateOnly.MaxValue).ThenBy(c => c.Crn, StringComparer.Ordinal)
            .Take(max)
            .ToList();
    }

    /// <summary>The page a step is recorded on; null for the panel discussion, recorded from the panel meeting.</summary>
    public static string? PageFor(WorkflowStep step) => step switch
    {
        WorkflowStep.ConversationNoFurtherSupport or WorkflowStep.ConversationEscalated => "conversation",
        WorkflowStep.TriageAdviceGiven or WorkflowStep.TriageReferredToPanel => "triage",
        WorkflowStep.FollowUpClosed or WorkflowStep.FollowUpBackToPanel => "follow-up",
        WorkflowStep.Withdrawn => "withdraw",
        _ => null,
    };

    /// <summary>A short past-tense title for the timeline.</summary>
    public static string Title(WorkflowStep step) => step switch
    {
        WorkflowStep.ConversationNoFurtherSupport => "Conversation held: no further support needed",
        WorkflowStep.ConversationEscalated => "Conversation held: escalated to the panel team",
        WorkflowStep.TriageAdviceGiven => "Triage: advice given, case closed",
        WorkflowStep.TriageReferredToPanel => "Triage: referred to the multi-agency panel",
        WorkflowStep.PanelDiscussed => "Discussed at panel: actions agreed",
        WorkflowStep.FollowUpClosed => "Follow-up review: case closed",
        WorkflowStep.FollowUpBackToPanel => "Follow-up review: back to the panel",
        WorkflowStep.Withdrawn => "Withdrawn from the process",
        WorkflowStep.Relisted => "Listed again: the process starts again",
        _ => step.ToString(),
    };

    /// <summary>The GOV.UK tag colour for a stage.</summary>
    public static string TagClass(CaseStage stage) => stage switch
    {
        CaseStage.AwaitingConversation => "govuk-tag--blue",
        CaseStage.AwaitingTriage => "govuk-tag--orange",
        CaseStage.AwaitingPanel => "govuk-tag--purple",
        CaseStage.ActionsInProgress => "govuk-tag--turquoise",
        _ => "govuk-tag--grey",
    };
}
