using System.Collections.Immutable;

namespace ComplexCases.Domain.Definitions;

/// <summary>
/// A complex-case definition: which criteria count, their weights and parameters, and the threshold.
/// Definitions are data (versioned JSON files); build one with <see cref="DefinitionParser"/>.
/// </summary>
public sealed record Definition
{
    internal Definition(string id, string title, int version, DateOnly effectiveFrom, int threshold,
        int assessmentLookBackMonths, ImmutableArray<CriterionRule> criteria)
    {
        Id = id;
        Title = title;
        Version = version;
        EffectiveFrom = effectiveFrom;
        Threshold = threshold;
        AssessmentLookBackMonths = assessmentLookBackMonths;
        Criteria = criteria;
    }

    public string Id { get; }
    public string Title { get; }
    public int Version { get; }
    public DateOnly EffectiveFrom { get; }
    /// <summary>Total weight of met criteria that makes a case complex.</summary>
    public int Threshold { get; }
    /// <summary>An assessment completed longer ago than this is stale: its answers are unknown.</summary>
    public int AssessmentLookBackMonths { get; }
    public ImmutableArray<CriterionRule> Criteria { get; }

    public CriterionRule? Find(CriterionId id)
    {
        foreach (var rule in Criteria)
        {
            if (rule.Id == id) return rule;
        }
        return null;
    }
}

/// <summary>One criterion as a definition uses it, with its weight and parameters.</summary>
public sealed record CriterionRule(CriterionId Id, string Label, int Weight, CriterionParameters Parameters);

/// <summary>
/// Every tunable parameter of the eight criteria. A criterion reads only its own; codes are upper-case.
/// Defaults are the pilot's (criteria.md).
/// </summary>
public sealed record CriterionParameters
{
    /// <summary>rosh: the RoSH register codes, lowest level first (rank breaks same-date ties).</summary>
    public ImmutableArray<string> RoshRegisterCodes { get; init; } = ["RLRH", "RMRH", "RHRH", "RVHR"];
    /// <summary>rosh: which of those codes meet the criterion.</summary>
    public ImmutableArray<string> RoshMetRegisterCodes { get; init; } = ["RHRH", "RVHR"];
    /// <summary>rosh: OASys rosh_overall values that meet it when there is no current RoSH registration.</summary>
    public ImmutableArray<string> RoshMetAssessmentLevels { get; init; } = ["HIGH", "VERY_HIGH"];
    /// <summary>mental_health: registers that meet it.</summary>
    public ImmutableArray<string> MentalHealthRegisterCodes { get; init; } = ["RMDO", "AMHL"];
    /// <summary>self_harm: registers that meet it.</summary>
    public ImmutableArray<string> SelfHarmRegisterCodes { get; init; } = ["ALSH"];
    /// <summary>mappa: the MAPPA register code.</summary>
    public string MappaRegisterCode { get; init; } = "MAPP";
    /// <summary>mappa: level codes that meet it.</summary>
    public ImmutableArray<string> MappaLevels { get; init; } = ["M2", "M3"];
    /// <summary>opd: whether a professional override counts as screened in.</summary>
    public bool OpdOverrideCounts { get; init; } = true;
    /// <summary>substance: alcohol score that meets it where the alcohol need flag is empty.</summary>
    public int AlcoholScoreThreshold { get; init; } = 4;
    /// <summary>substance: drug score that meets it where the drug need flag is empty.</summary>
    public int DrugScoreThreshold { get; init; } = 2;
    /// <summary>ipp: sentence types that meet it.</summary>
    public ImmutableArray<string> IppSentenceTypes { get; init; } = ["IPP", "DPP"];
}
