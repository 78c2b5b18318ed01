using ComplexCases.Application;
using ComplexCases.Application.Workflow;
using Microsoft.Extensions.DependencyInjection;

namespace ComplexCases.Cli;

/// <summary>
/// The command line's composition: the application's services (ApplicationServices, as the web registers them), on the
/// command line's clock, with the workflow settings shipped beside the program. Each command opens its own database, so no
/// context is registered; the settings are read only by a command that screens.
/// </summary>
internal static class CliServices
{
    public static ServiceProvider Create(TimeProvider clock, ComplexCases.Data.Providers.IStoreProvider provider)
    {
        var services = new ServiceCollection();
        services.AddSingleton(clock);
        services.AddSingleton(provider);
        // Errors are reported as results on standard error; the log (a failure's stack trace) has no provider here.
        services.AddLogging();
        services.AddSingleton(_ => WorkflowSettings.Load(Path.Combine(AppContext.BaseDirectory, "definitions")));
        services.AddComplexCasesApplication();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }
}
