using ComplexCases.Data.Workflow;

namespace ComplexCases.Application.Workflow;

/// <summary>
/// What a workflow step tells staff about, said by the workflow and sent by Notifications, which implements it: the workflow
/// owns this port so that it need not know how notices are worded, addressed or stored (Notifications builds on the workflow,
/// not the other way round; docs/architecture.md). Both are called inside the step's transaction, under the user who took it.
/// </summary>
public interface IWorkflowNotices
{
    /// <summary>The case was escalated: its region's panel team is to triage it.</summary>
    void Escalated(CaseWorkflowRecord workflow, string actor);

    /// <summary>A conversation was recorded naming <paramref name="spoUserName"/> as the SPO, who is to confirm it.</summary>
    void ConversationToConfirm(CaseWorkflowRecord workflow, WorkflowEventRecord recorded, string spoUserName, string actor);
}
