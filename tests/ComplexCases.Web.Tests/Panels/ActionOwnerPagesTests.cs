using System.Net;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using ComplexCases.Application.Panels;
using ComplexCases.Domain.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ComplexCases.Web.Tests.Panels;

/// <summary>
/// Action owners through the pages: a panel member keeps their action only until the meeting's follow-up closes (list, page
/// and save are each refused after it, as the panel case page is), and the panel team can name as owner only someone who may
/// see the case. Its own site, because closing the follow-up changes what the demo panel member sees.
/// </summary>
public sealed partial class ActionOwnerPagesTests(DemoSiteFactory site) : IClassFixture<DemoSiteFactory>
{
    /// <summary>The demo panel member's action, seen (list, page, form) while invited, then the held meeting's follow-up closed.</summary>
    private sealed record ClosedFollowUp(HttpClient Member, long ActionId, string Crn, string Surname, string FormPage);

    private static readonly ConditionalWeakTable<DemoSiteFactory, Task<ClosedFollowUp>> Made = [];
    private static readonly Lock Gate = new();

    private Task<ClosedFollowUp> Closed()
    {
        lock (Gate) return Made.GetValue(site, s => CloseAsync(s));
    }

    private static async Task<ClosedFollowUp> CloseAsync(DemoSiteFactory site)
    {
        var panel = site.Panel();
        var id = panel.ActionOf["panel-member"];
        string surname;
        using (var db = site.OpenDatabase())
        {
            var workflow = db.Workflows.AsNoTracking().Single(w => w.Crn == panel.DiscussedCrn);
            surname = db.ListedCases.AsNoTracking().Single(c => c.RunId == workflow.LatestRunId && c.Crn == panel.DiscussedCrn).Surname!;
        }
        var member = await site.SignInAsync("panel-member");
        // While invited: the action, with the names and CRN the panel case page shows.
        var list = WebUtility.HtmlDecode(await member.GetStringAsync("/actions"));
        list.ShouldContain("Action for panel-member");
        list.ShouldContain(panel.DiscussedCrn);
        list.ShouldContain(surname);
        var form = await member.GetStringAsync($"/actions/{id}");
        form.ShouldContain(panel.DiscussedCrn);

        using var scope = site.Services.CreateScope();
        var services = scope.ServiceProvider;
        var meetings = services.GetRequiredService<PanelMeetings>();
        var db2 = services.GetRequiredService<Data.ComplexCasesDbContext>();
        var version = db2.PanelMeetings.AsNoTracking().Single(m => m.Id == panel.HeldMeeting).Version;
        meetings.CloseFollowUp(PanelScenarios.As(db2, "panel-team"), panel.HeldMeeting, version).Succeeded.ShouldBeTrue();
        (await member.GetAsync($"/panels/{panel.HeldMeeting}/cases/{panel.DiscussedCrn}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        return new ClosedFollowUp(member, id, panel.DiscussedCrn, surname, form);
    }

    [Fact]
    public async Task PanelMember_AfterTheFollowUpCloses_MyActionsNoLongerListsIt_NorTheNameOrCrn()
    {
        var closed = await Closed();

        var list = WebUtility.HtmlDecode(await closed.Member.GetStringAsync("/actions"));

        list.ShouldNotContain("Action for panel-member");
        list.ShouldNotContain(closed.Crn);
        list.ShouldNotContain(closed.Surname);
        list.ShouldContain("You have no panel actions");
    }

    [Fact]
    public async Task PanelMember_AfterTheFollowUpCloses_TheActionPageIs404_AndTheAttemptIsRecorded()
    {
        var closed = await Closed();
        var before = Denied(closed.ActionId);

        var response = await closed.Member.GetAsync($"/actions/{closed.ActionId}");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        html.ShouldNotContain(closed.Crn);
        html.ShouldNotContain(closed.Surname);
        Denied(closed.ActionId).ShouldBe(before + 1);
    }

    [Fact]
    public async Task PanelMember_AfterTheFollowUpCloses_ASaveIs404_NothingChanges_AndTheAttemptIsRecorded()
    {
        var closed = await Closed();
        var version = VersionField().Match(closed.FormPage).Groups[1].Value;
        var before = Denied(closed.ActionId);

        var response = await closed.Member.PostAsync($"/actions/{closed.ActionId}", new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", SignedInClient.AntiforgeryToken(closed.FormPage)),
            new("Version", version), new("Status", "Done"), new("Notes", "Done after the follow-up closed"),
        ]));

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var db = site.OpenDatabase();
        var action = db.CaseActions.AsNoTracking().Single(a => a.Id == closed.ActionId);
        action.Status.ShouldBe((int)ActionStatus.Open);
        action.Notes.ShouldBeEmpty();
        db.AuditEvents.AsNoTracking().Count(e => e.EventType == "action.updated" && e.Actor == "panel-member").ShouldBe(0);
        Denied(closed.ActionId).ShouldBe(before + 1);
    }

