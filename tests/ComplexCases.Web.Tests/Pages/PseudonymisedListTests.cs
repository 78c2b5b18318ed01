using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ComplexCases.Web.Tests.Pages;

/// <summary>An analyst's list hides names and CRNs; its order must not give them away either.</summary>
public sealed class PseudonymisedListTests(DemoSiteFactory site) : IClassFixture<DemoSiteFactory>
{
    [Theory]
    [InlineData("surname")]
    [InlineData("practitioner")]
    [InlineData("crn")]
    public async Task Analyst_SortByWhatIsWithheld_Is400WithTheReason(string sort)
    {
        var analyst = await site.SignInAsync("analyst");

        var page = await analyst.GetAsync($"/lists/EOENFK?sort={sort}");
        var api = await analyst.GetAsync($"/api/lists/EOENFK?sort={sort}");

        page.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await page.Content.ReadAsStringAsync()).ShouldContain("names and CRNs are withheld");
        api.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Analyst_DefaultOrder_IsByScore_WithNoSortLinksOnWithheldColumns()
    {
        var analyst = await site.SignInAsync("analyst");

        var html = await analyst.GetStringAsync("/lists/EOENFK");
        var json = await analyst.GetFromJsonAsync<JsonElement>("/api/lists/EOENFK");

        html.ShouldContain(">Pseudonym</th>");
        html.ShouldNotContain("sort=surname");
        var scores = json.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("score").GetInt32()).ToList();
        scores.ShouldNotBeEmpty();
        scores.ShouldBe(scores.OrderByDescending(s => s).ToList());
    }

    [Fact]
    public async Task Analyst_EqualScores_AreInPseudonymOrderNotCrnOrder()
    {
        var analyst = await site.SignInAsync("analyst");
        string[] pdus;
        using (var db = site.OpenDatabase()) pdus = [.. db.ListedCases.Select(c => c.PduCode).Distinct()];

        var ties = new List<(string First, string Second)>();
        foreach (var pdu in pdus)
        {
            var json = await analyst.GetFromJsonAsync<JsonElement>($"/api/lists/{pdu}?pageSize=200");
            var rows = json.GetProperty("rows").EnumerateArray().Select(r => (Id: r.GetProperty("crn").GetString()!, Score: r.GetProperty("score").GetInt32())).ToList();
            ties.AddRange(rows.Zip(rows.Skip(1)).Where(p => p.First.Score == p.Second.Score).Select(p => (p.First.Id, p.Second.Id)));
        }

        ties.ShouldNotBeEmpty();
        ties.Where(t => string.CompareOrdinal(t.First, t.Second) >= 0).ShouldBeEmpty();
    }

    [Fact]
    public async Task HeadOfPdu_MaySortBySurname()
    {
        var head = await site.SignInAsync("head-of-pdu");

        (await head.GetAsync("/lists/EOENFK?sort=surname")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
