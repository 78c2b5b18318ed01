using ComplexCases.Application.Access;
using ComplexCases.Application.Workflow;
using ComplexCases.Data;
using ComplexCases.Domain.Workflow;
using ComplexCases.Web.Workflow;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace ComplexCases.Web.Pages.Cases;

/// <summary>The Complex Cases Panel team records the triage meeting on an escalated case: advice and close, or refer to the panel.</summary>
[Authorize(Policy = nameof(Permission.RecordTriage))]
public sealed class TriageModel(StepCaseQuery cases, CaseWorkflows workflows, WorkflowViews views, Auditing audit)
    : StepPageModel(cases, workflows, views, audit)
{
    public const string AdviceAndClose = "advice-and-close";
    public const string ReferToPanel = "refer-to-panel";

    [BindProperty(Name = "heldOn-day")] public string? HeldOnDay { get; set; }
    [BindProperty(Name = "heldOn-month")] public string? HeldOnMonth { get; set; }
    [BindProperty(Name = "heldOn-year")] public string? HeldOnYear { get; set; }
    /// <summary>One attendee per line.</summary>
    [BindProperty(Name = "attendees")] public string? Attendees { get; set; }
    [BindProperty(Name = "decision")] public string? Decision { get; set; }
    [BindProperty(Name = "rationale")] public string? Rationale { get; set; }
    [BindProperty(Name = "advice")] public string? Advice { get; set; }

    /// <summary>The escalation being triaged (what the practitioner asked for), if recorded.</summary>
    public Escalation? Escalation => Workflow.Events.Select(e => e.Details.Escalation).FirstOrDefault(e => e is not null);

    protected override Permission Permission => Permission.RecordTriage;

    protected override IReadOnlyList<WorkflowStep> Steps { get; } = [WorkflowStep.TriageAdviceGiven, WorkflowStep.TriageReferredToPanel];

    protected override string PageKey => "triage";

    public override string Purpose => "record a triage decision";

    public override string Anchor(string field) => field == "decision" ? "decision" : base.Anchor(field);

    protected override (WorkflowStep Step, string? Notes, StepDetails Details)? ReadForm()
    {
        var heldOn = ReadDate("heldOn", "the date of the triage meeting", HeldOnDay, HeldOnMonth, HeldOnYear);
        var refer = Decision == ReferToPanel;
        if (Decision is not (AdviceAndClose or ReferToPanel))
            Errors.Add(new FieldError("decision", "Choose whether to give advice and close the case, or refer it to the panel"));
        var people = (Attendees ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        // Without a decision, advice is not yet known to be required: do not claim it is.
        // Not before the conversation that escalated the case: the date is refused beside its field, not only by the save.
        var (escalatedOn, _) = CaseWorkflows.PreviousStepDate(Record, WorkflowStep.TriageAdviceGiven);
        var triage = Triage.Create(heldOn, people, Rationale, Advice, referToPanel: refer || Decision is null, Today, escalatedOn);
        AddErrors(triage.Errors);
        if (Errors.Count > 0) return null;
        return (refer ? WorkflowStep.TriageReferredToPanel : WorkflowStep.TriageAdviceGiven, null, new StepDetails { Triage = triage.Value });
    }

    protected override string Success(WorkflowStep step, CaseStage now) => step == WorkflowStep.TriageReferredToPanel
        ? "Triage recorded. The case is referred to the multi-agency panel: add it to a meeting's agenda."
        : "Triage recorded. Advice was given and the case is closed until it is listed again.";
}
