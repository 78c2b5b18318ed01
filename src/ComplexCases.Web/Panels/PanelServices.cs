using ComplexCases.Application.Panels;
using ComplexCases.Application.Workflow;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ComplexCases.Web.Panels;

public static class PanelServices
{
    /// <summary>The panel, expertise and action use cases, per request (they share the request's database context).</summary>
    public static IServiceCollection AddPanels(this IServiceCollection services)
    {
        // TryAdd: the workflow pages may register these too; one registration wins, the same either way.
        services.TryAddSingleton(_ => WorkflowSettings.Shipped());
        services.TryAddScoped<CaseWorkflows>();
        services.AddScoped<PanelDirectory>();
        services.AddScoped<PanelMeetings>();
        services.AddScoped<PanelDiscussions>();
        services.AddScoped<PanelExpertise>();
        services.AddScoped<PanelCases>();
        services.AddScoped<CaseActions>();
        return services;
    }
}
