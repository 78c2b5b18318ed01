using Microsoft.Playwright;

namespace ComplexCases.Web.BrowserTests;

/// <summary>Each demo role's main journey in real Chromium, with real clicks; axe runs after every page load.</summary>
[Collection(BrowserCollection.Name)]
public sealed class JourneyTests(BrowserSite site) : IAsyncLifetime
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
    public async Task HeadOfPdu_SignsIn_FiltersTheNorfolkList_AndOpensACase()
    {
        await _page.SignInAsync("head-of-pdu");
        new Uri(_page.Url).AbsolutePath.ShouldBe("/");
        (await _page.Locator("h1").InnerTextAsync()).ShouldBe("Complex cases");
        (await _page.Locator("caption").InnerTextAsync()).ShouldContain("Lists by probation delivery unit");
        await _page.ScreenshotAsync("home");
        await _page.ShouldBeAccessibleAsync();

        await _page.Locator("a[href^='/lists/EOENFK']").ClickAsync();
        await _page.WaitForURLAsync("**/lists/EOENFK**");
        (await _page.Locator("table tbody tr").CountAsync()).ShouldBeGreaterThan(0);
        await _page.ScreenshotAsync("list");
        await _page.ShouldBeAccessibleAsync();

        await _page.GetByLabel("Status").SelectOptionAsync("complex");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
        await _page.WaitForURLAsync("**status=complex**");
        var statuses = await _page.Locator("table tbody tr td:nth-child(4)").AllInnerTextsAsync();
        statuses.ShouldNotBeEmpty();
        statuses.ShouldAllBe(s => s.Trim() == "Complex");
        await _page.ShouldBeAccessibleAsync();

        await _page.Locator("table tbody a[href^='/cases/']").First.ClickAsync();
        await _page.WaitForURLAsync("**/cases/**");
        await _page.GetByRole(AriaRole.Heading, new() { Name = "Why this case is listed" }).WaitForAsync();
        await _page.ScreenshotAsync("case");
        await _page.ShouldBeAccessibleAsync();

        await _page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Definitions" }).ClickAsync();
        await _page.WaitForURLAsync("**/definitions");
        await _page.ScreenshotAsync("definitions");
        await _page.ShouldBeAccessibleAsync();
    }

    [Fact]
    public async Task Practitioner_SignsIn_AndSeesOnlyTheirOwnCases()
    {
        await _page.SignInAsync("practitioner");
        new Uri(_page.Url).AbsolutePath.ShouldBe("/");
        await _page.ShouldBeAccessibleAsync();
        var me = (await _page.Locator("header form .govuk-body").InnerTextAsync()).Trim();
        me.ShouldNotBeNullOrEmpty();

        await _page.Locator("main a[href^='/lists/']").First.ClickAsync();
        await _page.WaitForURLAsync("**/lists/**");
        await _page.ScreenshotAsync("list-practitioner");
        await _page.ShouldBeAccessibleAsync();
        var practitioners = await _page.Locator("table tbody tr td:nth-child(3)").AllInnerTextsAsync();
        practitioners.ShouldNotBeEmpty();
        practitioners.ShouldAllBe(p => p.Trim() == me);
    }

    [Fact]
    public async Task Analyst_SignsIn_SeesWithheldNamesOnAList_AndOpensRuns()
    {
        await _page.SignInAsync("analyst");
        new Uri(_page.Url).AbsolutePath.ShouldBe("/");
        await _page.ShouldBeAccessibleAsync();

        await _page.Locator("main a[href^='/lists/']").First.ClickAsync();
        await _page.WaitForURLAsync("**/lists/**");
        await _page.ScreenshotAsync("list-analyst");
        await _page.ShouldBeAccessibleAsync();
        var names = await _page.Locator("table tbody tr td:nth-child(2)").AllInnerTextsAsync();
        names.ShouldNotBeEmpty();
        names.ShouldAllBe(n => n.Trim() == "Withheld");
        (await _page.Locator("a[href^='/cases/']").CountAsync()).ShouldBe(0);

        await _page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Runs" }).ClickAsync();
        await _page.WaitForURLAsync("**/runs");
        await _page.ScreenshotAsync("runs");
        await _page.ShouldBeAccessibleAsync();
    }

    [Fact]
    public async Task Analyst_RunsAScreening_AndTheProgressPageReloadsUntilTheResult()
    {
        await _page.SignInAsync("analyst");
        await _page.GotoAsync("/runs/new");
        await _page.ShouldBeAccessibleAsync();

        await _page.GetByLabel("Extract").SetInputFilesAsync(Directory.GetFiles(Path.Combine(RepositoryRoot(), "samples", "2024-09-01"), "*.csv"));
        // Earlier than the demo months, so the other journeys' "latest run" stays the demo's.
        await _page.GetByLabel("Screening date").FillAsync("2024-01-01");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Run the screening" }).ClickAsync();
        await _page.WaitForURLAsync("**/runs/progress/**");

        // No script: the page's meta refresh reloads it until the run has finished.
        await _page.GetByRole(AriaRole.Heading, new() { Name = "Screening finished" }).WaitForAsync(new() { Timeout = 120_000 });
        (await _page.Locator("#run-result").InnerTextAsync()).ShouldContain("600 people screened");
        await _page.ScreenshotAsync("run-finished");
        await _page.ShouldBeAccessibleAsync();
    }

    [Fact]
    public async Task WrongPassword_ShowsTheErrorSummary()
    {
        await _page.GotoAsync("/sign-in");
        await _page.ScreenshotAsync("sign-in");
        await _page.ShouldBeAccessibleAsync();

        await _page.SignInAsync("head-of-pdu", "not-the-password-2024");

        new Uri(_page.Url).AbsolutePath.ShouldBe("/sign-in");
        var summary = _page.Locator(".govuk-error-summary");
        (await summary.IsVisibleAsync()).ShouldBeTrue();
        (await summary.InnerTextAsync()).ShouldContain("There is a problem");
        await _page.ScreenshotAsync("sign-in-error");
        await _page.ShouldBeAccessibleAsync();
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "ComplexCases.slnx"))) folder = folder.Parent;
        return folder?.FullName ?? throw new InvalidOperationException("Run the tests from inside the repository.");
    }
}
