using System.Net;

namespace ComplexCases.Web.Tests.Pages;

/// <summary>/insight/capacity: observed rates and three scenarios side by side; counts only, audited.</summary>
public sealed class CapacityPageTests(DemoSiteFactory site) : IClassFixture<DemoSiteFactory>
{
    [Theory]
    [InlineData("analyst")]
    [InlineData("head-of-pdu")]
    public async Task DefaultScenarios_AreForecastSideBySide_AndTheViewIsAudited(string user)
    {
        var client = await site.SignInAsync(user);

        var html = await client.GetStringAsync("/insight/capacity");

        html.ShouldContain("<h1 class=\"govuk-heading-l\">Capacity planning</h1>");
        html.ShouldContain("id=\"observed-table\"");
        html.ShouldContain("id=\"forecast-table\"");
        html.ShouldContain("<title id=\"capacity-hours-title\">Staff hours a month, by scenario</title>");
        html.ShouldContain("As observed");
        html.ShouldContain("Twice the PDUs");
        html.ShouldContain("England and Wales (240,000 people screened a month)");
        html.ShouldNotMatch("[A-Z][0-9]{6}");
        using var db = site.OpenDatabase();
        var entry = db.AuditEvents.Where(e => e.EventType == "insight.viewed" && e.Actor == user).OrderByDescending(e => e.Sequence).First();
        entry.Details.ShouldContain("capacity");
    }

    [Fact]
    public async Task AScenariosPopulationAndRates_AreUsed()
    {
        var client = await site.SignInAsync("analyst");

        var html = await client.GetStringAsync("/insight/capacity?s1-name=Big&s1-population=100000&s1-listing=2&s1-escalation=50&per-meeting=5");

        html.ShouldContain("100,000 people");
        // 100,000 × 2 per 1,000 = 200 listed a month, exactly (the rate is set, not observed).
        html.ShouldContain("<td class=\"govuk-table__cell\">200 (200 to 200)</td>");
    }

    [Theory]
    [InlineData("per-meeting=0", "Enter the cases a meeting can discuss as a whole number from 1 to 100")]
    [InlineData("s2-escalation=150", "Enter the escalation rate for scenario 2 as a number from 0 to 100")]
    [InlineData("s3-where=region", "Choose the region for scenario 3")]
    [InlineData("m-triage=lots", "Enter the minutes for triages as a number from 0 to 10,000")]
    public async Task BadInput_IsExplainedOnThePage(string query, string message)
    {
        var client = await site.SignInAsync("analyst");

        var html = await client.GetStringAsync("/insight/capacity?" + query);

        html.ShouldContain("govuk-error-summary");
        html.ShouldContain(message);
        html.ShouldNotContain("id=\"forecast-table\"");
    }

    [Theory]
    [InlineData("observed", "\"Step\",\"Observed\",\"Rate\"")]
    [InlineData("forecast", "\"Scenario\",\"Footprint\",\"Step\",\"Measure\"")]
    public async Task EachTable_DownloadsAsCsv_Audited_AndANameCannotBeAFormula(string table, string header)
    {
        var client = await site.SignInAsync("analyst");

        var response = await client.GetAsync($"/insight/capacity?handler=csv&table={table}&s1-name=%3DHYPERLINK(1)");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var text = await response.Content.ReadAsStringAsync();
        text.Split('\n')[0].ShouldStartWith(header);
        if (table == "forecast") text.ShouldContain("\"'=HYPERLINK(1)\"");
        using var db = site.OpenDatabase();
        db.AuditEvents.Where(e => e.EventType == "insight.exported" && e.Actor == "analyst").OrderByDescending(e => e.Sequence).First()
            .Details.ShouldContain("capacity-" + table);
    }

    [Theory]
    [InlineData("practitioner")]
    [InlineData("admin")]
    public async Task RolesWithoutAggregates_AreRefused(string user)
    {
        var client = await site.SignInAsync(user);

        var response = await client.GetAsync("/insight/capacity");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldContain("/forbidden");
    }
}
