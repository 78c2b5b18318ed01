using ComplexCases.Application.Access;
using ComplexCases.Application.Audit;
using ComplexCases.Application.Panels;
using ComplexCases.Domain.Audit;
using ComplexCases.Web.Cases;
using ComplexCases.Web.SignIn;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplexCases.Web.Pages.Panels;

/// <summary>
/// The panel's view of a case on a meeting's agenda: only the fields a panel needs. The only view of a case a panel member
/// from another agency has, and only while the meeting's follow-up is open.
/// </summary>
[Authorize(Policy = nameof(Permission.ViewPanelCase))]
public sealed class CaseModel(PanelCases cases, Auditing audit) : PageModel
{
    [FromRoute] public long Id { get; set; }
    [FromRoute] public string Crn { get; set; } = "";

    public PanelCaseView View { get; private set; } = null!;
    public bool MayManage { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = CurrentUser.Require(HttpContext);
        if (RequestCrn.From(Crn) is not { } crn || cases.Find(user, Id, crn) is not { } view)
        {
            // Not on the agenda, not in reach and not a case all look the same; the attempt is recorded.
            await audit.RecordAsync(user, AuditAction.Consultation, AuditEventTypes.AccessDenied, "panel case requested", [Crn], $"path=/panels/{Id}/cases/{Crn}");
            return NotFound();
        }
        View = view;
        MayManage = PanelScope.MayManage(user, view.Meeting.RegionCode);
        await audit.RecordAsync(user, AuditAction.Consultation, AuditEventTypes.PanelCaseViewed, "Complex Case Panel: case on the agenda", [Crn],
            new AuditDetails().Add("meetingId", Id).ToString());
        return Page();
    }
}
