using ComplexCases.Application.Access;
using ComplexCases.Application.Workflow;
using ComplexCases.Web.SignIn;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplexCases.Web.Pages;

/// <summary>
/// Who has and has not acted on this month's list, per practitioner, for a PDU in the user's scope. Read by
/// <see cref="ShowPduProgress"/>; the list itself is a link away.
/// </summary>
[Authorize(Policy = nameof(Permission.ViewPduProgress))]
public sealed class ProgressModel(ShowPduProgress progress) : PageModel
{
    [FromQuery(Name = "pdu")] public string? Pdu { get; set; }

    public PduProgressReport? Report { get; private set; }

    public IActionResult OnGet()
    {
        var result = progress.Run(CurrentUser.Require(HttpContext), Pdu);
        if (!result.Succeeded) return StatusCode(ResultToPage.StatusCode(result.Status));
        Report = result.Value.Report;
        return Page();
    }

    public string ListLink(string? practitionerCode = null)
    {
        var link = $"/lists/{Uri.EscapeDataString(Report!.Pdu!.Code)}?run={Report.Run.Id}&status=complex";
        return practitionerCode is null ? link : $"{link}&practitioner={Uri.EscapeDataString(practitionerCode)}";
    }
}
