using System.Net;
using ComplexCases.Application.Quality;
using Microsoft.Extensions.DependencyInjection;

namespace ComplexCases.Web.Tests.Pages;

/// <summary>/insight/quality: checklist results, agreement between QDOs and blockage themes; counts only, views and downloads audited.</summary>
public sealed class QualityInsightPageTests(DemoSiteFactory site) : IClassFixture<DemoSiteFactory>
{
    [Theory]
    [InlineData("head-of-pdu", "By team")]
    [InlineData("qdo", "By PDU")]
    [InlineData("analyst", "By PDU")]
    public async Task RolesWithAggregates_SeeEveryPart_AndTheViewIsAudited(string user, string areas)
    {
        var client = await site.SignInAsync(user);

        var html = await client.GetStringAsync("/insight/quality");

        html.ShouldContain("<h1 class=\"govuk-heading-l\">Consistency of quality</h1>");
        html.ShouldContain($"<h2 class=\"govuk-heading-m\">{areas}</h2>");
        html.ShouldContain("id=\"agreement-table\"");
        html.ShouldContain("id=\"themes-table\"");
        html.ShouldContain("<title id=\"themes-title\">Blockages named at conversations</title>");
        html.ShouldContain("All items together");
        // No CRN: counts only.
        html.ShouldNotMatch("[A-Z][0-9]{6}");
        using var db = site.OpenDatabase();
        var entry = db.AuditEvents.Where(e => e.EventType == "insight.viewed" && e.Actor == user).OrderByDescending(e => e.Sequence).First();
        entry.Action.ShouldBe("disclosure");
        entry.Details.ShouldContain("quality");
    }

    [Fact]
    public async Task DemoReviews_AreCountedAndShown_WithTheirAgreement()
    {
        // The demo reviews its conversations (two QDOs, second reviews where the rule samples them): enough to show the counts.
        // Fewer than five are withheld: FewReviewsTests makes such a group on purpose.
        var client = await site.SignInAsync("analyst");

        var html = await client.GetStringAsync("/insight/quality");
        var checklist = TableDownloadTests.Csv(await client.GetStringAsync("/insight/quality?handler=csv&table=checklist"));

        html.ShouldNotContain("Fewer than 5 quality reviews");
        html.ShouldContain("<title id=\"checklist-title\">Share of reviews meeting each checklist item</title>");
        using var db = site.OpenDatabase();
        // Every demo record shows what was discussed and agreed: that item is met by every review counted in the results.
        var recorded = checklist.Single(r => r[0] == "Does the record show what was discussed and agreed?");
        var reviews = int.Parse(recorded[1], System.Globalization.CultureInfo.InvariantCulture);
        reviews.ShouldBeGreaterThanOrEqualTo(5);
        recorded[2].ShouldBe(recorded[1]);
        // Second reviews are counted for agreement, not again in the results (the demo's three months are all in the period).
        using var scope = site.Services.CreateScope();
        var seconds = scope.ServiceProvider.GetRequiredService<QualityReviews>().Pairs().Count(p => p.Second is not null);
        seconds.ShouldBeGreaterThan(0);
        reviews.ShouldBe(db.QualityReviews.Count() - seconds);
    }

    [Theory]
    [InlineData("checklist", "\"Checklist item\",\"Reviews\",\"Met\"")]
    [InlineData("areas", "\"PDU\",\"Reviews\"")]
    [InlineData("agreement", "\"Checklist item\",\"Double-reviewed cases\"")]
    [InlineData("themes", "\"Blockage\",")]
    public async Task EachTable_DownloadsAsCsv_Audited(string table, string header)
    {
        var client = await site.SignInAsync("analyst");

        var response = await client.GetAsync($"/insight/quality?handler=csv&table={table}&from=2026-01&to=2026-03&by=pdu");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var lines = (await response.Content.ReadAsStringAsync()).TrimEnd('\n').Split('\n');
        lines[0].ShouldStartWith(header);
        lines.Length.ShouldBeGreaterThan(1);
        using var db = site.OpenDatabase();
        var entry = db.AuditEvents.Where(e => e.EventType == "insight.exported" && e.Actor == "analyst").OrderByDescending(e => e.Sequence).First();
        entry.Action.ShouldBe("disclosure");
        entry.Details.ShouldContain("quality-" + table);
        entry.Details.ShouldContain("2026-01");
    }

    [Fact]
    public async Task UnknownTable_IsABadRequest()
    {
        var client = await site.SignInAsync("analyst");

        var response = await client.GetAsync("/insight/quality?handler=csv&table=people");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task BadMonth_IsExplainedOnThePage()
    {
        var client = await site.SignInAsync("qdo");

        var html = await client.GetStringAsync("/insight/quality?to=June");

        html.ShouldContain("govuk-error-summary");
        html.ShouldContain("Enter the last month as a year and month, for example 2026-03.");
        html.ShouldNotContain("<svg");
    }

    [Theory]
    [InlineData("practitioner")]
    [InlineData("spo")]
    [InlineData("panel-member")]
    [InlineData("admin")]
    public async Task RolesWithoutAggregates_AreRefused(string user)
    {
        var client = await site.SignInAsync(user);

        var response = await client.GetAsync("/insight/quality");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldContain("/forbidden");
    }

    [Fact]
    public async Task HomePage_OfAnAggregatesRole_LinksToTheInsightPages()
    {
        var client = await site.SignInAsync("head-of-pdu");

        var html = await client.GetStringAsync("/");

        html.ShouldContain("href=\"/insight/process\"");
        html.ShouldContain("href=\"/insight/quality\"");
    }
}
