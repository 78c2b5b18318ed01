using System.Security.Claims;
using ComplexCases.Application.Access;
using ComplexCases.Application.Panels;
using ComplexCases.Data;
using ComplexCases.Data.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ComplexCases.Web.SignIn;

/// <summary>The claims a signed-in user carries, and the <see cref="StaffUser"/> built from them on each request.</summary>
internal static class CurrentUser
{
    public const string StaffCode = "cc:staff";
    public const string Team = "cc:team";
    public const string Pdu = "cc:pdu";
    public const string Region = "cc:region";
    public const string DisplayName = "cc:name";
    /// <summary>A limited-access case the user is named for (an account claim kept by the administrator).</summary>
    public const string LimitedAccess = StaffAccounts.LimitedAccessClaim;

    public static StaffUser? From(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true) return null;
        var roles = principal.FindAll(ClaimTypes.Role).Select(c => Enum.TryParse<Role>(c.Value, out var r) ? r : (Role?)null).OfType<Role>();
        return new StaffUser(principal.Identity.Name ?? principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? "", principal.FindFirstValue(DisplayName) ?? principal.Identity.Name ?? "", roles)
        {
            StaffCode = principal.FindFirstValue(StaffCode),
            TeamCodes = principal.FindAll(Team).Select(c => c.Value).ToHashSet(StringComparer.Ordinal),
            PduCode = principal.FindFirstValue(Pdu),
            RegionCode = principal.FindFirstValue(Region),
            LimitedAccessCrns = principal.FindAll(LimitedAccess).Select(c => c.Value).ToHashSet(StringComparer.Ordinal),
        };
    }

    public static StaffUser Require(HttpContext context)
    {
        if (context.Items[ResolvedUser] is StaffUser resolved) return resolved;
        var user = From(context.User) ?? throw new InvalidOperationException("Pages behind the fallback policy always have a signed-in user.");
        // A panel member's reach follows their invitations and ends when a meeting's follow-up closes, so it is read from the
        // panel records on each request (one indexed query, only for this role) rather than fixed in the sign-in cookie.
        if (user.HasRole(Role.PanelMember))
            user = user with { PanelAgendaCrns = PanelAgenda.CrnsFor(context.RequestServices.GetRequiredService<ComplexCasesDbContext>(), user.Id) };
        context.Items[ResolvedUser] = user;
        return user;
    }

    private static readonly object ResolvedUser = new();

    /// <summary>One authorization policy per permission, named after it; the fallback policy requires sign-in everywhere.</summary>
    public static void AddPermissionPolicies(this AuthorizationOptions options)
    {
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        foreach (var permission in Permissions.AllPermissions)
        {
            options.AddPolicy(permission.ToString(), policy => policy.RequireAuthenticatedUser()
                .RequireAssertion(context => From(context.User)?.Has(permission) == true));
        }
    }
}

/// <summary>Puts an account's roles and scope codes into its sign-in cookie.</summary>
internal sealed class StaffClaimsFactory(UserManager<StaffAccount> users, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<StaffAccount>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(StaffAccount user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(CurrentUser.DisplayName, user.DisplayName));
        foreach (var role in user.Roles.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            identity.AddClaim(new Claim(ClaimTypes.Role, role));
        if (user.StaffCode is { } staff) identity.AddClaim(new Claim(CurrentUser.StaffCode, staff));
        foreach (var team in (user.TeamCodes ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            identity.AddClaim(new Claim(CurrentUser.Team, team));
        if (user.PduCode is { } pdu) identity.AddClaim(new Claim(CurrentUser.Pdu, pdu));
        if (user.RegionCode is { } region) identity.AddClaim(new Claim(CurrentUser.Region, region));
        return identity;
    }
}
