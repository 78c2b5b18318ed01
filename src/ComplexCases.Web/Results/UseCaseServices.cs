using ComplexCases.Application.Audit;
using ComplexCases.Application.CasePage;
using ComplexCases.Application.Definitions;
using ComplexCases.Application.Cases;
using ComplexCases.Application.Lists;
using ComplexCases.Application.Screening;
using ComplexCases.Application.Workflow;

// In the web app's root namespace so that Program.cs needs no extra using for its one line.
namespace ComplexCases.Web;

/// <summary>The read use cases the pages and the API share (each checks access, reads and audits in one place).</summary>
public static class UseCaseServices
{
    public static IServiceCollection AddReadUseCases(this IServiceCollection services)
    {
        services.AddScoped<Consultations>();
        services.AddScoped<OpenCase>();
        services.AddScoped<ShowMonthlyList>();
        services.AddScoped<DownloadMonthlyList>();
        services.AddScoped<CaseViewQuery>();
        services.AddScoped<ShowRunRejections>();
        services.AddScoped<RunHistory>();
        services.AddScoped<DefinitionUsage>();
        services.AddScoped<StepCaseQuery>();
        return services;
    }
}
