using ComplexCases.Application.Access;
using ComplexCases.Application.Panels;
using ComplexCases.Web.SignIn;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplexCases.Web.Pages.Panels;

/// <summary>
/// Expertise at panels (the evaluation's knowledge gap): across the meetings the user can see, how often each agency's
/// expertise was needed but not invited, or not there. Counts and dates only, no people.
/// </summary>
[Authorize(Policy = nameof(Permission.ViewPanels))]
public sealed class ExpertiseModel(PanelExpertise expertise) : PageModel
{
    public ExpertiseReport Report { get; private set; } = new([], []);

    public void OnGet() => Report = expertise.Report(CurrentUser.Require(HttpContext));
}
