using System.Globalization;
using System.Text.RegularExpressions;
using ComplexCases.Data.Screening;

namespace ComplexCases.Web.Tests.Pages;

/// <summary>Listed counts over the months and how often each criterion is met: runs page (the service) and home pages (the area).</summary>
public sealed partial class ListTrendTests(DemoSiteFactory site) : IClassFixture<DemoSiteFactory>
{
    [Fact]
    public async Task RunsPage_ChartsEveryMonthOfTheServiceAndTheCriteriaMet_WithTheSameFiguresInTables()
    {
        var client = await site.SignInAsync("analyst");

        var html = await client.GetStringAsync("/runs");

        html.ShouldContain("id=\"list-trend\"");
        Regex.Count(html, "<svg class=\"cc-chart\"").ShouldBe(2);
        using var db = site.OpenDatabase();
        var runs = db.Runs.OrderBy(r => r.AsOf).ToList();
        var months = MonthRows().Matches(html).Select(m => (m.Groups[1].Value, m.Groups[2].Value)).ToList();
        months.ShouldBe(runs.Select(r => (r.AsOf.ToString("MMMM yyyy", CultureInfo.InvariantCulture), Shown(r.Complex))));
        var latest = runs[^1];
        var results = db.PersonResults.Where(p => p.RunId == latest.Id).Select(p => p.MetMask).ToList();
        CriterionRows().Matches(html).Select(m => m.Groups[1].Value)
            .ShouldBe(Enumerable.Range(0, 8).Select(bit => Shown(results.Count(mask => (mask & (1 << bit)) != 0))));
    }

    [Fact]
    public async Task HeadOfPduHome_CountsTheirPduOnly()
    {
        var client = await site.SignInAsync("head-of-pdu");

        var html = await client.GetStringAsync("/");

        html.ShouldContain("id=\"list-trend\"");
        using var db = site.OpenDatabase();
        var pdu = db.Users.Single(u => u.UserName == "head-of-pdu").PduCode;
        var runs = db.Runs.OrderBy(r => r.AsOf).ToList();
        var expected = runs.Select(r => Shown(db.ListedCases.Count(c => c.RunId == r.Id && c.PduCode == pdu && c.Status == 2 && c.Change != 3)));
        MonthRows().Matches(html).Select(m => m.Groups[2].Value).ShouldBe(expected);
    }

    [Theory]
    [InlineData("practitioner")]
    [InlineData("spo")]
    public async Task CaseworkHomes_HaveNoCharts(string user)
    {
        var client = await site.SignInAsync(user);

        var html = await client.GetStringAsync("/");

        html.ShouldNotContain("id=\"list-trend\"");
    }

    private static string Shown(int count) => count is > 0 and < 5 ? "[c]" : count.ToString("N0", CultureInfo.InvariantCulture);

    [GeneratedRegex("<th scope=\"row\" class=\"govuk-table__header\">([A-Z][a-z]+ [0-9]{4})</th>\\s*<td class=\"govuk-table__cell govuk-table__cell--numeric\">([^<]*)</td>")]
    private static partial Regex MonthRows();

    [GeneratedRegex("<th scope=\"row\" class=\"govuk-table__header\">(?:High RoSH|Mental health|Self-harm risk|Learning difficulties|MAPPA level 2 or 3|OPD screened in|Alcohol or drug need|IPP sentence)</th>\\s*<td class=\"govuk-table__cell govuk-table__cell--numeric\">([^<]*)</td>")]
    private static partial Regex CriterionRows();
}
