using System.Text.Json;
using System.Text.Json.Nodes;

namespace ComplexCases.TestSupport.Screening;

/// <summary>A definition file's JSON, editable in place: change one thing and keep the rest valid.</summary>
public sealed class DefinitionJson
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private DefinitionJson(JsonObject root) => Root = root;

    /// <summary>The whole document, for changes the helpers do not cover.</summary>
    public JsonObject Root { get; }

    public static DefinitionJson From(string json) =>
        new(JsonNode.Parse(json)?.AsObject() ?? throw new ArgumentException("Not a JSON object.", nameof(json)));

    /// <summary>Sets (or with null, removes) a top-level property such as <c>id</c> or <c>threshold</c>.</summary>
    public DefinitionJson Set(string property, JsonNode? value)
    {
        if (value is null) Root.Remove(property);
        else Root[property] = value;
        return this;
    }

    public DefinitionJson Remove(string property) => Set(property, null);

    public DefinitionJson Threshold(int threshold) => Set("threshold", threshold);

    public DefinitionJson LookBackMonths(int months) => Set("assessmentLookBackMonths", months);

    /// <summary>The criterion object with this id (e.g. <c>substance</c>).</summary>
    public JsonObject Criterion(string id) =>
        Criteria.OfType<JsonObject>().FirstOrDefault(c => (string?)c["id"] == id)
        ?? throw new ArgumentException($"The definition has no criterion '{id}'.", nameof(id));

    public JsonArray Criteria => Root["criteria"]?.AsArray() ?? throw new InvalidOperationException("The definition has no criteria list.");

    public DefinitionJson Weight(string criterion, JsonNode weight)
    {
        Criterion(criterion)["weight"] = weight;
        return this;
    }

    /// <summary>Weight for every criterion, e.g. to give each its own and check the score is their sum.</summary>
    public DefinitionJson Weights(IReadOnlyDictionary<string, int> weights)
    {
        foreach (var (criterion, weight) in weights) Weight(criterion, weight);
        return this;
    }

    /// <summary>Sets (or with null, removes) one parameter of one criterion.</summary>
    public DefinitionJson Parameter(string criterion, string key, JsonNode? value)
    {
        var item = Criterion(criterion);
        if (item["parameters"] is not JsonObject parameters)
        {
            parameters = [];
            item["parameters"] = parameters;
        }
        if (value is null) parameters.Remove(key);
        else parameters[key] = value;
        return this;
    }

    public DefinitionJson RemoveCriterion(string id)
    {
        Criteria.Remove(Criterion(id));
        return this;
    }

    public DefinitionJson AddCriterion(JsonObject criterion)
    {
        Criteria.Add(criterion);
        return this;
    }

    public string ToJson() => Root.ToJsonString(Indented);

    public override string ToString() => ToJson();
}
