using System.Net;
using System.Text.RegularExpressions;

namespace ComplexCases.Web.Tests.Pages;

public sealed partial class ListAndCasePagesTests(DemoSiteFactory site) : IClassFixture<DemoSiteFactory>, IAsyncLifetime
{
    private HttpClient _client = null!;

    // The head of the PDU sees all of their PDU's list, with names.
    public async Task InitializeAsync() => _client = await site.SignInAsync("head-of-pdu");

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Home_AfterDemoSeed_LinksToEachPduList()
    {
        var html = await _client.GetStringAsync("/");

        html.ShouldContain("Lists by probation delivery unit");
        ListLink().Count(html).ShouldBe(1);
    }

    [Fact]
    public async Task MonthlyList_ForAPdu_ShowsCountsAndCasesLinkingToCasePages()
    {
        var list = await FirstListAsync();

        list.ShouldContain("complex");
        CaseLink().Count(list).ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task MonthlyList_FilteredByStatus_ShowsOnlyThatStatus()
    {
        var home = await _client.GetStringAsync("/");
        var link = WebUtility.HtmlDecode(ListLink().Match(home).Groups[1].Value);

        var html = await _client.GetStringAsync(link + "&status=complex");

        html.ShouldNotContain("govuk-tag--yellow\">Possibly complex");
        html.ShouldNotContain("govuk-tag--grey\">Left");
    }

    [Theory]
    [InlineData("status=urgent", "Status must be complex or possibly_complex")]
    [InlineData("change=gone", "Change must be new, continuing or left")]
    [InlineData("criterion=height", "Criterion must be one of")]
    [InlineData("sort=random", "Sort must be one of")]
    [InlineData("page=0", "Page must be 1 or more")]
    public async Task MonthlyList_MalformedQuery_Is400WithAnErrorSummary(string query, string message)
    {
        var response = await _client.GetAsync("/lists/EOENFK?" + query);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("There is a problem");
        html.ShouldContain(message);
        html.ShouldNotContain("Exception");
    }

    [Theory]
    [InlineData("/cases/E000001?run=abc", "&#x27;abc&#x27; is not a valid value for Run")]
    [InlineData("/notifications?page=x", "&#x27;x&#x27; is not a valid value for page")]
    [InlineData("/lists/EOENFK/download?run=abc", "&#x27;abc&#x27; is not a valid value for Run")]
    public async Task AnyPage_QueryValueThatCannotBeRead_Is400NamingIt(string path, string message)
    {
        var response = await _client.GetAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("There is a problem");
        html.ShouldContain(message);
        html.ShouldContain("govuk-header");
    }

    [Fact]
    public async Task Download_PostedWithARunThatCannotBeRead_Is400AndDisclosesNothing()
    {
        var form = await _client.GetStringAsync("/lists/EOENFK/download");
        var before = DownloadsAudited();

        var response = await _client.PostAsync("/lists/EOENFK/download?run=abc", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = SignedInClient.AntiforgeryToken(form), ["Format"] = "csv", ["Recipient"] = "Me", ["Purpose"] = "Checking",
        }));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("&#x27;abc&#x27; is not a valid value for Run");
        DownloadsAudited().ShouldBe(before);
    }

    private int DownloadsAudited()
    {
        using var db = site.OpenDatabase();
        return db.AuditEvents.Count(e => e.EventType == "list.downloaded");
    }

    [Fact]
    public async Task MonthlyList_NonNumericPage_Is400NotAStackTrace()
    {
        var response = await _client.GetAsync("/lists/EOENFK?page=abc");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldNotContain("   at ");
    }

    [Fact]
    public async Task CasePage_CriteriaUndecidedForMissingOrStaleData_ShowsANeedsAttentionNote()
    {
        var (unknown, clear) = LatestCasesWithAndWithoutUnknowns();

        var html = await _client.GetStringAsync($"/cases/{unknown.Crn}");
        var api = await _client.GetStringAsync($"/api/cases/{unknown.Crn}");
        var clean = await _client.GetStringAsync($"/cases/{clear}");

        html.ShouldContain("Needs attention");
        var undecided = System.Numerics.BitOperations.PopCount(unknown.UnknownMask);
        html.ShouldContain($"{undecided} criteria could not be decided because data is missing or out of date.");
        using (var json = System.Text.Json.JsonDocument.Parse(api))
            json.RootElement.GetProperty("needsAttention").GetArrayLength().ShouldBe(undecided);
        clean.ShouldNotContain("Needs attention");
    }

    private ((string Crn, byte UnknownMask) Unknown, string Clear) LatestCasesWithAndWithoutUnknowns()
    {
        using var db = site.OpenDatabase();
        var latest = db.Runs.Max(r => r.Id);
        var listed = db.ListedCases.Where(c => c.RunId == latest && c.PduCode == "EOENFK" && !c.LimitedAccess && c.Change != 3)
            .Select(c => new { c.Crn, c.UnknownMask }).ToList();
        var unknown = listed.First(c => c.UnknownMask != 0);
        return ((unknown.Crn, unknown.UnknownMask), listed.First(c => c.UnknownMask == 0).Crn);
    }

    [Fact]
    public async Task CasePage_ForAListedPerson_ExplainsEveryCriterionAndHistory()
    {
        var list = await FirstListAsync();
        // A row of someone listed this month (a list also shows who left it, whose case page has no current reasons).
        HashSet<string> listedNow;
        using (var db = site.OpenDatabase())
        {
            var latest = db.Runs.Max(r => r.Id);
            listedNow = [.. db.ListedCases.Where(c => c.RunId == latest && c.Change != 3).Select(c => c.Crn)];
        }
        var caseLink = CaseLink().Matches(list).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).First(link => listedNow.Contains(link[7..14]));

        var html = await _client.GetStringAsync(caseLink);

        html.ShouldContain("Why this case is listed");
        html.ShouldContain("Risk of serious harm high or very high");
        html.ShouldContain("Month by month");
    }

    [Theory]
    [InlineData("/cases/E999999")]
    [InlineData("/cases/not-a-crn")]
    [InlineData("/lists/NOPDU")]
    [InlineData("/lists/EOEBED")]
    public async Task UnknownCaseOrList_Is404(string path)
    {
        var response = await _client.GetAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task EveryPage_SendsSecurityHeaders()
    {
        var response = await _client.GetAsync("/");

        response.Headers.GetValues("X-Content-Type-Options").ShouldContain("nosniff");
        response.Headers.GetValues("X-Frame-Options").ShouldContain("DENY");
        response.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("default-src 'self'");
    }

    private async Task<string> FirstListAsync()
    {
        var home = await _client.GetStringAsync("/");
        return await _client.GetStringAsync(WebUtility.HtmlDecode(ListLink().Match(home).Groups[1].Value));
    }

    [GeneratedRegex("href=\"(/lists/[A-Z]+\\?run=\\d+)\"")]
    private static partial Regex ListLink();

    [GeneratedRegex("href=\"(/cases/[A-Z][0-9]{6}\\?run=\\d+)\"")]
    private static partial Regex CaseLink();
}
