using System.Net;

namespace ComplexCases.Web.Tests.Pages;

/// <summary>/insight/expertise: needed expertise present at panel, by agency and by PDU and month; counts only, audited.</summary>
public sealed class ExpertiseInsightPageTests(DemoSiteFactory site) : IClassFixture<DemoSiteFactory>
{
    [Theory]
    [InlineData("panel-team")]
    [InlineData("analyst")]
    public async Task RolesWithAggregates_SeeTheDemosHeldMeetings_AndTheViewIsAudited(string user)
    {
        var client = await site.SignInAsync(user);

        var html = await client.GetStringAsync("/insight/expertise");

        html.ShouldContain("<h1 class=\"govuk-heading-l\">Expertise at panel</h1>");
        html.ShouldContain("<title id=\"expertise-title\">Needed expertise present at panel, by agency</title>");
        html.ShouldContain("id=\"agencies-table\"");
        html.ShouldContain("id=\"months-table\"");
        html.ShouldNotMatch("[A-Z][0-9]{6}");
        using var db = site.OpenDatabase();
        db.PanelAgendaItems.Count(a => a.Discussed).ShouldBeGreaterThan(0);
        var entry = db.AuditEvents.Where(e => e.EventType == "insight.viewed" && e.Actor == user).OrderByDescending(e => e.Sequence).First();
        entry.Details.ShouldContain("expertise");
    }

    [Theory]
    [InlineData("agencies", "\"Agency\",\"Cases needing it\"")]
    [InlineData("months", "\"PDU\",\"Month\",\"Cases discussed\"")]
    public async Task EachTable_DownloadsAsCsv_Audited(string table, string header)
    {
        var client = await site.SignInAsync("analyst");

        var response = await client.GetAsync($"/insight/expertise?handler=csv&table={table}");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var lines = (await response.Content.ReadAsStringAsync()).TrimEnd('\n').Split('\n');
        lines[0].ShouldStartWith(header);
        // No count of 1 to 4 in any cell.
        lines.Skip(1).SelectMany(l => l.Split(',')).ShouldNotContain(c => c == "1" || c == "2" || c == "3" || c == "4");
        using var db = site.OpenDatabase();
        var entry = db.AuditEvents.Where(e => e.EventType == "insight.exported" && e.Actor == "analyst").OrderByDescending(e => e.Sequence).First();
        entry.Action.ShouldBe("disclosure");
        entry.Details.ShouldContain("expertise-" + table);
    }

    [Theory]
    [InlineData("practitioner")]
    [InlineData("panel-member")]
    public async Task RolesWithoutAggregates_AreRefused(string user)
    {
        var client = await site.SignInAsync(user);

        var response = await client.GetAsync("/insight/expertise");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldContain("/forbidden");
    }
}
