using System.Text.Json;
using ComplexCases.TestSupport.Web;
using Deque.AxeCore.Commons;
using Microsoft.Playwright;

namespace ComplexCases.Web.BrowserTests;

/// <summary>What every journey does after every page load: an axe-core check against WCAG 2.0/2.1/2.2 A and AA, and screenshots.</summary>
internal static class PageChecks
{
    private static readonly string[] WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];

    /// <summary>The axe-core script bundled in Deque's package, read once.</summary>
    private static readonly Lazy<string> AxeScript = new(() => new BundledAxeScriptProvider().GetScript());

    /// <summary>
    /// axe.run in the page itself, reporting violations only. Deque's RunAxe wrapper walks every iframe and finishes each
    /// run in a fresh browser context: about two seconds a check, and these pages have no iframes. Evaluated scripts are
    /// not subject to the site's CSP, so axe goes in without loosening it.
    /// </summary>
    public static async Task ShouldBeAccessibleAsync(this IPage page)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
            await page.EvaluateAsync("() => {" + AxeScript.Value + "\n}");
        var result = await page.EvaluateAsync<JsonElement>("""
            async tags => (await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }))
                .violations.map(v => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map(n => n.target.join(' ')).join(', ')}`)
            """, WcagTags);
        var violations = result.EnumerateArray().Select(v => v.GetString()!).ToList();
        violations.ShouldBeEmpty($"axe found WCAG A/AA violations on {page.Url}:\n" + string.Join("\n", violations));
    }

    public static async Task ScreenshotAsync(this IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserSite.ScreenshotFolder, name + ".png"), FullPage = true });

    /// <summary>Fills and submits the real sign-in form, as a person would.</summary>
    public static async Task SignInAsync(this IPage page, string userName, string password = DemoSite.Password)
    {
        await page.GotoAsync("/sign-in");
        await page.GetByLabel("User name").FillAsync(userName);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }

    public static string PathOf(this IPage page) => new Uri(page.Url).AbsolutePath;

    /// <summary>The main navigation's link texts: what a role is offered.</summary>
    /// <summary>The main navigation's link texts, without counts (e.g. "Notifications 2 unread" is "Notifications").</summary>
    public static async Task<IReadOnlyList<string>> MainNavigationAsync(this IPage page) =>
        [.. (await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link).AllInnerTextsAsync())
            .Select(t => System.Text.RegularExpressions.Regex.Replace(t, @"\s+\d[\s\S]*$", "").Trim())];

    public static async Task ClickMainNavigationAsync(this IPage page, string link, string urlGlob)
    {
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = link, Exact = true }).ClickAsync();
        try
        {
            await page.WaitForURLAsync(urlGlob);
        }
        catch (TimeoutException ex)
        {
            // Where the browser was instead, and what it showed, kept with the screenshots.
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserSite.ScreenshotFolder, $"navigation-timeout-{link.Replace(' ', '-')}.png"), FullPage = true });
            throw new TimeoutException($"Clicked '{link}' expecting {urlGlob}, but the browser is at {page.Url}", ex);
        }
    }

    /// <summary>
    /// The error summary's messages. Each must link to a field that is on the page (GOV.UK pattern: the link moves focus
    /// to the field), so a renamed input cannot leave a dead link behind.
    /// </summary>
    public static async Task<IReadOnlyList<string>> ErrorSummaryAsync(this IPage page)
    {
        var summary = page.Locator(".govuk-error-summary");
        (await summary.IsVisibleAsync()).ShouldBeTrue($"no error summary on {page.Url}");
        (await summary.Locator(".govuk-error-summary__title").InnerTextAsync()).Trim().ShouldBe("There is a problem");
        var links = summary.Locator(".govuk-error-summary__list a");
        var messages = new List<string>();
        for (var i = 0; i < await links.CountAsync(); i++)
        {
            var link = links.Nth(i);
            var target = (await link.GetAttributeAsync("href"))!;
            target.ShouldStartWith("#");
            (await page.Locator(target).CountAsync()).ShouldBe(1, $"error summary link {target} on {page.Url} points at nothing");
            messages.Add((await link.InnerTextAsync()).Trim());
        }
        return messages;
    }

    /// <summary>A role sent to a page it may not use lands on the forbidden page (which is checked like any other).</summary>
    public static async Task ShouldBeForbiddenAsync(this IPage page, string? screenshot = null)
    {
        page.PathOf().ShouldBe("/forbidden");
        (await page.Locator("h1").InnerTextAsync()).Trim().ShouldBe("You do not have access to this page");
        if (screenshot is not null) await page.ScreenshotAsync(screenshot);
        await page.ShouldBeAccessibleAsync();
    }
}
