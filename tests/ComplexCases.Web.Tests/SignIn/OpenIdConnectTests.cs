using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using ComplexCases.Application.Access;
using ComplexCases.Data.Accounts;
using ComplexCases.Web.SignIn;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace ComplexCases.Web.Tests.SignIn;

/// <summary>The site configured for an identity provider (a real one on a loopback socket, <see cref="FakeIdentityProvider"/>) and some local accounts.</summary>
public sealed class OidcSite : IAsyncLifetime
{
    public const string ClientId = "complex-cases-test";
    public const string DisplayName = "Test Identity";

    // Made up per run, as an operator would put it in the environment: nothing secret is written down.
    public string ClientSecret { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));
    internal FakeIdentityProvider Provider { get; private set; } = null!;
    public ConfiguredSiteFactory Site { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // The site and the provider share a test clock: token lifetimes and cookie expiries never depend on the real date.
        var clock = new ComplexCases.TestSupport.TestClock();
        Provider = await FakeIdentityProvider.StartAsync(ClientId, ClientSecret, clock);
        // Development: the provider on the loopback socket speaks http, which only Development accepts.
        Site = new ConfiguredSiteFactory("Development", new Dictionary<string, string?>
        {
            ["Authentication:OpenIdConnect:Authority"] = Provider.Issuer,
            ["Authentication:OpenIdConnect:ClientId"] = ClientId,
            ["Authentication:OpenIdConnect:ClientSecret"] = ClientSecret,
            ["Authentication:OpenIdConnect:DisplayName"] = DisplayName,
        })
        {
            Clock = clock,
        };
        using var scope = Site.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffAccount>>();
        // Accounts without a local password: they can only sign in through the provider.
        foreach (var account in new[]
        {
            new StaffAccount { UserName = "jo.analyst@example.test", Email = "jo@example.test", DisplayName = "Jo Analyst", Roles = "Analyst" },
            new StaffAccount { UserName = "sam.spo@example.test", Email = "sam@example.test", DisplayName = "Sam Spo", Roles = "Spo,Qdo", StaffCode = "S001", TeamCodes = "T1,T2", PduCode = "EOENFK", RegionCode = "EOE" },
            new StaffAccount { UserName = "locked@example.test", DisplayName = "Locked", Roles = "Analyst", LockoutEnabled = true, LockoutEnd = DateTimeOffset.MaxValue },
        })
        {
            (await users.CreateAsync(account)).Succeeded.ShouldBeTrue();
        }
    }

    public async Task DisposeAsync()
    {
        await Site.DisposeAsync();
        await Provider.DisposeAsync();
    }
}

/// <summary>Signing in through an identity provider: code flow with PKCE, mapped onto local accounts, the usual cookie and permissions.</summary>
public sealed class OpenIdConnectTests(OidcSite oidc) : IClassFixture<OidcSite>
{
    private HttpClient NewClient() =>
        // https, as in production: the provider's correlation and nonce cookies are Secure. Cookies expire by the site's
        // clock, not the machine's (HttpClient's own container would drop them by the real date).
        oidc.Site.CreateDefaultClient(new Uri("https://localhost"), new SiteClockCookies(oidc.Site.Clock));

    [Fact]
    public async Task SignInPage_WithAProvider_OffersItAlongsideLocalAccounts()
    {
        var html = await NewClient().GetStringAsync("/sign-in");

        html.ShouldContain($"Sign in with {OidcSite.DisplayName}");
        html.ShouldContain("id=\"Password\"");
    }

