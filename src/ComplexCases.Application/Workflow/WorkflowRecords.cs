using ComplexCases.Application.Access;
using ComplexCases.Data.Workflow;
using ComplexCases.Domain.People;
using ComplexCases.Domain.Workflow;

namespace ComplexCases.Application.Workflow;

/// <summary>Between the stored workflow and the domain's immutable <see cref="CaseWorkflow"/>.</summary>
public static class WorkflowRecords
{
    public static CaseWorkflow ToDomain(CaseWorkflowRecord record) =>
        CaseWorkflow.Restore(Crn.Parse(record.Crn), (CaseStage)record.Stage, record.ListedOn, record.ConversationDue, record.TriageDue,
            record.FollowUpDue,
            record.Events.OrderBy(e => e.At).ThenBy(e => e.Id)
                .Select(e => new WorkflowTransition((WorkflowStep)e.Step, (CaseStage)e.FromStage, (CaseStage)e.ToStage, e.By, e.At, e.Notes)));

    public static CaseFacts Facts(CaseWorkflowRecord record) =>
        new(record.Crn, record.PduCode, record.RegionCode, record.TeamCode, record.PractitionerCode, record.SpoCode, record.LimitedAccess);

    internal static void CopyState(CaseWorkflow workflow, CaseWorkflowRecord record)
    {
        record.Stage = (int)workflow.Stage;
        record.ListedOn = workflow.ListedOn;
        record.ConversationDue = workflow.ConversationDue;
        record.TriageDue = workflow.TriageDue;
        record.FollowUpDue = workflow.FollowUpDue;
    }

    /// <summary>Copies the moved workflow onto the record and adds its newest transition as an event.</summary>
    internal static WorkflowEventRecord Apply(CaseWorkflow moved, CaseWorkflowRecord record, string by, string byName, StepDetails? details,
        long? meetingId, DateTimeOffset now)
    {
        var last = moved.History[^1];
        CopyState(moved, record);
        record.Version++;
        record.UpdatedAt = now;
        var recorded = new WorkflowEventRecord
        {
            Step = (int)last.Step,
            FromStage = (int)last.From,
            ToStage = (int)last.To,
            By = by,
            ByName = byName,
            At = last.At,
            Notes = last.Notes,
            DetailsJson = details?.ToJson(),
            MeetingId = meetingId,
        };
        record.Events.Add(recorded);
        return recorded;
    }
}
