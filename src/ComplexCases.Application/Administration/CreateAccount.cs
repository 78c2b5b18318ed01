using ComplexCases.Application.Access;
using ComplexCases.Data.Accounts;
using ComplexCases.Domain.Workflow;
using Microsoft.AspNetCore.Identity;

namespace ComplexCases.Application.Administration;

/// <summary>An account to create from the command line: roles as typed (<c>Administrator</c>, <c>head-of-pdu</c>), no password for OpenID Connect.</summary>
public sealed record NewAccount(string UserName, IReadOnlyList<string> Roles)
{
    public string? DisplayName { get; init; }
    public string? Email { get; init; }
    public string? StaffCode { get; init; }
    public string? TeamCodes { get; init; }
    public string? PduCode { get; init; }
    public string? RegionCode { get; init; }
    /// <summary>Null: the person signs in through the organisation's identity provider, whose user-name claim must equal <see cref="UserName"/>.</summary>
    public string? Password { get; init; }
}

/// <summary>
/// <c>complexcases admin create</c>: adds an account (typically the first administrator of a new deployment, who then adds
/// everyone else on <c>/admin/users</c>). Saved through <see cref="AccountAdministration"/>, as the web's admin page saves,
/// so the account, its audit entry (<c>account.created</c>) and the password rules are the same whichever way it was made.
/// </summary>
public sealed class CreateAccount(AccountAdministration accounts, UserManager<StaffAccount> users)
{
    /// <param name="actor">Who is creating it, for the audit entry (on the command line <c>cli:&lt;operating-system user&gt;</c>).</param>
    public async Task<UseCaseResult<StaffAccount>> RunAsync(NewAccount account, string actor)
    {
        ArgumentNullException.ThrowIfNull(account);
        var userName = account.UserName.Trim();
        // As the web's add-account form checks ("new" is that form's own address, never a user name).
        if (!StaffIdentity.IsUserName(userName) || userName == "new")
            return UseCaseResult<StaffAccount>.Invalid("userName", "--user: give a user name of 2 to 64 letters, digits, dots, hyphens, underscores or @ (e.g. jane.smith@justice.gov.uk)");
        var roles = new List<Role>();
        foreach (var text in account.Roles)
        {
            if (ParseRole(text) is { } role) roles.Add(role);
            else return UseCaseResult<StaffAccount>.Invalid("roles", $"--role: '{text}' is not a role (roles: {string.Join(", ", Enum.GetNames<Role>())})");
        }
        if (roles.Count == 0) roles.Add(Role.Administrator);
        if (MissingCode(roles, account) is { } missing) return UseCaseResult<StaffAccount>.Invalid("roles", missing);
        if (account.Password is { } password && password.Length < StaffIdentity.MinimumPasswordLength)
            return UseCaseResult<StaffAccount>.Invalid("password", $"the password must be at least {StaffIdentity.MinimumPasswordLength} characters");
        if (await users.FindByNameAsync(userName) is not null)
            return UseCaseResult<StaffAccount>.Invalid("userName", $"--user: an account named {userName} already exists; change it on /admin/users");

        var change = new AccountChange(userName, Blank(account.DisplayName) ?? userName, Blank(account.Email),
            string.Join(',', roles.Distinct().Order()), Blank(account.StaffCode), Blank(account.TeamCodes), Blank(account.PduCode),
            Blank(account.RegionCode), new HashSet<string>(StringComparer.Ordinal)) { Password = account.Password };
        // The command line has no signed-in user: the actor stands for one, with the role that may add accounts.
        var saved = await accounts.SaveAsync(new StaffUser(actor, actor, [Role.Administrator]), null, change);
        if (saved.Succeeded) return UseCaseResult<StaffAccount>.Ok(saved.Account!);
        return UseCaseResult<StaffAccount>.Invalid([.. saved.Errors.Select(e => new FieldError(e.Field, e.Message))]);
    }

    /// <summary>A role by its name in any case, hyphens allowed (<c>head-of-pdu</c>, <c>HeadOfPdu</c>).</summary>
    public static Role? ParseRole(string text) =>
        Enum.TryParse<Role>(text.Replace("-", "", StringComparison.Ordinal).Trim(), ignoreCase: true, out var role)
        && Enum.IsDefined(role) && !int.TryParse(text, out _) ? role : null;

    /// <summary>The codes each role needs, or it would reach no case (as the admin page asks).</summary>
    private static string? MissingCode(List<Role> roles, NewAccount a)
    {
        if (roles.Contains(Role.Practitioner) && Blank(a.StaffCode) is null) return "a practitioner needs --staff-code";
        if (roles.Contains(Role.Spo) && Blank(a.StaffCode) is null && Blank(a.TeamCodes) is null) return "an SPO needs --staff-code or --team";
        if (roles.Contains(Role.HeadOfPdu) && Blank(a.PduCode) is null) return "a head of PDU needs --pdu";
        if ((roles.Contains(Role.PanelTeam) || roles.Contains(Role.Qdo)) && Blank(a.RegionCode) is null) return "the panel team and QDOs need --region";
        return null;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
