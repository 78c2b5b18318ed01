using ComplexCases.Application.Access;
using ComplexCases.Application.Workflow;
using ComplexCases.Data;
using ComplexCases.Web.SignIn;
using ComplexCases.Web.Workflow;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplexCases.Web.Pages;

/// <summary>
/// Who has and has not acted on this month's list, per practitioner, for a PDU in the user's scope. Staff names and counts
/// only, no CRNs (so nothing to audit as a consultation): the list itself is a link away.
/// </summary>
[Authorize(Policy = nameof(Permission.ViewPduProgress))]
public sealed class ProgressModel(ComplexCasesDbContext db, WorkflowSettings settings, WorkflowViews views) : PageModel
{
    [FromQuery(Name = "pdu")] public string? Pdu { get; set; }

    public PduProgressReport? Report { get; private set; }

    public IActionResult OnGet()
    {
        var user = CurrentUser.Require(HttpContext);
        Report = PduProgress.Run(db, user, settings.DefinitionId, string.IsNullOrWhiteSpace(Pdu) ? null : Pdu.Trim(), views.Today);
        // A PDU outside the user's scope (or with nobody listed) is not theirs to see: say nothing about it.
        if (Report is not null && !string.IsNullOrWhiteSpace(Pdu) && Report.Pdu is null) return NotFound();
        return Page();
    }

    public string ListLink(string? practitionerCode = null)
    {
        var link = $"/lists/{Uri.EscapeDataString(Report!.Pdu!.Code)}?run={Report.Run.Id}&status=complex";
        return practitionerCode is null ? link : $"{link}&practitioner={Uri.EscapeDataString(practitionerCode)}";
    }
}
