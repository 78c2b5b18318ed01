using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ComplexCases.Domain.Definitions;

/// <summary>The outcome of reading a definition: the definition, or every problem found.</summary>
public sealed record DefinitionParseResult(Definition? Definition, IReadOnlyList<string> Errors)
{
    public bool Succeeded => Definition is not null;
}

/// <summary>
/// Reads a definition file's JSON and validates all of it, naming the place of each problem
/// (<c>criteria[2].parameters.levels</c>) so an analyst can fix a hand-written definition.
/// </summary>
public static partial class DefinitionParser
{
    private const int MaxWeight = 100;

    /// <summary>
    /// The parser's complaint in words, with where it is as a person counts (line 1, column 1), instead of its raw
    /// "LineNumber: 0 | BytePositionInLine: 0".
    /// </summary>
    private static string InWords(JsonException ex, string json)
    {
        var message = FirstLine(ex.Message);
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut < 0) cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut >= 0) message = message[..cut];
        message = message.TrimEnd('.', ' ');
        if (string.IsNullOrWhiteSpace(json)) return "not valid JSON: the file is empty (a definition is a JSON object, { … })";
        if (message.Contains("Duplicate", StringComparison.OrdinalIgnoreCase))
            message = $"a key is given twice ({message}); give each key once";
        var where = ex.LineNumber is { } line
            ? $" at line {line + 1}" + (ex.BytePositionInLine is { } column ? $", column {column + 1}" : "")
            : "";
        var path = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "" : $" (in {ex.Path.TrimStart('$').TrimStart('.')})";
        return $"not valid JSON{where}{path}: {message}";
    }

    public static DefinitionParseResult Parse(string json)
    {
        JsonDocument document;
        try
        {
            // A key given twice would leave which value counts to the parser: refused, like any other mistake.
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, AllowDuplicateProperties = false });
        }
        catch (JsonException ex)
        {
            return Fail(InWords(ex, json));
        }

        using (document)
        {
            var errors = new List<string>();
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return Fail("the definition must be a JSON object");

            CheckKeys(root, "", ["id", "title", "version", "effectiveFrom", "threshold", "assessmentLookBackMonths", "criteria", "description"], errors);
            var id = RequiredString(root, "id", "", errors);
            if (id is not null && !IdPattern().IsMatch(id))
                errors.Add($"id: '{id}' must be lower-case letters, digits and hyphens (e.g. pilot-2024)");
            var title = RequiredString(root, "title", "", errors);
            var version = RequiredInt(root, "version", "", 1, 100_000, errors);
            var effectiveFrom = RequiredDate(root, "effectiveFrom", "", errors);
            var threshold = RequiredInt(root, "threshold", "", 1, 10_000, errors);
            var lookBack = OptionalInt(root, "assessmentLookBackMonths", "", 1, 240, errors) ?? 24;

            var rules = ImmutableArray.CreateBuilder<CriterionRule>();
            if (!root.TryGetProperty("criteria", out var criteria) || criteria.ValueKind != JsonValueKind.Array)
            {
                errors.Add("criteria: required, a list of criteria");
            }
            else if (criteria.GetArrayLength() == 0)
            {
                errors.Add("criteria: at least one criterion is needed");
            }
            else
            {
                var index = 0;
                foreach (var item in criteria.EnumerateArray())
                {
                    var rule = ParseCriterion(item, $"criteria[{index}]", errors);
                    if (rule is not null)
                    {
                        if (rules.Any(r => r.Id == rule.Id))
                            errors.Add($"criteria[{index}].id: '{rule.Id.ToKey()}' appears more than once");
                        else
                            rules.Add(rule);
                    }
                    index++;
                }
            }

            var totalWeight = rules.Sum(r => r.Weight);
            if (threshold is int t && rules.Count > 0 && errors.Count == 0 && t > totalWeight)
                errors.Add($"threshold: {t} can never be reached; the criteria's weights add up to {totalWeight}");

            if (errors.Count > 0) return new DefinitionParseResult(null, errors);
            return new DefinitionParseResult(
                new Definition(id!, title!, version!.Value, effectiveFrom!.Value, threshold!.Value, lookBack, rules.ToImmutable()),
                []);
        }
    }

    private static CriterionRule? ParseCriterion(JsonElement item, string path, List<string> errors)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"{path}: must be an object with an id");
            return null;
        }
        CheckKeys(item, path, ["id", "label", "weight", "parameters", "description"], errors);
        var key = RequiredString(item, "id", path, errors);
        if (key is null) return null;
        if (!CriterionIds.TryParse(key, out var id))
        {
            errors.Add($"{path}.id: unknown criterion '{key}' (known: {string.Join(", ", CriterionIds.All.Select(c => c.ToKey()))})");
            return null;
        }
        var label = OptionalString(item, "label", path, errors) ?? DefaultLabel(id);
        var weight = OptionalInt(item, "weight", path, 1, MaxWeight, errors) ?? 1;
        var parameters = new CriterionParameters();
        if (item.TryGetProperty("parameters", out var p))
        {
            if (p.ValueKind != JsonValueKind.Object)
                errors.Add($"{path}.parameters: must be an object");
            else
                parameters = ParseParameters(id, p, $"{path}.parameters", errors);
        }
        return new CriterionRule(id, label, weight, parameters);
    }

    private static CriterionParameters ParseParameters(CriterionId id, JsonElement p, string path, List<string> errors)
    {
        var result = new CriterionParameters();
        switch (id)
        {
            case CriterionId.Rosh:
                CheckKeys(p, path, ["registerCodes", "metRegisterCodes", "metAssessmentLevels"], errors);
                result = result with
                {
                    RoshRegisterCodes = Codes(p, "registerCodes", path, errors) ?? result.RoshRegisterCodes,
                    RoshMetRegisterCodes = Codes(p, "metRegisterCodes", path, errors) ?? result.RoshMetRegisterCodes,
                    RoshMetAssessmentLevels = Codes(p, "metAssessmentLevels", path, errors, ["LOW", "MEDIUM", "HIGH", "VERY_HIGH"]) ?? result.RoshMetAssessmentLevels,
                };
                foreach (var code in result.RoshMetRegisterCodes.Where(c => !result.RoshRegisterCodes.Contains(c)))
                    errors.Add($"{path}.metRegisterCodes: '{code}' is not one of registerCodes");
                break;
            case CriterionId.MentalHealth:
                CheckKeys(p, path, ["registerCodes"], errors);
                result = result with { MentalHealthRegisterCodes = Codes(p, "registerCodes", path, errors, allowEmpty: true) ?? result.MentalHealthRegisterCodes };
                break;
            case CriterionId.SelfHarm:
                CheckKeys(p, path, ["registerCodes"], errors);
                result = result with { SelfHarmRegisterCodes = Codes(p, "registerCodes", path, errors, allowEmpty: true) ?? result.SelfHarmRegisterCodes };
                break;
            case CriterionId.Mappa:
                CheckKeys(p, path, ["registerCode", "levels"], errors);
                result = result with
                {
                    MappaRegisterCode = OptionalString(p, "registerCode", path, errors)?.ToUpperInvariant() ?? result.MappaRegisterCode,
                    MappaLevels = Codes(p, "levels", path, errors, ["M0", "M1", "M2", "M3"]) ?? result.MappaLevels,
                };
                break;
            case CriterionId.Opd:
                CheckKeys(p, path, ["overrideCounts"], errors);
                if (p.TryGetProperty("overrideCounts", out var o))
                {
                    if (o.ValueKind is JsonValueKind.True or JsonValueKind.False)
                        result = result with { OpdOverrideCounts = o.GetBoolean() };
                    else
                        errors.Add($"{path}.overrideCounts: must be true or false");
                }
                break;
            case CriterionId.Substance:
                CheckKeys(p, path, ["alcoholScoreThreshold", "drugScoreThreshold"], errors);
                result = result with
                {
                    AlcoholScoreThreshold = OptionalInt(p, "alcoholScoreThreshold", path, 0, 1000, errors) ?? result.AlcoholScoreThreshold,
                    DrugScoreThreshold = OptionalInt(p, "drugScoreThreshold", path, 0, 1000, errors) ?? result.DrugScoreThreshold,
                };
                break;
            case CriterionId.Ipp:
                CheckKeys(p, path, ["sentenceTypes"], errors);
                result = result with { IppSentenceTypes = Codes(p, "sentenceTypes", path, errors, ["IPP", "DPP", "LIFE", "EDS", "SDS", "SOPC", "CO", "SSO", "OTHER"]) ?? result.IppSentenceTypes };
                break;
            case CriterionId.LearningDifficulties:
            default:
                CheckKeys(p, path, [], errors);
                break;
        }
        return result;
    }

    private static string DefaultLabel(CriterionId id) => id switch
    {
        CriterionId.Rosh => "Risk of serious harm high or very high",
        CriterionId.MentalHealth => "Mental health concerns",
        CriterionId.SelfHarm => "Risk of self-harm or suicide",
        CriterionId.LearningDifficulties => "Learning difficulties",
        CriterionId.Mappa => "Current MAPPA level 2 or 3",
        CriterionId.Opd => "OPD screening: screened in",
        CriterionId.Substance => "Alcohol and/or drugs a need",
        CriterionId.Ipp => "Sentence is IPP",
        _ => id.ToKey(),
    };

    private static void CheckKeys(JsonElement element, string path, string[] known, List<string> errors)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (Array.IndexOf(known, property.Name) < 0)
            {
                var where = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
                errors.Add(known.Length == 0
                    ? $"{where}: unknown parameter (this criterion takes none)"
                    : $"{where}: unknown {(path.EndsWith("parameters", StringComparison.Ordinal) ? "parameter" : "property")} (expected one of: {string.Join(", ", known)})");
            }
        }
    }

    private static ImmutableArray<string>? Codes(JsonElement element, string name, string path, List<string> errors,
        string[]? allowed = null, bool allowEmpty = false)
    {
        if (!element.TryGetProperty(name, out var value)) return null;
        var where = $"{path}.{name}";
        if (value.ValueKind != JsonValueKind.Array)
        {
            errors.Add($"{where}: must be a list of codes");
            return null;
        }
        var codes = ImmutableArray.CreateBuilder<string>();
        foreach (var item in value.EnumerateArray())
        {
            var code = item.ValueKind == JsonValueKind.String ? item.GetString()!.Trim().ToUpperInvariant() : null;
            if (string.IsNullOrEmpty(code))
            {
                errors.Add($"{where}: every code must be a non-empty string");
                return null;
            }
            if (allowed is not null && Array.IndexOf(allowed, code) < 0)
            {
                errors.Add($"{where}: '{code}' is not allowed (expected one of: {string.Join(", ", allowed)})");
                return null;
            }
            if (codes.Contains(code))
            {
                errors.Add($"{where}: '{code}' is listed twice");
                return null;
            }
            codes.Add(code);
        }
        if (codes.Count == 0 && !allowEmpty)
        {
            errors.Add($"{where}: must list at least one code");
            return null;
        }
        return codes.ToImmutable();
    }

    private static string? RequiredString(JsonElement element, string name, string path, List<string> errors)
    {
        var value = OptionalString(element, name, path, errors);
        if (value is null && !errors.Any(e => e.StartsWith(Where(path, name) + ":", StringComparison.Ordinal)))
            errors.Add($"{Where(path, name)}: required");
        return value;
    }

    private static string? OptionalString(JsonElement element, string name, string path, List<string> errors)
    {
        if (!element.TryGetProperty(name, out var value)) return null;
        if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
        {
            errors.Add($"{Where(path, name)}: must be a non-empty string");
            return null;
        }
        return value.GetString()!.Trim();
    }

    private static int? RequiredInt(JsonElement element, string name, string path, int min, int max, List<string> errors)
    {
        if (!element.TryGetProperty(name, out _))
        {
            errors.Add($"{Where(path, name)}: required");
            return null;
        }
        return OptionalInt(element, name, path, min, max, errors);
    }

    private static int? OptionalInt(JsonElement element, string name, string path, int min, int max, List<string> errors)
    {
        if (!element.TryGetProperty(name, out var value)) return null;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number))
        {
            errors.Add($"{Where(path, name)}: must be a whole number");
            return null;
        }
        if (number < min || number > max)
        {
            errors.Add($"{Where(path, name)}: {number} is out of range ({min} to {max})");
            return null;
        }
        return number;
    }

    private static DateOnly? RequiredDate(JsonElement element, string name, string path, List<string> errors)
    {
        var text = RequiredString(element, name, path, errors);
        if (text is null) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        errors.Add($"{Where(path, name)}: '{text}' is not a date in the form yyyy-MM-dd");
        return null;
    }

    private static string Where(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();

    private static DefinitionParseResult Fail(string error) => new(null, [error]);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$")]
    private static partial Regex IdPattern();
}
