using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ComplexCases.Web.Tests.Pages;

/// <summary>Health and build information without sign-in, no caching of anything personal, and a real "Page not found".</summary>
public sealed class OperationsTests(DemoSiteFactory site) : IClassFixture<DemoSiteFactory>
{
    private HttpClient Anonymous() => site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Fact]
    public async Task HealthLive_AnswersWithoutSignIn()
    {
        var response = await Anonymous().GetAsync("/health/live");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("\"status\":\"Healthy\"");
    }

    [Fact]
    public async Task HealthReady_ChecksTheDatabaseAndTheCalendar_WithoutSignIn()
    {
        var response = await Anonymous().GetAsync("/health/ready");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var checks = json.RootElement.GetProperty("checks");
        checks.GetProperty("database").GetProperty("status").GetString().ShouldBe("Healthy");
        checks.GetProperty("database").GetProperty("description").GetString()!.ShouldContain("every migration applied");
        // The test clock's day is well inside the shipped calendar.
        checks.GetProperty("calendar").GetProperty("status").GetString().ShouldBe("Healthy");
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
    }

    [Fact]
    public async Task Info_GivesTheVersion_WithoutSignIn()
    {
        var response = await Anonymous().GetAsync("/info");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        json.RootElement.GetProperty("service").GetString().ShouldBe("Complex Case Service");
        json.RootElement.GetProperty("version").GetString().ShouldNotBeNullOrWhiteSpace();
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/lists/EOENFK")]
    [InlineData("/api/definitions")]
    public async Task PersonalDataResponses_AreNeverCached(string path)
    {
        var client = await site.SignInAsync("head-of-pdu");

        var response = await client.GetAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, path);
        response.Headers.CacheControl!.NoStore.ShouldBeTrue(path);
    }

    [Fact]
    public async Task StaticAssets_MayBeCached()
    {
        var home = await (await site.SignInAsync("head-of-pdu")).GetStringAsync("/");
        var stylesheet = System.Text.RegularExpressions.Regex.Match(home, "href=\"(/[^\"]+\\.css)\"").Groups[1].Value;
        stylesheet.ShouldNotBeEmpty();

        var response = await Anonymous().GetAsync(stylesheet);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (response.Headers.CacheControl?.NoStore ?? false).ShouldBeFalse();
    }

    [Fact]
    public async Task UnknownPage_IsAGovUkPageNotFound_WithAWayBack()
    {
        var client = await site.SignInAsync("practitioner");

        var response = await client.GetAsync("/no-such-page");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("Page not found");
        html.ShouldContain("href=\"/\"");
    }

    [Fact]
    public async Task UnknownApiAddress_KeepsABareStatus()
    {
        var client = await site.SignInAsync("practitioner");

        var response = await client.GetAsync("/api/no-such-thing");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).ShouldNotContain("Page not found");
    }

    [Fact]
    public async Task ErrorPage_ShowsAReference_NotTemplateCode()
    {
        var response = await Anonymous().GetAsync("/error");

        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("give your administrator this reference");
        html.ShouldNotContain("??");
        html.ShouldNotContain("TraceIdentifier");
    }
}
