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

        var change = AccountChange.From(Form, IsNew);
        if (change.Succeeded) Errors.AddRange(await accounts.RefusalsAsync(admin, account, change.Value));
        else Errors.AddRange(change.Errors.Select(e => (e.Field, e.Message)));
        if (Errors.Count > 0) return Invalid();

        // The account, its claims, its security stamp and the audit entry are saved together, or not at all.
        var saved = await accounts.SaveAsync(admin, account, change.Value!);
        if (saved.IsConflict) return await ConflictAsync(saved.Account!);
        if (!saved.Succeeded)
        {
            Errors.AddRange(saved.Errors);
            return Invalid();
        }
        TempData["Saved"] = $"{saved.Account!.UserName} saved";
        return Redirect("/admin/users");
    }

    private Task<HashSet<string>> LimitedAccessOf(StaffAccount account) => accounts.LimitedAccessOfAsync(account);

    /// <summary>The form as posted, for the rules every account follows (<see cref="AccountChange.From"/>).</summary>
    private AccountForm Form => new()
    {
        UserName = UserName, DisplayName = DisplayName, Email = Email, Roles = Roles, StaffCode = StaffCode, TeamCodes = TeamCodes,
        PduCode = PduCode, RegionCode = RegionCode, LimitedAccessCrns = LimitedAccessCrns, Password = Password, Locked = Locked,
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
}
