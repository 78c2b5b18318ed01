using System.Security.Claims;
using ComplexCases.Data.Accounts;
using Microsoft.AspNetCore.Identity;

namespace ComplexCases.Web.SignIn;

/// <summary>Who the identity provider says someone is, and the local account that decides what they may do (null when refused).</summary>
public sealed record ExternalAccountMatch(string? UserName, StaffAccount? Account, string? Refusal)
{
    public bool Matched => Account is not null;
}

/// <summary>
/// Maps an identity provider's user to a local <see cref="StaffAccount"/>: the configured claim's value must be an
/// existing account's user name. Accounts, roles and scopes stay administered here; a provider user with no account
/// (or a locked one) gets nothing.
/// </summary>
public sealed class ExternalAccounts(UserManager<StaffAccount> users, OpenIdConnectSettings settings)
{
    public async Task<ExternalAccountMatch> MatchAsync(ClaimsPrincipal external)
    {
        var userName = external.FindFirst(settings.UserNameClaim)?.Value.Trim();
        if (string.IsNullOrEmpty(userName))
            return new ExternalAccountMatch(null, null, $"{settings.DisplayName} did not say who you are (no {settings.UserNameClaim}).");
        var account = await users.FindByNameAsync(userName);
        if (account is null)
            return new ExternalAccountMatch(userName, null, $"There is no account for {userName} in this service.");
        if (await users.IsLockedOutAsync(account))
            return new ExternalAccountMatch(userName, null, $"The account for {userName} is locked.");
        return new ExternalAccountMatch(userName, account, null);
    }
}
