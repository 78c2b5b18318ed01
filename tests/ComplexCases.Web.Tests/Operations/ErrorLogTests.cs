using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace ComplexCases.Web.Tests.Operations;

/// <summary>Logs are JSON in Production, and the reference the error page gives is the trace id the failure's log entry carries.</summary>
public sealed partial class ErrorLogTests
{
    private const string FailHeader = "X-Test-Fail";

    [Fact]
    public async Task ErrorPagesReference_IsTheTraceIdOfTheFailuresLogEntry()
    {
        var logs = new CapturingLogs();
        using var site = new ConfiguredSiteFactory("Production", new Dictionary<string, string?>()).WithWebHostBuilder(b => b.ConfigureTestServices(services =>
        {
            services.AddSingleton<ILoggerProvider>(logs);
            services.Configure<MvcOptions>(mvc => mvc.Filters.Add(new FailWhenAsked()));
        }));
        var client = site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/sign-in");
        request.Headers.Add(FailHeader, "yes");

        var response = await client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        var html = await response.Content.ReadAsStringAsync();
        var reference = Reference().Match(html).Groups[1].Value;
        reference.ShouldMatch("^[0-9a-f]{32}$");
        var failure = logs.Entries.Single(e => e.Exception is FailedOnPurpose);
        failure.Level.ShouldBe(LogLevel.Error);
        failure.Scopes.ShouldContain(new KeyValuePair<string, object?>("TraceId", reference));
        html.ShouldNotContain("FailedOnPurpose");
    }

    [Fact]
    public async Task AnApiFailure_IsAProblemWithTheLogEntrysTraceId_NotTheErrorPagesHtml()
    {
        var logs = new CapturingLogs();
        // The token check fails (as a lost database would make it): the API's call fails before any handler of its own.
        using var site = new ConfiguredSiteFactory("Production", new Dictionary<string, string?>()).WithWebHostBuilder(b => b.ConfigureTestServices(services =>
        {
            services.AddSingleton<ILoggerProvider>(logs);
            services.AddScoped<ComplexCases.Application.Access.ApiTokens>(_ => throw new FailedOnPurpose());
        }));
        var client = site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/runs");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "cct_not-a-real-token");

        var response = await client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        var body = await response.Content.ReadAsStringAsync();
        using var problem = System.Text.Json.JsonDocument.Parse(body);
        problem.RootElement.GetProperty("status").GetInt32().ShouldBe(500);
        var reference = problem.RootElement.GetProperty("reference").GetString();
        reference.ShouldNotBeNull().ShouldMatch("^[0-9a-f]{32}$");
        var failure = logs.Entries.Single(e => e.Exception is FailedOnPurpose);
        failure.Level.ShouldBe(LogLevel.Error);
        failure.Scopes.ShouldContain(new KeyValuePair<string, object?>("TraceId", reference));
        body.ShouldNotContain("FailedOnPurpose");
        body.ShouldNotContain("<html", Case.Insensitive);
    }

    [Fact]
    public async Task AFailedSignIn_IsLoggedAsAWarning_WithWhoWasTriedAndWhy()
    {
        var logs = new CapturingLogs();
        using var site = new ConfiguredSiteFactory("Production", new Dictionary<string, string?>()).WithWebHostBuilder(b =>
            b.ConfigureTestServices(services => services.AddSingleton<ILoggerProvider>(logs)));
        var client = site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        (await client.PostSignInAsync("no-such-person", "not-the-password")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var entry = logs.Entries.Single(e => e.Category.EndsWith("SignInModel", StringComparison.Ordinal));
        entry.Level.ShouldBe(LogLevel.Warning);
        entry.Message.ShouldContain("no-such-person");
        entry.Message.ShouldContain("unknown user name");
        entry.Scopes.ShouldContain(s => s.Key == "TraceId");
    }

    [Fact]
    public void Production_LogsJsonWithScopesAndUtcTimes()
    {
        using var site = new ConfiguredSiteFactory("Production", new Dictionary<string, string?>());

        site.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue.FormatterName.ShouldBe(ConsoleFormatterNames.Json);
        var json = site.Services.GetRequiredService<IOptionsMonitor<JsonConsoleFormatterOptions>>().CurrentValue;
        json.IncludeScopes.ShouldBeTrue();
        json.UseUtcTimestamp.ShouldBeTrue();
        json.TimestampFormat.ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public void OutsideProduction_LogsPlainText()
    {
        using var site = new ConfiguredSiteFactory("Development", new Dictionary<string, string?>());

        site.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue.FormatterName.ShouldBe(ConsoleFormatterNames.Simple);
    }

    [GeneratedRegex("this reference: <strong>([^<]*)</strong>")]
    private static partial Regex Reference();

    private sealed class FailedOnPurpose() : Exception("failed on purpose by the test");

    /// <summary>Makes any page fail when the request carries the test's header: a failure the test controls, in a real page.</summary>
    private sealed class FailWhenAsked : IResourceFilter
    {
        public void OnResourceExecuting(ResourceExecutingContext context)
        {
            // Not the error page itself, which is shown for the same request (with the same headers).
            if (context.HttpContext.Request.Headers.ContainsKey(FailHeader) && context.HttpContext.Request.Path != "/error") throw new FailedOnPurpose();
        }

        public void OnResourceExecuted(ResourceExecutedContext context) { }
    }
}
