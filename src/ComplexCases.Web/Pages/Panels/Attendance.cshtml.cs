using ComplexCases.Application;
using ComplexCases.Application.Access;
using ComplexCases.Application.Panels;
using ComplexCases.Web.Panels;
using ComplexCases.Web.SignIn;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace ComplexCases.Web.Pages.Panels;

/// <summary>The panel team records who of those invited attended; the meeting is then held and its gap is against who was there.</summary>
[Authorize(Policy = nameof(Permission.ManagePanels))]
public sealed class AttendanceModel(PanelMeetings meetings, Auditing audit) : PanelFormPage
{
    [FromRoute] public long Id { get; set; }
    [BindProperty] public List<long> Attended { get; set; } = [];
    [BindProperty] public List<long> Apologies { get; set; } = [];
    [BindProperty] public List<long> StaffAttended { get; set; } = [];
    [BindProperty] public List<long> StaffApologies { get; set; } = [];
    [BindProperty] public string? Guests { get; set; }
    [BindProperty] public string? WrittenInput { get; set; }
    [BindProperty] public int Version { get; set; }

    public MeetingDetails Meeting { get; private set; } = null!;
    public bool TooEarly => Meeting.Meeting.HeldOn > meetings.Today;

    public async Task<IActionResult> OnGetAsync()
    {
        if (!Load()) return NotFound();
        // The form names the agenda cases' practitioners and SPOs with each case's CRN: a consultation of the agenda.
        if (Meeting.Staff.Count > 0)
            await audit.RecordAsync(CurrentUser.Require(HttpContext), Domain.Audit.AuditAction.Consultation, Application.Audit.AuditEventTypes.PanelMeetingViewed,
                "Complex Case Panel: attendance", Meeting.Staff.Select(x => x.Crn).Distinct(), new Application.Audit.AuditDetails().Add("meetingId", Id).Add("page", "attendance").ToString());
        Attended = [.. Meeting.Members.Where(m => m.Attended).Select(m => m.MemberId)];
        Apologies = [.. Meeting.Members.Where(m => m.Apologies).Select(m => m.MemberId)];
        StaffAttended = [.. Meeting.Staff.Where(x => x.Attended).Select(x => x.Id)];
        StaffApologies = [.. Meeting.Staff.Where(x => x.Apologies).Select(x => x.Id)];
        (Guests, WrittenInput) = (Meeting.Meeting.Guests, Meeting.Meeting.WrittenInput);
        Version = Meeting.Meeting.Version;
        return Page();
    }

    public IActionResult OnPost()
    {
        var result = meetings.RecordAttendance(CurrentUser.Require(HttpContext), Id, Version, Attended,
            new AttendanceExtras(Apologies, StaffAttended, StaffApologies, Guests, WrittenInput));
        if (result.Status == UseCaseStatus.NotFound || !Load()) return NotFound();
        if (!result.Succeeded)
        {
            if (result.Status == UseCaseStatus.Conflict) (Attended, Version) = ([.. Meeting.Members.Where(m => m.Attended).Select(m => m.MemberId)], Meeting.Meeting.Version);
            return Refused(result);
        }
        Banner($"Attendance recorded: {result.Value!.Members.Count(m => m.Attended)} of {result.Value.Members.Count} invited attended.");
        return Redirect($"/panels/{Id}");
    }

    private bool Load()
    {
        var user = CurrentUser.Require(HttpContext);
        if (meetings.Find(user, Id) is not { } meeting || !PanelMeetings.MayManage(user, meeting.Meeting)) return false;
        Meeting = meeting;
        return true;
    }
}
