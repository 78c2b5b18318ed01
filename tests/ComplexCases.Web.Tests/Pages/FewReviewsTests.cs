using System.Globalization;
using ComplexCases.Application.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using UglyToad.PdfPig;

namespace ComplexCases.Web.Tests.Pages;

/// <summary>
/// The demo with all but its <see cref="Kept"/> newest quality reviews deleted once seeded: a group of fewer than five made on
/// purpose, so the withholding of small counts is tested whatever the demo's own size (the demo reviews every conversation).
/// </summary>
public sealed class FewReviewsSiteFactory : DemoSiteFactory
{
    public const int Kept = 3;

    protected override IHost CreateHost(IHostBuilder builder)
    {
        var host = base.CreateHost(builder);
        using var db = host.Services.GetRequiredService<DatabaseTarget>().Open();
        var kept = db.QualityReviews.AsEnumerable().OrderByDescending(r => r.ReviewedOn).ThenByDescending(r => r.Id).Take(Kept).Select(r => r.Id).ToList();
        db.QualityReviews.Where(r => !kept.Contains(r.Id)).ExecuteDelete();
        return host;
    }
}

/// <summary>Fewer than five quality reviews: their counts are withheld on the page, in both downloads and in the month's report.</summary>
public sealed class FewReviewsTests(FewReviewsSiteFactory site) : IClassFixture<FewReviewsSiteFactory>
{
    [Fact]
    public async Task FewerThanFiveReviews_TheirCountsAreWithheldOnThePage()
    {
        var client = await site.SignInAsync("analyst");

        var html = await client.GetStringAsync("/insight/quality");

        using var db = site.OpenDatabase();
        db.QualityReviews.Count().ShouldBe(FewReviewsSiteFactory.Kept);
        html.ShouldContain("Fewer than 5 quality reviews");
        html.ShouldContain("id=\"checklist-table\"");
        html.ShouldContain("<title id=\"checklist-title\">Share of reviews meeting each checklist item</title>");
        html.ShouldNotContain(">1</td>");
        html.ShouldNotContain(">2</td>");
        html.ShouldNotContain(">3</td>");
        html.ShouldNotContain(">4</td>");
    }

    [Fact]
    public async Task WithheldCounts_AreTheMarkerInBothFiles_NeverTheSmallNumber()
    {
        var client = await site.SignInAsync("analyst");

        var csv = TableDownloadTests.Csv(await client.GetStringAsync("/insight/quality?handler=csv&table=checklist"));
        var xlsx = TableDownloadTests.Xlsx(await client.GetByteArrayAsync("/insight/quality?handler=xlsx&table=checklist"));

        csv.Skip(1).SelectMany(r => r.Skip(1)).ShouldContain("[c]");
        for (var r = 1; r < csv.Count; r++)
        {
            for (var c = 1; c < csv[r].Count; c++)
            {
                if (csv[r][c] == "[c]") xlsx[r][c].ShouldBe(("[c]", (double?)null));
                if (xlsx[r][c].Number is { } n && !csv[r][c].EndsWith('%')) n.ShouldNotBeInRange(1, 4);
            }
        }
    }

    [Fact]
    public async Task TheMonthsReport_QualityRows_AreTheDownloadsRows_WithheldAsThere()
    {
        // The month's reviews are fewer than five: the checklist's counts are [c] in the CSV and so in the report, never the number.
        var client = await site.SignInAsync("analyst");
        string month;
        using (var db = site.OpenDatabase()) month = db.QualityReviews.AsEnumerable().Select(r => r.ReviewedOn).Max().ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var csv = TableDownloadTests.Csv(await client.GetStringAsync($"/insight/quality?handler=csv&table=checklist&from={month}&to={month}"));

        var text = Text(await client.GetByteArrayAsync($"/insight/summary?month={month}"));

        csv.Skip(1).SelectMany(r => r.Skip(1)).ShouldContain("[c]");
        foreach (var row in csv.Skip(1)) text.ShouldContain(string.Join(" ", row.Skip(1)));
        using var check = site.OpenDatabase();
        var reviews = check.QualityReviews.AsEnumerable().Count(r => r.ReviewedOn.ToString("yyyy-MM", CultureInfo.InvariantCulture) == month);
        reviews.ShouldBeInRange(1, 4);
        foreach (var row in csv.Skip(1)) text.ShouldNotContain(string.Join(" ", row.Skip(1)).Replace("[c]", reviews.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
    }

    private static string Text(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Join(" ", document.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
    }
}
