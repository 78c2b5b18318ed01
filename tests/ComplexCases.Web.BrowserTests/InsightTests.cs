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
}
