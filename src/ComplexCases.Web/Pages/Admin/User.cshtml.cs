using System.Text.RegularExpressions;
using ComplexCases.Application.Access;
using ComplexCases.Application.Audit;
using ComplexCases.Data.Accounts;
using ComplexCases.Domain.Audit;
using ComplexCases.Domain.People;
using ComplexCases.Web.Cases;
using ComplexCases.Web.SignIn;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplexCases.Web.Pages.Admin;

/// <summary>
/// Adds or changes a staff account: roles, the codes that scope its cases, the limited-access cases it is named for,
/// and whether it is locked. Every change is audited; a save from an out-of-date page is refused (Identity's concurrency stamp).
/// </summary>
[Authorize(Policy = nameof(Permission.ManageUsers))]
public sealed partial class UserModel(UserManager<StaffAccount> users, AccountAdministration accounts, Auditing audit, TimeProvider clock) : PageModel
{
    [FromRoute(Name = "userName")] public string? ExistingUserName { get; set; }

    [BindProperty] public string? UserName { get; set; }
    [BindProperty] public string? DisplayName { get; set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public List<string> Roles { get; set; } = [];
    [BindProperty] public string? StaffCode { get; set; }
    [BindProperty] public string? TeamCodes { get; set; }
    [BindProperty] public string? PduCode { get; set; }
    [BindProperty] public string? RegionCode { get; set; }
    [BindProperty] public string? LimitedAccessCrns { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty] public bool Locked { get; set; }
    [BindProperty] public string? ConcurrencyStamp { get; set; }

    /// <summary>"new" is the add page; it is never a user name (refused below).</summary>
    public bool IsNew => ExistingUserName == NewAccount;

    private const string NewAccount = "new";
    public List<(string Field, string Message)> Errors { get; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (IsNew) return Page();
        var account = await users.FindByNameAsync(ExistingUserName!);
        if (account is null) return NotFound();
        await LoadAsync(account);
        // The page shows the limited-access cases the account is named for.
        await audit.RecordAsync(CurrentUser.Require(HttpContext), AuditAction.Consultation, AuditEventTypes.AccountViewed,
            AccountAdministration.Purpose, await LimitedAccessOf(account), new AuditDetails().Add("account", account.UserName!).ToString());
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var admin = CurrentUser.Require(HttpContext);
        var account = IsNew ? null : await users.FindByNameAsync(ExistingUserName!);
        if (!IsNew && account is null) return NotFound();

        var roles = Validate(out var crns);
        var change = ChangeOf(roles, crns);
        Errors.AddRange(await accounts.RefusalsAsync(admin, account, change));
        if (IsNew && !string.IsNullOrEmpty(Password) && Password.Length < StaffIdentity.MinimumPasswordLength)
            Errors.Add(("password", $"Password must be at least {StaffIdentity.MinimumPasswordLength} characters"));
        if (Errors.Count > 0) return Invalid();

        // The account, its claims, its security stamp and the audit entry are saved together, or not at all.
        var saved = await accounts.SaveAsync(admin, account, change);
        if (saved.IsConflict) return await ConflictAsync(saved.Account!);
        if (!saved.Succeeded)
        {
            Errors.AddRange(saved.Errors);
            return Invalid();
        }
        TempData["Saved"] = $"{saved.Account!.UserName} saved";
        return Redirect("/admin/users");
    }

    private List<Role> Validate(out HashSet<string> crns)
    {
        if (IsNew && (string.IsNullOrWhiteSpace(UserName) || !StaffIdentity.IsUserName(UserName.Trim()) || UserName.Trim() == NewAccount))
            Errors.Add(("userName", "Enter a user name of letters, digits, dots, hyphens or @ (e.g. jane.smith@justice.gov.uk)"));
        if (string.IsNullOrWhiteSpace(DisplayName)) Errors.Add(("displayName", "Enter the person's name"));
        else if (DisplayName.Trim().Length > 128) Errors.Add(("displayName", "Name must be 128 characters or fewer"));
        var roles = new List<Role>();
        foreach (var text in Roles)
        {
            if (Enum.TryParse<Role>(text, out var role) && Enum.IsDefined(role)) roles.Add(role);
            else Errors.Add(("roles", $"'{text}' is not a role"));
        }
        if (roles.Count == 0) Errors.Add(("roles", "Choose at least one role"));
        crns = new HashSet<string>(StringComparer.Ordinal);
        foreach (var text in (LimitedAccessCrns ?? "").Split([',', '\n', '\r', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (RequestCrn.From(text) is not null) crns.Add(text);
            else Errors.Add(("limitedAccessCrns", $"'{text}' is not a CRN (a capital letter and six digits, like E123456)"));
        }
        // Scope codes each role needs, or it would reach nothing.
        if (roles.Contains(Role.Practitioner) && string.IsNullOrWhiteSpace(StaffCode)) Errors.Add(("staffCode", "A practitioner needs their staff code"));
        if (roles.Contains(Role.Spo) && string.IsNullOrWhiteSpace(StaffCode) && string.IsNullOrWhiteSpace(TeamCodes)) Errors.Add(("teamCodes", "An SPO needs their staff code or team codes"));
        if (roles.Contains(Role.HeadOfPdu) && string.IsNullOrWhiteSpace(PduCode)) Errors.Add(("pduCode", "A head of PDU needs their PDU code"));
        if ((roles.Contains(Role.PanelTeam) || roles.Contains(Role.Qdo)) && string.IsNullOrWhiteSpace(RegionCode)) Errors.Add(("regionCode", "The panel team and QDOs need their region code"));
        foreach (var (field, value) in new[] { ("staffCode", StaffCode), ("pduCode", PduCode), ("regionCode", RegionCode) })
        {
            if (value is not null && value.Trim().Length > 16) Errors.Add((field, "Codes must be 16 characters or fewer"));
        }
        // Bounded so that every change fits its audit entry.
        if (TeamCodes is not null && TeamCodes.Trim().Length > 400) Errors.Add(("teamCodes", "Team codes must be 400 characters or fewer in all"));
        if (Email is not null && Email.Trim().Length > 256) Errors.Add(("email", "Email address must be 256 characters or fewer"));
        else if (!string.IsNullOrWhiteSpace(Email) && !System.Net.Mail.MailAddress.TryCreate(Email.Trim(), out _))
            Errors.Add(("email", "Enter an email address like name@example.gov.uk"));
        if (crns.Count > 200) Errors.Add(("limitedAccessCrns", "An account can be named for at most 200 limited-access cases"));
        return roles;
    }

    private Task<HashSet<string>> LimitedAccessOf(StaffAccount account) => accounts.LimitedAccessOfAsync(account);

    /// <summary>The form as it would be stored: roles in order, codes trimmed (blank as none), team codes comma-separated.</summary>
    private AccountChange ChangeOf(List<Role> roles, HashSet<string> crns) => new(
        UserName?.Trim() ?? "",
        DisplayName?.Trim() ?? "",
        string.IsNullOrWhiteSpace(Email) ? null : Email.Trim(),
        string.Join(',', roles.Distinct().Order()),
        Blank(StaffCode),
        Blank(string.Join(',', (TeamCodes ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))),
        Blank(PduCode),
        Blank(RegionCode),
        crns)
    {
        Password = Password,
        Locked = Locked,
        ConcurrencyStamp = ConcurrencyStamp,
    };

    private async Task LoadAsync(StaffAccount account)
    {
        UserName = account.UserName;
        DisplayName = account.DisplayName;
        Email = account.Email;
        Roles = [.. account.Roles.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
        StaffCode = account.StaffCode;
        TeamCodes = account.TeamCodes;
        PduCode = account.PduCode;
        RegionCode = account.RegionCode;
        LimitedAccessCrns = string.Join(", ", (await LimitedAccessOf(account)).Order(StringComparer.Ordinal));
        Locked = account.LockoutEnd is { } end && end > clock.GetUtcNow();
        ConcurrencyStamp = account.ConcurrencyStamp;
    }

    private PageResult Invalid()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<IActionResult> ConflictAsync(StaffAccount latest)
    {
        Errors.Add(("displayName", "Someone else changed this account while you were editing it, so your changes have not been saved. The latest details are shown: make your changes again."));
        ModelState.Clear();
        await LoadAsync(latest);
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
