using System.Net;
using System.Text.RegularExpressions;

namespace ComplexCases.Web.Tests.Pages;

/// <summary>/insight/process: the funnel per PDU or team over chosen months, as a chart beside its table; counts only.</summary>
public sealed partial class ProcessInsightTests(DemoSiteFactory site) : IClassFixture<DemoSiteFactory>
{
    [Fact]
    public async Task HeadOfPdu_SeesTheirPduByTeam_WithAChartBesideTheTable()
    {
        var client = await site.SignInAsync("head-of-pdu");

        var html = await client.GetStringAsync("/insight/process");

        html.ShouldContain("<svg class=\"cc-chart\"");
        html.ShouldContain("role=\"img\"");
        html.ShouldContain("<caption class=\"govuk-table__caption govuk-table__caption--m\">By team</caption>");
        using var db = site.OpenDatabase();
        var pdu = db.Users.Single(u => u.UserName == "head-of-pdu").PduCode;
        // Every case of the PDU first listed in the six months (relisted episodes come on top): a small count is withheld.
        var firstListed = db.Workflows.Count(w => w.PduCode == pdu && w.ListedOn >= SixMonthsAgo());
        var shown = TotalListedCell(html);
        if (shown == "[c]") firstListed.ShouldBeLessThan(SmallCountsThreshold);
        else int.Parse(shown, System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThanOrEqualTo(firstListed);
    }

    [Fact]
    public async Task Analyst_SeesEveryPdu_AndSmallCountsWithheld()
    {
        var client = await site.SignInAsync("analyst");

        var html = await client.GetStringAsync("/insight/process");

        html.ShouldContain("By PDU</caption>");
        using (var db = site.OpenDatabase())
        {
            var since = SixMonthsAgo();
            var firstListed = db.Workflows.Count(w => w.ListedOn >= since);
            firstListed.ShouldBeGreaterThanOrEqualTo(SmallCountsThreshold);
            TotalListed(html).ShouldBeGreaterThanOrEqualTo(firstListed);
        }
        // No stage count shows 1 to 4 people (the seven cells after each row's name; then come rates and a median).
        var rows = html.Split("<th scope=\"row\"")[1..];
        rows.ShouldNotBeEmpty();
        var counts = rows.SelectMany(r => Cells().Matches(r).Take(7).Select(m => m.Groups[1].Value)).ToList();
        counts.Count.ShouldBe(rows.Length * 7);
        counts.ShouldNotContain(v => v == "1" || v == "2" || v == "3" || v == "4");
    }

    [Theory]
    [InlineData("2026-13", "Enter the first month as a year and month, for example 2026-03.")]
    [InlineData("March", "Enter the first month as a year and month, for example 2026-03.")]
    public async Task BadMonth_IsExplainedOnThePage(string from, string message)
    {
        var client = await site.SignInAsync("analyst");

        var response = await client.GetAsync($"/insight/process?from={Uri.EscapeDataString(from)}");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("govuk-error-summary");
        html.ShouldContain(message);
        html.ShouldNotContain("<svg");
    }

    [Fact]
    public async Task FirstMonthAfterTheLast_IsExplained()
    {
        var client = await site.SignInAsync("analyst");

        var html = await client.GetStringAsync("/insight/process?from=2026-05&to=2026-01");

        html.ShouldContain("The first month must be the same as or before the last month.");
    }

    [Fact]
    public async Task Csv_IsTheSameTable_AndItsDownloadIsAudited()
    {
        var client = await site.SignInAsync("analyst");
        var page = await client.GetStringAsync("/insight/process?from=2026-01&to=2026-03");

        var response = await client.GetAsync("/insight/process?handler=csv&from=2026-01&to=2026-03");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var lines = (await response.Content.ReadAsStringAsync()).TrimEnd('\n').Split('\n');
        lines[0].ShouldStartWith("\"PDU\",\"Listed (complex)\",\"Conversation held\"");
        lines[^1].ShouldStartWith("\"Total\",");
        lines[^1].Split(',')[1].ShouldBe(TotalListed(page).ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var db = site.OpenDatabase();
        var entry = db.AuditEvents.Where(e => e.EventType == "insight.exported" && e.Actor == "analyst").OrderByDescending(e => e.Sequence).First();
        entry.Action.ShouldBe("disclosure");
        entry.Details.ShouldContain("2026-01");
    }

    [Theory]
    [InlineData("practitioner")]
    [InlineData("spo")]
    [InlineData("admin")]
    public async Task RolesWithoutAggregates_AreRefused(string user)
    {
        var client = await site.SignInAsync(user);

        var response = await client.GetAsync("/insight/process");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldContain("/forbidden");
    }

    private const int SmallCountsThreshold = 5;

    private DateOnly SixMonthsAgo() => new DateOnly(site.Clock.Today.Year, site.Clock.Today.Month, 1).AddMonths(-5);

    private static string TotalListedCell(string html)
    {
        var total = TotalRow().Match(html);
        total.Success.ShouldBeTrue("no total row");
        return total.Groups[1].Value.Replace(",", "", StringComparison.Ordinal);
    }

    private static int TotalListed(string html) => int.Parse(TotalListedCell(html), System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex("<th scope=\"row\" class=\"govuk-table__header\">Total</th>\\s*<td class=\"govuk-table__cell govuk-table__cell--numeric\">([0-9,]+|\\[c\\])</td>")]
    private static partial Regex TotalRow();

    [GeneratedRegex("<td class=\"govuk-table__cell govuk-table__cell--numeric\">([^<]*)</td>")]
    private static partial Regex Cells();
}
