using ComplexCases.Application;
using ComplexCases.Application.Access;
using ComplexCases.Application.Panels;
using ComplexCases.Domain.Panels;
using ComplexCases.Web.SignIn;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace ComplexCases.Web.Pages.Panels.Directory;

/// <summary>Change a member's details, or deactivate them (they stay on past meetings; they can no longer be invited or see agendas).</summary>
[Authorize(Policy = nameof(Permission.ManagePanels))]
public sealed class EditModel(PanelDirectory directory) : MemberFormPage
{
    [FromRoute] public long MemberId { get; set; }
    [BindProperty] public bool Active { get; set; }
    /// <summary>The member as the form was built (see <see cref="PanelDirectory.Stamp"/>): a change made meanwhile is not overwritten.</summary>
    [BindProperty] public string? Stamp { get; set; }

    public IActionResult OnGet()
    {
        if (directory.Find(CurrentUser.Require(HttpContext), MemberId) is not { } member) return NotFound();
        (Name, Agency, JobTitle, Email, UserName, Active, Stamp) =
            (member.Name, ((Agency)member.Agency).ToKey(), member.JobTitle, member.Email, member.UserName, member.Active, PanelDirectory.Stamp(member));
        return Page();
    }

    public IActionResult OnPost()
    {
        var result = directory.Edit(CurrentUser.Require(HttpContext), MemberId, Stamp, Input(), Active);
        if (result.Status == UseCaseStatus.NotFound) return NotFound();
        if (!result.Succeeded) return Refused(result);
        Banner($"{result.Value!.Name}'s directory entry saved{(result.Value.Active ? "" : ": inactive")}.");
        return Redirect("/panels/directory");
    }
}
