using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ComplexCases.Web.Tests.SignIn;

/// <summary>
/// A minimal OpenID Connect provider on a real loopback socket: discovery document, signing keys and a token endpoint
/// that checks the client, redirect URI and PKCE verifier before issuing a signed ID token. The user's part at the
/// provider (the login form) is played by the test: <see cref="IssueCode"/> is what the provider does after it.
/// </summary>
internal sealed class FakeIdentityProvider : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly RSA _rsa = RSA.Create(2048);
    private readonly RsaSecurityKey _key;
    private readonly ConcurrentDictionary<string, IssuedCode> _codes = new(StringComparer.Ordinal);
    private readonly string _clientId;
    private readonly string? _clientSecret;
    private readonly TimeProvider _clock;

    private FakeIdentityProvider(string clientId, string? clientSecret, TimeProvider clock)
    {
        _clientId = clientId;
        _clientSecret = clientSecret;
        _clock = clock;
        _key = new RsaSecurityKey(_rsa) { KeyId = "fake-idp-key" };
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapGet("/.well-known/openid-configuration", () => Results.Text($$"""
            {
              "issuer": "{{Issuer}}",
              "authorization_endpoint": "{{Issuer}}/authorize",
              "token_endpoint": "{{Issuer}}/token",
              "jwks_uri": "{{Issuer}}/jwks",
              "response_types_supported": ["code"],
              "subject_types_supported": ["public"],
              "id_token_signing_alg_values_supported": ["RS256"],
              "code_challenge_methods_supported": ["S256"]
            }
            """, "application/json"));
        _app.MapGet("/jwks", () =>
        {
            var parameters = _rsa.ExportParameters(includePrivateParameters: false);
            return Results.Json(new
            {
                keys = new[]
                {
                    new { kty = "RSA", use = "sig", alg = "RS256", kid = _key.KeyId, n = Base64UrlEncoder.Encode(parameters.Modulus), e = Base64UrlEncoder.Encode(parameters.Exponent) },
                },
            });
        });
        _app.MapPost("/token", Token);
    }

    public string Issuer { get; private set; } = "";

    /// <summary>Token requests the provider refused, and why (to explain a failing test).</summary>
    public ConcurrentQueue<string> Refusals { get; } = new();

    /// <summary>How old the ID tokens are when issued: zero, or more than their five minutes to send expired ones.</summary>
    public TimeSpan TokenAge { get; set; }

    /// <summary>A provider whose tokens are dated by <paramref name="clock"/>: the site's clock, as a real provider and service agree on the time.</summary>
    public static async Task<FakeIdentityProvider> StartAsync(string clientId, string? clientSecret, TimeProvider clock)
    {
        var idp = new FakeIdentityProvider(clientId, clientSecret, clock);
        await idp._app.StartAsync();
        var address = idp._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        idp.Issuer = new Uri(address).GetLeftPart(UriPartial.Authority);
        return idp;
    }

    /// <summary>What the provider does once the user has signed in there: a one-time code bound to the authorization request.</summary>
    public string IssueCode(string userName, Uri authorizeRequest)
    {
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(authorizeRequest.Query);
        var code = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(24));
        _codes[code] = new IssuedCode(userName, query["nonce"].ToString(), query["code_challenge"].ToString(), query["redirect_uri"].ToString());
        return code;
    }

    private async Task<IResult> Token(HttpRequest request)
    {
        var form = await request.ReadFormAsync();
        string? problem = null;
        if (form["grant_type"] != "authorization_code") problem = "grant_type";
        else if (!_codes.TryRemove(form["code"].ToString(), out var issued)) problem = "unknown or reused code";
        else if (form["client_id"] != _clientId) problem = "client_id";
        else if (_clientSecret is not null && form["client_secret"] != _clientSecret) problem = "client_secret";
        else if (form["redirect_uri"] != issued.RedirectUri) problem = "redirect_uri";
        else if (Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(form["code_verifier"].ToString()))) != issued.CodeChallenge) problem = "PKCE code_verifier";
        else
        {
            var accessToken = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
            var now = (_clock.GetUtcNow() - TokenAge).UtcDateTime;
            var idToken = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
            {
                Issuer = Issuer,
                Audience = _clientId,
                IssuedAt = now,
                NotBefore = now,
                Expires = now.AddMinutes(5),
                Claims = new Dictionary<string, object>
                {
                    ["sub"] = "idp-" + issued.UserName,
                    ["preferred_username"] = issued.UserName,
                    ["nonce"] = issued.Nonce,
                    ["at_hash"] = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(accessToken))[..16]),
                },
                SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha256),
            });
            return Results.Json(new Dictionary<string, object> { ["access_token"] = accessToken, ["token_type"] = "Bearer", ["expires_in"] = 300, ["id_token"] = idToken });
        }
        Refusals.Enqueue(problem);
        return Results.Json(new { error = "invalid_grant", error_description = problem }, statusCode: StatusCodes.Status400BadRequest);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _rsa.Dispose();
    }

    private sealed record IssuedCode(string UserName, string Nonce, string CodeChallenge, string RedirectUri);
}
