using Microsoft.Playwright;

namespace ComplexCases.Web.BrowserTests;

/// <summary>The checks the journeys rely on can fail: a journey passing says something only if these do.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PageChecksTests(BrowserSite site) : IAsyncLifetime
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
    public async Task AccessibilityCheck_FailsOnAFieldWithNoLabel_AndOnLowContrastText()
    {
        await _page.SetContentAsync("""
            <!DOCTYPE html><html lang="en"><head><title>Bad page</title></head>
            <body><main><h1>Bad page</h1><input type="text" id="nameless"><p style="color:#bbb;background:#fff">Faint</p></main></body></html>
            """);

        var failure = (await Record.ExceptionAsync(() => _page.ShouldBeAccessibleAsync())).ShouldBeOfType<ShouldAssertException>();

        failure.Message.ShouldContain("label (critical)");
        failure.Message.ShouldContain("color-contrast (serious)");
    }

    [Fact]
    public async Task ErrorSummaryCheck_FailsOnALinkToNoField()
    {
        await _page.SetContentAsync("""
            <!DOCTYPE html><html lang="en"><head><title>Error</title></head><body><main>
            <div class="govuk-error-summary"><h2 class="govuk-error-summary__title">There is a problem</h2>
            <ul class="govuk-error-summary__list"><li><a href="#renamed">Enter a date</a></li></ul></div>
            <input type="text" id="date"></main></body></html>
            """);

        var failure = (await Record.ExceptionAsync(() => _page.ErrorSummaryAsync())).ShouldBeOfType<ShouldAssertException>();

        failure.Message.ShouldContain("#renamed");
    }
}
