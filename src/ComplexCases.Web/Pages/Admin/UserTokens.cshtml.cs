using ComplexCases.Application.Access;
using ComplexCases.Application.Audit;
using ComplexCases.Domain.Audit;
using ComplexCases.Web.SignIn;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplexCases.Web.Pages.Admin;

/// <summary>An administrator sees any account's API tokens and revokes them (a leaked token, a person leaving).</summary>
[Authorize(Policy = nameof(Permission.ManageUsers))]
public sealed class UserTokensModel(UserManager<Data.Accounts.StaffAccount> users, ApiTokens tokens, Auditing audit, TimeProvider clock) : PageModel
{
    [FromRoute(Name = "userName")] public string AccountName { get; set; } = "";

    public IReadOnlyList<ApiTokenRow> Tokens { get; private set; } = [];
    public string? Revoked { get; private set; }
    public DateTimeOffset Now => clock.GetUtcNow();

    public async Task<IActionResult> OnGetAsync(string? revoked)
    {
        if (await users.FindByNameAsync(AccountName) is null) return NotFound();
        Revoked = revoked;
        Tokens = tokens.ListFor(AccountName);
        await audit.RecordAsync(CurrentUser.Require(HttpContext), AuditAction.Consultation, AuditEventTypes.AccountViewed,
            AccountAdministration.Purpose, [], new AuditDetails().Add("account", AccountName).Add("page", "tokens").ToString());
        return Page();
    }

    public IActionResult OnPostRevoke(Guid id)
    {
        var result = tokens.Revoke(CurrentUser.Require(HttpContext), AccountName, id);
        if (!result.Succeeded) return NotFound();
        return RedirectToPage(new { userName = AccountName, revoked = result.Value.Name });
    }
}
