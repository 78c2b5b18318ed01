using ComplexCases.Application;
using ComplexCases.Application.Access;
using ComplexCases.Application.Panels;
using ComplexCases.Web.Panels;
using ComplexCases.Web.SignIn;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace ComplexCases.Web.Pages.Panels;

/// <summary>The panel team schedules a meeting in their region: its date (a working day), start time, venue or video link, and chair.</summary>
[Authorize(Policy = nameof(Permission.ManagePanels))]
public sealed class NewModel(PanelMeetings meetings) : PanelFormPage, IMeetingPlaceForm
{
    [BindProperty] public DateInput HeldOn { get; set; } = new();
    [BindProperty] public string? Chair { get; set; }
    [BindProperty] public string? StartsAt { get; set; }
    [BindProperty] public string? Venue { get; set; }
    [BindProperty] public string? VideoLink { get; set; }

    public IActionResult OnGet() => PanelScope.ManagedRegion(CurrentUser.Require(HttpContext)) is null ? NotFound() : Page();

    public IActionResult OnPost()
    {
        var result = meetings.Schedule(CurrentUser.Require(HttpContext), HeldOn.Value, Chair, new MeetingPlace(StartsAt, Venue, VideoLink));
        if (result.Status == UseCaseStatus.NotFound) return NotFound();
        if (!result.Succeeded) return Refused(result, Own(RealDate("HeldOn", "The date of the meeting", HeldOn)));
        Banner($"Meeting scheduled for {PanelText.Date(result.Value!.HeldOn)}. Invite members and add cases to its agenda.");
        return Redirect($"/panels/{result.Value.Id}");
    }
}
