using ComplexCases.Application.Access;
using ComplexCases.Application.Panels;
using ComplexCases.Web.SignIn;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplexCases.Web.Pages.Panels;

/// <summary>Panel meetings: the panel team's and QDOs' region, or the meetings a panel member is invited to.</summary>
[Authorize(Policy = nameof(Permission.ViewPanels))]
public sealed class IndexModel(PanelMeetings meetings) : PageModel
{
    public IReadOnlyList<MeetingSummary> Meetings { get; private set; } = [];
    public bool MayManage { get; private set; }

    public void OnGet()
    {
        var user = CurrentUser.Require(HttpContext);
        // Meetings whose agenda cases have all had their follow-up close here, so panel members' access ends without a job.
        if (user.RegionCode is { } region) meetings.CloseFinishedFollowUps(region);
        Meetings = meetings.List(user);
        MayManage = PanelScope.ManagedRegion(user) is not null;
    }
}
