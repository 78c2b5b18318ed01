using System.Text.Json;
using System.Text.Json.Serialization;
using ComplexCases.Domain.Workflow;

namespace ComplexCases.Application.Workflow;

/// <summary>The record a step carries, stored with its event as JSON: which parts a step needs is checked by <see cref="MissingFor"/>.</summary>
public sealed record StepDetails
{
    public Conversation? Conversation { get; init; }
    public Escalation? Escalation { get; init; }
    public Triage? Triage { get; init; }
    public PanelDiscussion? Discussion { get; init; }

    public static StepDetails None { get; } = new();

    /// <summary>What a step must be given, in words; null when it has it.</summary>
    public string? MissingFor(WorkflowStep step) => step switch
    {
        WorkflowStep.ConversationNoFurtherSupport when Conversation is null => "A conversation record is needed.",
        WorkflowStep.ConversationEscalated when Conversation is null || Escalation is null => "A conversation and an escalation record are needed.",
        WorkflowStep.TriageAdviceGiven or WorkflowStep.TriageReferredToPanel when Triage is null => "A triage record is needed.",
        WorkflowStep.PanelDiscussed when Discussion is null => "The panel's discussion and actions are needed.",
        _ => null,
    };

    public bool IsEmpty => Conversation is null && Escalation is null && Triage is null && Discussion is null;

    public string? ToJson() => IsEmpty ? null : JsonSerializer.Serialize(this, WorkflowJson.Default.StepDetails);

    public static StepDetails FromJson(string? json) =>
        string.IsNullOrEmpty(json) ? None : JsonSerializer.Deserialize(json, WorkflowJson.Default.StepDetails) ?? None;
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(StepDetails))]
[JsonSerializable(typeof(Dictionary<ChecklistItem, ChecklistAnswer>))]
internal sealed partial class WorkflowJson : JsonSerializerContext;
