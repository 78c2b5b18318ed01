using ComplexCases.Data.Accounts;
using ComplexCases.Domain.People;
using ComplexCases.Domain.Workflow;

namespace ComplexCases.Application.Access;

/// <summary>
/// An account as checked and normalised by <see cref="From"/> (roles in order, codes trimmed, blank as null, team codes
/// comma-separated): what <see cref="AccountAdministration"/> stores.
/// </summary>
public sealed record AccountChange(string UserName, string DisplayName, string? Email, string Roles, string? StaffCode, string? TeamCodes,
    string? PduCode, string? RegionCode, IReadOnlySet<string> LimitedAccessCrns)
{
    /// <summary>Only for a new account; none: the person signs in through the organisation's identity provider.</summary>
    public string? Password { get; init; }
    public bool Locked { get; init; }
    /// <summary>The account's stamp when the form was shown: a different one now means someone else saved first.</summary>
    public string? ConcurrencyStamp { get; init; }

    /// <summary>Bounded so that every change fits its audit entry (and the columns).</summary>
    public const int MaxDisplayName = 128, MaxCode = 16, MaxTeamCodes = 400, MaxEmail = 256, MaxLimitedAccessCrns = 200;

    /// <summary>
    /// The one set of rules for an account's fields, whoever typed them (the admin page, <c>complexcases admin create</c>):
    /// every problem at once, by field, or the account as it would be stored.
    /// </summary>
    /// <param name="isNew">A new account: its user name and password are checked (an existing one keeps both).</param>
    public static UseCaseResult<AccountChange> From(AccountForm form, bool isNew)
    {
        ArgumentNullException.ThrowIfNull(form);
        var errors = new List<FieldError>();
        void Add(string field, string message) => errors.Add(new FieldError(field, message));

        var userName = form.UserName?.Trim() ?? "";
        // "new" is the add page's own address, never a user name.
        if (isNew && (!StaffIdentity.IsUserName(userName) || userName == "new"))
            Add("userName", "Enter a user name of 2 to 64 letters, digits, dots, hyphens, underscores or @ (e.g. jane.smith@justice.gov.uk)");
        var displayName = form.DisplayName?.Trim() ?? "";
        if (displayName.Length == 0) Add("displayName", "Enter the person's name");
        else if (displayName.Length > MaxDisplayName) Add("displayName", $"Name must be {MaxDisplayName} characters or fewer");
        var roles = new List<Role>();
        foreach (var text in form.Roles)
        {
            if (ParseRole(text) is { } role) roles.Add(role);
            else Add("roles", $"'{text}' is not a role (roles: {string.Join(", ", Enum.GetNames<Role>())})");
        }
        if (roles.Count == 0) Add("roles", "Choose at least one role");
        var crns = new HashSet<string>(StringComparer.Ordinal);
        foreach (var text in (form.LimitedAccessCrns ?? "").Split([',', '\n', '\r', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Crn.TryParse(text, out _)) crns.Add(text);
            else Add("limitedAccessCrns", $"'{text}' is not a CRN (a capital letter and six digits, like E123456)");
        }
        if (crns.Count > MaxLimitedAccessCrns) Add("limitedAccessCrns", $"An account can be named for at most {MaxLimitedAccessCrns} limited-access cases");
        // The codes each role needs, or it would reach no case.
        var (staffCode, teamCodes, pduCode, regionCode) = (Blank(form.StaffCode), Blank(form.TeamCodes), Blank(form.PduCode), Blank(form.RegionCode));
        if (roles.Contains(Role.Practitioner) && staffCode is null) Add("staffCode", "A practitioner needs their staff code");
        if (roles.Contains(Role.Spo) && staffCode is null && teamCodes is null) Add("teamCodes", "An SPO needs their staff code or team codes");
        if (roles.Contains(Role.HeadOfPdu) && pduCode is null) Add("pduCode", "A head of PDU needs their PDU code");
        if ((roles.Contains(Role.PanelTeam) || roles.Contains(Role.Qdo)) && regionCode is null) Add("regionCode", "The panel team and QDOs need their region code");
        foreach (var (field, value) in new[] { ("staffCode", staffCode), ("pduCode", pduCode), ("regionCode", regionCode) })
        {
            if (value is not null && value.Length > MaxCode) Add(field, $"Codes must be {MaxCode} characters or fewer");
        }
        if (teamCodes is not null && teamCodes.Length > MaxTeamCodes) Add("teamCodes", $"Team codes must be {MaxTeamCodes} characters or fewer in all");
        var email = Blank(form.Email);
        if (email is not null && email.Length > MaxEmail) Add("email", $"Email address must be {MaxEmail} characters or fewer");
        else if (email is not null && !System.Net.Mail.MailAddress.TryCreate(email, out _)) Add("email", "Enter an email address like name@example.gov.uk");
        // Identity's own rules (digits, upper case) follow when the account is saved.
        if (isNew && !string.IsNullOrEmpty(form.Password) && form.Password.Length < StaffIdentity.MinimumPasswordLength)
            Add("password", $"Password must be at least {StaffIdentity.MinimumPasswordLength} characters");
        if (errors.Count > 0) return UseCaseResult<AccountChange>.Invalid(errors);

        var teams = Blank(string.Join(',', (teamCodes ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));
        return UseCaseResult<AccountChange>.Ok(new AccountChange(userName, displayName, email, string.Join(',', roles.Distinct().Order()),
            staffCode, teams, pduCode, regionCode, crns)
        {
            Password = form.Password,
            Locked = form.Locked,
            ConcurrencyStamp = form.ConcurrencyStamp,
        });
    }

    /// <summary>A role by its name in any case, hyphens allowed (<c>head-of-pdu</c>, <c>HeadOfPdu</c>); never a number.</summary>
    public static Role? ParseRole(string text) =>
        Enum.TryParse<Role>(text.Replace("-", "", StringComparison.Ordinal).Trim(), ignoreCase: true, out var role)
        && Enum.IsDefined(role) && !int.TryParse(text, out _) ? role : null;

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

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
