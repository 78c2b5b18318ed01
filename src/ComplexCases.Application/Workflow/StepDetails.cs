using System.Collections.Frozen;
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
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, Converters = [typeof(EnumSetConverter<BlockageCategory>)])]
[JsonSerializable(typeof(StepDetails))]
[JsonSerializable(typeof(Dictionary<ChecklistItem, ChecklistAnswer>))]
internal sealed partial class WorkflowJson : JsonSerializerContext;

/// <summary>
/// A set of enum values as a JSON array of their names (as the rest of the record writes enums). System.Text.Json cannot
/// create an <see cref="IReadOnlySet{T}"/> when reading, so without this a stored conversation could be written but not read.
/// </summary>
internal sealed class EnumSetConverter<T> : JsonConverter<IReadOnlySet<T>> where T : struct, Enum
{
    public override IReadOnlySet<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray) throw new JsonException($"Expected a list of {typeof(T).Name} names.");
        var values = new HashSet<T>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.String || !Enum.TryParse<T>(reader.GetString(), out var value) || !Enum.IsDefined(value))
                throw new JsonException($"Not a {typeof(T).Name}: {(reader.TokenType == JsonTokenType.String ? reader.GetString() : reader.TokenType.ToString())}");
            values.Add(value);
        }
        return values.ToFrozenSet();
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlySet<T> value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        // Sorted, so the same set is always stored as the same text.
        foreach (var item in value.Order()) writer.WriteStringValue(item.ToString());
        writer.WriteEndArray();
    }
}
