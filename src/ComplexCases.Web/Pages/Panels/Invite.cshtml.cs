using ComplexCases.Application;
using ComplexCases.Application.Access;
using ComplexCases.Application.Panels;
using ComplexCases.Data.Workflow;
using ComplexCases.Web.Panels;
using ComplexCases.Web.SignIn;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace ComplexCases.Web.Pages.Panels;

/// <summary>The panel team chooses who to invite from the region's directory, seeing which needed expertise is still not invited.</summary>
[Authorize(Policy = nameof(Permission.ManagePanels))]
public sealed class InviteModel(PanelMeetings meetings, PanelDirectory directory) : PanelFormPage
{
    [FromRoute] public long Id { get; set; }
    [BindProperty] public List<long> MemberIds { get; set; } = [];
    [BindProperty] public int Version { get; set; }

    public MeetingDetails Meeting { get; private set; } = null!;
    public IReadOnlyList<PanelMemberRecord> Directory { get; private set; } = [];

    public IActionResult OnGet()
    {
        if (!Load()) return NotFound();
        MemberIds = [.. Meeting.Members.Select(m => m.MemberId)];
        Version = Meeting.Meeting.Version;
        return Page();
    }

    public IActionResult OnPost()
    {
        var result = meetings.Invite(CurrentUser.Require(HttpContext), Id, Version, MemberIds);
        if (result.Status == UseCaseStatus.NotFound || !Load()) return NotFound();
        if (!result.Succeeded)
        {
            // After a conflict the form shows the meeting as it is now, so a second try starts from the latest invitations.
            if (result.Status == UseCaseStatus.Conflict) (MemberIds, Version) = ([.. Meeting.Members.Select(m => m.MemberId)], Meeting.Meeting.Version);
            return Refused(result);
        }
        Banner($"Invitations saved: {result.Value!.Members.Count} invited.");
        return Redirect($"/panels/{Id}");
    }

    private bool Load()
    {
        var user = CurrentUser.Require(HttpContext);
        if (meetings.Find(user, Id) is not { } meeting || !PanelMeetings.MayManage(user, meeting.Meeting)) return false;
        Meeting = meeting;
        Directory = directory.List(user, activeOnly: true);
        return true;
    }
}
