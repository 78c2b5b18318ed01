using ComplexCases.Application.Access;
using ComplexCases.Application.Administration;
using ComplexCases.Data.Accounts;
using ComplexCases.Web.SignIn;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplexCases.Web.Pages.Admin;

/// <summary>An administrator's list of staff accounts: who holds which roles and scope. No case data.</summary>
[Authorize(Policy = nameof(Permission.ManageUsers))]
public sealed class UsersModel(ListAccounts listAccounts) : PageModel
{
    [FromQuery(Name = "q")] public string? Query { get; set; }

    public IReadOnlyList<StaffAccount> Accounts { get; private set; } = [];

    public DateTimeOffset Now { get; private set; }

    /// <summary>How far the bank holiday calendar reaches: the one piece of reference data an administrator must renew yearly.</summary>
    public Application.Workflow.CalendarStatus Calendar { get; private set; } = null!;

    public IActionResult OnGet()
    {
        var result = listAccounts.Run(CurrentUser.Require(HttpContext), Query);
        if (!result.Succeeded) return StatusCode(ResultToPage.StatusCode(result.Status));
        (Accounts, Now, Calendar) = (result.Value.Accounts, result.Value.Now, result.Value.Calendar);
        return Page();
    }
}
