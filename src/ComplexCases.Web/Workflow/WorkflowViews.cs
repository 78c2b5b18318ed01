using ComplexCases.Application.Access;
using ComplexCases.Application.Workflow;
using ComplexCases.Data.Workflow;
using ComplexCases.Domain.Workflow;

namespace ComplexCases.Web.Workflow;

/// <summary>The read side of the process for the pages: the step pages' view of the case (the home page's lists are WaitingCases, in Application).</summary>
public sealed class WorkflowViews(TimeProvider clock)
{
    /// <summary>The date in England and Wales, which is what due dates are counted in.</summary>
    public DateOnly Today => WorkingCalendar.UkDate(clock.GetUtcNow());

    public CaseWorkflowView Describe(StaffUser user, CaseWorkflowRecord record) => CaseWorkflowViews.Describe(user, record, Today);

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
