using ComplexCases.TestSupport;
using ComplexCases.Web.Runs;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ComplexCases.Web.Tests.Jobs;

/// <summary>
/// One instance of the web application on a database other instances use too (a SQLite file or a PostgreSQL database), with
/// the configuration a deployment gives every instance (the same pseudonym key), without demo data. Without its screening
/// worker when a test drives the queue itself.
/// </summary>
public sealed class SharedDatabaseSite(string connectionString, IReadOnlyDictionary<string, string?>? settings = null, bool worker = true)
    : WebApplicationFactory<Program>
{
    /// <summary>The same 32-byte key in every instance, as configuration gives it in production.</summary>
    public const string PseudonymKey = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    public TestClock Clock { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:ComplexCases", connectionString);
        builder.UseSetting("Demo:Enabled", "false");
        builder.UseSetting("Database:MigrateOnStart", "true");
        builder.UseSetting("Pseudonyms:Key", PseudonymKey);
        builder.UseSetting("RateLimits:SignInPerMinute", "100000");
        builder.UseSetting("Notifications:SweepMinutes", "0");
        builder.UseSetting("Runs:Worker:PollInterval", "00:00:00.200");
        builder.UseSetting("Runs:Worker:HeartbeatInterval", "00:00:00.100");
        builder.UseSetting("Runs:Worker:AbandonedAfter", "00:00:02");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) builder.UseSetting(key, value);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            if (worker) return;
            foreach (var hosted in services.Where(s => s.ImplementationType == typeof(ScreeningWorker)).ToList()) services.Remove(hosted);
        });
    }

    /// <summary>A worker of this instance that the test drives (on a site started without its own).</summary>
    internal ScreeningWorker NewWorker() => ActivatorUtilities.CreateInstance<ScreeningWorker>(Services);

    public ScreeningJobs Jobs => Services.GetRequiredService<ScreeningJobs>();

    public ComplexCases.Data.ComplexCasesDbContext OpenDatabase() =>
        Services.GetRequiredService<ComplexCases.Application.Storage.DatabaseTarget>().Open();
}
