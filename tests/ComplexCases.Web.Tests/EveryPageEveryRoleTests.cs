using System.Net;
using ComplexCases.Application.Access;
using Microsoft.Extensions.DependencyInjection;

namespace ComplexCases.Web.Tests;

/// <summary>
/// Every page and API endpoint as every demo role: allowed exactly where Permissions.cs says so. Case-scoped
/// targets use a case of the demo practitioner, which every role with a case scope covers.
/// </summary>
public sealed class EveryPageEveryRoleTests(DemoSiteFactory site) : IClassFixture<DemoSiteFactory>
{
    private static readonly Dictionary<string, Role> Users = new()
    {
        ["practitioner"] = Role.Practitioner, ["spo"] = Role.Spo, ["head-of-pdu"] = Role.HeadOfPdu, ["panel-team"] = Role.PanelTeam,
        ["panel-member"] = Role.PanelMember, ["qdo"] = Role.Qdo, ["analyst"] = Role.Analyst, ["admin"] = Role.Administrator,
    };

    /// <summary>Path (with {crn} for a case of the demo practitioner), the permission it needs, and whether it is an API call.</summary>
    private static readonly (string Path, Permission Permission, bool Api)[] Targets =
    [
        ("/", Permission.ViewHome, false),
        ("/definitions", Permission.ViewDefinitions, false),
        ("/runs", Permission.ViewRuns, false),
        ("/runs/new", Permission.RunScreening, false),
        ("/admin/audit", Permission.ViewAuditLog, false),
        ("/lists/EOENFK", Permission.ViewMonthlyList, false),
        ("/lists/EOENFK/download", Permission.DownloadList, false),
        ("/cases/{crn}", Permission.ViewCaseNames, false),
        ("/api/lists/EOENFK", Permission.ViewMonthlyList, true),
        ("/api/cases/{crn}", Permission.ViewCaseNames, true),
        ("/api/runs", Permission.ViewRuns, true),
        ("/api/definitions", Permission.ViewDefinitions, true),
        ("/panels", Permission.ViewPanels, false),
        ("/panels/new", Permission.ManagePanels, false),
        ("/panels/{meeting}", Permission.ViewPanels, false),
        ("/panels/{meeting}/invite", Permission.ManagePanels, false),
        ("/panels/{meeting}/agenda", Permission.ManagePanels, false),
        ("/panels/{meeting}/attendance", Permission.ManagePanels, false),
        ("/panels/{meeting}/cases/{agenda-crn}", Permission.ViewPanelCase, false),
        ("/panels/{meeting}/cases/{agenda-crn}/discussion", Permission.ManagePanels, false),
        ("/panels/directory", Permission.ManagePanels, false),
        ("/panels/directory/new", Permission.ManagePanels, false),
        ("/panels/directory/{member}", Permission.ManagePanels, false),
        ("/panels/expertise", Permission.ViewPanels, false),
        ("/actions", Permission.UpdateOwnActions, false),
        ("/actions/{own-action}", Permission.UpdateOwnActions, false),
    ];

    public static TheoryData<string> Roles => [.. Users.Keys];

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task EveryTarget_AsThisRole_AllowedOnlyWithThePermission(string user)
    {
        var crn = CaseOfTheDemoPractitioner();
        var client = await site.SignInAsync(user);
        var role = Users[user];
        var problems = new List<string>();

        foreach (var (template, permission, api) in Targets)
        {
            var path = Fill(template.Replace("{crn}", crn, StringComparison.Ordinal), user);
            var response = await client.GetAsync(path);
            var allowed = Permissions.Has(role, permission);
            var scoped = Permissions.CaseScoped.Contains(permission);
            var expected = !allowed ? (api ? "403" : "forbidden")
                : scoped && Permissions.ScopeOf(role) == CaseScope.None ? "404"
                : "200";
            var actual = response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.ToString().Contains("/forbidden", StringComparison.Ordinal)
                ? "forbidden"
                : ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (actual != expected) problems.Add($"{path}: expected {expected}, got {actual}");
        }

        problems.ShouldBeEmpty();
    }

    /// <summary>Panel targets: a held meeting the demo panel member is invited to, a case on its agenda, a directory member, the user's own action.</summary>
    private string Fill(string path, string user)
    {
        if (!path.Contains('{', StringComparison.Ordinal)) return path;
        var panel = Panels.PanelScenarios.Panel(site);
        return path.Replace("{meeting}", panel.HeldMeeting.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{agenda-crn}", panel.DiscussedCrn, StringComparison.Ordinal)
            .Replace("{member}", panel.DirectoryMember.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{own-action}", panel.ActionOf.GetValueOrDefault(user, panel.ActionOf.Values.First()).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    private string CaseOfTheDemoPractitioner()
    {
        using var db = site.OpenDatabase();
        var staff = db.Users.Single(u => u.UserName == "practitioner").StaffCode;
        var latest = db.Runs.Max(r => r.Id);
        return db.ListedCases.First(c => c.RunId == latest && c.PractitionerCode == staff && !c.LimitedAccess).Crn;
    }
}
