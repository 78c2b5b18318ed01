using ComplexCases.Application.Definitions;
using Microsoft.Playwright;

namespace ComplexCases.Web.BrowserTests;

/// <summary>Writing, checking, saving and adopting a definition in real Chromium, every page accessible (axe).</summary>
[Collection(BrowserCollection.Name)]
public sealed class DefinitionLibraryTests(BrowserSite site) : IAsyncLifetime
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
    public async Task AnalystWritesAndSaves_HeadOfPduAdopts_EveryPageAccessible()
    {
        // A definition of its own id, so that the pilot's versions, which other tests read, stay as they are.
        var json = File.ReadAllText(DefinitionFile.PilotPath)
            .Replace("\"id\": \"pilot-2024\"", "\"id\": \"browser-five\"", StringComparison.Ordinal)
            .Replace("\"threshold\": 6", "\"threshold\": 5", StringComparison.Ordinal);
        await _page.SignInAsync("analyst");
        await _page.ClickMainNavigationAsync("Definitions", "**/definitions");
        await _page.ShouldBeAccessibleAsync();
        await _page.GetByRole(AriaRole.Link, new() { Name = "Write or upload a definition" }).ClickAsync();
        await _page.WaitForURLAsync("**/definitions/new");
        await _page.ShouldBeAccessibleAsync();

        await _page.Locator("#json").FillAsync(json.Replace("\"weight\": 1,", "\"weight\": 0,", StringComparison.Ordinal));
        await _page.GetByRole(AriaRole.Button, new() { Name = "Check" }).ClickAsync();
        var problems = await _page.ErrorSummaryAsync();
        // Every problem, each named by its path, each linking to the text box.
        problems.ShouldContain(p => p.StartsWith("criteria[0].weight: 0 is out of range", StringComparison.Ordinal));
        problems.ShouldContain(p => p.StartsWith("criteria[7].weight: 0 is out of range", StringComparison.Ordinal));
        await _page.ScreenshotAsync("definition-errors");
        await _page.ShouldBeAccessibleAsync();

        await _page.Locator("#json").FillAsync(json);
        await _page.GetByRole(AriaRole.Button, new() { Name = "Check" }).ClickAsync();
        (await _page.Locator("#checked").TextContentAsync())!.ShouldContain("browser-five version 1");
        await _page.ShouldBeAccessibleAsync();
        await _page.GetByRole(AriaRole.Button, new() { Name = "Save as a new version" }).ClickAsync();
        await _page.WaitForURLAsync("**/definitions");
        (await _page.Locator("#versions").TextContentAsync())!.ShouldContain("browser-five");
        await _page.ScreenshotAsync("definitions-versions");
        await _page.ShouldBeAccessibleAsync();

        await _context.ClearCookiesAsync();
        await _page.SignInAsync("head-of-pdu");
        await _page.GotoAsync("/definitions/adopt");
        await _page.ShouldBeAccessibleAsync();
        await _page.Locator("#definition").SelectOptionAsync("browser-five@1");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Adopt" }).ClickAsync();
        (await _page.ErrorSummaryAsync()).ShouldBe(["Enter the reason for adopting this definition: it is kept with the decision"]);
        await _page.ShouldBeAccessibleAsync();
        await _page.Locator("#reason").FillAsync("The lab showed it finds more of the cases that went wrong");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Adopt" }).ClickAsync();
        await _page.WaitForURLAsync("**/definitions");
        (await _page.Locator("#adoptions").TextContentAsync())!.ShouldContain("The lab showed it finds more of the cases that went wrong");
        await _page.ScreenshotAsync("definitions-adopted");
        await _page.ShouldBeAccessibleAsync();
    }
}
