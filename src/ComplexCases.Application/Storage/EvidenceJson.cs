using System.Text.Json;
using System.Text.Json.Serialization;
using ComplexCases.Domain.Screening;

namespace ComplexCases.Application.Storage;

/// <summary>
/// How a listed case's explanation is stored (listed_cases.EvidenceJson). Source-generated: no reflection
/// warm-up in the middle of the monthly run.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web,
    Converters = [typeof(SnakeCaseEnum<ComplexCases.Domain.Definitions.CriterionId>), typeof(SnakeCaseEnum<CriterionOutcome>)],
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(IReadOnlyList<CriterionExplanation>))]
internal sealed partial class EvidenceJson : JsonSerializerContext
{
    public static string Serialize(IReadOnlyList<CriterionExplanation> explanation) =>
        JsonSerializer.Serialize(explanation, Default.IReadOnlyListCriterionExplanation);

    public static IReadOnlyList<CriterionExplanation> Deserialize(string json) =>
        JsonSerializer.Deserialize(json, Default.IReadOnlyListCriterionExplanation) ?? [];
}

/// <summary>Enums as the ids used everywhere else (<c>mental_health</c>, <c>not_met</c>).</summary>
internal sealed class SnakeCaseEnum<T>() : JsonStringEnumConverter<T>(JsonNamingPolicy.SnakeCaseLower)
    where T : struct, Enum;
