using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using ComplexCases.Application.Workflow;
using ComplexCases.Domain.Panels;
using ComplexCases.Domain.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ComplexCases.Web.Tests.Panels;

/// <summary>The panel pages as the panel team, a panel member and action owners use them.</summary>
public sealed partial class PanelPagesTests(DemoSiteFactory site) : IClassFixture<DemoSiteFactory>
{
    private PanelScenario Panel => site.Panel();

    [Fact]
    public async Task PanelMember_SeesOnlyAgendaCasesOfTheirMeetings_NeverTheFullCaseOrLists()
    {
        var panel = Panel;
        var client = await site.SignInAsync("panel-member");

        var agendaCase = await client.GetAsync($"/panels/{panel.HeldMeeting}/cases/{panel.DiscussedCrn}");
        agendaCase.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await agendaCase.Content.ReadAsStringAsync();
        html.ShouldContain("No accommodation on release");
        // Only the fields a panel needs: not the conversation, the evidence or the monthly history.
        html.ShouldNotContain("Reflected on risk and housing");
        html.ShouldNotContain("Why this case is listed");
        html.ShouldNotContain("Month by month");

        (await client.GetAsync($"/panels/{panel.HeldMeeting}/cases/{panel.OtherCrn}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        // A case on another meeting's agenda, asked for through a meeting it is not on.
        (await client.GetAsync($"/panels/{panel.HeldMeeting}/cases/{panel.ScheduledCrn}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        Forbidden(await client.GetAsync($"/cases/{panel.DiscussedCrn}"));
        Forbidden(await client.GetAsync("/lists/EOENFK"));
        using var db = site.OpenDatabase();
        db.AuditEvents.AsNoTracking().Where(e => e.EventType == "panel.case_viewed" && e.Actor == "panel-member").ToList()
            .ShouldContain(e => e.SubjectCrns == panel.DiscussedCrn);
    }

    [Fact]
    public async Task PanelMember_MeetingsList_OnlyMeetingsTheyAreInvitedTo()
    {
        var panel = Panel;
        using (var scope = site.Services.CreateScope())
        {
            var services = scope.ServiceProvider;
            var meetings = services.GetRequiredService<Application.Panels.PanelMeetings>();
            var db = services.GetRequiredService<Data.ComplexCasesDbContext>();
            meetings.Schedule(PanelScenarios.As(db, "panel-team"), meetings.NextWorkingDay(meetings.Today.AddDays(30)), "Not inviting the member").Succeeded.ShouldBeTrue();
        }
        var member = await site.SignInAsync("panel-member");
        var team = await site.SignInAsync("panel-team");

        var mine = MeetingLink().Matches(await member.GetStringAsync("/panels")).Select(m => m.Groups[1].Value).ToList();
        var all = MeetingLink().Matches(await team.GetStringAsync("/panels")).Select(m => m.Groups[1].Value).ToList();

        mine.ShouldContain(panel.HeldMeeting.ToString(CultureInfo.InvariantCulture));
        all.Count.ShouldBeGreaterThan(mine.Count);
        foreach (var id in all.Except(mine)) (await member.GetAsync($"/panels/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Meeting_BeforeItIsHeld_WarnsOfNeededExpertiseNotInvited()
    {
        var panel = Panel;
        var client = await site.SignInAsync("panel-team");

        var html = WebUtility.HtmlDecode(await client.GetStringAsync($"/panels/{panel.ScheduledMeeting}"));

        // Only the mental health member is invited; the case needs what its criteria say, and housing for the accommodation
        // blockage its escalation named (the scenario's conversations name it).
        using var db = site.OpenDatabase();
        var workflow = db.Workflows.AsNoTracking().Single(w => w.Crn == panel.ScheduledCrn);
        var mask = db.ListedCases.AsNoTracking().Single(c => c.RunId == workflow.LatestRunId && c.Crn == panel.ScheduledCrn).MetMask;
        var missing = WorkflowSettings.Load(Path.Combine(AppContext.BaseDirectory, "definitions")).Expertise.NeededFor(mask, [BlockageCategory.Accommodation]).Where(a => a != Agency.MentalHealth).Order().Select(a => a.Label()).ToList();
        missing.ShouldContain(Agency.Housing.Label());
        html.ShouldContain("govuk-warning-text");
        html.ShouldContain("Not invited: " + string.Join(", ", missing));
    }

    [Fact]
    public async Task ScheduleAMeeting_MissingAndUnrealFields_Are400WithTheErrors_ThenScheduled()
    {
        var client = await site.SignInAsync("panel-team");
        var form = await client.GetStringAsync("/panels/new");

        var bad = await client.PostAsync("/panels/new", Form(form, ("HeldOn.Day", "31"), ("HeldOn.Month", "2"), ("HeldOn.Year", "2026"), ("Chair", "")));

        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var html = WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync());
        html.ShouldContain("There is a problem");
        html.ShouldContain("<a href=\"#HeldOn\">The date of the meeting must be a real date");
        html.ShouldContain("<a href=\"#Chair\">Enter the name of the chair</a>");
        html.ShouldContain("<a href=\"#StartsAt\">Enter the start time, for example 14:30</a>");
        html.ShouldContain("<a href=\"#Venue\">Enter where the meeting is held, a video link, or both</a>");
        html.ShouldContain("govuk-form-group--error");

        var meetings = site.Services.GetRequiredService<Application.Panels.PanelMeetings>();
        var saturday = meetings.NextWorkingDay(meetings.Today.AddDays(21));
        while (saturday.DayOfWeek != DayOfWeek.Saturday) saturday = saturday.AddDays(1);
        var weekend = await client.PostAsync("/panels/new", Form(form, ("HeldOn.Day", saturday.Day.ToString(CultureInfo.InvariantCulture)),
            ("HeldOn.Month", saturday.Month.ToString(CultureInfo.InvariantCulture)), ("HeldOn.Year", saturday.Year.ToString(CultureInfo.InvariantCulture)),
            ("Chair", "Demo Member Ashdown"), ("StartsAt", "10:00"), ("Venue", "Room 4")));
        weekend.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        WebUtility.HtmlDecode(await weekend.Content.ReadAsStringAsync()).ShouldContain("is a weekend: choose a working day");

        var day = saturday.AddDays(2);
        var ok = await client.PostAsync("/panels/new", Form(form, ("HeldOn.Day", day.Day.ToString(CultureInfo.InvariantCulture)),
            ("HeldOn.Month", day.Month.ToString(CultureInfo.InvariantCulture)), ("HeldOn.Year", day.Year.ToString(CultureInfo.InvariantCulture)),
            ("Chair", "Demo Member Ashdown"), ("StartsAt", "2:30pm"), ("Venue", "Room 4, County Hall"), ("VideoLink", "https://video.example/panel")));
        ok.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var page = WebUtility.HtmlDecode(await client.GetStringAsync(ok.Headers.Location!.ToString()));
        page.ShouldContain("Meeting scheduled for");
        page.ShouldContain("at 14:30");
        page.ShouldContain("Room 4, County Hall");
        page.ShouldContain("href=\"https://video.example/panel\"");
    }

    [Fact]
    public async Task Reschedule_MovesTheMeeting_KeepsItsAgenda_AndTellsTheInvitedMember()
    {
        var panel = Panel;
        var client = await site.SignInAsync("panel-team");
        var form = await client.GetStringAsync($"/panels/{panel.ScheduledMeeting}/reschedule");
        var version = VersionField().Match(form).Groups[1].Value;
        var meetings = site.Services.GetRequiredService<Application.Panels.PanelMeetings>();
        var to = meetings.NextWorkingDay(meetings.Today.AddDays(40));

        var moved = await client.PostAsync($"/panels/{panel.ScheduledMeeting}/reschedule", Form(form, ("Version", version),
            ("HeldOn.Day", to.Day.ToString(CultureInfo.InvariantCulture)), ("HeldOn.Month", to.Month.ToString(CultureInfo.InvariantCulture)),
            ("HeldOn.Year", to.Year.ToString(CultureInfo.InvariantCulture)), ("StartsAt", "09:15"), ("Venue", "Room 2")));

        moved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var page = WebUtility.HtmlDecode(await client.GetStringAsync($"/panels/{panel.ScheduledMeeting}"));
        page.ShouldContain("Meeting moved to");
        page.ShouldContain("at 09:15");
        page.ShouldContain(panel.ScheduledCrn);
        using var db = site.OpenDatabase();
        db.PanelMeetings.AsNoTracking().Single(m => m.Id == panel.ScheduledMeeting).HeldOn.ShouldBe(to);
        db.Notifications.AsNoTracking().Where(n => n.RecipientUserName == "panel-member" && n.Kind == (int)Domain.Notifications.NotificationKind.PanelInvitation)
            .OrderBy(n => n.Id).ToList().Last().Title.ShouldStartWith("Panel meeting moved");
    }

    [Fact]
    public async Task Invitations_FromAnOutOfDatePage_Are409WithTheConflictMessage()
    {
        var panel = Panel;
        var client = await site.SignInAsync("panel-team");
        var page = await client.GetStringAsync($"/panels/{panel.ScheduledMeeting}/invite");
        var version = VersionField().Match(page).Groups[1].Value;

        var first = await client.PostAsync($"/panels/{panel.ScheduledMeeting}/invite", Form(page, ("Version", version), ("MemberIds", panel.DirectoryMember.ToString(CultureInfo.InvariantCulture))));
        var second = await client.PostAsync($"/panels/{panel.ScheduledMeeting}/invite", Form(page, ("Version", version)));

        first.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        second.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await second.Content.ReadAsStringAsync()).ShouldContain("This meeting was changed by someone else while you were working on it");
        using var db = site.OpenDatabase();
        db.PanelMeetingMembers.AsNoTracking().Count(x => x.MeetingId == panel.ScheduledMeeting).ShouldBe(1);
    }

    [Fact]
    public async Task Discussion_AddARowThenInvalidThenValid_RecordsItAndMovesTheCaseOn()
    {
        var panel = Panel;
        var client = await site.SignInAsync("panel-team");
        var path = $"/panels/{panel.UndiscussedMeeting}/cases/{panel.UndiscussedCrn}/discussion";
        var form = await client.GetStringAsync(path);
        var version = VersionField().Match(form).Groups[1].Value;
        var due = site.Clock.Today.AddDays(30);

        // "Add another action" without script: the same form with one more row, nothing saved.
        var more = await client.PostAsync(path + "?handler=AddAction", Form(form, ("Version", version), ("Summary", "Kept"), ("Actions[0].Description", ""),
            ("Actions[1].Description", ""), ("Actions[2].Description", "")));
        more.StatusCode.ShouldBe(HttpStatusCode.OK);
        var moreHtml = await more.Content.ReadAsStringAsync();
        moreHtml.ShouldContain("Action 4");
        moreHtml.ShouldContain(">Kept</textarea>");

        var bad = await client.PostAsync(path, Form(form, ("Version", version), ("Summary", "Talked it through"), ("Decisions", "Refer"),
            ("Actions[0].Description", "Find accommodation"), ("Actions[0].OwnerAgency", "housing"),
            ("Actions[0].DueOn.Day", "40"), ("Actions[0].DueOn.Month", "1"), ("Actions[0].DueOn.Year", "2027")));

        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var html = WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync());
        html.ShouldContain("<a href=\"#Actions_0__OwnerName\">Action 1: enter who owns the action</a>");
        html.ShouldContain("<a href=\"#Actions_0__DueOn\">Action 1: the due date must be a real date");

        var ok = await client.PostAsync(path, Form(form, ("Version", version), ("Summary", "Talked it through"), ("Decisions", "Refer"),
            ("Actions[0].Description", "Find accommodation"), ("Actions[0].OwnerName", "Demo Member Gosfield"), ("Actions[0].OwnerAgency", "housing"),
            ("Actions[0].DueOn.Day", due.Day.ToString(CultureInfo.InvariantCulture)), ("Actions[0].DueOn.Month", due.Month.ToString(CultureInfo.InvariantCulture)),
            ("Actions[0].DueOn.Year", due.Year.ToString(CultureInfo.InvariantCulture)),
            ("Actions[1].Description", "Mental health assessment"), ("Actions[1].OwnerName", "Demo Member Elmstead"), ("Actions[1].OwnerAgency", "mental_health"),
            ("Actions[1].OwnerUserName", "panel-member"),
            ("Actions[1].DueOn.Day", due.Day.ToString(CultureInfo.InvariantCulture)), ("Actions[1].DueOn.Month", due.Month.ToString(CultureInfo.InvariantCulture)),
            ("Actions[1].DueOn.Year", due.Year.ToString(CultureInfo.InvariantCulture))));

        ok.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        using var db = site.OpenDatabase();
        db.Workflows.AsNoTracking().Single(w => w.Crn == panel.UndiscussedCrn).Stage.ShouldBe((int)CaseStage.ActionsInProgress);
        db.CaseActions.AsNoTracking().Where(a => a.Crn == panel.UndiscussedCrn).Select(a => a.OwnerName).ToList()
            .ShouldBe(["Demo Member Gosfield", "Demo Member Elmstead"], ignoreOrder: true);
        // The form named the person each time it was shown: first display, the added row, the form back with its errors.
        db.AuditEvents.AsNoTracking().Count(e => e.EventType == "panel.case_viewed" && e.Actor == "panel-team"
            && e.SubjectCrns == panel.UndiscussedCrn && e.Details.Contains("\"page\":\"discussion\"")).ShouldBe(3);
    }

    [Fact]
    public async Task MyActions_OverdueFirstInRed_AndAStaleUpdateIs409()
    {
        var panel = Panel;
        var id = panel.ActionOf["practitioner"];
        using (var db = site.OpenDatabase())
        {
            // Due yesterday: actions cannot be agreed with a past date, so the test moves it.
            var action = db.CaseActions.Single(a => a.Id == id);
            action.DueOn = site.Clock.Today.AddDays(-2);
            db.SaveChanges();
        }
        var client = await site.SignInAsync("practitioner");

        var list = await client.GetStringAsync("/actions");
        list.ShouldContain("<strong class=\"govuk-tag govuk-tag--red\">Overdue</strong>");
        list.ShouldContain("Action for practitioner");
        list.ShouldNotContain("Action for spo");

        var page = await client.GetStringAsync($"/actions/{id}");
        var version = VersionField().Match(page).Groups[1].Value;
        var first = await client.PostAsync($"/actions/{id}", Form(page, ("Version", version), ("Status", "Done"), ("Notes", "Housing found")));
        var second = await client.PostAsync($"/actions/{id}", Form(page, ("Version", version), ("Status", "Dropped"), ("Notes", "Not needed")));

        first.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        second.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await second.Content.ReadAsStringAsync()).ShouldContain("It is now done.");
        (await client.GetStringAsync("/actions")).ShouldNotContain("govuk-tag--red\">Overdue");
        (await (await site.SignInAsync("spo")).GetAsync($"/actions/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Directory_AddAMember_ValidatesThenAdds()
    {
        var client = await site.SignInAsync("panel-team");
        var form = await client.GetStringAsync("/panels/directory/new");
        (await client.GetStringAsync("/panels/directory")).ShouldContain("No active member from: Adult social care");

        var bad = await client.PostAsync("/panels/directory/new", Form(form, ("Name", ""), ("JobTitle", "Lead"), ("UserName", "nobody-here")));
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var html = WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync());
        html.ShouldContain("Enter the member's name");
        html.ShouldContain("Choose the member's agency");
        html.ShouldContain("There is no account with that user name");

        var ok = await client.PostAsync("/panels/directory/new", Form(form, ("Name", "Demo Member Ingatestone"), ("Agency", "adult_social_care"), ("JobTitle", "Social worker")));
        ok.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await client.GetStringAsync("/panels/directory")).ShouldContain("Demo Member Ingatestone");
    }

    [Fact]
    public async Task ExpertiseReport_CountsMeetings_AndNavigationLinksFollowPermissions()
    {
        _ = Panel;
        var team = await site.SignInAsync("panel-team");

        var html = await team.GetStringAsync("/panels/expertise");
        html.ShouldContain("Meetings missing each agency");
        var home = await team.GetStringAsync("/");
        home.ShouldContain("href=\"/panels\"");
        home.ShouldContain("href=\"/actions\"");
        var analystHome = await (await site.SignInAsync("analyst")).GetStringAsync("/");
        analystHome.ShouldNotContain("href=\"/panels\"");
        analystHome.ShouldNotContain("href=\"/actions\"");
    }

    private static void Forbidden(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldContain("/forbidden");
    }

    private static FormUrlEncodedContent Form(string page, params (string Name, string Value)[] fields) =>
        new([new("__RequestVerificationToken", SignedInClient.AntiforgeryToken(page)), .. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))]);

    [GeneratedRegex("href=\"/panels/(\\d+)\"")]
    private static partial Regex MeetingLink();

    [GeneratedRegex("name=\"Version\" value=\"(\\d+)\"")]
    private static partial Regex VersionField();
}
