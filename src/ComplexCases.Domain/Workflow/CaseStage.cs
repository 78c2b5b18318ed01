namespace ComplexCases.Domain.Workflow;

/// <summary>Where a listed case is in the Complex Case process. Values are stored: never renumber.</summary>
public enum CaseStage
{
    /// <summary>Listed this month; the practitioner and SPO are to hold a reflective practice conversation.</summary>
    AwaitingConversation = 1,
    /// <summary>Escalated to the Complex Cases Panel team; a triage meeting is due.</summary>
    AwaitingTriage = 2,
    /// <summary>Referred by triage to the multi-agency panel; to be put on a meeting's agenda and discussed.</summary>
    AwaitingPanel = 3,
    /// <summary>Discussed at panel; its actions are being carried out until the follow-up review.</summary>
    ActionsInProgress = 4,
    /// <summary>Nothing further this time; re-enters the process when listed again in a later month.</summary>
    Closed = 5,
}

/// <summary>The named moves between stages. Values are stored: never renumber.</summary>
public enum WorkflowStep
{
    /// <summary>Conversation held; no further support needed.</summary>
    ConversationNoFurtherSupport = 1,
    /// <summary>Conversation held; blockages escalated to the panel team.</summary>
    ConversationEscalated = 2,
    /// <summary>Triage gave advice; the case is closed.</summary>
    TriageAdviceGiven = 3,
    /// <summary>Triage referred the case to the multi-agency panel.</summary>
    TriageReferredToPanel = 4,
    /// <summary>The panel discussed the case and agreed actions.</summary>
    PanelDiscussed = 5,
    /// <summary>Follow-up review: the actions did what was needed; the case is closed.</summary>
    FollowUpClosed = 6,
    /// <summary>Follow-up review: the case goes back to the panel.</summary>
    FollowUpBackToPanel = 7,
    /// <summary>The case leaves the process early (e.g. supervision ended or transferred out of the region).</summary>
    Withdrawn = 8,
    /// <summary>A closed case is listed again in a later month and starts again (done by the monthly run, not a person).</summary>
    Relisted = 9,
}

public static class WorkflowText
{
    public static string Describe(this CaseStage stage) => stage switch
    {
        CaseStage.AwaitingConversation => "awaiting a reflective practice conversation",
        CaseStage.AwaitingTriage => "escalated and awaiting triage",
        CaseStage.AwaitingPanel => "referred to the multi-agency panel",
        CaseStage.ActionsInProgress => "discussed at panel, with actions in progress",
        CaseStage.Closed => "closed",
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, null),
    };

    /// <summary>A short label for tags and tables.</summary>
    public static string Label(this CaseStage stage) => stage switch
    {
        CaseStage.AwaitingConversation => "Conversation due",
        CaseStage.AwaitingTriage => "Triage due",
        CaseStage.AwaitingPanel => "Awaiting panel",
        CaseStage.ActionsInProgress => "Actions in progress",
        CaseStage.Closed => "Closed",
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, null),
    };

    public static string Describe(this WorkflowStep step) => step switch
    {
        WorkflowStep.ConversationNoFurtherSupport => "record a conversation with no further support needed",
        WorkflowStep.ConversationEscalated => "record a conversation and escalate to the panel team",
        WorkflowStep.TriageAdviceGiven => "record a triage decision giving advice and closing the case",
        WorkflowStep.TriageReferredToPanel => "record a triage decision referring the case to the panel",
        WorkflowStep.PanelDiscussed => "record the panel's discussion and actions",
        WorkflowStep.FollowUpClosed => "record a follow-up review closing the case",
        WorkflowStep.FollowUpBackToPanel => "record a follow-up review sending the case back to the panel",
        WorkflowStep.Withdrawn => "withdraw the case from the process",
        WorkflowStep.Relisted => "start the process again for a newly listed month",
        _ => throw new ArgumentOutOfRangeException(nameof(step), step, null),
    };

    /// <summary>Stable key used in URLs, forms and audit details, e.g. <c>conversation-escalated</c>.</summary>
    public static string ToKey(this WorkflowStep step) => step switch
    {
        WorkflowStep.ConversationNoFurtherSupport => "conversation-no-further-support",
        WorkflowStep.ConversationEscalated => "conversation-escalated",
        WorkflowStep.TriageAdviceGiven => "triage-advice-given",
        WorkflowStep.TriageReferredToPanel => "triage-referred-to-panel",
        WorkflowStep.PanelDiscussed => "panel-discussed",
        WorkflowStep.FollowUpClosed => "follow-up-closed",
        WorkflowStep.FollowUpBackToPanel => "follow-up-back-to-panel",
        WorkflowStep.Withdrawn => "withdrawn",
        WorkflowStep.Relisted => "relisted",
        _ => throw new ArgumentOutOfRangeException(nameof(step), step, null),
    };

    public static bool TryParseStep(string? key, out WorkflowStep step)
    {
        foreach (var candidate in Enum.GetValues<WorkflowStep>())
        {
            if (candidate.ToKey() == key)
            {
                step = candidate;
                return true;
            }
        }
        step = default;
        return false;
    }
}
