using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ComplexCases.Application.Access;
using ComplexCases.Data.Accounts;
using ComplexCases.Data.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ComplexCases.Web.Tests.Api;

/// <summary>
/// Personal access tokens: made on /account/tokens (shown once, stored as a hash), used as <c>Authorization: Bearer</c> on /api
/// only, acting with the account's current roles; revoked, expired, unknown or locked tokens are 401 problem details and audited.
/// </summary>
public sealed partial class ApiTokenTests(DemoSiteFactory site) : IClassFixture<DemoSiteFactory>
{
    // ---- making, listing, revoking on the account page ----

    [Fact]
    public async Task AccountPage_MakeToken_ShowsTheSecretOnceAndStoresOnlyItsHash()
    {
        var client = await site.SignInAsync("analyst");

        var (response, secret) = await MakeTokenAsync(client, "upload script", "7");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        secret.ShouldStartWith("cct_");
        secret.Length.ShouldBeGreaterThan(40);
        using (var db = site.OpenDatabase())
        {
            var stored = db.ApiTokens.Single(t => t.Name == "upload script");
            stored.SecretSha256.ShouldBe(Sha256(secret));
            stored.Hint.ShouldBe(secret[..8]);
            (new DateTimeOffset(stored.ExpiresTicks, TimeSpan.Zero) - new DateTimeOffset(stored.CreatedTicks, TimeSpan.Zero)).ShouldBe(TimeSpan.FromDays(7));
            var entry = LastEntry(db, "token.created");
            entry.Actor.ShouldBe("analyst");
            entry.Details.ShouldContain("\"token\":\"upload script\"");
            entry.Details.ShouldNotContain(secret);
        }
        var again = await client.GetStringAsync("/account/tokens");
        again.ShouldContain("upload script");
        again.ShouldNotContain(secret);
    }

    [Theory]
    [InlineData("", "30", "name", "Enter a name for the token")]
    [InlineData("script", "91", "days", "The token must last between 1 and 90 days")]
    [InlineData("script", "0", "days", "The token must last between 1 and 90 days")]
    [InlineData("script", "ten", "days", "The token must last between 1 and 90 days")]
    public async Task AccountPage_InvalidForm_Is400WithTheErrorSummaryAndNoToken(string name, string days, string field, string message)
    {
        var client = await site.SignInAsync("spo");
        int before;
        using (var db = site.OpenDatabase()) before = db.ApiTokens.Count();

        var (response, secret) = await MakeTokenAsync(client, name, days);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        secret.ShouldBeEmpty();
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("govuk-error-summary");
        html.ShouldContain($"href=\"#{field}\">{message}");
        using (var db = site.OpenDatabase()) db.ApiTokens.Count().ShouldBe(before);
    }