    [Fact]
    public async Task Challenge_RedirectsToTheProvidersAuthorizeEndpoint_WithClientIdPkceAndOurCallback()
    {
        var client = NewClient();

        var authorize = await ChallengeAsync(client, "/runs");

        authorize.GetLeftPart(UriPartial.Path).ShouldBe(oidc.Provider.Issuer + "/authorize");
        var query = QueryHelpers.ParseQuery(authorize.Query);
        query["client_id"].ToString().ShouldBe(OidcSite.ClientId);
        query["response_type"].ToString().ShouldBe("code");
        query["redirect_uri"].ToString().ShouldBe("https://localhost/signin-oidc");
        query["code_challenge_method"].ToString().ShouldBe("S256");
        query["code_challenge"].ToString().Length.ShouldBe(43);
        query["scope"].ToString().Split(' ').ShouldContain("openid");
        query["state"].ToString().ShouldNotBeNullOrEmpty();
        query["nonce"].ToString().ShouldNotBeNullOrEmpty();
        query.ContainsKey("client_secret").ShouldBeFalse();
    }

    [Fact]
    public async Task SignIn_KnownAccount_GetsTheUsualCookieAndItsLocalPermissions()
    {
        var client = NewClient();
        var authorize = await ChallengeAsync(client, "/runs");

        var landing = await CallbackAsync(client, authorize, oidc.Provider.IssueCode("jo.analyst@example.test", authorize));

        landing.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await landing.Content.ReadAsStringAsync();
        html.ShouldContain("You are signed in");
        html.ShouldContain("<meta http-equiv=\"refresh\" content=\"0;url=/runs\">");
        landing.Headers.GetValues("Set-Cookie").ShouldContain(c => c.StartsWith("complexcases=", StringComparison.Ordinal) && c.Contains("samesite=strict", StringComparison.OrdinalIgnoreCase));
        (await client.GetAsync("/runs")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync("/runs/new")).StatusCode.ShouldBe(HttpStatusCode.OK);
        // An analyst's permissions, not more: the audit log is the administrator's.
        (await client.GetAsync("/admin/audit")).Headers.Location!.ToString().ShouldContain("/forbidden");
    }

    [Fact]
    public async Task SignIn_NoLocalAccount_IsRefusedWithAClearPageAndNoAccess()
    {
        var client = NewClient();
        var authorize = await ChallengeAsync(client, "/");

        var landing = await CallbackAsync(client, authorize, oidc.Provider.IssueCode("stranger@example.test", authorize));

        landing.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var html = await landing.Content.ReadAsStringAsync();
        html.ShouldContain("You cannot sign in to this service");
        html.ShouldContain("There is no account for stranger@example.test in this service.");
        html.ShouldNotContain("http-equiv=\"refresh\"");
        var home = await client.GetAsync("/");
        home.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        home.Headers.Location!.ToString().ShouldContain("/sign-in");
    }

