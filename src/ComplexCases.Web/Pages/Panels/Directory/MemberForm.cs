using ComplexCases.Application.Panels;
using ComplexCases.Domain.Panels;
using ComplexCases.Web.Panels;
using Microsoft.AspNetCore.Mvc;

namespace ComplexCases.Web.Pages.Panels.Directory;

/// <summary>The fields of a directory member, shared by the add and change pages.</summary>
public abstract class MemberFormPage : PanelFormPage
{
    [BindProperty] public string? Name { get; set; }
    /// <summary>The agency's key, e.g. <c>mental_health</c>.</summary>
    [BindProperty] public string? Agency { get; set; }
    [BindProperty] public string? JobTitle { get; set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? UserName { get; set; }

    protected PanelMemberInput Input() =>
        new(Name, Agencies.TryParse(Agency, out var agency) ? agency : null, JobTitle, Email, UserName);
}
