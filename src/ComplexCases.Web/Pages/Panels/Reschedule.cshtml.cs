using ComplexCases.Application;
using ComplexCases.Application.Access;
using ComplexCases.Application.Panels;
using ComplexCases.Web.Panels;
using ComplexCases.Web.SignIn;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace ComplexCases.Web.Pages.Panels;

/// <summary>
/// The panel team moves a meeting that has not been held: a new date, time or place. Its agenda, invitations and history are
/// kept, and everyone invited is told.
/// </summary>
[Authorize(Policy = nameof(Permission.ManagePanels))]
public sealed class RescheduleModel(PanelMeetings meetings) : PanelFormPage, IMeetingPlaceForm
{
    [FromRoute] public long Id { get; set; }
    [BindProperty] public DateInput HeldOn { get; set; } = new();
    [BindProperty] public string? StartsAt { get; set; }
    [BindProperty] public string? Venue { get; set; }
    [BindProperty] public string? VideoLink { get; set; }
    [BindProperty] public int Version { get; set; }

    public MeetingDetails Meeting { get; private set; } = null!;

    public IActionResult OnGet()
    {
        if (!Load()) return NotFound();
        var m = Meeting.Meeting;
        (HeldOn, StartsAt, Venue, VideoLink, Version) = (DateInput.From(m.HeldOn), MeetingText.StartsAt(m), m.Venue, m.VideoLink, m.Version);
        return Page();
    }

    public IActionResult OnPost()
    {
        var result = meetings.Reschedule(CurrentUser.Require(HttpContext), Id, Version, HeldOn.Value, new MeetingPlace(StartsAt, Venue, VideoLink));
        if (result.Status == UseCaseStatus.NotFound || !Load()) return NotFound();
        if (!result.Succeeded)
        {
            if (result.Status == UseCaseStatus.Conflict) Version = Meeting.Meeting.Version;
            return Refused(result, Own(RealDate("HeldOn", "The date of the meeting", HeldOn)));
        }
        Banner($"Meeting moved to {MeetingText.When(result.Value!)}. Its agenda and invitations are kept, and everyone invited has been told.");
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
