using ComplexCases.Application.Access;
using ComplexCases.Application.Workflow;
using ComplexCases.Data;
using ComplexCases.Data.Accounts;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Application.Administration;

/// <summary>The accounts an administrator's search finds (at most 500), and how far the bank holiday calendar reaches.</summary>
public sealed record AccountList(IReadOnlyList<StaffAccount> Accounts, DateTimeOffset Now, CalendarStatus Calendar);

/// <summary>
/// An administrator's list of staff accounts (<c>/admin/users</c>): who holds which roles and scope. No case data, so no
/// consultation to audit. In its own folder because it reads the workflow's calendar, and Workflow uses Access.
/// </summary>
public sealed class ListAccounts(ComplexCasesDbContext db, TimeProvider clock, WorkflowSettings workflow)
{
    public UseCaseResult<AccountList> Run(StaffUser user, string? query)
    {
        if (!user.Has(Permission.ManageUsers)) return UseCaseResult<AccountList>.Forbidden("Your role does not include managing accounts.");
        var now = clock.GetUtcNow();
        var accounts = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query))
        {
            var q = query.Trim();
            accounts = accounts.Where(a => a.UserName!.Contains(q) || a.DisplayName.Contains(q) || (a.StaffCode != null && a.StaffCode.Contains(q)));
        }
        // The calendar is the one piece of reference data an administrator must renew yearly, so the list says how far it reaches.
        return UseCaseResult<AccountList>.Ok(new AccountList([.. accounts.OrderBy(a => a.UserName).Take(500)], now, CalendarStatus.Of(workflow.Calendar, now)));
    }
}
