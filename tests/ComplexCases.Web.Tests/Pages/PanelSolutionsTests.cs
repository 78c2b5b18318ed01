using System.Net;
using System.Text.RegularExpressions;
using ComplexCases.Domain.Workflow;

namespace ComplexCases.Web.Tests.Pages;

/// <summary>/solutions: what panels agreed per blockage, taken out of the cases, for every caseworker.</summary>
public sealed partial class PanelSolutionsTests(DemoSiteFactory site) : IClassFixture<DemoSiteFactory>
{
    [Fact]
    public async Task Practitioner_SeesEveryPanelDiscussion_WithoutAnyCrnOrNameOfThePeople()
    {
        var client = await site.SignInAsync("practitioner");

        var html = await client.GetStringAsync("/solutions");

        using var db = site.OpenDatabase();
        var discussed = db.WorkflowEvents.Where(e => e.Step == (int)WorkflowStep.PanelDiscussed).Select(e => e.WorkflowId).ToList();
        discussed.ShouldNotBeEmpty();
        Count(html).ShouldBe(discussed.Count);
        var crns = db.Workflows.Where(w => discussed.Contains(w.Id)).Select(w => w.Crn).ToList();
        var people = db.ListedCases.Where(c => crns.Contains(c.Crn)).Select(c => new { c.Crn, c.Forename, c.Surname }).Distinct().ToList();
        var main = html[html.IndexOf("<main", StringComparison.Ordinal)..];
        foreach (var p in people)
        {
            main.ShouldNotContain(p.Crn, Case.Sensitive);
            foreach (var name in new[] { p.Forename, p.Surname }.Where(n => n is { Length: > 1 }))
                Regex.IsMatch(main, $@"\b{Regex.Escape(name!)}\b").ShouldBeFalse(name);
        }
        // Nor the action owners' names.
        foreach (var owner in db.CaseActions.Where(a => discussed.Contains(a.WorkflowId)).Select(a => a.OwnerName).Distinct().ToList())
            main.ShouldNotContain(owner, Case.Sensitive);
    }

    [Fact]
    public async Task Search_ByBlockage_ShowsOnlyThatKind_AndIsAudited()
    {
        var client = await site.SignInAsync("spo");
        var all = Count(await client.GetStringAsync("/solutions"));

        var html = await client.GetStringAsync("/solutions?blockage=accommodation");

        var some = Count(html);
        some.ShouldBeLessThanOrEqualTo(all);
        Regex.Matches(html, "<h3 class=\"govuk-summary-card__title\">([^<]*)</h3>").Select(m => m.Groups[1].Value)
            .ShouldAllBe(title => title.Contains("Accommodation", StringComparison.Ordinal));
        using var db = site.OpenDatabase();
        var entry = db.AuditEvents.Where(e => e.EventType == "panel_solutions.searched" && e.Actor == "spo").OrderByDescending(e => e.Sequence).First();
        entry.Action.ShouldBe("consultation");
        entry.Details.ShouldContain("accommodation");
        entry.SubjectCount.ShouldBe(0);
    }

    [Fact]
    public async Task UnknownBlockage_IsExplained()
    {
        var client = await site.SignInAsync("practitioner");

        var html = await client.GetStringAsync("/solutions?blockage=%3Cscript%3E");

        html.ShouldContain("Choose a kind of blockage from the list.");
        html.ShouldNotContain("<script>");
    }

    [Fact]
    public async Task Administrator_IsRefused()
    {
        var client = await site.SignInAsync("admin");

        var response = await client.GetAsync("/solutions");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldContain("/forbidden");
    }

    [Fact]
    public async Task Downloads_HoldEveryMatch_AsThePageShowsThem_InBothFormats_AndAreAuditedAsDisclosures()
    {
        var client = await site.SignInAsync("practitioner");
        var total = Count(await client.GetStringAsync("/solutions"));

        var csv = TableDownloadTests.Csv(await client.GetStringAsync("/solutions?handler=csv"));
        var xlsx = TableDownloadTests.Xlsx(await client.GetByteArrayAsync("/solutions?handler=xlsx"));

        csv[0].ShouldBe(["Month", "Kinds of blockage", "The blockage", "Already tried", "What the panel agreed", "Actions", "Actions done", "Actions agreed", "Outcome"]);
        // Every match, not the page's first twenty.
        csv.Count.ShouldBe(total + 1);
        xlsx.Count.ShouldBe(csv.Count);
        for (var r = 1; r < csv.Count; r++)
        {
            xlsx[r][0].Text.ShouldBe(csv[r][0]);
            xlsx[r][7].Number.ShouldBe(double.Parse(csv[r][7], System.Globalization.CultureInfo.InvariantCulture));
        }
        using var db = site.OpenDatabase();
        // Taken out of their cases as on the page: no CRN, no name of a person, no owner of an action.
        var text = string.Join("\n", csv.Select(r => string.Join(",", r)));
        var discussed = db.WorkflowEvents.Where(e => e.Step == (int)WorkflowStep.PanelDiscussed).Select(e => e.WorkflowId).ToList();
        var crns = db.Workflows.Where(w => discussed.Contains(w.Id)).Select(w => w.Crn).ToList();
        foreach (var person in db.ListedCases.Where(c => crns.Contains(c.Crn)).Select(c => new { c.Crn, c.Surname }).Distinct().ToList())
        {
            text.ShouldNotContain(person.Crn, Case.Sensitive);
            if (person.Surname is { Length: > 1 } surname) Regex.IsMatch(text, $@"\b{Regex.Escape(surname)}\b").ShouldBeFalse(surname);
        }
        foreach (var owner in db.CaseActions.Where(a => discussed.Contains(a.WorkflowId)).Select(a => a.OwnerName).Distinct().ToList())
            text.ShouldNotContain(owner, Case.Sensitive);
        var entries = db.AuditEvents.Where(e => e.EventType == "panel_solutions.exported" && e.Actor == "practitioner").OrderBy(e => e.Sequence).ToList();
        entries.Count.ShouldBe(2);
        entries.ShouldAllBe(e => e.Action == "disclosure");
        entries[0].Details.ShouldContain($"\"results\":{total}");
        entries[0].Details.ShouldContain("\"format\":\"csv\"");
        entries[1].Details.ShouldContain("\"format\":\"xlsx\"");
    }

    [Fact]
    public async Task Download_OfAnUnknownBlockage_IsABadRequest_WithTheReason()
    {
        var client = await site.SignInAsync("spo");

        var response = await client.GetAsync("/solutions?handler=csv&blockage=nonsense");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Choose a kind of blockage from the list.");
    }

    private static int Count(string html)
    {
        var match = ResultsCount().Match(html);
        match.Success.ShouldBeTrue();
        return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    [GeneratedRegex("id=\"results-count\">([0-9]+) solution")]
    private static partial Regex ResultsCount();
}
