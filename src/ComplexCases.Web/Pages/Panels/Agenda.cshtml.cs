using ComplexCases.Application;
using ComplexCases.Application.Access;
using ComplexCases.Application.Panels;
using ComplexCases.Web.Panels;
using ComplexCases.Web.SignIn;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace ComplexCases.Web.Pages.Panels;

/// <summary>The panel team puts cases referred to panel (awaiting panel, in their region) on the agenda, seeing the expertise each needs.</summary>
[Authorize(Policy = nameof(Permission.ManagePanels))]
public sealed class AgendaModel(PanelMeetings meetings, Auditing audit) : PanelFormPage
{
    [FromRoute] public long Id { get; set; }
    [BindProperty] public List<string> Crns { get; set; } = [];
    [BindProperty] public int Version { get; set; }

    public MeetingDetails Meeting { get; private set; } = null!;
    public IReadOnlyList<AgendaCandidate> Candidates { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await Load()) return NotFound();
        Crns = [.. Meeting.Agenda.Select(a => a.Crn)];
        Version = Meeting.Meeting.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var result = meetings.SetAgenda(CurrentUser.Require(HttpContext), Id, Version, Crns);
        if (result.Status == UseCaseStatus.NotFound || !await Load()) return NotFound();
        if (!result.Succeeded)
        {
            if (result.Status == UseCaseStatus.Conflict) (Crns, Version) = ([.. Meeting.Agenda.Select(a => a.Crn)], Meeting.Meeting.Version);
            return Refused(result);
        }
        Banner($"Agenda saved: {result.Value!.Agenda.Count} case(s).");
        return Redirect($"/panels/{Id}");
    }

    private async Task<bool> Load()
    {
        var user = CurrentUser.Require(HttpContext);
        if (meetings.Find(user, Id) is not { } meeting || !PanelMeetings.MayManage(user, meeting.Meeting)) return false;
        Meeting = meeting;
        Candidates = meetings.Candidates(user, Id);
        // The candidates are people's names and CRNs: a consultation like any list.
        await audit.RecordAsync(user, Domain.Audit.AuditAction.Consultation, Application.Audit.AuditEventTypes.PanelMeetingViewed,
            "Complex Case Panel: cases awaiting panel, to set an agenda", Candidates.Select(c => c.Listing.Crn),
            new Application.Audit.AuditDetails().Add("meetingId", Id).Add("page", "agenda").ToString());
        return true;
    }
}
