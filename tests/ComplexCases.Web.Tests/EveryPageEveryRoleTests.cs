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

    /// <summary>A screening job nobody started: with the permission it is 404 (as is anyone else's job), without it refused.</summary>
    private const string NoSuchJob = "0b7e6a52-5d0c-4c35-9a4e-0c1f3b7d2e11";

    /// <summary>A run id no run has: with the permission it is 404, without it refused.</summary>
    private const string NoSuchRun = "999999";

    /// <summary>Path (with {crn} for a case of the demo practitioner), the permission it needs, whether it is an API call,
    /// and whether it is 404 even for those allowed (it names something that does not exist for them).</summary>
    private static readonly (string Path, Permission Permission, bool Api, bool Missing)[] Targets =
    [
        ("/", Permission.ViewHome, false, false),
        ("/definitions", Permission.ViewDefinitions, false, false),
        ("/definitions/lab", Permission.ViewAggregates, false, false),
        ("/definitions/lab?definition=pilot-2024@1&window=6", Permission.ViewAggregates, false, false),
        // The demo imports synthetic outcomes, so the lab's evaluation (and so its downloads) succeeds.
        ("/definitions/lab?handler=csv&table=figures&definition=pilot-2024@1&window=6", Permission.ViewAggregates, false, false),
        ("/definitions/lab?handler=xlsx&table=figures&definition=pilot-2024@1&window=6", Permission.ViewAggregates, false, false),
        ("/definitions/lab?handler=csv&table=roc&definition=pilot-2024@1&window=12", Permission.ViewAggregates, false, false),
        ("/definitions/lab?handler=xlsx&table=roc&definition=pilot-2024@1&window=6", Permission.ViewAggregates, false, false),
        ("/definitions/compare", Permission.ViewAggregates, false, false),
        ("/definitions/compare?a=pilot-2024@1&b=pilot-2024@1", Permission.ViewAggregates, false, false),
        ("/definitions/compare?handler=csv&table=combinations&a=pilot-2024@1&b=pilot-2024@1", Permission.ViewAggregates, false, false),
        ("/definitions/new", Permission.ManageDefinitions, false, false),
        ("/definitions/new?from=pilot-2024@1", Permission.ManageDefinitions, false, false),
        ("/definitions/new?from=no-such@9", Permission.ManageDefinitions, false, true),
        ("/definitions/adopt", Permission.AdoptDefinitions, false, false),
        ("/runs", Permission.ViewRuns, false, false),
        ("/runs?handler=trend&table=listed&format=csv", Permission.ViewRuns, false, false),
        ("/insight/trend?table=criteria&format=xlsx", Permission.ViewAggregates, false, false),
        ("/runs/new", Permission.RunScreening, false, false),
        ("/runs/progress/" + NoSuchJob, Permission.RunScreening, false, true),
        // The run page needs ViewRuns; its rejected rows also need ViewRejectedRows (checked below the loop).
        ("/runs/{run}", Permission.ViewRuns, false, false),
        ("/runs/" + NoSuchRun, Permission.ViewRuns, false, true),
        ("/admin/audit", Permission.ViewAuditLog, false, false),
        ("/admin/users", Permission.ManageUsers, false, false),
        ("/admin/users/new", Permission.ManageUsers, false, false),
        ("/admin/users/practitioner", Permission.ManageUsers, false, false),
        ("/admin/users/practitioner/tokens", Permission.ManageUsers, false, false),
        ("/account/tokens", Permission.UseApiTokens, false, false),
        ("/lists/EOENFK", Permission.ViewMonthlyList, false, false),
        ("/lists/EOENFK/download", Permission.DownloadList, false, false),
        ("/cases/{crn}", Permission.ViewCaseNames, false, false),
        ("/cases/{crn}/conversation", Permission.RecordConversation, false, false),
        // No conversation there waits for the signed-in SPO's confirmation: 404 to those who may confirm, refused to the rest.
        ("/cases/{crn}/conversation/confirm", Permission.RecordConversation, false, true),
        ("/cases/{crn}/reviews/" + NoSuchRun, Permission.ViewCase, false, true),
        ("/cases/{crn}/triage", Permission.RecordTriage, false, false),
        ("/cases/{crn}/withdraw", Permission.ManagePanels, false, false),
        ("/cases/{crn}/follow-up", Permission.ManagePanels, false, false),
        ("/progress", Permission.ViewPduProgress, false, false),
        ("/records-to-check", Permission.CheckRecords, false, false),
        ("/records-to-check?handler=csv&table=people", Permission.CheckRecords, false, false),
        ("/records-to-check?handler=xlsx&table=people", Permission.CheckRecords, false, false),
        ("/insight/process", Permission.ViewAggregates, false, false),
        ("/insight/quality", Permission.ViewAggregates, false, false),
        ("/insight/quality?handler=csv&table=agreement", Permission.ViewAggregates, false, false),
        ("/insight/expertise?handler=xlsx&table=agencies", Permission.ViewAggregates, false, false),
        ("/insight/expertise", Permission.ViewAggregates, false, false),
        ("/insight/capacity", Permission.ViewAggregates, false, false),
        ("/insight/summary", Permission.ViewAggregates, false, false),
        ("/solutions", Permission.ViewPanelSolutions, false, false),
        ("/solutions?handler=csv", Permission.ViewPanelSolutions, false, false),
        ("/solutions?handler=xlsx&q=housing", Permission.ViewPanelSolutions, false, false),
        ("/cases/{crn}/review", Permission.RecordQualityReview, false, false),
        ("/reviews", Permission.RecordQualityReview, false, false),
        ("/notifications", Permission.ViewNotifications, false, false),
        ("/api/lists/EOENFK", Permission.ViewMonthlyList, true, false),
        ("/api/cases/{crn}", Permission.ViewCaseNames, true, false),
        ("/api/runs", Permission.ViewRuns, true, false),
        ("/api/runs/progress/" + NoSuchJob, Permission.RunScreening, true, true),
        ("/api/runs/{run}/rejections", Permission.ViewRejectedRows, true, false),
        ("/api/runs/" + NoSuchRun + "/rejections", Permission.ViewRejectedRows, true, true),
        ("/api/definitions", Permission.ViewDefinitions, true, false),
        ("/panels", Permission.ViewPanels, false, false),
        ("/panels/new", Permission.ManagePanels, false, false),
        ("/panels/{meeting}", Permission.ViewPanels, false, false),
        ("/panels/{meeting}/invite", Permission.ManagePanels, false, false),
        ("/panels/{meeting}/agenda", Permission.ManagePanels, false, false),
        ("/panels/{meeting}/attendance", Permission.ManagePanels, false, false),
        ("/panels/{meeting}/reschedule", Permission.ManagePanels, false, false),
        ("/panels/{meeting}/cases/{agenda-crn}", Permission.ViewPanelCase, false, false),
        ("/panels/{meeting}/cases/{agenda-crn}/discussion", Permission.ManagePanels, false, false),
        ("/panels/directory", Permission.ManagePanels, false, false),
        ("/panels/directory/new", Permission.ManagePanels, false, false),
        ("/panels/directory/{member}", Permission.ManagePanels, false, false),
        ("/panels/expertise", Permission.ViewPanels, false, false),
        ("/actions", Permission.UpdateOwnActions, false, false),
        ("/actions/{own-action}", Permission.UpdateOwnActions, false, false),
    ];

    public static TheoryData<string> Roles => [.. Users.Keys];

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task EveryTarget_AsThisRole_AllowedOnlyWithThePermission(string user)
    {
        var crn = CaseOfTheDemoPractitioner();
        var run = LatestRun();
        var client = await site.SignInAsync(user);
        var role = Users[user];
        var problems = new List<string>();

        foreach (var (template, permission, api, missing) in Targets)
        {
            var path = Fill(template.Replace("{crn}", crn, StringComparison.Ordinal).Replace("{run}", run, StringComparison.Ordinal), user);
            var response = await client.GetAsync(path);
            var allowed = Permissions.Has(role, permission);
            var scoped = Permissions.CaseScoped.Contains(permission);
            var expected = !allowed ? (api ? "403" : "forbidden")
                : missing || (scoped && Permissions.ScopeOf(role) == CaseScope.None) ? "404"
                : "200";
            var actual = response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.ToString().Contains("/forbidden", StringComparison.Ordinal)
                ? "forbidden"
                : ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (actual != expected) problems.Add($"{path}: expected {expected}, got {actual}");
        }
        if (Permissions.Has(role, Permission.ViewRuns))
        {
            var withheld = (await client.GetStringAsync($"/runs/{run}")).Contains("Your role does not include the rejected rows themselves", StringComparison.Ordinal);
            if (withheld == Permissions.Has(role, Permission.ViewRejectedRows))
                problems.Add($"/runs/{run}: rejected rows {(withheld ? "withheld from" : "offered to")} {role}");
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

    private string LatestRun()
    {
        using var db = site.OpenDatabase();
        return db.Runs.Max(r => r.Id).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private string CaseOfTheDemoPractitioner()
    {
        using var db = site.OpenDatabase();
        var staff = db.Users.Single(u => u.UserName == "practitioner").StaffCode;
        var latest = db.Runs.Max(r => r.Id);
        // One in the Complex Case process, so that its step pages exist.
        return db.ListedCases.First(c => c.RunId == latest && c.PractitionerCode == staff && !c.LimitedAccess && db.Workflows.Any(w => w.Crn == c.Crn)).Crn;
    }
}
