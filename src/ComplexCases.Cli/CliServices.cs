using ComplexCases.Application;
using ComplexCases.Application.Access;
using ComplexCases.Application.Workflow;
using ComplexCases.Data;
using ComplexCases.Data.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace ComplexCases.Cli;

/// <summary>
/// The command line's composition: the application's services (ApplicationServices, as the web registers them), on the
/// command line's clock, with the workflow settings shipped beside the program. Each command opens its own database; one that uses
/// scoped services (accounts) hands it to its scope's <see cref="CommandDatabase"/>. The settings are read only by a command that screens.
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
        // Accounts (complexcases admin create) through Identity with the web's password rules, over the database the
        // command opened for its scope: the one context the account, its claims and its audit entry are saved in.
        services.AddScoped<CommandDatabase>();
        services.AddScoped(provider => provider.GetRequiredService<CommandDatabase>().Context);
        services.AddIdentityCore<StaffAccount>(StaffIdentity.Configure).AddEntityFrameworkStores<ComplexCasesDbContext>();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }
}

/// <summary>The database a command opened, for the scoped services of that command's scope (Identity's store, account administration).</summary>
internal sealed class CommandDatabase
{
    public ComplexCasesDbContext Context
    {
        get => field ?? throw new InvalidOperationException("The command opened no database for this scope: set CommandDatabase.Context first.");
        set;
    }
}
