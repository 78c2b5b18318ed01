using ComplexCases.Domain.Panels;
using ComplexCases.Domain.Workflow;
using ComplexCases.TestSupport.Screening;

namespace ComplexCases.Domain.Tests;

/// <summary>The data files the service ships in <c>definitions/</c>, read as written (found from the solution folder).</summary>
internal static class ShippedFiles
{
    private static readonly Lazy<string> CalendarJsonValue = new(() => File.ReadAllText(Path.Combine(Definitions, "bank-holidays-england-and-wales.json")));
    private static readonly Lazy<WorkingCalendar> CalendarValue = new(() => WorkingCalendar.Parse(CalendarJson));
    private static readonly Lazy<string> ExpertiseJsonValue = new(() => File.ReadAllText(Path.Combine(Definitions, "panel-expertise.json")));
    private static readonly Lazy<ExpertiseRules> ExpertiseValue = new(() => ExpertiseRules.Parse(ExpertiseJson));

    private static string Definitions => Path.Combine(TestDefinitions.SolutionDirectory, "definitions");

    /// <summary>definitions/bank-holidays-england-and-wales.json as written.</summary>
    public static string CalendarJson => CalendarJsonValue.Value;

    /// <summary>The England and Wales working calendar, parsed from its file.</summary>
    public static WorkingCalendar Calendar => CalendarValue.Value;

    /// <summary>definitions/panel-expertise.json as written.</summary>
    public static string ExpertiseJson => ExpertiseJsonValue.Value;

    /// <summary>The panel expertise rules, parsed from their file.</summary>
    public static ExpertiseRules Expertise => ExpertiseValue.Value;
}
