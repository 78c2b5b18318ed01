using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using ComplexCases.Domain.Definitions;
using ComplexCases.Domain.Screening;

namespace ComplexCases.Application.Storage;

/// <summary>
/// How a listed case's explanation is stored (listed_cases.EvidenceJson). Read with the source-generated serializer;
/// written by <see cref="Write"/>, which gives the same bytes straight into a reused buffer: a month listing tens of
/// thousands of people stores their evidence without a string (or a serializer's converters) per case.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web,
    Converters = [typeof(SnakeCaseEnum<CriterionId>), typeof(SnakeCaseEnum<CriterionOutcome>)],
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(IReadOnlyList<CriterionExplanation>))]
internal sealed partial class EvidenceJson : JsonSerializerContext
{
    private static readonly JsonEncodedText Criterion = JsonEncodedText.Encode("criterion");
    private static readonly JsonEncodedText LabelName = JsonEncodedText.Encode("label");
    private static readonly JsonEncodedText OutcomeName = JsonEncodedText.Encode("outcome");
    private static readonly JsonEncodedText ReasonName = JsonEncodedText.Encode("reason");
    private static readonly JsonEncodedText EvidenceName = JsonEncodedText.Encode("evidence");
    private static readonly JsonEncodedText FileName = JsonEncodedText.Encode("file");
    private static readonly JsonEncodedText LineName = JsonEncodedText.Encode("line");
    private static readonly JsonEncodedText KeyName = JsonEncodedText.Encode("key");
    private static readonly JsonEncodedText DateName = JsonEncodedText.Encode("date");
    private static readonly JsonEncodedText ValueName = JsonEncodedText.Encode("value");
    private static readonly JsonEncodedText RejectedName = JsonEncodedText.Encode("rejected");
    private static readonly JsonEncodedText[] CriterionKeys = [.. CriterionIds.All.Select(id => JsonEncodedText.Encode(id.ToKey()))];
    private static readonly JsonEncodedText[] OutcomeKeys =
        [JsonEncodedText.Encode("not_met"), JsonEncodedText.Encode("met"), JsonEncodedText.Encode("unknown")];

    public static string Serialize(IReadOnlyList<CriterionExplanation> explanation) =>
        JsonSerializer.Serialize(explanation, Default.IReadOnlyListCriterionExplanation);

    public static IReadOnlyList<CriterionExplanation> Deserialize(string json) =>
        JsonSerializer.Deserialize(json, Default.IReadOnlyListCriterionExplanation) ?? [];

    /// <summary>Writes what <see cref="Serialize"/> gives (byte for byte, the default encoder escaping alike), without the serializer.</summary>
    public static void Write(Utf8JsonWriter json, IReadOnlyList<CriterionExplanation> explanation)
    {
        Span<char> text = stackalloc char[10];
        json.WriteStartArray();
        foreach (var e in explanation)
        {
            json.WriteStartObject();
            json.WriteString(Criterion, CriterionKeys[(int)e.Criterion]);
            json.WriteString(LabelName, e.Label);
            json.WriteString(OutcomeName, OutcomeKeys[(int)e.Outcome]);
            json.WriteString(ReasonName, e.Reason);
            if (e.Evidence is { } ev)
            {
                json.WriteStartObject(EvidenceName);
                json.WriteString(FileName, ev.File);
                json.WriteNumber(LineName, ev.Line);
                json.WriteString(KeyName, ev.Key);
                if (ev.Date is { } date)
                {
                    date.TryFormat(text, out var written, "yyyy-MM-dd", CultureInfo.InvariantCulture);
                    json.WriteString(DateName, text[..written]);
                }
                json.WriteString(ValueName, ev.Value);
                if (ev.Rejected is { } rejected) json.WriteBoolean(RejectedName, rejected);
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }
}

/// <summary>Enums as the ids used everywhere else (<c>mental_health</c>, <c>not_met</c>).</summary>
internal sealed class SnakeCaseEnum<T>() : JsonStringEnumConverter<T>(JsonNamingPolicy.SnakeCaseLower)
    where T : struct, Enum;
