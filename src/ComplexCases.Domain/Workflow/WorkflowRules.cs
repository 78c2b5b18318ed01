using System.Collections.Frozen;

namespace ComplexCases.Domain.Workflow;

/// <summary>
/// THE state machine: every allowed (stage, step) → stage. Anything not listed is refused.
/// Who may take each step is decided separately, in the application's permissions file.
/// </summary>
public static class WorkflowRules
{
    private static readonly (CaseStage From, WorkflowStep Step, CaseStage To)[] Table =
    [
        (CaseStage.AwaitingConversation, WorkflowStep.ConversationNoFurtherSupport, CaseStage.Closed),
        (CaseStage.AwaitingConversation, WorkflowStep.ConversationEscalated, CaseStage.AwaitingTriage),
        (CaseStage.AwaitingTriage, WorkflowStep.TriageAdviceGiven, CaseStage.Closed),
        (CaseStage.AwaitingTriage, WorkflowStep.TriageReferredToPanel, CaseStage.AwaitingPanel),
        (CaseStage.AwaitingPanel, WorkflowStep.PanelDiscussed, CaseStage.ActionsInProgress),
        (CaseStage.ActionsInProgress, WorkflowStep.FollowUpClosed, CaseStage.Closed),
        (CaseStage.ActionsInProgress, WorkflowStep.FollowUpBackToPanel, CaseStage.AwaitingPanel),
        (CaseStage.AwaitingConversation, WorkflowStep.Withdrawn, CaseStage.Closed),
        (CaseStage.AwaitingTriage, WorkflowStep.Withdrawn, CaseStage.Closed),
        (CaseStage.AwaitingPanel, WorkflowStep.Withdrawn, CaseStage.Closed),
        (CaseStage.ActionsInProgress, WorkflowStep.Withdrawn, CaseStage.Closed),
        (CaseStage.Closed, WorkflowStep.Relisted, CaseStage.AwaitingConversation),
    ];

    private static readonly FrozenDictionary<(CaseStage, WorkflowStep), CaseStage> Moves =
        Table.ToFrozenDictionary(row => (row.From, row.Step), row => row.To);

    public static IReadOnlyList<(CaseStage From, WorkflowStep Step, CaseStage To)> Transitions => Table;

    public static bool TryMove(CaseStage from, WorkflowStep step, out CaseStage to) => Moves.TryGetValue((from, step), out to);

    /// <summary>The steps that may be taken from a stage, in table order.</summary>
    public static IReadOnlyList<WorkflowStep> StepsFrom(CaseStage from) =>
        [.. Table.Where(row => row.From == from).Select(row => row.Step)];

    /// <summary>Why a step is refused, in words a practitioner can act on.</summary>
    public static string RefusalFor(CaseStage from, WorkflowStep step) =>
        $"You cannot {step.Describe()}: this case is {from.Describe()}."
        + (StepsFrom(from) is { Count: > 0 } allowed
            ? $" From here you can {string.Join(", or ", allowed.Select(s => s.Describe()))}."
            : "");
}
