using System.Globalization;
using System.Text.RegularExpressions;
using ComplexCases.Domain.Panels;
using ComplexCases.Domain.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace ComplexCases.Web.BrowserTests;

/// <summary>
/// The whole Complex Case process in real Chromium, from a case waiting for its reflective practice conversation to its
/// closure, each step taken through the pages by the role that takes it (docs/workflow.md), with axe after every page load.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class WholeProcessJourneyTests(BrowserSite site) : IAsyncLifetime
{
    private const string PanelTeamName = "Demo panel coordinator";
    /// <summary>The demo directory's mental health member, whose account is the demo <c>panel-member</c>.</summary>
    private const string PanelMemberEntry = "Demo Member Elmstead";
    private const string ProbationEntry = "Demo Member Ashdown";

    // Text typed on the way, unique enough to find again (or to be sure a page does not show it).
    private const string Discussed = "Journey test: went through the risk plan, the recent missed appointments and the person's own view.";
    private const string Blockage = "Journey test: no mental health assessment despite three referrals.";
    private const string Tried = "Journey test: GP referrals and a duty call to the community mental health team.";
    private const string SupportAsked = "Journey test: a joint assessment with the mental health trust.";
    private const string Rationale = "Journey test: mental health and housing need agencies round one table.";
    private const string ActionText = "Journey test: arrange a joint assessment with the community mental health team.";
    private const string PersonsView = "Journey test: wants help with housing before anything else.";
    private const string FirstUpdate = "Journey test: referral sent to the trust; waiting for a date.";
    private const string SecondUpdate = "Journey test: joint assessment held; a care plan is in place.";

    private readonly List<IBrowserContext> _contexts = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var context in _contexts) await context.DisposeAsync();
    }

    [Fact]
    public async Task ACaseGoesFromConversationDue_ThroughEscalationTriagePanelAndActions_ToClosed_EachStepTakenByItsRole()
    {
        // The site's "today" is the date in England and Wales (the step pages refuse dates after it). Panels meet on working days,
        // so the steps are dated on the latest working day so far, and the meeting is first scheduled a week or more ahead.
        var today = site.Clock.Today;
        var calendar = Application.Workflow.WorkflowSettings.Load(Path.Combine(AppContext.BaseDirectory, "definitions")).Calendar;
        var day = today;
        while (!calendar.IsWorkingDay(day)) day = day.AddDays(-1);
        var later = today.AddDays(7);
        while (!calendar.IsWorkingDay(later)) later = later.AddDays(1);

        // 1. The practitioner: the case is on their home page and in their notifications; they record the conversation and escalate.
        var practitioner = await SignedInAsync("practitioner");
        var me = (await practitioner.Locator("header form .govuk-body").InnerTextAsync()).Trim();
        var due = practitioner.Locator("#conversations-due + table tbody a[href^='/cases/']");
        (await due.CountAsync()).ShouldBeGreaterThan(0, "the demo practitioner has no case awaiting a conversation");
        var crn = CrnIn(await due.First.InnerTextAsync());
        await practitioner.ScreenshotAsync("process-1-home-practitioner");
        await practitioner.ShouldBeAccessibleAsync();

        // The link's name carries the unread count ("Notifications 2 unread").
        await practitioner.Locator("#notifications-link").ClickAsync();
        await practitioner.WaitForURLAsync("**/notifications");
        var aboutTheCase = practitioner.Locator($"#notifications a[href='/cases/{crn}']");
        (await aboutTheCase.CountAsync()).ShouldBeGreaterThan(0, $"no notification about {crn}");
        (await aboutTheCase.First.InnerTextAsync()).ShouldContain(crn);
        await practitioner.ShouldBeAccessibleAsync();
        await aboutTheCase.First.ClickAsync();
        await practitioner.WaitForURLAsync($"**/cases/{crn}**");
        (await StageAsync(practitioner)).ShouldBe("Conversation due");
        // Triage is the panel team's step, not the practitioner's.
        (await practitioner.GetByRole(AriaRole.Button, new() { Name = "Record the triage meeting" }).CountAsync()).ShouldBe(0);
        await practitioner.ShouldBeAccessibleAsync();

        await practitioner.GetByRole(AriaRole.Button, new() { Name = "Record the conversation" }).ClickAsync();
        await practitioner.WaitForURLAsync($"**/cases/{crn}/conversation");
        // Defaults filled in from the list: the practitioner and their SPO.
        (await practitioner.GetByLabel("Probation practitioner").InputValueAsync()).ShouldBe(me);
        await practitioner.ShouldBeAccessibleAsync();
        await practitioner.GetByRole(AriaRole.Button, new() { Name = "Save the conversation" }).ClickAsync();
        await practitioner.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        (await practitioner.ErrorSummaryAsync()).ShouldBe([
            "Enter the date of the conversation",
            "Enter what was discussed",
            "Enter the person's own view",
            "Choose whether the case needs more support from the Complex Cases Panel team",
        ]);
        await practitioner.ScreenshotAsync("process-1-conversation-error");
        await practitioner.ShouldBeAccessibleAsync();

        await FillDateAsync(practitioner, day);
        await practitioner.GetByLabel("What was discussed").FillAsync(Discussed);
        await practitioner.GetByLabel("The person's own view").FillAsync(PersonsView);
        await practitioner.GetByLabel("Access to mental health services").CheckAsync();
        await practitioner.GetByLabel("Accommodation", new() { Exact = true }).CheckAsync();
        await practitioner.GetByLabel("Escalate to the Complex Cases Panel team").CheckAsync();
        await practitioner.GetByLabel("What is the blockage?").FillAsync(Blockage);
        await practitioner.GetByLabel("What has been tried?").FillAsync(Tried);
        await practitioner.GetByLabel("What support are you asking for?").FillAsync(SupportAsked);
        await practitioner.ScreenshotAsync("process-1-conversation");
        await practitioner.ShouldBeAccessibleAsync();
        await practitioner.GetByRole(AriaRole.Button, new() { Name = "Save the conversation" }).ClickAsync();
        await practitioner.WaitForURLAsync($"**/cases/{crn}");
        (await SuccessBannerAsync(practitioner)).ShouldContain("Conversation recorded and escalated to the Complex Cases Panel team");
        (await StageAsync(practitioner)).ShouldBe("Triage due");
        (await practitioner.GetByRole(AriaRole.Button, new() { Name = "Record the triage meeting" }).CountAsync()).ShouldBe(0);
        await practitioner.ShouldBeAccessibleAsync();
        // Nor can they reach the triage page by its address.
        await practitioner.GotoAsync($"/cases/{crn}/triage");
        await practitioner.ShouldBeForbiddenAsync();

        // 1b. The SPO named on the record confirms it.
        var spo = await SignedInAsync("spo");
        await spo.GotoAsync($"/cases/{crn}");
        await spo.GetByRole(AriaRole.Link, new() { Name = "Check and confirm the conversation record" }).ClickAsync();
        await spo.WaitForURLAsync($"**/cases/{crn}/conversation/confirm");
        (await spo.Locator("main").InnerTextAsync()).ShouldContain(PersonsView);
        await spo.ShouldBeAccessibleAsync();
        await spo.GetByRole(AriaRole.Button, new() { Name = "Confirm the record" }).ClickAsync();
        await spo.WaitForURLAsync($"**/cases/{crn}");
        (await SuccessBannerAsync(spo)).ShouldBe("You confirmed the conversation record.");
        (await spo.Locator("#workflow .spo-confirmation").First.InnerTextAsync()).ShouldStartWith("Confirmed by ");
        await spo.ShouldBeAccessibleAsync();

        // 2. The panel team: the escalation waits for triage on their home page; they refer it to the panel.
        var team = await SignedInAsync("panel-team");
        var escalation = team.Locator($"#escalations-awaiting-triage + table a[href^='/cases/{crn}']");
        (await escalation.CountAsync()).ShouldBe(1);
        await team.ScreenshotAsync("process-2-home-panel-team");
        await team.ShouldBeAccessibleAsync();
        await escalation.ClickAsync();
        await team.WaitForURLAsync($"**/cases/{crn}**");
        (await StageAsync(team)).ShouldBe("Triage due");
        await team.ShouldBeAccessibleAsync();

        await team.GetByRole(AriaRole.Button, new() { Name = "Record the triage meeting" }).ClickAsync();
        await team.WaitForURLAsync($"**/cases/{crn}/triage");
        (await team.Locator("main").InnerTextAsync()).ShouldContain(Blockage);
        await team.ShouldBeAccessibleAsync();
        await FillDateAsync(team, day);
        await team.GetByLabel("Who attended?").FillAsync($"{PanelTeamName}\nPsychology lead");
        await team.GetByLabel("Refer to the multi-agency panel").CheckAsync();
        await team.GetByLabel("Rationale for the decision").FillAsync(Rationale);
        await team.ScreenshotAsync("process-2-triage");
        await team.GetByRole(AriaRole.Button, new() { Name = "Save the triage decision" }).ClickAsync();
        await team.WaitForURLAsync($"**/cases/{crn}");
        (await SuccessBannerAsync(team)).ShouldContain("The case is referred to the multi-agency panel");
        (await StageAsync(team)).ShouldBe("Awaiting panel");
        await team.ShouldBeAccessibleAsync();

        // 3. The panel team schedules a meeting, puts the case on its agenda, invites members, records who came and the discussion.
        await team.ClickMainNavigationAsync("Panels", "**/panels");
        await team.ShouldBeAccessibleAsync();
        await team.GetByRole(AriaRole.Link, new() { Name = "Schedule a meeting" }).ClickAsync();
        await team.WaitForURLAsync("**/panels/new");
        await FillDateAsync(team, later);
        await team.GetByLabel("Start time").FillAsync("10:00");
        await team.GetByLabel("Venue").FillAsync("Journey test: Room 4, County Hall");
        await team.GetByLabel("Chair").FillAsync(ProbationEntry);
        await team.ShouldBeAccessibleAsync();
        await team.GetByRole(AriaRole.Button, new() { Name = "Schedule the meeting" }).ClickAsync();
        await team.WaitForURLAsync(MeetingPath());
        var meeting = team.PathOf();
        (await SuccessBannerAsync(team)).ShouldContain("Meeting scheduled for");
        await team.ShouldBeAccessibleAsync();

        await team.GetByRole(AriaRole.Link, new() { Name = "Change the agenda" }).ClickAsync();
        await team.WaitForURLAsync($"**{meeting}/agenda");
        var candidate = team.GetByLabel(new Regex($@"\({crn}\)$"));
        // What the case needs comes from the criteria it meets: "Needs: Probation, Mental health, …".
        var needsHint = (await team.Locator($"#{await candidate.GetAttributeAsync("aria-describedby")}").InnerTextAsync()).Trim();
        var needed = Agencies(needsHint[(needsHint.IndexOf("Needs: ", StringComparison.Ordinal) + "Needs: ".Length)..]);
        needed.ShouldNotBeEmpty();
        await candidate.CheckAsync();
        await team.ShouldBeAccessibleAsync();
        await team.GetByRole(AriaRole.Button, new() { Name = "Save the agenda" }).ClickAsync();
        await team.WaitForURLAsync(MeetingPath());
        (await SuccessBannerAsync(team)).ShouldStartWith("Agenda saved");
        (await SummaryValueAsync(team, "Expertise needed")).ShouldBe(Text(needed));
        await team.ShouldBeAccessibleAsync();

        // The case's practitioner is invited with it, told, and sees the agenda entry on their case page.
        await practitioner.GotoAsync($"/cases/{crn}");
        var entry = await practitioner.Locator("#panel-entries").InnerTextAsync();
        entry.ShouldContain("Journey test: Room 4, County Hall");
        entry.ShouldContain("You are invited to attend for this case");
        await practitioner.ScreenshotAsync("process-3-practitioner-invited");
        await practitioner.ShouldBeAccessibleAsync();
        await practitioner.GotoAsync("/notifications");
        (await practitioner.Locator("main").InnerTextAsync()).ShouldContain($"Your case at panel: {crn}");

        // The meeting moves (to the day the case is discussed): its agenda stays, and the practitioner is told where and when.
        await team.GetByRole(AriaRole.Link, new() { Name = "Move the meeting" }).ClickAsync();
        await team.WaitForURLAsync($"**{meeting}/reschedule");
        await team.ShouldBeAccessibleAsync();
        await FillDateAsync(team, day);
        await team.GetByLabel("Start time").FillAsync("14:00");
        await team.GetByLabel("Venue").FillAsync("");
        await team.GetByLabel("Video link").FillAsync("https://video.example/journey-panel");
        await team.GetByRole(AriaRole.Button, new() { Name = "Move the meeting" }).ClickAsync();
        await team.WaitForURLAsync(MeetingPath());
        (await SuccessBannerAsync(team)).ShouldStartWith("Meeting moved to");
        (await SummaryValueAsync(team, "When")).ShouldEndWith("at 14:00");
        (await team.Locator("main table").Last.InnerTextAsync()).ShouldContain(crn);
        await team.ScreenshotAsync("process-3-meeting-moved");
        await team.ShouldBeAccessibleAsync();
        await practitioner.GotoAsync("/notifications");
        (await practitioner.Locator("main").InnerTextAsync()).ShouldContain($"Moved: Your case at panel: {crn}");

        await team.GetByRole(AriaRole.Link, new() { Name = "Invite members" }).ClickAsync();
        await team.WaitForURLAsync($"**{meeting}/invite");
        (await team.Locator("main").InnerTextAsync()).ShouldContain($"Expertise the agenda needs: {Text(needed)}.");
        var invited = new List<Agency>();
        foreach (var directoryEntry in new[] { PanelMemberEntry, ProbationEntry })
        {
            var box = team.GetByLabel(directoryEntry, new() { Exact = true });
            await box.CheckAsync();
            var hint = (await team.Locator($"#{await box.GetAttributeAsync("aria-describedby")}").InnerTextAsync()).Trim();
            invited.Add(Agencies(hint.Split(" · ")[0]).Single());
        }
        invited.ShouldContain(Agency.MentalHealth);
        await team.ScreenshotAsync("process-3-invite");
        await team.ShouldBeAccessibleAsync();
        await team.GetByRole(AriaRole.Button, new() { Name = "Save invitations" }).ClickAsync();
        await team.WaitForURLAsync(MeetingPath());

        // The expertise gap: every agency the case needs that nobody invited is from. The demo directory has nobody from
        // adult social care (the gap the pilot's evaluation found), so a case needing it always shows one.
        var missing = needed.Except(invited).Order().ToList();
        missing.ShouldNotBeEmpty($"{crn} needs only {Text(needed)}: no gap to warn of");
        (await WarningAsync(team)).ShouldBe($"Warning Expertise the agenda needs is missing. Not invited: {Text(missing)}");
        (await team.Locator("main table").Last.Locator("tbody tr").First.InnerTextAsync()).ShouldContain(Text(missing));
        await team.ScreenshotAsync("process-3-meeting-gap");
        await team.ShouldBeAccessibleAsync();

        await team.GetByRole(AriaRole.Link, new() { Name = "Record attendance" }).ClickAsync();
        await team.WaitForURLAsync($"**{meeting}/attendance");
        foreach (var directoryEntry in new[] { PanelMemberEntry, ProbationEntry }) await team.GetByLabel(directoryEntry, new() { Exact = true }).CheckAsync();
        await team.GetByLabel($"{me} attended (practitioner, {crn})").CheckAsync();
        await team.GetByLabel("Written input").FillAsync("Journey test: adult social care sent a written update.");
        await team.ShouldBeAccessibleAsync();
        await team.GetByRole(AriaRole.Button, new() { Name = "Save attendance" }).ClickAsync();
        await team.WaitForURLAsync(MeetingPath());
        (await SuccessBannerAsync(team)).ShouldBe("Attendance recorded: 2 of 2 invited attended.");
        // Once held, the gap is measured against who came.
        (await WarningAsync(team)).ShouldBe($"Warning Expertise the agenda needs is missing. Not present: {Text(missing)}");
        await team.ShouldBeAccessibleAsync();

        await team.GetByRole(AriaRole.Link, new() { Name = $"Record the discussion of {crn}" }).ClickAsync();
        await team.WaitForURLAsync($"**{meeting}/cases/{crn}/discussion");
        await team.ShouldBeAccessibleAsync();
        await team.GetByLabel("Summary of the discussion").FillAsync("Journey test: the panel agreed a joint approach.");
        await team.GetByLabel("Decisions").FillAsync("Journey test: the mental health trust leads an assessment.");
        var action = team.GetByRole(AriaRole.Group, new() { Name = "Action 1", Exact = true });
        await action.GetByLabel("What is to be done").FillAsync(ActionText);
        await action.GetByLabel("Owner’s name").FillAsync(PanelMemberEntry);
        await action.GetByLabel("Owner's agency").SelectOptionAsync(new SelectOptionValue { Label = "Mental health" });
        await action.GetByLabel("Owner’s account (optional)").FillAsync("panel-member");
        await FillDateAsync(action, today.AddDays(20));
        await team.ScreenshotAsync("process-3-discussion");
        await team.ShouldBeAccessibleAsync();
        await team.GetByRole(AriaRole.Button, new() { Name = "Save the discussion" }).ClickAsync();
        await team.WaitForURLAsync(MeetingPath());
        (await SuccessBannerAsync(team)).ShouldEndWith("is recorded with 1 action(s).");
        (await team.Locator("main table").Last.Locator("tbody tr").First.InnerTextAsync()).ShouldContain("Discussed");
        await team.ShouldBeAccessibleAsync();
        await team.GotoAsync($"/cases/{crn}");
        (await StageAsync(team)).ShouldBe("Actions in progress");
        await team.ShouldBeAccessibleAsync();

        // 4. The panel member: sees the meeting, the panel's view of the case (and nothing more), and marks their action done.
        var member = await SignedInAsync("panel-member");
        await member.ShouldBeAccessibleAsync();
        await member.ClickMainNavigationAsync("Panels", "**/panels");
        await member.ShouldBeAccessibleAsync();
        await member.Locator($"main a[href='{meeting}']").ClickAsync();
        await member.WaitForURLAsync($"**{meeting}");
        (await member.GetByRole(AriaRole.Link, new() { Name = "Record attendance" }).CountAsync()).ShouldBe(0);
        await member.ShouldBeAccessibleAsync();
        await member.Locator($"main a[href='{meeting}/cases/{crn}']").ClickAsync();
        await member.WaitForURLAsync($"**{meeting}/cases/{crn}");
        var panelView = await member.Locator("main").InnerTextAsync();
        panelView.ShouldContain(Blockage);
        panelView.ShouldContain(Rationale);
        panelView.ShouldContain(ActionText);
        // The panel fields only: not the conversation's notes, nor the list's evidence and history.
        panelView.ShouldNotContain(Discussed);
        panelView.ShouldNotContain("Why this case is listed");
        panelView.ShouldNotContain("Month by month");
        await member.ScreenshotAsync("process-4-panel-case");
        await member.ShouldBeAccessibleAsync();
        await member.GotoAsync($"/cases/{crn}");
        await member.ShouldBeForbiddenAsync();

        await member.ClickMainNavigationAsync("Actions", "**/actions");
        var mine = member.Locator("main table tbody tr", new() { HasText = ActionText });
        (await mine.InnerTextAsync()).ShouldContain("Open");
        await member.ShouldBeAccessibleAsync();
        await mine.GetByRole(AriaRole.Link, new() { Name = "Update" }).ClickAsync();
        await member.WaitForURLAsync(new Regex(@"/actions/\d+$"));
        await member.ShouldBeAccessibleAsync();
        // Two updates: the first keeps it open with progress, the second marks it done. Both are kept.
        await member.GetByLabel("Notes").FillAsync(FirstUpdate);
        await member.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await member.WaitForURLAsync("**/actions");
        (await SuccessBannerAsync(member)).ShouldBe($"Action updated: {ActionText} is open.");
        await mine.GetByRole(AriaRole.Link, new() { Name = "Update" }).ClickAsync();
        await member.WaitForURLAsync(new Regex(@"/actions/\d+$"));
        (await member.Locator("main .action-updates").InnerTextAsync()).ShouldContain(FirstUpdate);
        await member.GetByLabel("Done", new() { Exact = true }).CheckAsync();
        await member.GetByLabel("Notes").FillAsync(SecondUpdate);
        await member.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await member.WaitForURLAsync("**/actions");
        (await SuccessBannerAsync(member)).ShouldBe($"Action updated: {ActionText} is done.");
        (await mine.InnerTextAsync()).ShouldContain("Done");
        await member.ScreenshotAsync("process-4-actions");
        await member.ShouldBeAccessibleAsync();

        // 5. The panel team's follow-up review closes the case; the timeline shows every step and who took it.
        await team.GotoAsync($"/cases/{crn}");
        await team.GetByRole(AriaRole.Button, new() { Name = "Record the follow-up review" }).ClickAsync();
        await team.WaitForURLAsync($"**/cases/{crn}/follow-up");
        var reviewed = await team.Locator("main table tbody tr", new() { HasText = ActionText }).InnerTextAsync();
        reviewed.ShouldContain("Done");
        // The review closes on evidence: every update, who made it and what changed.
        reviewed.ShouldContain(FirstUpdate);
        reviewed.ShouldContain(SecondUpdate);
        reviewed.ShouldContain("open → done");
        await team.GetByLabel("The actions did what was needed: close the case").CheckAsync();
        await team.GetByLabel("What did the review find?").FillAsync("Journey test: the assessment happened and the plan is working.");
        await team.ShouldBeAccessibleAsync();
        await team.GetByRole(AriaRole.Button, new() { Name = "Save the follow-up review" }).ClickAsync();
        await team.WaitForURLAsync($"**/cases/{crn}");
        (await SuccessBannerAsync(team)).ShouldBe("Follow-up review recorded. The case is closed until it is listed again.");
        (await StageAsync(team)).ShouldBe("Closed");
        (await TimelineAsync(team)).ShouldBe([
            ("Follow-up review: case closed", $"by {PanelTeamName}"),
            ("Discussed at panel: actions agreed", $"by {PanelTeamName}"),
            ("Triage: referred to the multi-agency panel", $"by {PanelTeamName}"),
            ("Conversation held: escalated to the panel team", $"by {me}"),
        ]);
        await team.ScreenshotAsync("process-5-closed");
        await team.ShouldBeAccessibleAsync();

        // Every case on the agenda has had its review, so the meeting's follow-up closes by itself.
        await team.GotoAsync(meeting);
        (await SummaryValueAsync(team, "Status")).ShouldBe("Follow-up closed");
        await team.ShouldBeAccessibleAsync();

        // 6. Next month's list: the case just closed is on it unchanged and stays closed (no fresh conversation a month after a
        // panel closed it); another closed case whose score rose starts again, and its page says why.
        var (rose, riseFrom) = NextMonthsList(crn);
        await team.GotoAsync($"/cases/{crn}");
        (await StageAsync(team)).ShouldBe("Closed");
        (await team.Locator("#reentered-because").CountAsync()).ShouldBe(0);
        await team.GotoAsync($"/cases/{rose}");
        (await StageAsync(team)).ShouldBe("Conversation due");
        (await team.Locator("#reentered-because").InnerTextAsync()).ShouldContain($"its score rose from {riseFrom} to {riseFrom + 1}");
        await team.ScreenshotAsync("process-6-reentered");
        await team.ShouldBeAccessibleAsync();
    }

    /// <summary>
    /// Stores next month's list (this month's rows again, a month later) with one other closed case's score one higher, and
    /// takes it into the process as a monthly run would. Returns that case and its score before.
    /// </summary>
    private (string Crn, int ScoreBefore) NextMonthsList(string unchanged)
    {
        using var db = site.OpenDatabase();
        var settings = Application.Workflow.WorkflowSettings.Load(Path.Combine(AppContext.BaseDirectory, "definitions"));
        var latest = db.Runs.Where(r => r.DefinitionId == settings.DefinitionId).OrderByDescending(r => r.AsOf).ThenByDescending(r => r.Id).First();
        var closed = db.Workflows.Where(w => w.Stage == (int)CaseStage.Closed && !w.LimitedAccess && w.Crn != unchanged && w.LatestRunId == latest.Id)
            .Select(w => w.Crn).OrderBy(c => c).First();
        var next = new Data.Screening.ScreeningRun
        {
            AsOf = latest.AsOf.AddMonths(1), DefinitionId = latest.DefinitionId, DefinitionVersion = latest.DefinitionVersion, Threshold = latest.Threshold,
            ExtractSha256 = new string('b', 64), RunBy = "journey-test", StartedAt = latest.StartedAt, CompletedAt = latest.CompletedAt,
            People = latest.People, Complex = latest.Complex, PossiblyComplex = latest.PossiblyComplex,
        };
        db.Runs.Add(next);
        db.SaveChanges();
        var scoreBefore = 0;
        foreach (var row in db.ListedCases.AsNoTracking().Where(c => c.RunId == latest.Id).ToList())
        {
            row.RunId = next.Id;
            if (row.Crn == closed) (scoreBefore, row.Score) = (row.Score, (short)(row.Score + 1));
            db.ListedCases.Add(row);
        }
        db.SaveChanges();
        new Application.Workflow.WorkflowIntake(settings, new Application.Audit.AuditLog(site.Clock), site.Clock).TakeIn(db, next.Id);
        return (closed, scoreBefore);
    }

    /// <summary>A browser context of the role's own, signed in through the form, on the home page (checked).</summary>
    private async Task<IPage> SignedInAsync(string userName)
    {
        var context = await site.NewContextAsync();
        _contexts.Add(context);
        var page = await context.NewPageAsync();
        await page.SignInAsync(userName);
        page.PathOf().ShouldBe("/");
        return page;
    }

    /// <summary>The one GOV.UK date input in <paramref name="scope"/> (a page, or a fieldset on it).</summary>
    private static async Task FillDateAsync(IPage scope, DateOnly day) => await FillDateAsync(scope.Locator("main"), day);

    private static async Task FillDateAsync(ILocator scope, DateOnly day)
    {
        await scope.GetByLabel("Day").FillAsync(day.Day.ToString(CultureInfo.InvariantCulture));
        await scope.GetByLabel("Month").FillAsync(day.Month.ToString(CultureInfo.InvariantCulture));
        await scope.GetByLabel("Year").FillAsync(day.Year.ToString(CultureInfo.InvariantCulture));
    }

    private static async Task<string> StageAsync(IPage page) =>
        (await page.Locator("#workflow dt:text-is('Stage') + dd").InnerTextAsync()).Trim();

    private static async Task<string> SummaryValueAsync(IPage page, string key) =>
        (await page.Locator($"main dt:text-is('{key}') + dd").First.InnerTextAsync()).Trim();

    private static async Task<string> SuccessBannerAsync(IPage page) =>
        (await page.Locator(".govuk-notification-banner--success .govuk-notification-banner__heading").InnerTextAsync()).Trim();

    private static async Task<string> WarningAsync(IPage page) =>
        Regex.Replace((await page.Locator("main .govuk-warning-text__text").TextContentAsync() ?? "").Trim(), @"\s+", " ");

    /// <summary>The case page's timeline, newest first: each step's title and its "by …" line.</summary>
    private static async Task<List<(string Title, string By)>> TimelineAsync(IPage page)
    {
        var items = page.Locator("#workflow .moj-timeline__item");
        var steps = new List<(string, string)>();
        for (var i = 0; i < await items.CountAsync(); i++)
            steps.Add(((await items.Nth(i).Locator(".moj-timeline__title").InnerTextAsync()).Trim(),
                (await items.Nth(i).Locator(".moj-timeline__byline").InnerTextAsync()).Trim()));
        return steps;
    }

    /// <summary>"Probation, Mental health" back to the agencies, by their labels.</summary>
    private static List<Agency> Agencies(string labels) =>
        [.. labels.Split(", ", StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(label => ComplexCases.Domain.Panels.Agencies.All.Single(a => a.Label() == label))];

    /// <summary>As the panel pages list agencies: in the directory's order, comma separated.</summary>
    private static string Text(IEnumerable<Agency> agencies) => string.Join(", ", agencies.Order().Select(a => a.Label()));

    private static string CrnIn(string text)
    {
        var crn = CrnPattern().Match(text).Value;
        crn.ShouldNotBeEmpty($"no CRN in '{text}'");
        return crn;
    }

    [GeneratedRegex(@"[A-Z]\d{6}")]
    private static partial Regex CrnPattern();

    [GeneratedRegex(@"/panels/\d+$")]
    private static partial Regex MeetingPath();
}
