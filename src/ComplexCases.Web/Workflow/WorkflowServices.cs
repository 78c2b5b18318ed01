using ComplexCases.Application.Workflow;
using ComplexCases.Domain.Workflow;
using ComplexCases.Web.Workflow;

// In the web app's root namespace so that Program.cs needs no extra using for its one line.
namespace ComplexCases.Web;

/// <summary>The Complex Case process in the web app: its settings from configuration, the use case and the pages' queries.</summary>
public static class WorkflowServices
{
    public const string Section = "Workflow";

    /// <summary>
    /// Registers <see cref="WorkflowSettings"/> (calendar and expertise rules from the shipped definitions folder; timescales
    /// from <c>Workflow:Timescales</c>; the operational definition from <c>Workflow:DefinitionId</c>), <see cref="CaseWorkflows"/>
    /// and the workflow views. Settings are read now, so a bad value stops the start rather than the first request.
    /// </summary>
    public static IServiceCollection AddCaseWorkflow(this IServiceCollection services, IConfiguration configuration) =>
        services.AddCaseWorkflow(configuration, Path.Combine(AppContext.BaseDirectory, "definitions"));

    internal static IServiceCollection AddCaseWorkflow(this IServiceCollection services, IConfiguration configuration, string definitionsFolder)
    {
        var settings = ReadSettings(configuration.GetSection(Section), definitionsFolder);
        services.AddSingleton(settings);
        // CaseWorkflows and the other use cases that run on these settings: ApplicationServices.
        services.AddScoped<WorkflowViews>();
        return services;
    }

    internal static WorkflowSettings ReadSettings(IConfiguration section, string definitionsFolder)
    {
        var defaults = Timescales.Default;
        var days = section.GetSection(nameof(Timescales));
        Timescales timescales;
        try
        {
            timescales = new Timescales(
                Days(days, nameof(Timescales.ConversationWorkingDays), defaults.ConversationWorkingDays),
                Days(days, nameof(Timescales.TriageWorkingDays), defaults.TriageWorkingDays),
                Days(days, nameof(Timescales.FollowUpWorkingDays), defaults.FollowUpWorkingDays));
        }
        catch (ArgumentOutOfRangeException ex)
        {
            // Name the setting as it is written in configuration, not the constructor parameter.
            throw new InvalidOperationException($"{Section}:{nameof(Timescales)}: {ex.Message}", ex);
        }
        return WorkflowSettings.Load(definitionsFolder, timescales, section["DefinitionId"]) with { Reentry = ReadReentry(section) };
    }

    /// <summary><c>Workflow:Reentry:MonthsClosed</c>: months after which a closed case still listed starts again (default 6).</summary>
    private static ReentryRule ReadReentry(IConfiguration section)
    {
        var text = section.GetSection("Reentry")[nameof(ReentryRule.MonthsClosed)];
        if (string.IsNullOrWhiteSpace(text)) return ReentryRule.Default;
        if (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var months))
            throw new InvalidOperationException($"{Section}:Reentry:{nameof(ReentryRule.MonthsClosed)}: '{text}' is not a whole number of months.");
        try
        {
            return new ReentryRule(months);
        }
        catch (ArgumentOutOfRangeException ex)
        {
            throw new InvalidOperationException($"{Section}:Reentry:{nameof(ReentryRule.MonthsClosed)}: {ex.Message}", ex);
        }
    }

    private static int Days(IConfiguration section, string key, int fallback)
    {
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text)) return fallback;
        return int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var days)
            ? days
            : throw new InvalidOperationException($"{Section}:{nameof(Timescales)}:{key}: '{text}' is not a whole number of working days.");
    }
}
