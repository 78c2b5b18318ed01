using ComplexCases.Application;
using ComplexCases.Application.Access;
using ComplexCases.Application.Audit;
using ComplexCases.Application.Panels;
using ComplexCases.Domain.Audit;
using ComplexCases.Web.Panels;
using ComplexCases.Web.SignIn;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace ComplexCases.Web.Pages.Panels;

/// <summary>
/// A meeting: who is invited and attended (with agencies), the agenda with each case's needed expertise, and the gap — before
/// the meeting against the invitations, after it against attendance.
/// </summary>
[Authorize(Policy = nameof(Permission.ViewPanels))]
public sealed class ShowModel(PanelMeetings meetings, Auditing audit, Pseudonymiser pseudonyms) : PanelFormPage
{
    [FromRoute] public long Id { get; set; }

    public MeetingDetails Meeting { get; private set; } = null!;
    public bool MayManage { get; private set; }
    private StaffUser _user = null!;

    public async Task<IActionResult> OnGetAsync()
    {
        _user = CurrentUser.Require(HttpContext);
        if (_user.RegionCode is { } region) meetings.CloseFinishedFollowUps(region);
        return await Show();
    }

    /// <summary>The panel team closes the follow-up: the meeting's record is complete and panel members' access to its cases ends.</summary>
    public async Task<IActionResult> OnPostCloseAsync([FromForm] int version)
    {
        _user = CurrentUser.Require(HttpContext);
        var result = meetings.CloseFollowUp(_user, Id, version);
        if (result.Status == UseCaseStatus.NotFound) return NotFound();
        if (result.Succeeded)
        {
            Banner("The meeting's follow-up is closed. Panel members no longer see its cases.");
            return Redirect($"/panels/{Id}");
        }
        var shown = await Show();
        if (shown is not Microsoft.AspNetCore.Mvc.RazorPages.PageResult) return shown;
        return Refused(result);
    }

    public bool MayOpen(AgendaCase item) => PanelScope.MayOpenCase(_user, item.Listing.Facts);

    /// <summary>Names for those who may see them on this case (the panel team, QDOs, invited members for agenda cases); a pseudonym otherwise.</summary>
    public bool ShowsIdentity(AgendaCase item) => MayOpen(item) || CaseAccess.CanSeeNames(_user, item.Listing.Facts);

    public string Reference(AgendaCase item) => ShowsIdentity(item) ? item.Crn : pseudonyms.For(Domain.People.Crn.Parse(item.Crn));

    public string Name(AgendaCase item) => ShowsIdentity(item) ? $"{item.Listing.Forename} {item.Listing.Surname}" : "Withheld";

    private async Task<IActionResult> Show()
    {
        if (meetings.Find(_user, Id) is not { } meeting)
        {
            await audit.RecordAsync(_user, AuditAction.Consultation, AuditEventTypes.AccessDenied, "panel meeting requested", [], $"path=/panels/{Id}");
            return NotFound();
        }
        Meeting = meeting;
        MayManage = PanelMeetings.MayManage(_user, meeting.Meeting);
        await audit.RecordAsync(_user, AuditAction.Consultation, AuditEventTypes.PanelMeetingViewed, "Complex Case Panel: meeting and agenda",
            meeting.Agenda.Where(ShowsIdentity).Select(a => a.Crn), new AuditDetails().Add("meetingId", Id).ToString());
        return Page();
    }
}
