using ComplexCases.Application.Access;
using ComplexCases.Application.RecordChecks;
using ComplexCases.Web.SignIn;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplexCases.Web.Pages.Records;

/// <summary>Possibly complex cases as data-quality tasks: what to check and update in each person's records, and why.</summary>
[Authorize(Policy = nameof(Permission.CheckRecords))]
public sealed class ToCheckModel(RecordsToCheck records) : PageModel
{
    public RecordsToCheckView? View { get; private set; }

    public CaseScope Scope { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var user = CurrentUser.Require(HttpContext);
        Scope = user.Roles.Where(r => Permissions.Has(r, Permission.CheckRecords)).Select(Permissions.ScopeOf).DefaultIfEmpty(CaseScope.None).Max();
        View = await records.OpenAsync(user, cancellationToken);
    }
}
