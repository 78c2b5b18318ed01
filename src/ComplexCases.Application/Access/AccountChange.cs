using ComplexCases.Data.Accounts;

namespace ComplexCases.Application.Access;

/// <summary>
/// An account as the administrator's form leaves it, already checked and normalised by the form (roles in order, codes
/// trimmed, blank as null, team codes comma-separated): what <see cref="AccountAdministration"/> stores.
/// </summary>
public sealed record AccountChange(string UserName, string DisplayName, string? Email, string Roles, string? StaffCode, string? TeamCodes,
    string? PduCode, string? RegionCode, IReadOnlySet<string> LimitedAccessCrns)
{
    /// <summary>Only for a new account; none: the person signs in through the organisation's identity provider.</summary>
    public string? Password { get; init; }
    public bool Locked { get; init; }
    /// <summary>The account's stamp when the form was shown: a different one now means someone else saved first.</summary>
    public string? ConcurrencyStamp { get; init; }

    internal void ApplyTo(StaffAccount account)
    {
        account.DisplayName = DisplayName;
        account.Email = Email;
        account.Roles = Roles;
        account.StaffCode = StaffCode;
        account.TeamCodes = TeamCodes;
        account.PduCode = PduCode;
        account.RegionCode = RegionCode;
    }
}

/// <summary>What saving an account came to: saved; refused with field errors; or a conflict, with the account as it now is.</summary>
public sealed record AccountSaveResult(StaffAccount? Account, IReadOnlyList<(string Field, string Message)> Errors, bool IsConflict)
{
    public bool Succeeded => Errors.Count == 0 && !IsConflict;

    public static AccountSaveResult Saved(StaffAccount account) => new(account, [], false);

    public static AccountSaveResult Invalid(IReadOnlyList<(string Field, string Message)> errors) => new(null, errors, false);

    public static AccountSaveResult Conflict(StaffAccount latest) => new(latest, [], true);
}
