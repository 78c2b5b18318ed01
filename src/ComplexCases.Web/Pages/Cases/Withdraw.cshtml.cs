using ComplexCases.Application.Access;
using ComplexCases.Application.Workflow;
using ComplexCases.Data;
using ComplexCases.Domain.Workflow;
using ComplexCases.Web.Workflow;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace ComplexCases.Web.Pages.Cases;

/// <summary>The panel team takes a case out of the process early (supervision ended, transferred out of the region…), saying why.</summary>
[Authorize(Policy = nameof(Permission.ManagePanels))]
public sealed class WithdrawModel(StepCaseQuery cases, CaseWorkflows workflows, WorkflowViews views, Auditing audit)
    : StepPageModel(cases, workflows, views, audit)
{
    [BindProperty(Name = "reason")] public string? Reason { get; set; }

    protected override Permission Permission => Permission.ManagePanels;

    protected override IReadOnlyList<WorkflowStep> Steps { get; } = [WorkflowStep.Withdrawn];

    protected override string PageKey => "withdraw";

    public override string Purpose => "withdraw a case from the Complex Case process";

    protected override (WorkflowStep Step, string? Notes, StepDetails Details)? ReadForm()
    {
        var reason = (Reason ?? "").Trim();
        if (reason.Length == 0) Errors.Add(new FieldError("reason", "Enter why the case is leaving the process"));
        else if (reason.Length > CaseWorkflow.MaxNotesLength)
            Errors.Add(new FieldError("reason", $"The reason must be {CaseWorkflow.MaxNotesLength} characters or fewer"));
        return Errors.Count > 0 ? null : (WorkflowStep.Withdrawn, reason, StepDetails.None);
    }

    protected override string Success(WorkflowStep step, CaseStage now) =>
        "The case has been withdrawn from the process. It starts again if it is listed in a later month.";
}
