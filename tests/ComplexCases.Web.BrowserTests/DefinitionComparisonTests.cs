using System.Globalization;
using ComplexCases.Application.Definitions;
using ComplexCases.Application.Evaluation;
using ComplexCases.Application.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ComplexCases.Web.BrowserTests;

/// <summary>Comparing two definitions and the lab's ROC curve in real Chromium: charts beside their tables, refusals in the error summary, accessible (axe).</summary>
[Collection(BrowserCollection.Name)]
public sealed class DefinitionComparisonTests(BrowserSite site) : IAsyncLifetime
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
    public async Task Compare_FromTheDefinitionsPage_EveryChartBesideItsTable_ARefusalExplained_AndIsAccessible()
    {
        // A definition of its own id with threshold 5, so that B adds people to A's list and the pilot's versions stay as they are.
        var json = File.ReadAllText(DefinitionFile.PilotPath)
            .Replace("\"id\": \"pilot-2024\"", "\"id\": \"browser-compare\"", StringComparison.Ordinal)
            .Replace("\"threshold\": 6", "\"threshold\": 5", StringComparison.Ordinal);
        await _page.SignInAsync("analyst");
        await _page.GotoAsync("/definitions/new");
        await _page.Locator("#json").FillAsync(json);
        await _page.GetByRole(AriaRole.Button, new() { Name = "Check" }).ClickAsync();
        await _page.GetByRole(AriaRole.Button, new() { Name = "Save as a new version" }).ClickAsync();
        await _page.WaitForURLAsync("**/definitions");

        await _page.GetByRole(AriaRole.Link, new() { Name = "Compare two definitions side by side" }).ClickAsync();
        await _page.WaitForURLAsync("**/definitions/compare");
        await _page.ShouldBeAccessibleAsync();
        await _page.Locator("#a").SelectOptionAsync("pilot-2024@1");
        await _page.Locator("#b").SelectOptionAsync("browser-compare@1");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Compare" }).ClickAsync();
        await _page.WaitForURLAsync("**/definitions/compare?**");

        var titles = await _page.Locator("svg.cc-chart[role='img'] title").AllTextContentsAsync();
        titles.ShouldBe([
            "Listed each month by A and by B", "Who B adds and drops compared with A", "Which criteria make the difference",
            "Combinations of criteria among the listed", "Listed at each threshold", "Listed with each criterion dropped",
            "Entering and leaving the list each month",
        ]);
        foreach (var table in new[] { "overlap", "reasons", "combinations", "thresholds", "without", "stability", "stability-summary" })
            (await _page.Locator($"#{table}-table tbody tr").CountAsync()).ShouldBeGreaterThan(0, table);
        (await _page.Locator("#overlap-table tbody tr").Last.Locator("th").TextContentAsync()).ShouldBe("All months");
        // Lowering the threshold drops nobody.
        (await _page.Locator("#overlap-table tbody tr").Last.Locator("td").Nth(5).TextContentAsync()).ShouldBe("0");
        (await _page.Locator("#listed-summary").TextContentAsync())!.ShouldContain("B (browser-compare v1)");
        await _page.ScreenshotAsync("definitions-compare");
        await _page.ShouldBeAccessibleAsync();

        // One PDU: every table, the combinations and the stability summary included, is that PDU's.
        var pdu = (await _page.Locator("#pdu option").Nth(1).GetAttributeAsync("value"))!;
        await _page.Locator("#pdu").SelectOptionAsync(pdu);
        await _page.GetByRole(AriaRole.Button, new() { Name = "Compare" }).ClickAsync();
        await _page.WaitForURLAsync($"**/definitions/compare?**pdu={pdu}**");
        (await _page.Locator("#combinations-summary").TextContentAsync())!.ShouldStartWith($"In PDU {pdu}, the combinations");
        (await _page.Locator("#stability-summary-table caption").TextContentAsync())!.ShouldContain($"PDU {pdu}");
        (await _page.Locator("svg.cc-chart[role='img'] title").CountAsync()).ShouldBe(titles.Count);
        await _page.ShouldBeAccessibleAsync();

        await _page.Locator("#from").FillAsync("2024-13");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Compare" }).ClickAsync();
        (await _page.ErrorSummaryAsync()).ShouldBe(["Enter the first month as a year and month, for example 2024-03."]);
        await _page.ShouldBeAccessibleAsync();
    }

    [Fact]
    public async Task Lab_TheRocCurve_BesideItsPoints_WithTheAuc_AndIsAccessible()
    {
        ImportOutcomes();
        await _page.SignInAsync("analyst");
        await _page.GotoAsync("/definitions/lab");
        await _page.Locator("#definition").SelectOptionAsync("pilot-2024@1");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Evaluate" }).ClickAsync();
        await _page.WaitForURLAsync("**/definitions/lab?**");

        (await _page.Locator("svg.cc-chart[role='img'] title").TextContentAsync()).ShouldBe("ROC curve of the score");
        (await _page.Locator("#roc-table tbody tr").CountAsync()).ShouldBeGreaterThan(1);
        (await _page.Locator("#roc-table tbody tr").Last.Locator("td").AllTextContentsAsync()).ShouldBe(["1.000", "1.000"]);
        (await _page.Locator("#roc-summary").TextContentAsync())!.ShouldContain("The AUC, the area under the curve, is 0.");
        await _page.ScreenshotAsync("definitions-lab-roc");
        await _page.ShouldBeAccessibleAsync();
    }

    /// <summary>Outcomes for 40 listed and 40 unlisted people of the demo's first month, and one long after the last month so every follow-up has ended.</summary>
    private void ImportOutcomes()
    {
        var file = Path.Combine(Path.GetTempPath(), "complexcases-browser-roc-" + Guid.NewGuid().ToString("N") + ".csv");
        try
        {
            using (var db = site.OpenDatabase())
            {
                var runs = db.Runs.AsNoTracking().OrderBy(r => r.AsOf).ToList();
                // The demo's first month, not the earliest run: other tests of the shared site upload small months dated before
                // the demo's (a sample extract of a few people), and outcomes for those would leave too few people for a curve.
                var first = runs.First(r => r.RunBy == "demo");
                var listed = db.PersonResults.AsNoTracking().Where(p => p.RunId == first.Id && p.Status == 2).OrderBy(p => p.Crn).Select(p => p.Crn).Take(40).ToList();
                var unlisted = db.PersonResults.AsNoTracking().Where(p => p.RunId == first.Id && p.Status == 0).OrderBy(p => p.Crn).Select(p => p.Crn).Take(40).ToList();
                static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                File.WriteAllLines(file, [
                    "crn,occurred_on,type",
                    .. listed.Concat(unlisted).Select(crn => $"{crn},{Day(first.AsOf.AddDays(1))},RECALL"),
                    $"{unlisted[0]},{Day(runs[^1].AsOf.AddMonths(13))},BREACH",
                ]);
            }
            var database = site.Services.GetRequiredService<DatabaseTarget>();
            var imported = site.Services.GetRequiredService<ImportOutcomes>().Run(database.ConnectionString, file);
            imported.Succeeded.ShouldBeTrue(imported.Error);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
