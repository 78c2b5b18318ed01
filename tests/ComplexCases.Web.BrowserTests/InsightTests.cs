using Microsoft.Playwright;

namespace ComplexCases.Web.BrowserTests;

/// <summary>The insight pages in real Chromium: reached from the navigation, the chart drawn with its table, accessible (axe).</summary>
[Collection(BrowserCollection.Name)]
public sealed class InsightTests(BrowserSite site) : IAsyncLifetime
{
    private IBrowserContext _context = null!;
    private IPage _page = null!;

    public async Task InitializeAsync()
    {
        _context = await site.NewContextAsync();
        _page = await _context.NewPageAsync();
    }

    public async Task DisposeAsync() => await _context.DisposeAsync();

    [Theory]
    [InlineData("head-of-pdu", "Team")]
    [InlineData("analyst", "PDU")]
    public async Task ProcessFunnel_FromTheNavigation_ShowsTheChartBesideItsTable_AndIsAccessible(string user, string areaHeader)
    {
        await _page.SignInAsync(user);

        await _page.ClickMainNavigationAsync("Insight", "**/insight/process**");

        var chart = _page.Locator("svg.cc-chart[role='img']");
        (await chart.CountAsync()).ShouldBe(1);
        (await chart.Locator("title").TextContentAsync()).ShouldBe("Cases through the process");
        (await chart.Locator("rect").CountAsync()).ShouldBe(7);
        (await _page.Locator("#funnel-table thead th").First.TextContentAsync()).ShouldBe(areaHeader);
        (await _page.Locator("#funnel-table tbody tr").Last.Locator("th").TextContentAsync()).ShouldBe("Total");
        await _page.ScreenshotAsync($"insight-process-{user}");
        await _page.ShouldBeAccessibleAsync();

        await _page.Locator("#from").FillAsync("2026-13");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        (await _page.ErrorSummaryAsync()).ShouldBe(["Enter the first month as a year and month, for example 2026-03."]);
        await _page.ShouldBeAccessibleAsync();
    }

    [Theory]
    [InlineData("qdo")]
    [InlineData("head-of-pdu")]
    public async Task ConsistencyOfQuality_FromTheInsightLinks_TablesAndChartsAccessible_TheAreasChosen(string user)
    {
        await _page.SignInAsync(user);
        await _page.ClickMainNavigationAsync("Insight", "**/insight/process**");

        await _page.GetByRole(AriaRole.Navigation, new() { Name = "Insight pages" }).GetByRole(AriaRole.Link, new() { Name = "Consistency of quality" }).ClickAsync();
        await _page.WaitForURLAsync("**/insight/quality**");

        (await _page.Locator("h1").TextContentAsync()).ShouldBe("Consistency of quality");
        (await _page.Locator("svg.cc-chart[role='img'] title").AllTextContentsAsync()).ShouldContain("Blockages named at conversations");
        (await _page.Locator("#agreement-table tbody tr").Last.Locator("th").TextContentAsync()).ShouldBe("All items together");
        (await _page.Locator("#themes-table tbody tr").First.Locator("th").TextContentAsync()).ShouldBe("Conversations held");
        await _page.ScreenshotAsync($"insight-quality-{user}");
        await _page.ShouldBeAccessibleAsync();

        await _page.Locator("#by").SelectOptionAsync("team");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await _page.WaitForURLAsync("**by=team**");
        (await _page.GetByRole(AriaRole.Heading, new() { Name = "By team" }).CountAsync()).ShouldBe(1);
        await _page.ShouldBeAccessibleAsync();

        await _page.Locator("#from").FillAsync("2026-13");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        (await _page.ErrorSummaryAsync()).ShouldBe(["Enter the first month as a year and month, for example 2026-03."]);
        await _page.ShouldBeAccessibleAsync();
    }

    [Fact]
    public async Task ExpertiseAtPanel_FromTheInsightLinks_ChartBesideItsTables_AndIsAccessible()
    {
        await _page.SignInAsync("panel-team");
        await _page.ClickMainNavigationAsync("Insight", "**/insight/process**");

        await _page.GetByRole(AriaRole.Navigation, new() { Name = "Insight pages" }).GetByRole(AriaRole.Link, new() { Name = "Expertise at panel" }).ClickAsync();
        await _page.WaitForURLAsync("**/insight/expertise**");

        (await _page.Locator("svg.cc-chart[role='img'] title").TextContentAsync()).ShouldBe("Needed expertise present at panel, by agency");
        (await _page.Locator("#agencies-table tbody tr").CountAsync()).ShouldBe(10);
        (await _page.Locator("#months-table tbody tr").Last.Locator("th").TextContentAsync()).ShouldBe("Total");
        await _page.ScreenshotAsync("insight-expertise");
        await _page.ShouldBeAccessibleAsync();
    }

