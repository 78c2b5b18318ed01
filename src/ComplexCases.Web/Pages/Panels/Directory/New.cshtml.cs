using ComplexCases.Application;
using ComplexCases.Application.Access;
using ComplexCases.Application.Panels;
using ComplexCases.Web.SignIn;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace ComplexCases.Web.Pages.Panels.Directory;

[Authorize(Policy = nameof(Permission.ManagePanels))]
public sealed class NewModel(PanelDirectory directory) : MemberFormPage
{
    public IActionResult OnGet() => PanelScope.ManagedRegion(CurrentUser.Require(HttpContext)) is null ? NotFound() : Page();

    public IActionResult OnPost()
    {
        var result = directory.Add(CurrentUser.Require(HttpContext), Input());
        if (result.Status == UseCaseStatus.NotFound) return NotFound();
        if (!result.Succeeded) return Refused(result);
        Banner($"{result.Value!.Name} added to the panel directory.");
        return Redirect("/panels/directory");
    }
}
