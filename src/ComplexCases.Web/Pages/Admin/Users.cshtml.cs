using ComplexCases.Application.Access;
using ComplexCases.Data;
using ComplexCases.Data.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Web.Pages.Admin;

/// <summary>An administrator's list of staff accounts: who holds which roles and scope. No case data.</summary>
[Authorize(Policy = nameof(Permission.ManageUsers))]
public sealed class UsersModel(ComplexCasesDbContext db, TimeProvider clock, Application.Workflow.WorkflowSettings workflow) : PageModel
{
    [FromQuery(Name = "q")] public string? Query { get; set; }

    public IReadOnlyList<StaffAccount> Accounts { get; private set; } = [];

    public DateTimeOffset Now { get; private set; }

    /// <summary>How far the bank holiday calendar reaches: the one piece of reference data an administrator must renew yearly.</summary>
    public Application.Workflow.CalendarStatus Calendar { get; private set; } = null!;

    public void OnGet()
    {
        Now = clock.GetUtcNow();
        Calendar = Application.Workflow.CalendarStatus.Of(workflow.Calendar, Now);
        var accounts = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Query))
        {
            var q = Query.Trim();
            accounts = accounts.Where(a => a.UserName!.Contains(q) || a.DisplayName.Contains(q) || (a.StaffCode != null && a.StaffCode.Contains(q)));
        }
        Accounts = [.. accounts.OrderBy(a => a.UserName).Take(500)];
    }
}
