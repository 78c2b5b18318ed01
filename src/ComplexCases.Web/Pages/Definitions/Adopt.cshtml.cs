using System.Globalization;
using ComplexCases.Application.Access;
using ComplexCases.Application.Definitions;
using ComplexCases.Web.Panels;
using ComplexCases.Web.SignIn;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace ComplexCases.Web.Pages.Definitions;

/// <summary>
/// Adopt a stored definition version for the monthly lists that feed the Complex Case process, from a month on, with a
/// reason (issue 14). Stored as a decision and audited (definition.adopted) in the same transaction.
/// </summary>
[Authorize(Policy = nameof(Permission.AdoptDefinitions))]
public sealed class AdoptModel(DefinitionLibrary library) : PanelFormPage
{
    [BindProperty] public string? Definition { get; set; }
    [BindProperty] public string? EffectiveFrom { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public IReadOnlyList<DefinitionVersion> Versions { get; private set; } = [];
    public IReadOnlyList<DateOnly> Months { get; private set; } = [];

    public void OnGet(string? definition)
    {
        Load();
        Definition = definition;
        EffectiveFrom = Months[0].ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    public IActionResult OnPost()
    {
        Load();
        DateOnly? month = DateOnly.TryParseExact(EffectiveFrom, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var m) ? m : null;
        var result = library.Adopt(CurrentUser.Require(HttpContext), Definition, month, Reason);
        if (!result.Succeeded) return Refused(result);
        var a = result.Value!;
        Banner($"Adopted {a.DefinitionId} version {a.DefinitionVersion} for the monthly lists from {a.EffectiveFrom:MMMM yyyy}.");
        return Redirect("/definitions");
    }

    private void Load()
    {
        Versions = library.Versions();
        Months = library.AdoptableMonths();
    }
}
