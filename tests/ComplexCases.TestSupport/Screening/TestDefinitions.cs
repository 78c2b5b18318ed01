using ComplexCases.Domain.Definitions;

namespace ComplexCases.TestSupport.Screening;

/// <summary>
/// The real definition files (found by walking up to the folder holding ComplexCases.slnx) and
/// custom definitions made by tweaking the pilot's JSON.
/// </summary>
public static class TestDefinitions
{
    private static readonly Lazy<string> SolutionDirectoryValue = new(() => Repository.Root);
    private static readonly Lazy<string> PilotJsonValue = new(() => File.ReadAllText(PilotPath));
    private static readonly Lazy<Definition> PilotValue = new(() => Parse(PilotJson()));

    public static string SolutionDirectory => SolutionDirectoryValue.Value;

    public static string PilotPath => Path.Combine(SolutionDirectory, "definitions", "pilot-2024.json");

    /// <summary>definitions/pilot-2024.json as written.</summary>
    public static string PilotJson() => PilotJsonValue.Value;

    /// <summary>The pilot definition, parsed from its file.</summary>
    public static Definition Pilot() => PilotValue.Value;

    /// <summary>The pilot definition with changes, e.g. <c>d => d.Threshold(3).Weight("rosh", 2)</c>.</summary>
    public static Definition Pilot(Action<DefinitionJson> tweak) => Parse(PilotJsonWith(tweak));

    /// <summary>The pilot's JSON with changes, for parser tests that expect errors.</summary>
    public static string PilotJsonWith(Action<DefinitionJson> tweak)
    {
        var json = DefinitionJson.From(PilotJson());
        tweak(json);
        return json.ToJson();
    }

    /// <summary>Parses a definition that the test expects to be valid; fails with every error otherwise.</summary>
    public static Definition Parse(string json)
    {
        var result = DefinitionParser.Parse(json);
        return result.Definition
            ?? throw new InvalidOperationException("Test definition is invalid: " + string.Join("; ", result.Errors));
    }
}
