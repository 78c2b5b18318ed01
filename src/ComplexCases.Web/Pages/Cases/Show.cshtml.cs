using ComplexCases.Application.Cases;
using ComplexCases.Data;
using ComplexCases.Application.Access;
using ComplexCases.Application.Audit;
using ComplexCases.Domain.Audit;
using ComplexCases.Web.SignIn;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplexCases.Web.Pages.Cases;

/// <summary>Why a person is listed: each criterion with its evidence, and their history month by month.</summary>
[Authorize(Policy = nameof(Permission.ViewCaseNames))]
public sealed class ShowModel(ComplexCasesDbContext db, Auditing audit) : PageModel
{
    [FromRoute] public string Crn { get; set; } = "";
    [FromQuery] public int? Run { get; set; }

    public CaseDetails? Case { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        // Not listed, not visible and malformed all look the same from outside: nothing to say about that CRN.
        if (!Domain.People.Crn.TryParse(Crn, out _)) return NotFound();
        var user = CurrentUser.Require(HttpContext);
        Case = CaseQuery.Run(db, Crn, Run, q => q.PermittedTo(user, Permission.ViewCaseNames));
        if (Case is null)
        {
            // Someone asked for a case they may not see (or that is not listed): say nothing about it, but record the attempt.
            await audit.RecordAsync(user, AuditAction.Consultation, AuditEventTypes.AccessDenied, "case page requested", [Crn], $"path=/cases/{Crn}");
            return NotFound();
        }
        await audit.RecordAsync(user, AuditAction.Consultation, AuditEventTypes.CaseViewed, "complex case review", [Crn], $"run={Case.Listed.RunId}");
        return Page();
    }
}
