using ComplexCases.Domain.Definitions;
using ComplexCases.TestSupport.Screening;

namespace ComplexCases.Domain.Tests.Definitions;

/// <summary>What a version changes from the one before, as the definitions page words it.</summary>
public class DefinitionChangesTests
{
    private static Definition Pilot(Func<string, string>? edit = null) =>
        DefinitionParser.Parse((edit ?? (j => j))(TestDefinitions.PilotJson())).Definition!;

    [Fact]
    public void Describe_AFirstVersion_GivesItsThresholdAndTheCriteriaThatCount()
    {
        DefinitionChanges.Describe(null, Pilot()).ShouldBe(
            "First version: threshold 6, 8 criteria counted (rosh, mental_health, self_harm, learning_difficulties, mappa, opd, substance, ipp)");
    }

    [Fact]
    public void Describe_ThresholdWeightsParametersAndCriteria_EachNamed()
    {
        var before = Pilot();
        var after = Pilot(j => j
            .Replace("\"threshold\": 6", "\"threshold\": 5", StringComparison.Ordinal)
            .Replace("\"alcoholScoreThreshold\": 4", "\"alcoholScoreThreshold\": 5", StringComparison.Ordinal)
            .Replace("\"label\": \"Risk of serious harm high or very high\",\n      \"weight\": 1", "\"label\": \"Risk of serious harm high or very high\",\n      \"weight\": 2", StringComparison.Ordinal));

        DefinitionChanges.Describe(before, after).ShouldBe("Threshold from 6 to 5; weights rosh from 1 to 2; parameters of substance");
    }

    [Fact]
    public void Describe_TheSameRules_SaysNothingChangesWhoIsListed()
    {
        DefinitionChanges.Describe(Pilot(), Pilot(j => j.Replace("\"Sentence is IPP\"", "\"IPP sentence\"", StringComparison.Ordinal)))
            .ShouldBe("No change to who is listed (title or labels only)");
    }
}
