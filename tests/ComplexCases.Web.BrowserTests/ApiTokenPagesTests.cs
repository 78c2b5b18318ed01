using Microsoft.Playwright;

namespace ComplexCases.Web.BrowserTests;

/// <summary>Making and revoking an API token in real Chromium, and the administrator's view of it, every page accessible (axe).</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class ApiTokenPagesTests(BrowserSite site) : IAsyncLifetime
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
    public async Task AnalystMakesAndRevokesAToken_AdministratorSeesIt_EveryPageAccessible()
    {
        await _page.SignInAsync("analyst");
        await _page.GetByRole(AriaRole.Link, new() { Name = "API tokens", Exact = true }).ClickAsync();
        await _page.WaitForURLAsync("**/account/tokens");
        await _page.ShouldBeAccessibleAsync();

        await _page.Locator("#days").FillAsync("120");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Make token" }).ClickAsync();
        (await _page.ErrorSummaryAsync()).ShouldBe(["Enter a name for the token, such as the script that will use it", "The token must last between 1 and 90 days"]);
        await _page.ShouldBeAccessibleAsync();

        await _page.Locator("#name").FillAsync("browser-made script");
        await _page.Locator("#days").FillAsync("14");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Make token" }).ClickAsync();
        (await _page.Locator("#secret").InputValueAsync()).ShouldStartWith("cct_");
        await _page.ScreenshotAsync("api-token-made");
        await _page.ShouldBeAccessibleAsync();

        await _page.GetByRole(AriaRole.Button, new() { Name = "Revoke browser-made script" }).ClickAsync();
        await _page.WaitForURLAsync(RevokedPage());
        (await _page.Locator("#tokens").TextContentAsync())!.ShouldContain("Revoked by analyst");
        (await _page.ContentAsync()).ShouldNotContain("id=\"secret\"");
        await _page.ShouldBeAccessibleAsync();

        await _context.ClearCookiesAsync();
        await _page.SignInAsync("admin");
        await _page.GotoAsync("/admin/users/analyst");
        await _page.GetByRole(AriaRole.Link, new() { Name = "API tokens of this account" }).ClickAsync();
        await _page.WaitForURLAsync("**/admin/users/analyst/tokens");
        (await _page.Locator("#tokens").TextContentAsync())!.ShouldContain("browser-made script");
        await _page.ShouldBeAccessibleAsync();
    }

    [System.Text.RegularExpressions.GeneratedRegex("/account/tokens\\?revoked=")]
    private static partial System.Text.RegularExpressions.Regex RevokedPage();
}