    [Fact]
    public async Task AccountPage_Revoke_TokenStopsWorkingWith401ProblemAndAuditedRefusal()
    {
        var client = await site.SignInAsync("analyst");
        var (_, secret) = await MakeTokenAsync(client, "to revoke", "30");
        (await Bearer(secret).GetAsync("/api/runs")).StatusCode.ShouldBe(HttpStatusCode.OK);
        Guid id;
        using (var db = site.OpenDatabase()) id = db.ApiTokens.Single(t => t.Name == "to revoke").Id;

        var page = await client.GetStringAsync("/account/tokens");
        var revoke = await client.PostAsync("/account/tokens?handler=Revoke", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["id"] = id.ToString(), ["__RequestVerificationToken"] = SignedInClient.AntiforgeryToken(page),
        }));

        revoke.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await client.GetStringAsync(revoke.Headers.Location!.ToString())).ShouldContain("Revoked by analyst");
        var refused = await Bearer(secret).GetAsync("/api/runs");
        await ShouldBeProblemAsync(refused, HttpStatusCode.Unauthorized, "revoked");
        using (var db = site.OpenDatabase())
        {
            LastEntry(db, "token.revoked").Details.ShouldContain("\"token\":\"to revoke\"");
            var entry = LastEntry(db, "token.refused");
            entry.Actor.ShouldBe("analyst");
            entry.Details.ShouldContain("\"reason\":\"revoked\"");
            entry.Details.ShouldContain("\"path\":\"/api/runs\"");
        }
    }

    [Fact]
    public async Task AdminTokensPage_ListsAnotherAccountsTokensAndRevokesOne()
    {
        var secret = MakeToken("head-of-pdu", Role.HeadOfPdu, "head's report");
        var admin = await site.SignInAsync("admin");

        var page = await admin.GetStringAsync("/admin/users/head-of-pdu/tokens");
        page.ShouldContain("head&#x27;s report");
        Guid id;
        using (var db = site.OpenDatabase()) id = db.ApiTokens.Single(t => t.Name == "head's report").Id;
        var revoke = await admin.PostAsync("/admin/users/head-of-pdu/tokens?handler=Revoke", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["id"] = id.ToString(), ["__RequestVerificationToken"] = SignedInClient.AntiforgeryToken(page),
        }));

        revoke.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await Bearer(secret).GetAsync("/api/definitions")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using var check = site.OpenDatabase();
        var entry = LastEntry(check, "token.revoked");
        entry.Actor.ShouldBe("admin");
        entry.Details.ShouldContain("\"account\":\"head-of-pdu\"");
    }

    [Fact]
    public async Task AnotherAccountsToken_CannotBeRevokedFromOnesOwnPage()
    {
        var secret = MakeToken("qdo", Role.Qdo, "qdo's own");
        Guid id;
        using (var db = site.OpenDatabase()) id = db.ApiTokens.Single(t => t.Name == "qdo's own").Id;
        var practitioner = await site.SignInAsync("practitioner");
        var page = await practitioner.GetStringAsync("/account/tokens");

        var revoke = await practitioner.PostAsync("/account/tokens?handler=Revoke", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["id"] = id.ToString(), ["__RequestVerificationToken"] = SignedInClient.AntiforgeryToken(page),
        }));

        revoke.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Bearer(secret).GetAsync("/api/definitions")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    // ---- using a token ----

    [Fact]
    public async Task Token_ActsAsItsAccount_AuditedWithTheTokensNameAndLastUsed()
    {
        var secret = MakeToken("head-of-pdu", Role.HeadOfPdu, "list reader");

        var response = await Bearer(secret).GetAsync("/api/lists/EOENFK?pageSize=5");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        json.RootElement.GetProperty("namesShown").GetBoolean().ShouldBeTrue();
        using var db = site.OpenDatabase();
        var entry = LastEntry(db, "list.viewed");
        entry.Actor.ShouldBe("head-of-pdu");
        entry.Details.ShouldContain("via=api");
        entry.Details.ShouldContain("token=list reader");
        var token = db.ApiTokens.Single(t => t.Name == "list reader");
        token.LastUsedTicks.ShouldNotBeNull();
        token.LastUsedTicks.Value.ShouldBeGreaterThanOrEqualTo(token.CreatedTicks);
    }

    [Fact]
    public async Task PractitionerToken_AnalystsEndpoint_Is403ProblemNamingThePermissionAndAudited()
    {
        var secret = MakeToken("practitioner", Role.Practitioner, "practitioner script");

        var response = await Bearer(secret).GetAsync("/api/runs");

        await ShouldBeProblemAsync(response, HttpStatusCode.Forbidden, "ViewRuns");
        using var db = site.OpenDatabase();
        var entry = LastEntry(db, "access.denied");
        entry.Actor.ShouldBe("practitioner");
        entry.Details.ShouldContain("\"path\":\"/api/runs\"");
        entry.Details.ShouldContain("\"token\":\"practitioner script\"");
    }

    [Fact]
    public async Task Token_FollowsTheAccountsCurrentRoles_AndALockedAccountsTokenIs401()
    {
        await CreateAccountAsync("token-holder", "Analyst");
        var secret = MakeToken("token-holder", Role.Analyst, "follows roles");
        (await Bearer(secret).GetAsync("/api/runs")).StatusCode.ShouldBe(HttpStatusCode.OK);

        await ChangeAccountAsync("token-holder", a => a.Roles = "Practitioner");
        await ShouldBeProblemAsync(await Bearer(secret).GetAsync("/api/runs"), HttpStatusCode.Forbidden, "ViewRuns");

        await ChangeAccountAsync("token-holder", a => a.LockoutEnd = DateTimeOffset.MaxValue);
        await ShouldBeProblemAsync(await Bearer(secret).GetAsync("/api/definitions"), HttpStatusCode.Unauthorized, "locked");
        using var db = site.OpenDatabase();
        LastEntry(db, "token.refused").Details.ShouldContain("\"reason\":\"account locked\"");
    }

    [Fact]
    public async Task Token_GainsARoleTheAccountIsGivenAfterItWasMade_WithoutBeingRemade()
    {
        await CreateAccountAsync("promoted-holder", "Practitioner");
        var secret = MakeToken("promoted-holder", Role.Practitioner, "before promotion");
        await ShouldBeProblemAsync(await Bearer(secret).GetAsync("/api/runs"), HttpStatusCode.Forbidden, "ViewRuns");

        await ChangeAccountAsync("promoted-holder", a => a.Roles = "Analyst");

        (await Bearer(secret).GetAsync("/api/runs")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task LockedOutAfterFailedSignIns_TokenIsRefusedUntilTheLockoutEnds_ThenWorksAgain()
    {
        // Identity's lockout after failed passwords sets a lockout end 15 minutes ahead (an administrator's lock: the far
        // future). The token is refused while it lasts, and works again without being remade once it has passed.
        await CreateAccountAsync("locked-out-holder", "Analyst");
        var secret = MakeToken("locked-out-holder", Role.Analyst, "outlives a lockout");
        var now = site.Clock.GetUtcNow();

        await ChangeAccountAsync("locked-out-holder", a => a.LockoutEnd = now.AddMinutes(15));
        await ShouldBeProblemAsync(await Bearer(secret).GetAsync("/api/runs"), HttpStatusCode.Unauthorized, "locked");

        await ChangeAccountAsync("locked-out-holder", a => a.LockoutEnd = now.AddSeconds(-1));
        (await Bearer(secret).GetAsync("/api/runs")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ExpiredToken_Is401ProblemAndAudited()
    {
        var secret = MakeToken("analyst", Role.Analyst, "expires");
        using (var db = site.OpenDatabase())
        {
            var now = site.Clock.GetUtcNow().UtcTicks;
            db.ApiTokens.Where(t => t.Name == "expires").ExecuteUpdate(s => s.SetProperty(t => t.ExpiresTicks, now));
        }

        var response = await Bearer(secret).GetAsync("/api/runs");

        await ShouldBeProblemAsync(response, HttpStatusCode.Unauthorized, "expired");
        response.Headers.WwwAuthenticate.ToString().ShouldContain("invalid_token");
        using var check = site.OpenDatabase();
        LastEntry(check, "token.refused").Details.ShouldContain("\"reason\":\"expired\"");
    }

    [Theory]
    [InlineData("cct_notAtokenThisServiceEverMade0000000000000")]
    [InlineData("something-else")]
    public async Task UnknownToken_Is401ProblemAuditedAsAnonymousWithoutTheSecret(string token)
    {
        var response = await Bearer(token).GetAsync("/api/definitions");

        await ShouldBeProblemAsync(response, HttpStatusCode.Unauthorized, "not one this service issued");
        using var db = site.OpenDatabase();
        var entry = LastEntry(db, "token.refused");
        entry.Actor.ShouldBe("anonymous");
        entry.Details.ShouldContain("\"reason\":\"unknown token\"");
        entry.Details.ShouldNotContain(token);
    }

    [Fact]
    public async Task BadTokens_CountAgainstTheApiRateLimit()
    {
        using var limited = new ConfiguredSiteFactory("Testing", new Dictionary<string, string?> { ["RateLimits:ApiPerMinute"] = "3" });
        var client = limited.CreateClient(new() { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "cct_guessed0000000000000000000000000000000000");

        for (var i = 0; i < 3; i++) (await client.GetAsync("/api/definitions")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var fourth = await client.GetAsync("/api/definitions");

        fourth.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        fourth.Headers.RetryAfter.ShouldNotBeNull();
    }

    [Theory]
    [InlineData("/lists/EOENFK")]
    [InlineData("/account/tokens")]
    [InlineData("/")]
    public async Task Token_DoesNotOpenPages(string path)
    {
        var secret = MakeToken("spo", Role.Spo, "not for pages " + path);

        var response = await Bearer(secret).GetAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldContain("/sign-in");
    }

    [Fact]
    public async Task Token_CannotPostAPageForm()
    {
        var secret = MakeToken("spo", Role.Spo, "no form posts");

        var response = await Bearer(secret).PostAsync("/account/tokens", new FormUrlEncodedContent(new Dictionary<string, string> { ["Name"] = "made by a token" }));

        response.StatusCode.ShouldNotBe(HttpStatusCode.OK);
        using var db = site.OpenDatabase();
        db.ApiTokens.Any(t => t.Name == "made by a token").ShouldBeFalse();
    }

    // ---- 401 and 403 without a token: problem details too ----

    [Fact]
    public async Task Anonymous_Is401ProblemNotARedirect()
    {
        var response = await site.CreateClient(new() { AllowAutoRedirect = false }).GetAsync("/api/runs");

        await ShouldBeProblemAsync(response, HttpStatusCode.Unauthorized, "Authorization: Bearer");
        response.Headers.Location.ShouldBeNull();
    }

    [Fact]
    public async Task SignedInCookie_RoleWithoutThePermission_Is403Problem()
    {
        var client = await site.SignInAsync("practitioner");

        await ShouldBeProblemAsync(await client.GetAsync("/api/runs"), HttpStatusCode.Forbidden, "ViewRuns");
    }

    // ---- the OpenAPI document ----

    [Fact]
    public async Task OpenApiDocument_HasTheBearerSchemeAndRequiresItOnEveryApiOperation()
    {
        var client = await site.SignInAsync("analyst");

        using var json = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));

        var scheme = json.RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        scheme.GetProperty("type").GetString().ShouldBe("http");
        scheme.GetProperty("scheme").GetString().ShouldBe("bearer");
        var operations = json.RootElement.GetProperty("paths").EnumerateObject()
            .Where(p => p.Name.StartsWith("/api/", StringComparison.Ordinal))
            .SelectMany(p => p.Value.EnumerateObject().Select(o => (Path: p.Name, Method: o.Name, Operation: o.Value))).ToList();
        operations.Count.ShouldBeGreaterThanOrEqualTo(6);
        foreach (var (path, method, operation) in operations)
        {
            operation.TryGetProperty("security", out var security).ShouldBeTrue($"{method} {path}");
            security.EnumerateArray().Any(r => r.TryGetProperty("Bearer", out var _)).ShouldBeTrue($"{method} {path}");
            operation.GetProperty("responses").TryGetProperty("401", out _).ShouldBeTrue($"{method} {path}");
        }
    }

    // A script generating a client from the document holds a token, not a browser session: any signed-in account may read
    // it (it describes the calls, no data), by cookie or token, and a refusal is a problem like the API's, not the sign-in page.

    [Fact]
    public async Task OpenApiDocument_WithAToken_IsServed_WhateverTheAccountsRole()
    {
        var secret = MakeToken("practitioner", Role.Practitioner, "generates a client");

        var response = await Bearer(secret).GetAsync("/openapi/v1.json");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        json.RootElement.GetProperty("components").GetProperty("securitySchemes").TryGetProperty("Bearer", out _).ShouldBeTrue();
        json.RootElement.GetProperty("paths").TryGetProperty("/api/runs", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task OpenApiDocument_Anonymous_Is401ProblemNotTheSignInPage()
    {
        var response = await site.CreateClient(new() { AllowAutoRedirect = false }).GetAsync("/openapi/v1.json");

        await ShouldBeProblemAsync(response, HttpStatusCode.Unauthorized, "Authorization: Bearer");
        response.Headers.WwwAuthenticate.ToString().ShouldContain("Bearer");
    }

    [Fact]
    public async Task OpenApiDocument_RevokedToken_Is401ProblemSayingSo_AndTheRefusalIsAudited()
    {
        var secret = MakeToken("analyst", Role.Analyst, "revoked before reading the document");
        using (var db = site.OpenDatabase())
            db.ApiTokens.Where(t => t.Name == "revoked before reading the document")
                .ExecuteUpdate(s => s.SetProperty(t => t.RevokedTicks, site.Clock.GetUtcNow().UtcTicks).SetProperty(t => t.RevokedBy, "analyst"));

        var response = await Bearer(secret).GetAsync("/openapi/v1.json");

        await ShouldBeProblemAsync(response, HttpStatusCode.Unauthorized, "revoked");
        using var check = site.OpenDatabase();
        var entry = LastEntry(check, "token.refused");
        entry.Details.ShouldContain("\"reason\":\"revoked\"");
        entry.Details.ShouldContain("/openapi/v1.json");
    }

    [Fact]
    public async Task OpenApiDocument_BadTokens_CountAgainstTheApiRateLimit()
    {
        using var limited = new ConfiguredSiteFactory("Testing", new Dictionary<string, string?> { ["RateLimits:ApiPerMinute"] = "2" });
        var client = limited.CreateClient(new() { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "cct_guessed0000000000000000000000000000000000");

        for (var i = 0; i < 2; i++) (await client.GetAsync("/openapi/v1.json")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        (await client.GetAsync("/openapi/v1.json")).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
    }

    // ---- helpers ----

    private static async Task<(HttpResponseMessage Response, string Secret)> MakeTokenAsync(HttpClient client, string name, string days)
    {
        var page = await client.GetStringAsync("/account/tokens");
        var response = await client.PostAsync("/account/tokens", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Name"] = name, ["Days"] = days, ["__RequestVerificationToken"] = SignedInClient.AntiforgeryToken(page),
        }));
        var html = await response.Content.ReadAsStringAsync();
        return (response, SecretPattern().Match(html).Groups[1].Value);
    }

    /// <summary>A token made by the use case the page uses, for tests about using one.</summary>
    private string MakeToken(string userName, Role role, string name)
    {
        using var scope = site.Services.CreateScope();
        var made = scope.ServiceProvider.GetRequiredService<ApiTokens>().Create(new StaffUser(userName, userName, [role]), name, "30");
        made.Succeeded.ShouldBeTrue(made.Error);
        return made.Value.Secret;
    }

    private async Task CreateAccountAsync(string userName, string roles)
    {
        using var scope = site.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffAccount>>();
        (await users.CreateAsync(new StaffAccount { UserName = userName, DisplayName = userName, Roles = roles })).Succeeded.ShouldBeTrue();
    }

    private async Task ChangeAccountAsync(string userName, Action<StaffAccount> change)
    {
        using var scope = site.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffAccount>>();
        var account = (await users.FindByNameAsync(userName))!;
        change(account);
        (await users.UpdateAsync(account)).Succeeded.ShouldBeTrue();
    }

    private HttpClient Bearer(string token)
    {
        var client = site.CreateClient(new() { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task ShouldBeProblemAsync(HttpResponseMessage response, HttpStatusCode status, string detailContains)
    {
        response.StatusCode.ShouldBe(status);
        response.Headers.Location.ShouldBeNull();
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        json.RootElement.GetProperty("status").GetInt32().ShouldBe((int)status);
        json.RootElement.GetProperty("title").GetString().ShouldNotBeNullOrWhiteSpace();
        json.RootElement.GetProperty("detail").GetString()!.ShouldContain(detailContains);
    }

    private static StoredAuditEvent LastEntry(Data.ComplexCasesDbContext db, string eventType) =>
        db.AuditEvents.Where(e => e.EventType == eventType).OrderByDescending(e => e.Sequence).First();

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    [GeneratedRegex("id=\"secret\" type=\"text\" readonly value=\"(cct_[^\"]+)\"")]
    private static partial Regex SecretPattern();
}
