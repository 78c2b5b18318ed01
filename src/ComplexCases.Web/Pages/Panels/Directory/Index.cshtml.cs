using ComplexCases.Application.Access;
using ComplexCases.Application.Panels;
using ComplexCases.Data.Workflow;
using ComplexCases.Web.SignIn;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplexCases.Web.Pages.Panels.Directory;

/// <summary>The panel directory of the panel team's region: who can be invited, by agency.</summary>
[Authorize(Policy = nameof(Permission.ManagePanels))]
public sealed class IndexModel(PanelDirectory directory) : PageModel
{
    public IReadOnlyList<PanelMemberRecord> Members { get; private set; } = [];

    public IActionResult OnGet()
    {
        var user = CurrentUser.Require(HttpContext);
        if (PanelScope.ManagedRegion(user) is null) return NotFound();
        Members = directory.List(user);
        return Page();
    }
}
