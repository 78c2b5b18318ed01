using Microsoft.IdentityModel.Tokens;

namespace ComplexCases.Web.SignIn;

/// <summary>Whether a token is within its not-before and expiry times by the service's clock, allowing the configured skew.</summary>
internal static class TokenLifetime
{
    public static bool IsCurrent(DateTime? notBefore, DateTime? expires, TokenValidationParameters parameters, TimeProvider clock)
    {
        if (expires is null && parameters.RequireExpirationTime) return false;
        var now = clock.GetUtcNow().UtcDateTime;
        if (notBefore is { } from && from.ToUniversalTime() > now + parameters.ClockSkew) return false;
        return expires is not { } until || until.ToUniversalTime() >= now - parameters.ClockSkew;
    }
}
