using System.Net;
using ComplexCases.Data.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ComplexCases.Web.Tests.SignIn;

/// <summary>Sign-in tells nobody which user names exist, leaves a trace when it fails, is rate-limited, and signing out ends the session.</summary>
public sealed class SignInSecurityTests(DemoSiteFactory site) : IClassFixture<DemoSiteFactory>
{
    [Fact]
    public async Task UnknownUserName_AnswersExactlyAsAWrongPassword_AndIsAudited()
    {
        var client = site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var unknown = await client.PostSignInAsync("nobody-by-this-name", "not-the-password");
        var wrong = await client.PostSignInAsync("analyst", "not-the-password");

        unknown.StatusCode.ShouldBe(wrong.StatusCode);
        var unknownPage = await unknown.Content.ReadAsStringAsync();
        unknownPage.ShouldContain("The user name or password is not right");
        ErrorSummary(unknownPage).ShouldBe(ErrorSummary(await wrong.Content.ReadAsStringAsync()));
        using var db = site.OpenDatabase();
        var entry = db.Set<StoredAuditEvent>().Where(e => e.Actor == "nobody-by-this-name").ToList().ShouldHaveSingleItem();
        entry.EventType.ShouldBe("sign_in.failed");
        entry.Details!.ShouldContain("unknown user name");
    }

    [Fact]
    public async Task SigningOut_EndsTheSessionOnTheServer_ACopiedCookieNoLongerWorks()
    {
        // The stamp is checked on every request here (within a minute in the service), so the test need not wait.
        using var checkEveryRequest = site.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
            services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero)));
        var session = await SessionCookieAsync(checkEveryRequest);
        (await session.Client.GetAsync("/reviews")).StatusCode.ShouldBe(HttpStatusCode.OK);
        // A copy of the session: another client holding the same cookie.
        var copy = checkEveryRequest.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        copy.DefaultRequestHeaders.Add("Cookie", session.Header);
        (await copy.GetAsync("/reviews")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var signOut = await session.Client.PostAsync("/sign-in?handler=SignOut", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = SignedInClient.AntiforgeryToken(await session.Client.GetStringAsync("/")),
        }));
        signOut.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var after = await copy.GetAsync("/reviews");
        after.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        after.Headers.Location!.ToString().ShouldContain("/sign-in");
    }

    [Fact]
    public async Task SignIn_IsRateLimitedPerAddress()
    {
        using var limited = new ConfiguredSiteFactory("Testing", new Dictionary<string, string?> { ["RateLimits:SignInPerMinute"] = "3" });
        var client = limited.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        for (var i = 0; i < 3; i++) (await client.PostSignInAsync("someone", "not-the-password")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var fourth = await client.PostSignInAsync("someone", "not-the-password");

        fourth.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        fourth.Headers.RetryAfter.ShouldNotBeNull();
        (await fourth.Content.ReadAsStringAsync()).ShouldContain("Too many requests");
        // The form itself still opens: only attempts are counted.
        (await client.GetAsync("/sign-in")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("practitioner", "/admin/audit")]
    [InlineData("analyst", "/cases/E000001")]
    [InlineData("practitioner", "/api/runs")]
    public async Task RoleLevelRefusals_AreAudited(string user, string path)
    {
        var client = await site.SignInAsync(user);

        var response = await client.GetAsync(path);

        response.StatusCode.ShouldBeOneOf(HttpStatusCode.Redirect, HttpStatusCode.Forbidden);
        using var db = site.OpenDatabase();
        db.Set<StoredAuditEvent>().Where(e => e.Actor == user && e.EventType == "access.denied").AsEnumerable()
            .ShouldContain(e => e.Details!.Contains(path) && e.Details.Contains("role"));
    }

    /// <summary>Signs in as the QDO on a client whose session cookie the test can read and copy.</summary>
    private static async Task<(HttpClient Client, string Header)> SessionCookieAsync(WebApplicationFactory<Program> factory)
    {
        var handler = new System.Net.CookieContainer();
        var client = factory.CreateDefaultClient(new Uri("http://localhost"), new CookieJar(handler));
        var response = await client.PostSignInAsync("qdo", SignedInClient.Password);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return (client, handler.GetCookieHeader(new Uri("http://localhost/")));
    }

    private static string ErrorSummary(string html)
    {
        var start = html.IndexOf("govuk-error-summary__list", StringComparison.Ordinal);
        return start < 0 ? "" : html[start..html.IndexOf("</ul>", start, StringComparison.Ordinal)];
    }

    /// <summary>Keeps cookies in a container the test can read (the factory's own handler hides its container).</summary>
    private sealed class CookieJar(System.Net.CookieContainer cookies) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var header = cookies.GetCookieHeader(request.RequestUri!);
            if (header.Length > 0) request.Headers.Add("Cookie", header);
            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
                foreach (var value in setCookies) cookies.SetCookies(request.RequestUri!, value);
            return response;
        }
    }
}
