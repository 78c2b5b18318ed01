using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ComplexCases.Application.Audit;

/// <summary>
/// Builds an event's details: one flat JSON object, keys in the order added, e.g.
/// <c>{"runId":12,"asOf":"2024-09-01"}</c>. The hash covers the stored text as written, so the JSON need not be canonical.
/// </summary>
public sealed class AuditDetails
{
    /// <summary>The key naming a stored run: the audit search finds a person in entries that name a run holding them.</summary>
    public const string RunIdKey = "runId";

    private readonly List<(string Key, object Value)> _values = [];

    public AuditDetails Add(string key, string value) => Set(key, value);
    public AuditDetails Add(string key, long value) => Set(key, value);
    public AuditDetails Add(string key, DateOnly value) => Set(key, value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    public override string ToString()
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            foreach (var (key, value) in _values)
            {
                if (value is long number) json.WriteNumber(key, number);
                else json.WriteString(key, (string)value);
            }
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    /// <summary>A whole-number value from stored details, or null if absent (or the details are not such JSON).</summary>
    public static long? ReadNumber(string details, string key)
    {
        if (details.Length == 0 || details[0] != '{') return null;
        try
        {
            using var document = JsonDocument.Parse(details);
            return document.RootElement.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n) ? n : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private AuditDetails Set(string key, object value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        _values.Add((key, value));
        return this;
    }
}