    [Fact]
    public async Task OtherOwners_AfterThePanelMembersAccessEnds_StillSeeTheirActionsOnTheirOwnCase()
    {
        var closed = await Closed();
        var panel = site.Panel();

        var practitioner = await site.SignInAsync("practitioner");

        (await practitioner.GetAsync($"/actions/{panel.ActionOf["practitioner"]}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await practitioner.GetStringAsync("/actions")).ShouldContain(closed.Crn);
        // The panel team keeps its access to every action in its region.
        (await (await site.SignInAsync("panel-team")).GetAsync($"/actions/{closed.ActionId}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Discussion_OwnerAccountsThatCouldNotSeeTheCaseOrUpdateActions_Are400WithEachReason_AndNothingIsStored()
    {
        var panel = site.Panel();
        var client = await site.SignInAsync("panel-team");
        var path = $"/panels/{panel.UndiscussedMeeting}/cases/{panel.UndiscussedCrn}/discussion";
        var form = await client.GetStringAsync(path);
        WebUtility.HtmlDecode(form).ShouldContain("Invited members with an account: Demo Member Elmstead (panel-member).");
        var due = site.Clock.Today.AddDays(30);
        string[] date = [due.Day.ToString(System.Globalization.CultureInfo.InvariantCulture), due.Month.ToString(System.Globalization.CultureInfo.InvariantCulture),
            due.Year.ToString(System.Globalization.CultureInfo.InvariantCulture)];

        var bad = await client.PostAsync(path, new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", SignedInClient.AntiforgeryToken(form)), new("Version", VersionField().Match(form).Groups[1].Value),
            new("Summary", "Talked it through"), new("Decisions", "Refer"),
            // The demo practitioner: this is someone else's case.
            new("Actions[0].Description", "Chase the referral"), new("Actions[0].OwnerName", "Demo practitioner"), new("Actions[0].OwnerAgency", "probation"),
            new("Actions[0].OwnerUserName", "practitioner"),
            new("Actions[0].DueOn.Day", date[0]), new("Actions[0].DueOn.Month", date[1]), new("Actions[0].DueOn.Year", date[2]),
            // A QDO sees the case but does not update actions.
            new("Actions[1].Description", "Check the plan"), new("Actions[1].OwnerName", "Demo QDO"), new("Actions[1].OwnerAgency", "probation"),
            new("Actions[1].OwnerUserName", "qdo"),
            new("Actions[1].DueOn.Day", date[0]), new("Actions[1].DueOn.Month", date[1]), new("Actions[1].DueOn.Year", date[2]),
        ]));

        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var html = WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync());
        html.ShouldContain("There is a problem");
        html.ShouldContain($"<a href=\"#Actions_0__OwnerUserName\">Action 1: {PanelDiscussions.OwnerCannotSeeCase}</a>");
        html.ShouldContain($"<a href=\"#Actions_1__OwnerUserName\">Action 2: {PanelDiscussions.OwnerCannotUpdate}</a>");
        using var db = site.OpenDatabase();
        db.CaseActions.AsNoTracking().Count(a => a.Crn == panel.UndiscussedCrn).ShouldBe(0);
        db.Workflows.AsNoTracking().Single(w => w.Crn == panel.UndiscussedCrn).Stage.ShouldBe((int)CaseStage.AwaitingPanel);
    }

    private int Denied(long actionId)
    {
        using var db = site.OpenDatabase();
        var path = $"path=/actions/{actionId}";
        return db.AuditEvents.AsNoTracking().Count(e => e.EventType == "access.denied" && e.Actor == "panel-member" && e.Details == path);
    }

    [GeneratedRegex("name=\"Version\" value=\"(\\d+)\"")]
    private static partial Regex VersionField();
}
