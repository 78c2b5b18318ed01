using ComplexCases.Application.Access;
using ComplexCases.Data;
using ComplexCases.Data.Workflow;

namespace ComplexCases.Application.Panels;

/// <summary>
/// Which panel meetings a user reaches, from the roles in <see cref="Permissions"/>: a role's case scope decides it, as for
/// cases. Region-wide roles (the panel team, QDOs) reach their region's meetings; a panel member reaches only meetings they
/// are invited to, and only until the meeting's follow-up closes (the same window as their access to its cases).
/// </summary>
public static class PanelScope
{
    /// <summary>May the user change meetings and the directory of this region (the panel team)?</summary>
    public static bool MayManage(StaffUser user, string regionCode) => Reaches(user, Permission.ManagePanels, regionCode);

    /// <summary>
    /// May the user see this case as the panel sees it (the panel case page, <see cref="Permission.ViewPanelCase"/>)? The panel
    /// team in their region; a panel member while the case is on the agenda of a meeting they are invited to whose follow-up has
    /// not closed (<see cref="StaffUser.PanelAgendaCrns"/>, loaded with the user); a limited-access case only if named for it.
    /// </summary>
    public static bool MayOpenCase(StaffUser user, CaseFacts c) => CaseAccess.Can(user, Permission.ViewPanelCase, c);

    /// <summary>The region whose directory and meetings the user manages, or null when they manage none.</summary>
    public static string? ManagedRegion(StaffUser user) =>
        user.RegionCode is { } region && MayManage(user, region) ? region : null;

    /// <summary>The meetings the user may see, as a query (an invited panel member's are found through the directory).</summary>
    public static IQueryable<PanelMeetingRecord> Visible(ComplexCasesDbContext db, StaffUser user)
    {
        var all = false;
        var region = (string?)null;
        var invited = false;
        foreach (var role in user.Roles.Where(r => Permissions.Has(r, Permission.ViewPanels) || Permissions.Has(r, Permission.ManagePanels)))
        {
            switch (Permissions.ScopeOf(role))
            {
                case CaseScope.All:
                    all = true;
                    break;
                case CaseScope.Region:
                    region = user.RegionCode ?? region;
                    break;
                case CaseScope.PanelAgenda:
                    invited = true;
                    break;
                default:
                    break;
            }
        }
        if (all) return db.PanelMeetings;
        var userName = user.Id;
        const int closed = (int)PanelMeetingStatus.FollowUpClosed;
        return db.PanelMeetings.Where(m =>
            (region != null && m.RegionCode == region)
            || (invited && m.Status != closed && db.PanelMeetingMembers.Any(x => x.MeetingId == m.Id
                && db.PanelMembers.Any(p => p.Id == x.MemberId && p.Active && p.UserName == userName))));
    }

    private static bool Reaches(StaffUser user, Permission permission, string regionCode) =>
        user.Roles.Any(role => Permissions.Has(role, permission) && Permissions.ScopeOf(role) switch
        {
            CaseScope.All => true,
            CaseScope.Region => user.RegionCode == regionCode,
            _ => false,
        });
}