    [Fact]
    public async Task CapacityPlanning_ThreeScenariosSideBySide_ABadNumberExplained_AndIsAccessible()
    {
        await _page.SignInAsync("analyst");
        await _page.ClickMainNavigationAsync("Insight", "**/insight/process**");

        await _page.GetByRole(AriaRole.Navigation, new() { Name = "Insight pages" }).GetByRole(AriaRole.Link, new() { Name = "Capacity planning" }).ClickAsync();
        await _page.WaitForURLAsync("**/insight/capacity**");

        (await _page.Locator("svg.cc-chart[role='img'] title").TextContentAsync()).ShouldBe("Staff hours a month, by scenario");
        (await _page.Locator("#forecast-table thead th").CountAsync()).ShouldBe(4);
        await _page.ScreenshotAsync("insight-capacity");
        await _page.ShouldBeAccessibleAsync();

        await _page.Locator("#s2-escalation").FillAsync("150");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Forecast" }).ClickAsync();
        (await _page.ErrorSummaryAsync()).ShouldBe(["Enter the escalation rate for scenario 2 as a number from 0 to 100"]);
        await _page.ShouldBeAccessibleAsync();
    }

    [Fact]
    public async Task MonthSummaryReport_FromTheInsightLinks_DownloadsAPdf_ABadMonthExplained_AndIsAccessible()
    {
        await _page.SignInAsync("analyst");
        await _page.ClickMainNavigationAsync("Insight", "**/insight/process**");

        await _page.GetByRole(AriaRole.Navigation, new() { Name = "Insight pages" }).GetByRole(AriaRole.Link, new() { Name = "Month summary report" }).ClickAsync();
        await _page.WaitForURLAsync("**/insight/summary**");

        (await _page.Locator("h1").TextContentAsync()).ShouldBe("Month summary report");
        await _page.ScreenshotAsync("insight-summary");
        await _page.ShouldBeAccessibleAsync();

        var download = await _page.RunAndWaitForDownloadAsync(() =>
            _page.GetByRole(AriaRole.Button, new() { Name = "Download the report (PDF)" }).ClickAsync());
        download.SuggestedFilename.ShouldStartWith("month-summary-");
        download.SuggestedFilename.ShouldEndWith(".pdf");

        await _page.Locator("#month").FillAsync("2026-13");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Download the report (PDF)" }).ClickAsync();
        (await _page.ErrorSummaryAsync()).ShouldBe(["Enter the month as a year and month, for example 2026-03."]);
        await _page.ShouldBeAccessibleAsync();
    }

    [Fact]
    public async Task PanelSolutions_FromTheNavigation_SearchesByBlockage_AndIsAccessible()
    {
        await _page.SignInAsync("practitioner");

        await _page.ClickMainNavigationAsync("Panel solutions", "**/solutions**");
        await _page.ShouldBeAccessibleAsync();
        await _page.Locator("#blockage").SelectOptionAsync("accommodation");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await _page.WaitForURLAsync("**/solutions?blockage=accommodation**");

        (await _page.Locator("#results-count").TextContentAsync())!.ShouldContain("solution");
        await _page.ScreenshotAsync("panel-solutions");
        await _page.ShouldBeAccessibleAsync();

        // Every match of the search downloads, in both formats.
        var csv = await _page.RunAndWaitForDownloadAsync(() => _page.GetByRole(AriaRole.Link, new() { Name = "Download every matching solution (CSV)" }).ClickAsync());
        csv.SuggestedFilename.ShouldBe("panel-solutions.csv");
        var xlsx = await _page.RunAndWaitForDownloadAsync(() => _page.GetByRole(AriaRole.Link, new() { Name = "as a spreadsheet (XLSX)" }).ClickAsync());
        xlsx.SuggestedFilename.ShouldBe("panel-solutions.xlsx");
    }

    [Fact]
    public async Task RecordsToCheck_FromTheNavigation_EachTableDownloads_AndIsAccessible()
    {
        await _page.SignInAsync("spo");

        await _page.ClickMainNavigationAsync("Records to check", "**/records-to-check**");
        await _page.ScreenshotAsync("records-to-check-spo");
        await _page.ShouldBeAccessibleAsync();

        var people = await _page.RunAndWaitForDownloadAsync(() => _page.GetByRole(AriaRole.Link, new() { Name = "Download these people and what to check (CSV)" }).ClickAsync());
        people.SuggestedFilename.ShouldStartWith("records-to-check-people-");
        people.SuggestedFilename.ShouldEndWith(".csv");
        var teams = await _page.RunAndWaitForDownloadAsync(() => _page.GetByRole(AriaRole.Link, new() { Name = "Download the table by team (CSV)" }).ClickAsync());
        teams.SuggestedFilename.ShouldStartWith("records-to-check-teams-");
    }
}
