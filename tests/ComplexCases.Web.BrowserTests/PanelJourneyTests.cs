using Microsoft.Playwright;

namespace ComplexCases.Web.BrowserTests;

/// <summary>The panel team's and a panel member's panel pages in real Chromium, with axe after every page load.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PanelJourneyTests(BrowserSite site) : IAsyncLifetime
{
    private IBrowserContext _context = null!;
    private IPage _page = null!;

    public async Task InitializeAsync()
    {
        _context = await site.NewContextAsync();
        _page = await _context.NewPageAsync();
    }

    public async Task DisposeAsync() => await _context.DisposeAsync();

    [Fact]
    public async Task PanelTeam_SchedulesAMeeting_InvitesTheMentalHealthMember_AndTheMemberSeesIt()
    {
        await _page.SignInAsync("panel-team");
        await _page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Panels" }).ClickAsync();
        await _page.WaitForURLAsync("**/panels");
        await _page.ShouldBeAccessibleAsync();

        await _page.GetByRole(AriaRole.Link, new() { Name = "Schedule a meeting" }).ClickAsync();
        await _page.GetByRole(AriaRole.Button, new() { Name = "Schedule the meeting" }).ClickAsync();
        (await _page.Locator(".govuk-error-summary").InnerTextAsync()).ShouldContain("Enter the date of the meeting");
        await _page.ScreenshotAsync("panel-schedule-error");
        await _page.ShouldBeAccessibleAsync();

        // Meetings are held on working days: the latest one so far, so attendance can be recorded.
        var calendar = Application.Workflow.WorkflowSettings.Load(Path.Combine(AppContext.BaseDirectory, "definitions")).Calendar;
        var today = site.Clock.Today;
        while (!calendar.IsWorkingDay(today)) today = today.AddDays(-1);
        await _page.GetByLabel("Day").FillAsync(today.Day.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await _page.GetByLabel("Month").FillAsync(today.Month.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await _page.GetByLabel("Year").FillAsync(today.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await _page.GetByLabel("Start time").FillAsync("9:30am");
        await _page.GetByLabel("Video link").FillAsync("https://video.example/panel");
        await _page.GetByLabel("Chair").FillAsync("Demo Member Ashdown");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Schedule the meeting" }).ClickAsync();
        await _page.WaitForURLAsync("**/panels/*");
        (await _page.Locator(".govuk-notification-banner").InnerTextAsync()).ShouldContain("Meeting scheduled for");
        await _page.ShouldBeAccessibleAsync();

        await _page.GetByRole(AriaRole.Link, new() { Name = "Invite members" }).ClickAsync();
        await _page.GetByLabel("Demo Member Elmstead").CheckAsync();
        await _page.ScreenshotAsync("panel-invite");
        await _page.ShouldBeAccessibleAsync();
        await _page.GetByRole(AriaRole.Button, new() { Name = "Save invitations" }).ClickAsync();
        await _page.WaitForURLAsync("**/panels/*");
        (await _page.Locator("main table").First.InnerTextAsync()).ShouldContain("Mental health");
        var meeting = new Uri(_page.Url).AbsolutePath;

        await _page.GetByRole(AriaRole.Link, new() { Name = "Record attendance" }).ClickAsync();
        await _page.ShouldBeAccessibleAsync();
        await _page.GetByRole(AriaRole.Button, new() { Name = "Save attendance" }).ClickAsync();
        await _page.WaitForURLAsync("**/panels/*");
        await _page.ScreenshotAsync("panel-meeting");
        await _page.ShouldBeAccessibleAsync();

        foreach (var path in new[] { "/panels/directory", "/panels/directory/new", "/panels/expertise", "/actions" })
        {
            await _page.GotoAsync(path);
            await _page.ShouldBeAccessibleAsync();
        }
        await _page.ScreenshotAsync("panel-expertise-or-actions");

        var member = await site.NewContextAsync();
        var page = await member.NewPageAsync();
        await page.SignInAsync("panel-member");
        await page.GotoAsync("/panels");
        (await page.Locator($"a[href='{meeting}']").CountAsync()).ShouldBe(1);
        await page.ShouldBeAccessibleAsync();
        await member.DisposeAsync();
    }
}
