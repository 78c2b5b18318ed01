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
    /// <summary>The command line's option for each field of <see cref="AccountForm"/>, named in front of its errors.</summary>
    private static readonly Dictionary<string, string> Options = new(StringComparer.Ordinal)
    {
        ["userName"] = "--user", ["displayName"] = "--name", ["email"] = "--email", ["roles"] = "--role", ["staffCode"] = "--staff-code",
        ["teamCodes"] = "--team", ["pduCode"] = "--pdu", ["regionCode"] = "--region",
    };

    /// <param name="actor">Who is creating it, for the audit entry (on the command line <c>cli:&lt;operating-system user&gt;</c>).</param>
    public async Task<UseCaseResult<StaffAccount>> RunAsync(NewAccount account, string actor)
    {
        ArgumentNullException.ThrowIfNull(account);
        // The command line's defaults: an administrator (the first account's usual role), named by the user name.
        var form = new AccountForm
        {
            UserName = account.UserName, DisplayName = string.IsNullOrWhiteSpace(account.DisplayName) ? account.UserName.Trim() : account.DisplayName,
            Email = account.Email, Roles = account.Roles.Count == 0 ? [nameof(Role.Administrator)] : account.Roles, StaffCode = account.StaffCode,
            TeamCodes = account.TeamCodes, PduCode = account.PduCode, RegionCode = account.RegionCode, Password = account.Password,
        };
        var checkedForm = AccountChange.From(form, isNew: true);
        if (!checkedForm.Succeeded) return UseCaseResult<StaffAccount>.Invalid([.. checkedForm.Errors.Select(OnTheCommandLine)]);
        var change = checkedForm.Value;
        if (await users.FindByNameAsync(change.UserName) is not null)
            return UseCaseResult<StaffAccount>.Invalid("userName", $"--user: an account named {change.UserName} already exists; change it on /admin/users");

        // The command line has no signed-in user: the actor stands for one, with the role that may add accounts.
        var saved = await accounts.SaveAsync(new StaffUser(actor, actor, [Role.Administrator]), null, change);
        if (saved.Succeeded) return UseCaseResult<StaffAccount>.Ok(saved.Account!);
        return UseCaseResult<StaffAccount>.Invalid([.. saved.Errors.Select(e => new FieldError(e.Field, e.Message))]);
    }

    /// <summary>An error named by the option to change (<c>--pdu: A head of PDU needs their PDU code</c>).</summary>
    private static FieldError OnTheCommandLine(FieldError error) =>
        Options.TryGetValue(error.Field, out var option) ? error with { Message = $"{option}: {error.Message}" } : error;
}
