using ComplexCases.Web.Operations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace ComplexCases.Web.SignIn;

/// <summary>
/// Configuration section <c>Authentication:OpenIdConnect</c>: sign-in through the organisation's identity provider.
/// Off unless both <see cref="Authority"/> and <see cref="ClientId"/> are set. The client secret comes from the
/// environment (<c>Authentication__OpenIdConnect__ClientSecret</c>) or a secret store, never from a file in the repository.
/// </summary>
public sealed class OpenIdConnectSettings
{
    public const string Section = "Authentication:OpenIdConnect";
    /// <summary>The authentication scheme name; also the authentication method recorded in the sign-in cookie.</summary>
    public const string Scheme = "oidc";

    /// <summary>The issuer, e.g. https://login.microsoftonline.com/{tenant}/v2.0; its discovery document is read from here.</summary>
    public string? Authority { get; set; }
    public string? ClientId { get; set; }
    /// <summary>Optional: a confidential client's secret. PKCE is used either way.</summary>
    public string? ClientSecret { get; set; }
    /// <summary>Shown on the button: "Sign in with {DisplayName}".</summary>
    public string DisplayName { get; set; } = "your organisation account";
    /// <summary>The identity provider's claim whose value is a local account's user name.</summary>
    public string UserNameClaim { get; set; } = "preferred_username";
    /// <summary>Space-separated scopes to ask for.</summary>
    public string Scopes { get; set; } = "openid profile email";
    /// <summary>Some providers put the user name claim only in the userinfo response, not the ID token.</summary>
    public bool GetClaimsFromUserInfoEndpoint { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(ClientId);
}

/// <summary>
/// Adds the OpenID Connect scheme when it is configured: authorization code flow with PKCE. The provider only says who
/// someone is; the local <see cref="Data.Accounts.StaffAccount"/> of that user name (roles, scope codes) says what they may
/// do, so the provider's sign-in lands in the external cookie and <c>/sign-in/external</c> swaps it for the usual one.
/// </summary>
internal static class OpenIdConnectSetup
{
    public static OpenIdConnectSettings AddComplexCasesOpenIdConnect(this AuthenticationBuilder authentication, IConfiguration configuration, IHostEnvironment environment)
    {
        var settings = Read(configuration.GetSection(OpenIdConnectSettings.Section), environment);
        authentication.Services.AddSingleton(settings);
        if (!settings.Enabled) return settings;

        authentication.AddOpenIdConnect(OpenIdConnectSettings.Scheme, settings.DisplayName, options =>
        {
            options.Authority = settings.Authority;
            options.ClientId = settings.ClientId;
            options.ClientSecret = string.IsNullOrEmpty(settings.ClientSecret) ? null : settings.ClientSecret;
            options.ResponseType = OpenIdConnectResponseType.Code;
            options.UsePkce = true;
            // Read validated the scheme: http gets here only in Development.
            options.RequireHttpsMetadata = new Uri(settings.Authority!).Scheme == Uri.UriSchemeHttps;
            options.SignInScheme = IdentityConstants.ExternalScheme;
            // Claim names as the provider sends them, so UserNameClaim means what its documentation says.
            options.MapInboundClaims = false;
            // Nothing calls the provider's APIs: keep its tokens out of the cookie.
            options.SaveTokens = false;
            options.GetClaimsFromUserInfoEndpoint = settings.GetClaimsFromUserInfoEndpoint;
            options.Scope.Clear();
            foreach (var scope in settings.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries)) options.Scope.Add(scope);
            options.Events.OnRemoteFailure = context =>
            {
                // Cancelled at the provider, an expired attempt, a refused token: explain on our own page, not an error page.
                context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(OpenIdConnectSetup))
                    .LogWarning(context.Failure, "OpenID Connect sign-in did not complete");
                context.Response.Redirect("/sign-in/external?failed=true");
                context.HandleResponse();
                return Task.CompletedTask;
            };
        });
        // The ID token's lifetime is judged by the service's clock, like every other date it reads (IdentityModel's own
        // check reads the machine clock, which a test or a moved clock could not agree with).
        authentication.Services.AddOptions<OpenIdConnectOptions>(OpenIdConnectSettings.Scheme)
            .Configure<TimeProvider>((options, clock) => options.TokenValidationParameters.LifetimeValidator =
                (notBefore, expires, _, parameters) => TokenLifetime.IsCurrent(notBefore, expires, parameters, clock));
        return settings;
    }

    /// <summary>Reads and checks the section, failing start-up with what to fix rather than failing at someone's first sign-in.</summary>
    internal static OpenIdConnectSettings Read(IConfiguration section, IHostEnvironment environment)
    {
        var settings = section.Get<OpenIdConnectSettings>() ?? new OpenIdConnectSettings();
        var hasAuthority = !string.IsNullOrWhiteSpace(settings.Authority);
        var hasClient = !string.IsNullOrWhiteSpace(settings.ClientId);
        if (!hasAuthority && !hasClient) return settings;
        if (!hasAuthority || !hasClient)
            throw new StartRefusedException($"{OpenIdConnectSettings.Section}: set both Authority and ClientId to sign in with an identity provider, or neither to use local accounts only.");
        if (!Uri.TryCreate(settings.Authority, UriKind.Absolute, out var authority)
            || !(authority.Scheme == Uri.UriSchemeHttps || (authority.Scheme == Uri.UriSchemeHttp && environment.IsDevelopment())))
            throw new StartRefusedException($"{OpenIdConnectSettings.Section}:Authority must be an absolute https URL (http is allowed only in Development), not '{settings.Authority}'.");
        if (string.IsNullOrWhiteSpace(settings.UserNameClaim))
            throw new StartRefusedException($"{OpenIdConnectSettings.Section}:UserNameClaim must name the claim that holds a local account's user name (e.g. preferred_username or email).");
        if (string.IsNullOrWhiteSpace(settings.DisplayName))
            throw new StartRefusedException($"{OpenIdConnectSettings.Section}:DisplayName must say what users sign in with (it labels the sign-in button).");
        if (!settings.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains("openid", StringComparer.Ordinal))
            throw new StartRefusedException($"{OpenIdConnectSettings.Section}:Scopes must include openid.");
        return settings;
    }
}
