using System.Globalization;
using System.Net;
using UglyToad.PdfPig;

namespace ComplexCases.Web.Tests.Pages;

/// <summary>/insight/summary: a month's headline tables as a PDF, suppressed as on the pages, the download audited; bad input shown back.</summary>
public sealed class MonthSummaryReportTests(DemoSiteFactory site) : IClassFixture<DemoSiteFactory>
{
    [Fact]
    public async Task TheMonthsReport_IsAPdf_WithEveryTable_AndItsDownloadIsAudited()
    {
        var client = await site.SignInAsync("analyst");
        var month = ReviewedMonth();

        var response = await client.GetAsync($"/insight/summary?month={month}");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        response.Content.Headers.ContentDisposition!.FileName!.Trim('"').ShouldBe($"month-summary-{month}.pdf");
        var text = Text(await response.Content.ReadAsByteArrayAsync());
        var name = DateOnly.ParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture).ToString("MMMM yyyy", CultureInfo.InvariantCulture);
        text.ShouldContain($"Complex cases: month summary, {name}");
        foreach (var heading in new[] { "Listed", "Criteria met", "The process", "Quality", "Expertise at panel" }) text.ShouldContain(heading);
        using var db = site.OpenDatabase();
        var entry = db.AuditEvents.Where(e => e.EventType == "insight.exported" && e.Actor == "analyst").OrderByDescending(e => e.Sequence).First();
        entry.Action.ShouldBe("disclosure");
        entry.Details.ShouldContain("month-summary");
        entry.Details.ShouldContain("pdf");
    }

    [Fact]
    public async Task ItsQualityRows_AreTheDownloadsRows()
    {
        // The same checklist rows as the quality page's download for the month; withheld as there (FewReviewsTests makes a
        // month of fewer than five reviews on purpose and checks the report never shows their number).
        var client = await site.SignInAsync("analyst");
        var month = ReviewedMonth();
        var csv = TableDownloadTests.Csv(await client.GetStringAsync($"/insight/quality?handler=csv&table=checklist&from={month}&to={month}"));

        var text = Text(await client.GetByteArrayAsync($"/insight/summary?month={month}"));

        csv.Count.ShouldBeGreaterThan(1);
        foreach (var row in csv.Skip(1)) text.ShouldContain(string.Join(" ", row.Skip(1)));
    }

    [Fact]
    public async Task ItsWords_NeverRunIntoEachOther_AndStayOnThePage()
    {
        // Column headers once ran into each other ("Conversations on time" over "Triages on time") and figures sat far from
        // their headers: every word has its own room, inside the margins, on every page.
        var client = await site.SignInAsync("analyst");

        var pdf = await client.GetByteArrayAsync($"/insight/summary?month={ReviewedMonth()}");

        using var document = PdfDocument.Open(pdf);
        foreach (var page in document.GetPages())
        {
            var words = page.GetWords().ToList();
            words.ShouldNotBeEmpty();
            foreach (var word in words)
            {
                var box = word.BoundingBox;
                (box.Left >= 39 && box.Right <= page.Width - 39 && box.Bottom >= 39 && box.Top <= page.Height - 39)
                    .ShouldBeTrue($"'{word.Text}' on page {page.Number} is outside the margins");
            }
            for (var i = 0; i < words.Count; i++)
                for (var j = i + 1; j < words.Count; j++)
                {
                    var (a, b) = (words[i].BoundingBox, words[j].BoundingBox);
                    // Closer than a space (about 2.5 points at these sizes) reads as one word.
                    var touching = Math.Min(a.Right, b.Right) - Math.Max(a.Left, b.Left) > -1.5 && Math.Min(a.Top, b.Top) - Math.Max(a.Bottom, b.Bottom) > 0.5;
                    touching.ShouldBeFalse($"'{words[i].Text}' and '{words[j].Text}' run into each other on page {page.Number}");
                }
        }
    }

    [Fact]
    public async Task ItsFigures_LineUpUnderTheirHeaders()
    {
        // A count column is right-aligned, header and figures alike, as on the pages: the "Complex" header's right edge is
        // the right edge of the Listed table's total.
        var client = await site.SignInAsync("analyst");

        var pdf = await client.GetByteArrayAsync($"/insight/summary?month={ReviewedMonth()}");

        using var document = PdfDocument.Open(pdf);
        var words = document.GetPage(1).GetWords().ToList();
        var header = words.First(w => w.Text == "Complex" && w.Letters[0].PointSize < 10); // the column's, not the title's
        var total = words.First(w => w.Text == "Total");
        var totalRow = words.Where(w => Math.Abs(w.BoundingBox.Bottom - total.BoundingBox.Bottom) < 1 && w.BoundingBox.Left > total.BoundingBox.Right).OrderBy(w => w.BoundingBox.Left).First();
        totalRow.BoundingBox.Right.ShouldBe(header.BoundingBox.Right, 1.0);
    }

    [Theory]
    [InlineData("month=2026-13", "Enter the month as a year and month, for example 2026-03.")]
    [InlineData("month=2026-03&pdu=%3Cscript%3E", "Enter a PDU code in letters and digits")]
    [InlineData("month=2026-03&pdu=NOSUCH", "No list for PDU NOSUCH in your area in March 2026.")]
    public async Task BadInput_IsShownBack_WithTheErrorSummary(string query, string message)
    {
        var client = await site.SignInAsync("analyst");

        var html = await client.GetStringAsync("/insight/summary?" + query);

        html.ShouldContain("govuk-error-summary");
        html.ShouldContain(message);
    }

    [Fact]
    public async Task OnePdu_IsItsHeadOfPdusView()
    {
        var client = await site.SignInAsync("analyst");
        var month = ReviewedMonth();
        using var db = site.OpenDatabase();
        var pdu = db.ListedCases.Select(c => c.PduCode).OrderBy(c => c).First();

        var response = await client.GetAsync($"/insight/summary?month={month}&pdu={pdu}");

        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        Text(await response.Content.ReadAsByteArrayAsync()).ShouldContain($"Area: {pdu}.");
    }

    [Theory]
    [InlineData("practitioner")]
    [InlineData("spo")]
    [InlineData("admin")]
    public async Task RolesWithoutAggregates_AreRefused(string user)
    {
        var client = await site.SignInAsync(user);

        var response = await client.GetAsync("/insight/summary?month=2026-03");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldContain("/forbidden");
    }

    /// <summary>The month of the demo's quality reviews.</summary>
    private string ReviewedMonth()
    {
        using var db = site.OpenDatabase();
        return db.QualityReviews.AsEnumerable().Select(r => r.ReviewedOn).Max().ToString("yyyy-MM", CultureInfo.InvariantCulture);
    }

    /// <summary>The PDF's words, in drawing order, joined by single spaces.</summary>
    private static string Text(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Join(" ", document.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
    }
}
