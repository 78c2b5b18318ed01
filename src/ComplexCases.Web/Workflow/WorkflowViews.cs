using ComplexCases.Application.Access;
using ComplexCases.Application.Workflow;
using ComplexCases.Data;
using ComplexCases.Data.Workflow;
using ComplexCases.Domain.Workflow;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Web.Workflow;

/// <summary>A case waiting on the user (home page), with its due date.</summary>
public sealed record DueCase(string Crn, string Name, string? PractitionerName, DateOnly? DueOn, bool Overdue);

/// <summary>The read side of the process for the pages: the step pages' view of the case and the home page's lists.</summary>
public sealed class WorkflowViews(ComplexCasesDbContext db, TimeProvider clock)
{
    /// <summary>The date in England and Wales, which is what due dates are counted in.</summary>
    public DateOnly Today => WorkingCalendar.UkDate(clock.GetUtcNow());

    public CaseWorkflowView Describe(StaffUser user, CaseWorkflowRecord record) => CaseWorkflowViews.Describe(user, record, Today);

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
