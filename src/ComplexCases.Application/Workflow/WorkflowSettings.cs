using ComplexCases.Domain.Panels;
using ComplexCases.Domain.Workflow;

namespace ComplexCases.Application.Workflow;

/// <summary>
/// What the workflow runs on: the timescales, the working-day calendar and the panel expertise rules (both data files in
/// the definitions folder), and the one definition whose monthly lists feed the process (alternative definitions run
/// for comparison must not put cases in front of staff).
/// </summary>
public sealed record WorkflowSettings(Timescales Timescales, WorkingCalendar Calendar, ExpertiseRules Expertise, string DefinitionId)
{
    /// <summary>When a closed case still on the list starts again (default: score rises, a new criterion, or 6 months closed).</summary>
    public ReentryRule Reentry { get; init; } = ReentryRule.Default;

    public const string CalendarFile = "bank-holidays-england-and-wales.json";
    public const string ExpertiseFile = "panel-expertise.json";
    public const string DefaultDefinitionId = "pilot-2024";

    /// <summary>Reads the calendar and expertise rules from <paramref name="definitionsDirectory"/>; a missing or invalid file names itself.</summary>
    public static WorkflowSettings Load(string definitionsDirectory, Timescales? timescales = null, string? definitionId = null)
    {
        return new WorkflowSettings(
            timescales ?? Timescales.Default,
            Read(definitionsDirectory, CalendarFile, WorkingCalendar.Parse),
            Read(definitionsDirectory, ExpertiseFile, ExpertiseRules.Parse),
            string.IsNullOrWhiteSpace(definitionId) ? DefaultDefinitionId : definitionId);
    }

    /// <summary>The repository's <c>definitions</c> folder, found upwards from <paramref name="start"/> (the app's base directory when deployed beside it).</summary>
    public static string? FindDefinitionsDirectory(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "definitions");
            if (File.Exists(Path.Combine(candidate, CalendarFile))) return candidate;
        }
        return null;
    }

    private static T Read<T>(string directory, string file, Func<string, T> parse)
    {
        var path = Path.Combine(directory, file);
        if (!File.Exists(path)) throw new InvalidOperationException($"Workflow settings: {file} was not found in the definitions folder.");
        try
        {
            return parse(File.ReadAllText(path));
        }
        catch (Exception ex) when (ex is FormatException or System.Text.Json.JsonException)
        {
            throw new InvalidOperationException($"Workflow settings: {file} is not valid: {ex.Message}", ex);
        }
    }
}
