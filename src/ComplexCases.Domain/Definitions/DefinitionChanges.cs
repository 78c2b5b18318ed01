using System.Text.Json;
using System.Text.Json.Serialization;

namespace ComplexCases.Domain.Definitions;

/// <summary>
/// What a version changes from the one before it, in a line a person can read: the threshold, the look-back, the weights,
/// which criteria count, and which criteria's parameters changed. Only what decides who is listed; the title is left out.
/// </summary>
public static class DefinitionChanges
{
    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };

    public static string Describe(Definition? before, Definition after)
    {
        if (before is null)
            return $"First version: threshold {after.Threshold}, {after.Criteria.Length} criteria counted ({string.Join(", ", after.Criteria.Select(c => c.Id.ToKey()))})";
        var parts = new List<string>();
        if (before.Threshold != after.Threshold) parts.Add($"threshold from {before.Threshold} to {after.Threshold}");
        if (before.AssessmentLookBackMonths != after.AssessmentLookBackMonths)
            parts.Add($"OASys look-back from {before.AssessmentLookBackMonths} to {after.AssessmentLookBackMonths} months");
        var added = after.Criteria.Where(c => before.Find(c.Id) is null).Select(c => c.Id.ToKey()).ToList();
        var removed = before.Criteria.Where(c => after.Find(c.Id) is null).Select(c => c.Id.ToKey()).ToList();
        if (added.Count > 0) parts.Add("now counts " + string.Join(", ", added));
        if (removed.Count > 0) parts.Add("no longer counts " + string.Join(", ", removed));
        var weights = after.Criteria.Where(c => before.Find(c.Id) is { } old && old.Weight != c.Weight)
            .Select(c => $"{c.Id.ToKey()} from {before.Find(c.Id)!.Weight} to {c.Weight}").ToList();
        if (weights.Count > 0) parts.Add("weights " + string.Join(", ", weights));
        var parameters = after.Criteria.Where(c => before.Find(c.Id) is { } old && Text(old.Parameters) != Text(c.Parameters))
            .Select(c => c.Id.ToKey()).ToList();
        if (parameters.Count > 0) parts.Add("parameters of " + string.Join(", ", parameters));
        if (before.EffectiveFrom != after.EffectiveFrom) parts.Add($"effective from {after.EffectiveFrom:yyyy-MM-dd}");
        return parts.Count == 0 ? "No change to who is listed (title or labels only)" : char.ToUpperInvariant(parts[0][0]) + string.Join("; ", parts)[1..];
    }

    private static string Text(CriterionParameters parameters) => JsonSerializer.Serialize(parameters, parameters.GetType(), Json);
}
