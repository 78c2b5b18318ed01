using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace ComplexCases.Web.Operations;

/// <summary>How many sign-in attempts one address, and API calls one user, may make a minute (<c>RateLimits:*</c>).</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Posted sign-ins from one client address a minute: lockout stops guessing one account, this stops spraying many.</summary>
    public int SignInPerMinute { get; init; } = 20;

    /// <summary>JSON API calls by one signed-in user (or, before sign-in, one address) a minute.</summary>
    public int ApiPerMinute { get; init; } = 600;
}

/// <summary>The ASP.NET Core rate limiter on sign-in and the JSON API; a refusal is 429 with Retry-After and a sentence saying so.</summary>
internal static class RateLimits
{
    public const string SignInPolicy = "sign-in";
    public const string ApiPolicy = "api";

    public static IServiceCollection AddComplexCasesRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        if (options.SignInPerMinute < 1 || options.ApiPerMinute < 1)
            throw new StartRefusedException($"{RateLimitOptions.Section}: SignInPerMinute and ApiPerMinute must be 1 or more.");
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(SignInPolicy, context => HttpMethods.IsPost(context.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter("sign-in:" + Address(context), _ => PerMinute(options.SignInPerMinute))
                : RateLimitPartition.GetNoLimiter("sign-in:get"));
            limiter.AddPolicy(ApiPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                "api:" + (context.User.Identity?.IsAuthenticated == true ? "user:" + context.User.Identity.Name : Address(context)),
                _ => PerMinute(options.ApiPerMinute)));
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                rejected.HttpContext.Response.Headers.RetryAfter = "60";
                rejected.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                await rejected.HttpContext.Response.WriteAsync("Too many requests in a minute. Wait a minute, then try again.", cancellationToken);
            };
        });
        return services;
    }

    private static string Address(HttpContext context) =>
        context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static FixedWindowRateLimiterOptions PerMinute(int permits) => new()
    {
        PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0, AutoReplenishment = true,
    };

}
