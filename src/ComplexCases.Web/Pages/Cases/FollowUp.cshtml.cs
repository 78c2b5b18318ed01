using ComplexCases.Application.Access;
using ComplexCases.Application.Workflow;
using ComplexCases.Data.Workflow;
using ComplexCases.Domain.Workflow;
using ComplexCases.Web.Workflow;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace ComplexCases.Web.Pages.Cases;

/// <summary>The panel team's follow-up review once the panel's actions have had time: close the case, or take it back to the panel.</summary>
[Authorize(Policy = nameof(Permission.ManagePanels))]
public sealed class FollowUpModel(StepCaseQuery cases, CaseWorkflows workflows, WorkflowViews views, Auditing audit)
    : StepPageModel(cases, workflows, views, audit)
{
    public const string Close = "close";
    public const string BackToPanel = "back-to-panel";

    [BindProperty(Name = "decision")] public string? Decision { get; set; }
    [BindProperty(Name = "notes")] public string? Notes { get; set; }

    /// <summary>The actions agreed at panel for this case, for the reviewer to check.</summary>
    public IReadOnlyList<CaseActionRecord> Actions { get; private set; } = [];

    /// <summary>Every update of each action, oldest first: what the review closes on.</summary>
    public IReadOnlyDictionary<long, IReadOnlyList<CaseActionUpdateRecord>> Updates { get; private set; } =
        new Dictionary<long, IReadOnlyList<CaseActionUpdateRecord>>();

    protected override Permission Permission => Permission.ManagePanels;

    protected override IReadOnlyList<WorkflowStep> Steps { get; } = [WorkflowStep.FollowUpClosed, WorkflowStep.FollowUpBackToPanel];

    protected override string PageKey => "follow-up";

    public override string Purpose => "record a follow-up review";

    public override string Anchor(string field) => field == "decision" ? "decision" : base.Anchor(field);

    protected override void Prefill() => LoadActions();

    protected override (WorkflowStep Step, string? Notes, StepDetails Details)? ReadForm()
    {
        LoadActions();
        if (Decision is not (Close or BackToPanel))
            Errors.Add(new FieldError("decision", "Choose whether to close the case or take it back to the panel"));
        var notes = (Notes ?? "").Trim();
        if (notes.Length == 0) Errors.Add(new FieldError("notes", "Enter what the review found"));
        else if (notes.Length > CaseWorkflow.MaxNotesLength)
            Errors.Add(new FieldError("notes", $"What the review found must be {CaseWorkflow.MaxNotesLength} characters or fewer"));
        if (Errors.Count > 0) return null;
        return (Decision == Close ? WorkflowStep.FollowUpClosed : WorkflowStep.FollowUpBackToPanel, notes, StepDetails.None);
    }

    protected override string Success(WorkflowStep step, CaseStage now) => step == WorkflowStep.FollowUpClosed
        ? "Follow-up review recorded. The case is closed until it is listed again."
        : "Follow-up review recorded. The case goes back to the panel: add it to a meeting's agenda.";

    private void LoadActions() => (Actions, Updates) = Cases.ActionsOf(Record);
}
