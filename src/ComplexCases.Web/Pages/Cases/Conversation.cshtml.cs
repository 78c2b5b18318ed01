using ComplexCases.Application.Access;
using ComplexCases.Application.Workflow;
using ComplexCases.Data;
using ComplexCases.Domain.Workflow;
using ComplexCases.Web.Workflow;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace ComplexCases.Web.Pages.Cases;

/// <summary>The practitioner or their SPO records the reflective practice conversation, and escalates if there are blockages.</summary>
[Authorize(Policy = nameof(Permission.RecordConversation))]
public sealed class ConversationModel(StepCaseQuery cases, CaseWorkflows workflows, WorkflowViews views, Auditing audit)
    : StepPageModel(cases, workflows, views, audit)
{
    public const string NoFurtherSupport = "no-further-support";
    public const string Escalate = "escalate";

    [BindProperty(Name = "heldOn-day")] public string? HeldOnDay { get; set; }
    [BindProperty(Name = "heldOn-month")] public string? HeldOnMonth { get; set; }
    [BindProperty(Name = "heldOn-year")] public string? HeldOnYear { get; set; }
    [BindProperty(Name = "practitioner")] public string? Practitioner { get; set; }
    /// <summary>The SPO's account (user name), chosen from <see cref="Spos"/>: they are asked to confirm the record.</summary>
    [BindProperty(Name = "spo")] public string? Spo { get; set; }
    [BindProperty(Name = "personsView")] public string? PersonsView { get; set; }
    [BindProperty(Name = "discussed")] public string? Discussed { get; set; }
    [BindProperty(Name = "blockages")] public List<string> Blockages { get; set; } = [];
    [BindProperty(Name = "blockageDetail")] public string? BlockageDetail { get; set; }
    [BindProperty(Name = "outcome")] public string? Outcome { get; set; }
    [BindProperty(Name = "blockage")] public string? Blockage { get; set; }
    [BindProperty(Name = "tried")] public string? Tried { get; set; }
    [BindProperty(Name = "supportAsked")] public string? SupportAsked { get; set; }

    public static IReadOnlyList<BlockageCategory> Categories { get; } = Enum.GetValues<BlockageCategory>();

    /// <summary>The SPOs who can be named on this case's conversation (its own SPO first).</summary>
    public IReadOnlyList<StaffUser> Spos => _spos ??= Workflows.SposFor(Record);

    private IReadOnlyList<StaffUser>? _spos;

    /// <summary>
    /// What the user typed, when someone else recorded the conversation first and the form cannot be shown again: kept on the
    /// page so nothing typed is lost (label, text).
    /// </summary>
    public IReadOnlyList<(string Label, string Text)> Typed =>
        new (string Label, string? Text)[]
        {
            ("Practitioner", Practitioner), ("The person's own view", PersonsView), ("What was discussed", Discussed),
            ("Challenges or blockages", BlockageDetail), ("What is the blockage?", Blockage), ("What has been tried?", Tried),
            ("What support are you asking for?", SupportAsked),
        }.Where(t => !string.IsNullOrWhiteSpace(t.Text)).Select(t => (t.Label, t.Text!.Trim())).ToList();

    protected override Permission Permission => Permission.RecordConversation;

    protected override IReadOnlyList<WorkflowStep> Steps { get; } = [WorkflowStep.ConversationNoFurtherSupport, WorkflowStep.ConversationEscalated];

    protected override string PageKey => "conversation";

    public override string Purpose => "record a reflective practice conversation";

    public override string Anchor(string field) => field switch
    {
        "blockages" => "blockages",
        "outcome" => "outcome",
        _ => base.Anchor(field),
    };

    protected override void Prefill()
    {
        Practitioner = Person.PractitionerName;
        Spo = Spos.FirstOrDefault(u => u.StaffCode is not null && u.StaffCode == Record.SpoCode)?.Id;
    }

    protected override (WorkflowStep Step, string? Notes, StepDetails Details)? ReadForm()
    {
        var heldOn = ReadDate("heldOn", "the date of the conversation", HeldOnDay, HeldOnMonth, HeldOnYear);
        var categories = new List<BlockageCategory>();
        foreach (var value in Blockages)
        {
            if (Enum.TryParse<BlockageCategory>(value, out var category) && Enum.IsDefined(category) && !int.TryParse(value, out _)) categories.Add(category);
            else if (ErrorFor("blockages") is null) Errors.Add(new FieldError("blockages", "Choose challenges or blockages from the list"));
        }
        var spo = Spos.FirstOrDefault(u => u.Id == Spo);
        var conversation = Conversation.Record(heldOn, Practitioner, Spo, spo?.DisplayName, PersonsView, Discussed, categories, BlockageDetail,
            Workflow.ListedOn, Today);
        AddErrors(conversation.Errors);

        Escalation? escalation = null;
        switch (Outcome)
        {
            case NoFurtherSupport:
                break;
            case Escalate:
                var escalated = Escalation.Create(Blockage, Tried, SupportAsked);
                AddErrors(escalated.Errors);
                escalation = escalated.Value;
                break;
            default:
                Errors.Add(new FieldError("outcome", "Choose whether the case needs more support from the Complex Cases Panel team"));
                break;
        }
        if (Errors.Count > 0) return null;
        return Outcome == Escalate
            ? (WorkflowStep.ConversationEscalated, null, new StepDetails { Conversation = conversation.Value, Escalation = escalation })
            : (WorkflowStep.ConversationNoFurtherSupport, null, new StepDetails { Conversation = conversation.Value });
    }

    protected override string Success(WorkflowStep step, CaseStage now) => (step == WorkflowStep.ConversationEscalated
        ? "Conversation recorded and escalated to the Complex Cases Panel team, who will arrange a triage meeting."
        : "Conversation recorded. No further support is needed, so the case is closed until it is listed again.")
        + (Spo == Staff.Id ? "" : " The SPO has been asked to confirm the record.");
}
