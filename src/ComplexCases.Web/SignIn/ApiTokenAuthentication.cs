using System.Security.Claims;
using System.Text.Encodings.Web;
using ComplexCases.Application.Access;
using ComplexCases.Application.Audit;
using ComplexCases.Data.Accounts;
using ComplexCases.Web.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ComplexCases.Web.SignIn;

/// <summary>
/// Personal access tokens (<c>Authorization: Bearer cct_…</c>) as an authentication scheme for the JSON API (and its OpenAPI
/// document) only. The default scheme is a selector: a call under <c>/api</c> or <c>/openapi</c> that carries a bearer token is judged by the token alone; everything else
/// (every page, every form post, an API call without a token) by the sign-in cookie, so a token never opens a page.
/// </summary>
internal static class ApiTokenAuthentication
{
    public const string Scheme = "ApiToken";
    public const string Selector = "CookieOrApiToken";
    /// <summary>The token's name on a token-authenticated principal: audit entries of its calls name it.</summary>
    public const string TokenClaim = "cc:token";

    public static AuthenticationBuilder AddApiTokens(this AuthenticationBuilder authentication)
    {
        authentication.AddScheme<AuthenticationSchemeOptions, ApiTokenHandler>(Scheme, "Personal access token", _ => { });
        authentication.AddPolicyScheme(Selector, "Sign-in cookie, or a personal access token on /api", options =>
            options.ForwardDefaultSelector = context => IsApi(context.Request) && Bearer(context.Request) is not null
                ? Scheme : IdentityConstants.ApplicationScheme);
        return authentication;
    }

    public static bool IsApi(HttpRequest request) => ComplexCasesApi.Serves(request.Path);

    /// <summary>The credentials of an <c>Authorization: Bearer</c> header (possibly empty), or null when there is none.</summary>
    public static string? Bearer(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }
}

/// <summary>
/// Checks a bearer token (<see cref="ApiTokens.Check"/>, which audits a refusal) and builds the account's principal from the
/// account as it is now, by the same factory as the sign-in cookie: current roles, codes and limited-access cases.
/// </summary>
internal sealed class ApiTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    IUserClaimsPrincipalFactory<StaffAccount> principals) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private ApiTokenRefusal? _refusal;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (ApiTokenAuthentication.Bearer(Request) is not { } secret) return AuthenticateResult.NoResult();
        var check = Context.RequestServices.GetRequiredService<ApiTokens>().Check(secret, Request.Path.Value ?? "");
        if (!check.Accepted)
        {
            _refusal = check.Refusal;
            return AuthenticateResult.Fail("The token is " + ApiTokens.ReasonKey(check.Refusal ?? ApiTokenRefusal.Unknown));
        }
        var principal = await principals.CreateAsync(check.Account!);
        var identity = new ClaimsIdentity(principal.Claims, Scheme.Name, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ApiTokenAuthentication.TokenClaim, check.TokenName!));
        // The read use cases' entries of this request name the token as well as the account.
        Context.RequestServices.GetRequiredService<Consultations>().Token = check.TokenName;
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = _refusal is null ? "Bearer" : "Bearer error=\"invalid_token\"";
        var detail = _refusal switch
        {
            null => "This call takes a personal access token: send it as 'Authorization: Bearer cct_…'. Make one on your account's API tokens page.",
            ApiTokenRefusal.Expired => "The token has expired. Make a new one on your account's API tokens page.",
            ApiTokenRefusal.Revoked => "The token has been revoked. Make a new one on your account's API tokens page.",
            ApiTokenRefusal.AccountLocked => "The token's account is locked. Ask an administrator.",
            _ => "The token is not one this service issued. Check that the whole token was sent.",
        };
        return ApiProblems.WriteAsync(Context, StatusCodes.Status401Unauthorized, detail);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ApiProblems.WriteAsync(Context, StatusCodes.Status403Forbidden, ApiProblems.ForbiddenDetail(Context));
}
