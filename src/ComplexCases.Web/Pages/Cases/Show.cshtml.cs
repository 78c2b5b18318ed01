using ComplexCases.Application.Access;
using ComplexCases.Application.CasePage;
using ComplexCases.Web.Cases;
using ComplexCases.Web.SignIn;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplexCases.Web.Pages.Cases;

/// <summary>Why a person is listed: each criterion with its evidence, and their history month by month.</summary>
[Authorize(Policy = nameof(Permission.ViewCaseNames))]
public sealed class ShowModel(CaseViewQuery cases) : PageModel
{
    [FromRoute] public string Crn { get; set; } = "";
    [FromQuery] public int? Run { get; set; }
    /// <summary><c>?history=all</c>: every month screened, not only the last twelve.</summary>
    [FromQuery] public string? History { get; set; }

    /// <summary>Everything the page and its partials show, read in one place.</summary>
    public CaseView? View { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        // Not a CRN, not listed and out of reach all look the same: 404, and nothing to audit about a CRN that is not one.
        if (RequestCrn.From(Crn) is not { } crn) return NotFound();
        var result = await cases.OpenAsync(CurrentUser.Require(HttpContext), crn, Run, everyMonth: History == "all");
        if (!result.Succeeded) return NotFound();
        View = result.Value;
        return Page();
    }
}
