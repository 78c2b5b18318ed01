using System.Net;
using ComplexCases.Web.SignIn;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting.Internal;

namespace ComplexCases.Web.Tests.SignIn;

/// <summary>Identity provider settings: off without them, checked at start-up with them.</summary>
public sealed class OpenIdConnectConfigurationTests
{
    private const string Section = "Authentication:OpenIdConnect:";

    [Fact]
    public async Task Start_HttpsAuthorityOutsideDevelopment_StartsAndOffersTheProvider()
    {
        // Nothing is fetched from the authority until someone presses the button, so a made-up one is enough to start.
        using var site = new ConfiguredSiteFactory("Testing", Settings("https://login.example.test/tenant/v2.0", "complex-cases"));

        var html = await site.CreateClient().GetStringAsync("/sign-in");

        html.ShouldContain("Sign in with Example Identity");
    }

    [Fact]
    public async Task Start_WithoutProviderSettings_OnlyLocalAccounts()
    {
        using var site = new ConfiguredSiteFactory("Testing", new Dictionary<string, string?>());
        var client = site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var html = await client.GetStringAsync("/sign-in");
        var challenge = await client.PostAsync("/sign-in?handler=External",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = SignedInClient.AntiforgeryToken(html) }));

        html.ShouldNotContain("Sign in with");
        challenge.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetAsync("/sign-in/external")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public void Start_DemoModeInProduction_IsRefusedWithTheReason()
    {
        using var site = new ConfiguredSiteFactory("Production", new Dictionary<string, string?> { ["Demo:Enabled"] = "true" });

        var failure = Should.Throw<Exception>(() => site.CreateClient());

        Messages(failure).ShouldContain(m => m.Contains("Demo mode (Demo:Enabled) must not run in Production", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("http://login.example.test/", "must be an absolute https URL (http is allowed only in Development)")]
    [InlineData("login.example.test", "must be an absolute https URL")]
    public void Start_BadAuthority_FailsWithWhatToFix(string authority, string message)
    {
        using var site = new ConfiguredSiteFactory("Production", Settings(authority, "complex-cases"));

        var failure = Should.Throw<Exception>(() => site.CreateClient());

        Messages(failure).ShouldContain(m => m.Contains("Authentication:OpenIdConnect:Authority " + message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("https://login.example.test", null, "Production", "set both Authority and ClientId")]
    [InlineData(null, "complex-cases", "Production", "set both Authority and ClientId")]
    [InlineData("ftp://login.example.test", "complex-cases", "Development", "must be an absolute https URL")]
    [InlineData("/relative", "complex-cases", "Development", "must be an absolute https URL")]
    [InlineData("http://localhost:8080/realms/test", "complex-cases", "Staging", "http is allowed only in Development")]
    public void Read_Misconfigured_SaysWhatToFix(string? authority, string? clientId, string environment, string message)
    {
        var failure = Should.Throw<InvalidOperationException>(() => OpenIdConnectSetup.Read(Configuration(Settings(authority, clientId)), Environment(environment)));

        failure.Message.ShouldContain(message);
    }

    [Fact]
    public void Read_HttpAuthorityInDevelopment_IsAllowed()
    {
        var settings = OpenIdConnectSetup.Read(Configuration(Settings("http://localhost:8080/realms/test", "complex-cases")), Environment("Development"));

        settings.Enabled.ShouldBeTrue();
        settings.UserNameClaim.ShouldBe("preferred_username");
        settings.ClientSecret.ShouldBeNull();
    }

    [Fact]
    public void Read_NothingSet_IsOff()
    {
        OpenIdConnectSetup.Read(Configuration([]), Environment("Production")).Enabled.ShouldBeFalse();
    }

    [Fact]
    public void Read_ScopesWithoutOpenId_AreRefused()
    {
        var settings = Settings("https://login.example.test", "complex-cases");
        settings[Section + "Scopes"] = "profile email";

        Should.Throw<InvalidOperationException>(() => OpenIdConnectSetup.Read(Configuration(settings), Environment("Production"))).Message.ShouldContain("openid");
    }

    private static Dictionary<string, string?> Settings(string? authority, string? clientId) => new()
    {
        [Section + "Authority"] = authority,
        [Section + "ClientId"] = clientId,
        [Section + "DisplayName"] = "Example Identity",
    };

    private static IConfigurationSection Configuration(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection(OpenIdConnectSettings.Section);

    private static HostingEnvironment Environment(string name) => new() { EnvironmentName = name };

    private static IEnumerable<string> Messages(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            yield return exception.Message;
            if (exception is AggregateException aggregate)
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Messages)) yield return inner;
        }
    }
}
