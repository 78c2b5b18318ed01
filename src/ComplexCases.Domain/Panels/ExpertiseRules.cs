using System.Collections.Frozen;
using System.Text.Json;
using ComplexCases.Domain.Definitions;
using ComplexCases.Domain.Workflow;

namespace ComplexCases.Domain.Panels;

/// <summary>
/// Which expertise a case needs at panel, from the criteria it meets and the blockages its escalation named (accommodation
/// needs housing, whatever the criteria). Kept as data beside the definitions (<c>definitions/panel-expertise.json</c>) so the
/// panel team can change it without a release.
/// </summary>
public sealed class ExpertiseRules
{
    private readonly FrozenDictionary<CriterionId, FrozenSet<Agency>> _needs;
    private readonly FrozenDictionary<BlockageCategory, FrozenSet<Agency>> _blockageNeeds;

    public ExpertiseRules(IReadOnlyDictionary<CriterionId, IReadOnlySet<Agency>> needs,
        IReadOnlyDictionary<BlockageCategory, IReadOnlySet<Agency>>? blockageNeeds = null)
    {
        _needs = needs.ToFrozenDictionary(pair => pair.Key, pair => pair.Value.ToFrozenSet());
        _blockageNeeds = (blockageNeeds ?? new Dictionary<BlockageCategory, IReadOnlySet<Agency>>())
            .ToFrozenDictionary(pair => pair.Key, pair => pair.Value.ToFrozenSet());
    }

    public IReadOnlySet<Agency> NeedsFor(BlockageCategory blockage) =>
        _blockageNeeds.TryGetValue(blockage, out var agencies) ? agencies : FrozenSet<Agency>.Empty;

    /// <summary>The expertise needed for the criteria met and the blockages the escalation named.</summary>
    public IReadOnlySet<Agency> NeededFor(int metMask, IEnumerable<BlockageCategory> blockages) =>
        CriterionIds.InMask(metMask).SelectMany(NeedsFor).Concat(blockages.SelectMany(NeedsFor)).ToFrozenSet();

    public IReadOnlySet<Agency> NeedsFor(CriterionId criterion) =>
        _needs.TryGetValue(criterion, out var agencies) ? agencies : FrozenSet<Agency>.Empty;

    /// <summary>The expertise needed for a case meeting the criteria in <paramref name="metMask"/> (bit per <see cref="CriterionId"/>).</summary>
    public IReadOnlySet<Agency> NeededFor(int metMask) =>
        CriterionIds.InMask(metMask).SelectMany(NeedsFor).ToFrozenSet();

    /// <summary>Reads <c>{"rules": [{"criterion": "mental_health", "agencies": ["mental_health"]}, …]}</c>, naming the place of each problem.</summary>
    public static ExpertiseRules Parse(string json)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("rules", out var rules) || rules.ValueKind != JsonValueKind.Array)
            throw new FormatException("rules: required, a list of {criterion, agencies}");
        var needs = new Dictionary<CriterionId, IReadOnlySet<Agency>>();
        var index = 0;
        foreach (var rule in rules.EnumerateArray())
        {
            var path = $"rules[{index++}]";
            if (rule.ValueKind != JsonValueKind.Object) throw new FormatException($"{path}: must be an object {{criterion, agencies}}");
            if (!rule.TryGetProperty("criterion", out var c) || c.ValueKind != JsonValueKind.String || !CriterionIds.TryParse(c.GetString(), out var criterion))
                throw new FormatException($"{path}.criterion: must be one of {string.Join(", ", CriterionIds.All.Select(id => id.ToKey()))}");
            if (needs.ContainsKey(criterion)) throw new FormatException($"{path}.criterion: '{criterion.ToKey()}' has a rule already");
            if (!rule.TryGetProperty("agencies", out var list) || list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
                throw new FormatException($"{path}.agencies: required, a non-empty list");
            var agencies = new HashSet<Agency>();
            var a = 0;
            foreach (var item in list.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String || !Agencies.TryParse(item.GetString(), out var agency))
                    throw new FormatException($"{path}.agencies[{a}]: must be one of {string.Join(", ", Agencies.All.Select(x => x.ToKey()))}");
                agencies.Add(agency);
                a++;
            }
            needs[criterion] = agencies;
        }
        var blockageNeeds = new Dictionary<BlockageCategory, IReadOnlySet<Agency>>();
        if (document.RootElement.TryGetProperty("blockages", out var blockages))
        {
            if (blockages.ValueKind != JsonValueKind.Array) throw new FormatException("blockages: must be a list of {blockage, agencies}");
            index = 0;
            foreach (var rule in blockages.EnumerateArray())
            {
                var path = $"blockages[{index++}]";
                if (rule.ValueKind != JsonValueKind.Object) throw new FormatException($"{path}: must be an object {{blockage, agencies}}");
                if (!rule.TryGetProperty("blockage", out var b) || b.ValueKind != JsonValueKind.String || !BlockageCategories.TryParse(b.GetString(), out var blockage))
                    throw new FormatException($"{path}.blockage: must be one of {string.Join(", ", Enum.GetValues<BlockageCategory>().Select(x => x.ToKey()))}");
                if (blockageNeeds.ContainsKey(blockage)) throw new FormatException($"{path}.blockage: '{blockage.ToKey()}' has a rule already");
                blockageNeeds[blockage] = ReadAgencies(rule, path);
            }
        }
        return new ExpertiseRules(needs, blockageNeeds);
    }

    private static HashSet<Agency> ReadAgencies(JsonElement rule, string path)
    {
        if (!rule.TryGetProperty("agencies", out var list) || list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
            throw new FormatException($"{path}.agencies: required, a non-empty list");
        var agencies = new HashSet<Agency>();
        var a = 0;
        foreach (var item in list.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || !Agencies.TryParse(item.GetString(), out var agency))
                throw new FormatException($"{path}.agencies[{a}]: must be one of {string.Join(", ", Agencies.All.Select(x => x.ToKey()))}");
            agencies.Add(agency);
            a++;
        }
        return agencies;
    }
}

/// <summary>Needed expertise missing from a panel meeting, per case and overall.</summary>
public sealed record ExpertiseGap(IReadOnlyDictionary<string, IReadOnlySet<Agency>> MissingByCase, IReadOnlySet<Agency> Missing)
{
    public bool IsEmpty => Missing.Count == 0;

    /// <summary>
    /// Compares what each case on the agenda needs with the agencies of the members present (or invited, before the meeting).
    /// Cases are keyed by CRN text.
    /// </summary>
    public static ExpertiseGap Between(IReadOnlyDictionary<string, IReadOnlySet<Agency>> neededByCase, IEnumerable<Agency> present)
    {
        var there = present.ToFrozenSet();
        var byCase = neededByCase
            .Select(pair => (pair.Key, missing: (IReadOnlySet<Agency>)pair.Value.Where(a => !there.Contains(a)).ToFrozenSet()))
            .Where(x => x.missing.Count > 0)
            .ToFrozenDictionary(x => x.Key, x => x.missing, StringComparer.Ordinal);
        return new ExpertiseGap(byCase, byCase.Values.SelectMany(m => m).ToFrozenSet());
    }
}