    [Fact]
    public async Task SignIn_ProviderRefusesTheCode_ExplainsRatherThanErrors()
    {
        var client = NewClient();
        var authorize = await ChallengeAsync(client, "/");

        var landing = await CallbackAsync(client, authorize, "a-code-the-provider-never-issued");

        landing.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await landing.Content.ReadAsStringAsync()).ShouldContain($"Signing in with {OidcSite.DisplayName} did not finish");
    }

    [Fact]
    public async Task SignIn_ExpiredIdToken_IsRefusedByTheSitesClock()
    {
        var client = NewClient();
        var authorize = await ChallengeAsync(client, "/runs");
        oidc.Provider.TokenAge = TimeSpan.FromHours(1);
        HttpResponseMessage landing;
        try
        {
            landing = await CallbackAsync(client, authorize, oidc.Provider.IssueCode("jo.analyst@example.test", authorize));
        }
        finally
        {
            oidc.Provider.TokenAge = TimeSpan.Zero;
        }

        landing.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await landing.Content.ReadAsStringAsync()).ShouldContain($"Signing in with {OidcSite.DisplayName} did not finish");
        (await client.GetAsync("/runs")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    // ---- The claim → local account mapping ----

    [Fact]
    public async Task Match_ExistingAccount_SignsInWithItsRolesAndScope()
    {
        using var scope = oidc.Site.Services.CreateScope();

        var match = await Accounts(scope).MatchAsync(Provider(("preferred_username", "sam.spo@example.test")));

        match.Matched.ShouldBeTrue(match.Refusal);
        var principal = await scope.ServiceProvider.GetRequiredService<SignInManager<StaffAccount>>().CreateUserPrincipalAsync(match.Account!);
        var user = CurrentUser.From(principal)!;
        user.Id.ShouldBe("sam.spo@example.test");
        user.Roles.ShouldBe([Role.Spo, Role.Qdo], ignoreOrder: true);
        user.StaffCode.ShouldBe("S001");
        user.TeamCodes.ShouldBe(["T1", "T2"], ignoreOrder: true);
        user.PduCode.ShouldBe("EOENFK");
    }

    [Fact]
    public async Task Match_UnknownUser_IsRefused()
    {
        using var scope = oidc.Site.Services.CreateScope();

        var match = await Accounts(scope).MatchAsync(Provider(("preferred_username", "nobody@example.test"), ("email", "jo@example.test")));

        match.Matched.ShouldBeFalse();
        match.Account.ShouldBeNull();
        match.UserName.ShouldBe("nobody@example.test");
        match.Refusal.ShouldBe("There is no account for nobody@example.test in this service.");
    }

    [Fact]
    public async Task Match_WithoutTheConfiguredClaim_IsRefused()
    {
        using var scope = oidc.Site.Services.CreateScope();

        var match = await Accounts(scope).MatchAsync(Provider(("email", "jo.analyst@example.test")));

        match.Matched.ShouldBeFalse();
        match.Refusal!.ShouldContain("no preferred_username");
    }

    [Fact]
    public async Task Match_ByAnotherConfiguredClaim_UsesThatClaim()
    {
        using var scope = oidc.Site.Services.CreateScope();
        var byEmail = Accounts(scope, new OpenIdConnectSettings { UserNameClaim = "email" });

        (await byEmail.MatchAsync(Provider(("preferred_username", "someone-else"), ("email", "jo.analyst@example.test")))).Account!.DisplayName.ShouldBe("Jo Analyst");
    }

    [Fact]
    public async Task Match_LockedAccount_IsRefused()
    {
        using var scope = oidc.Site.Services.CreateScope();

        var match = await Accounts(scope).MatchAsync(Provider(("preferred_username", "locked@example.test")));

        match.Matched.ShouldBeFalse();
        match.Refusal!.ShouldContain("locked");
    }

    private static ExternalAccounts Accounts(IServiceScope scope, OpenIdConnectSettings? settings = null) =>
        settings is null
            ? scope.ServiceProvider.GetRequiredService<ExternalAccounts>()
            : new ExternalAccounts(scope.ServiceProvider.GetRequiredService<UserManager<StaffAccount>>(), settings);

    private static ClaimsPrincipal Provider(params (string Type, string Value)[] claims) =>
        new(new ClaimsIdentity(claims.Select(c => new Claim(c.Type, c.Value)), OpenIdConnectSettings.Scheme));

    /// <summary>Presses "Sign in with …" on the sign-in page; returns where the browser is sent.</summary>
    private static async Task<Uri> ChallengeAsync(HttpClient client, string returnUrl)
    {
        var form = await client.GetStringAsync("/sign-in?returnUrl=" + Uri.EscapeDataString(returnUrl));
        var response = await client.PostAsync("/sign-in?handler=External&returnUrl=" + Uri.EscapeDataString(returnUrl),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = SignedInClient.AntiforgeryToken(form) }));
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return response.Headers.Location!;
    }

    /// <summary>What the browser does when the provider hands it back (form_post): posts the code and state to our callback, then follows to the landing page.</summary>
    private async Task<HttpResponseMessage> CallbackAsync(HttpClient client, Uri authorize, string code)
    {
        var state = QueryHelpers.ParseQuery(authorize.Query)["state"].ToString();
        var callback = await client.PostAsync("/signin-oidc", new FormUrlEncodedContent(new Dictionary<string, string> { ["code"] = code, ["state"] = state }));
        callback.StatusCode.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", oidc.Provider.Refusals));
        var landing = callback.Headers.Location!;
        landing.ToString().ShouldStartWith("/sign-in/external");
        return await client.GetAsync(landing);
    }
}
