using System.Reflection;
using System.Text.Json;
using ComplexCases.Application.Workflow;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ComplexCases.Web.Operations;

/// <summary>
/// What a load balancer and an operator ask without signing in: <c>/health/live</c> (the process answers),
/// <c>/health/ready</c> (the database answers with every migration applied, and the bank holiday calendar reaches today)
/// and <c>/info</c> (version and commit). None of them carries personal data.
/// </summary>
internal static class Health
{
    private const string Ready = "ready";

    public static IServiceCollection AddComplexCasesHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<DatabaseCheck>("database", tags: [Ready])
            .AddCheck<CalendarCheck>("calendar", tags: [Ready]);
        return services;
    }

    public static WebApplication MapComplexCasesHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = Write }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready), ResponseWriter = Write }).AllowAnonymous();
        app.MapGet("/info", () => Results.Json(Info.Current)).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    /// <summary>Each check's status and description, so an operator sees why a node is not ready.</summary>
    private static Task Write(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        }, JsonOptions));
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    /// <summary>The database answers a query and has no migration left to apply.</summary>
    private sealed class DatabaseCheck(ComplexCases.Data.ComplexCasesDbContext db) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
                return pending.Count == 0
                    ? HealthCheckResult.Healthy("Reachable; every migration applied.")
                    : HealthCheckResult.Unhealthy($"{pending.Count} migration(s) not applied: {string.Join(", ", pending)}.");
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                return HealthCheckResult.Unhealthy("The database cannot be reached.", ex);
            }
        }
    }

    /// <summary>Ready while the calendar reaches today; degraded when it ends within the warning time (due dates then skip weekends only).</summary>
    private sealed class CalendarCheck(WorkflowSettings settings, TimeProvider clock) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var status = CalendarStatus.Of(settings.Calendar, clock.GetUtcNow());
            return Task.FromResult(status.NeedsAttention ? HealthCheckResult.Degraded(status.Summary) : HealthCheckResult.Healthy(status.Summary));
        }
    }
}

/// <summary>The build: its version and the commit it was built from (set by the build, e.g. <c>-p:SourceRevisionId=…</c>).</summary>
internal sealed record Info(string Service, string Version, string? Commit)
{
    public static Info Current { get; } = Read();

    private static Info Read()
    {
        var informational = typeof(Info).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        return plus < 0
            ? new Info("Complex Case Service", informational, null)
            : new Info("Complex Case Service", informational[..plus], informational[(plus + 1)..]);
    }
}
