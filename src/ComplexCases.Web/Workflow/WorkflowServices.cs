using ComplexCases.Application.Workflow;
using ComplexCases.Web.Workflow;
using Microsoft.Extensions.Options;

// In the web app's root namespace so that Program.cs needs no extra using for its one line.
namespace ComplexCases.Web;

/// <summary>The Complex Case process in the web app: its settings from configuration, the use case and the pages' queries.</summary>
public static class WorkflowServices
{
    public const string Section = "Workflow";

    /// <summary>
    /// Registers <see cref="WorkflowSettings"/> (calendar and expertise rules from the shipped definitions folder; timescales
    /// from <c>Workflow:Timescales</c>; the operational definition from <c>Workflow:DefinitionId</c>; bound as
    /// <see cref="WorkflowOptions"/>) and the workflow views. The options are validated on start, so a bad value stops the
    /// start rather than the first request.
    /// </summary>
    public static IServiceCollection AddCaseWorkflow(this IServiceCollection services, IConfiguration configuration) =>
        services.AddCaseWorkflow(configuration, Path.Combine(AppContext.BaseDirectory, "definitions"));

    internal static IServiceCollection AddCaseWorkflow(this IServiceCollection services, IConfiguration configuration, string definitionsFolder)
    {
        services.AddOptions<WorkflowOptions>().Bind(configuration.GetSection(Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WorkflowOptions>>(new WorkflowOptionsValidator(definitionsFolder));
        services.AddSingleton(provider => provider.GetRequiredService<IOptions<WorkflowOptions>>().Value.ToSettings(definitionsFolder));
        // CaseWorkflows and the other use cases that run on these settings: ApplicationServices.
        services.AddScoped<WorkflowViews>();
        return services;
    }
}
