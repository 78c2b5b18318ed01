using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using ComplexCases.Application.Screening;
using ComplexCases.Application.Storage;
using ComplexCases.Data.Audit;
using ComplexCases.Data.Screening;
using ComplexCases.Data.Sqlite;
using ComplexCases.TestSupport.Extracts;
using Microsoft.Extensions.DependencyInjection;

namespace ComplexCases.Web.Tests.Pages;

/// <summary>A run's page (/runs/{id}) and its JSON twin (/api/runs/{id}/rejections): counts for all who see runs, rejected rows for analysts.</summary>
public sealed partial class RunDetailsTests(DemoSiteFactory site) : IClassFixture<DemoSiteFactory>
{
    [Fact]
    public async Task Page_Analyst_ShowsTheRunItsFileCountsAndTheFirstHundredRejectedRows()
    {
        var run = site.Rejections().RunId;
        var client = await site.SignInAsync("analyst");

        var response = await client.GetAsync($"/runs/{run}");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain($"Run {run}: 1 March 2023</h1>");
        Summary(html, "Screening date").ShouldBe("1 March 2023");
        Summary(html, "Definition").ShouldBe("pilot-2024 version 1 (threshold 6)");
        Summary(html, "Run by").ShouldBe("test");
        Summary(html, "People screened").ShouldBe("1");
        Summary(html, "Extract SHA-256").ShouldMatch("^[0-9a-f]{64}$");
        FileCounts(html, "people.csv").ShouldBe(["Yes", "131", "1", "130 rejected rows of people.csv"]);
        FileCounts(html, "registrations.csv").ShouldBe(["Yes", "5", "0", "5 rejected rows of registrations.csv"]);
        FileCounts(html, "staff.csv").ShouldBe(["Yes", "0", "0", "0"]);
        html.ShouldContain("135 rejected rows, page 1 of 2");
        var rows = RejectedRows(html);
        rows.Count.ShouldBe(100);
        rows[0].ShouldBe(["people.csv", "3", "lao", "malformed value", "lao must be Y or N (or YES, NO, TRUE, FALSE, 1, 0), or empty", "perhaps-1"]);
        rows.Select(r => int.Parse(r[1], System.Globalization.CultureInfo.InvariantCulture)).ShouldBe(Enumerable.Range(3, 100));
        html.ShouldContain($"href=\"/runs/{run}?page=2#rejected-rows\" rel=\"next\"");
    }

    [Fact]
    public async Task Page_SecondPage_HoldsTheRestInFileAndLineOrder()
    {
        var run = site.Rejections().RunId;
        var client = await site.SignInAsync("analyst");

        var html = await client.GetStringAsync($"/runs/{run}?page=2");

        var rows = RejectedRows(html);
        rows.Count.ShouldBe(35);
        rows.Take(30).ShouldAllBe(r => r[0] == "people.csv");
        rows.Skip(30).Select(r => (r[0], r[1], r[2], r[3], r[5])).ShouldBe(
            Enumerable.Range(2, 5).Select(line => ("registrations.csv", line.ToString(System.Globalization.CultureInfo.InvariantCulture), "crn", "orphan", "E99****")));
        html.ShouldContain("135 rejected rows, page 2 of 2");
        html.ShouldContain($"href=\"/runs/{run}#rejected-rows\" rel=\"prev\"");
        html.ShouldNotContain("rel=\"next\"");
    }

    [Fact]
    public async Task Page_FilteredByFile_ShowsOnlyThatFilesRows_PagedOnTheirOwn()
    {
        var run = site.Rejections().RunId;
        var client = await site.SignInAsync("analyst");

        var registrations = await client.GetStringAsync($"/runs/{run}?file=registrations.csv");
        var people = await client.GetStringAsync($"/runs/{run}?file=people.csv&page=2");

        RejectedRows(registrations).Select(r => r[0]).ShouldBe(Enumerable.Repeat("registrations.csv", 5));
        registrations.ShouldContain("5 rejected rows in registrations.csv");
        registrations.ShouldNotContain("govuk-pagination");
        registrations.ShouldContain("<option value=\"registrations.csv\" selected=\"selected\">registrations.csv (5)</option>");
        var rows = RejectedRows(people);
        rows.Count.ShouldBe(30);
        rows.ShouldAllBe(r => r[0] == "people.csv");
        rows[^1][1].ShouldBe("132");
        people.ShouldContain("130 rejected rows in people.csv, page 2 of 2");
        // Paging keeps the filter.
        people.ShouldContain($"href=\"/runs/{run}?file=people.csv#rejected-rows\" rel=\"prev\"");
    }

    [Fact]
    public async Task Page_FileWithNoRejections_SaysSo()
    {
        var run = site.Rejections().RunId;
        var client = await site.SignInAsync("analyst");

        var html = await client.GetStringAsync($"/runs/{run}?file=staff.csv");

        html.ShouldContain("No rows of staff.csv were rejected.");
        RejectedRows(html).ShouldBeEmpty();
    }

    [Fact]
    public async Task Page_RunWithoutRejections_SaysSo()
    {
        var client = await site.SignInAsync("analyst");

        var html = await client.GetStringAsync($"/runs/{DemoRun()}");

        html.ShouldContain("No rows were rejected in this run.");
        html.ShouldNotContain("<form method=\"get\"");
    }

    [Theory]
    [InlineData("page=abc", "Page must be a whole number")]
    [InlineData("page=0", "Page must be 1 or more")]
    [InlineData("page=-2", "Page must be 1 or more")]
    [InlineData("page=3", "Page must be 2 or less: run {run} has 135 rejected rows, 100 a page")]
    [InlineData("file=people.csv&page=3", "Page must be 2 or less: people.csv in run {run} has 130 rejected rows, 100 a page")]
    [InlineData("file=registrations.csv&page=2", "Page must be 1 or less: registrations.csv in run {run} has 5 rejected rows, 100 a page")]
    [InlineData("file=nobody.csv", "File must be one of people.csv, staff.csv, registrations.csv, assessments.csv, sentences.csv, opd_screenings.csv (the files of run {run})")]
    [InlineData("file=People.csv", "File must be one of people.csv")]
    public async Task Page_BadQuery_Is400WithTheErrorSummary_AndShowsNoRows(string query, string message)
    {
        var run = site.Rejections().RunId;
        var client = await site.SignInAsync("analyst");
        var viewsBefore = Viewed().Count;

        var response = await client.GetAsync($"/runs/{run}?{query}");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("<title>Error: ");
        html.ShouldContain("govuk-error-summary");
        ErrorSummary(html).Single().ShouldStartWith(message.Replace("{run}", run.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        // The run itself is still shown, with the filter to put the query right.
        html.ShouldContain("Rows by file");
        html.ShouldContain("<select class=\"govuk-select");
        RejectedRows(html).ShouldBeEmpty();
        Viewed().Count.ShouldBe(viewsBefore);
    }

    [Fact]
    public async Task Page_UnknownFile_LinksTheMessageToTheFileField()
    {
        var run = site.Rejections().RunId;
        var client = await site.SignInAsync("analyst");

        var response = await client.GetAsync($"/runs/{run}?file=nobody.csv");

        var html = await response.Content.ReadAsStringAsync();

        html.ShouldContain("<li><a href=\"#file\">File must be one of");
        html.ShouldContain("id=\"file-error\"");
        html.ShouldContain("aria-describedby=\"file-error\"");
    }

    [Theory]
    [InlineData("/runs/999999")]
    [InlineData("/api/runs/999999/rejections")]
    [InlineData("/api/runs/999999/rejections?page=abc")]
    public async Task UnknownRun_Is404(string path)
    {
        var client = await site.SignInAsync("analyst");

        var response = await client.GetAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Page_Administrator_SeesTheRunAndFileCountsButNotTheRows()
    {
        var run = site.Rejections().RunId;
        var client = await site.SignInAsync("admin");
        var viewsBefore = Viewed().Count;

        // The query only pages the rows, so an administrator's is not even read: a shared link still opens the run.
        var response = await client.GetAsync($"/runs/{run}?file=people.csv&page=abc");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        Summary(html, "Screening date").ShouldBe("1 March 2023");
        FileCounts(html, "people.csv").ShouldBe(["Yes", "131", "1", "130"]);
        html.ShouldContain("Your role does not include the rejected rows themselves");
        RejectedRows(html).ShouldBeEmpty();
        html.ShouldNotContain("perhaps-");
        html.ShouldNotContain("E99****");
        html.ShouldNotContain("<form method=\"get\"");
        Viewed().Count.ShouldBe(viewsBefore);
    }

    [Theory]
    [InlineData("practitioner")]
    [InlineData("head-of-pdu")]
    [InlineData("qdo")]
    public async Task Page_RolesThatMayNotSeeRuns_AreRefused(string user)
    {
        var client = await site.SignInAsync(user);

        var response = await client.GetAsync($"/runs/{site.Rejections().RunId}");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldContain("/forbidden");
    }

    [Theory]
    [InlineData("admin")]
    [InlineData("practitioner")]
    [InlineData("panel-team")]
    public async Task Api_RolesWithoutViewRejectedRows_Are403(string user)
    {
        var client = await site.SignInAsync(user);

        var response = await client.GetAsync($"/api/runs/{site.Rejections().RunId}/rejections");

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        response.Headers.Location.ShouldBeNull();
    }

    [Theory]
    [InlineData("")]
    [InlineData("?page=2")]
    [InlineData("?file=people.csv&page=2")]
    [InlineData("?file=registrations.csv")]
    public async Task Api_GivesTheSameRowsAsThePage(string query)
    {
        var run = site.Rejections().RunId;
        var client = await site.SignInAsync("analyst");

        var page = RejectedRows(await client.GetStringAsync($"/runs/{run}{query}"));
        var response = await client.GetAsync($"/api/runs/{run}/rejections{query}");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var rows = json.RootElement.GetProperty("rows").EnumerateArray().Select(r => (string[])
        [
            r.GetProperty("file").GetString()!, r.GetProperty("line").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture),
            r.GetProperty("column").GetString() is { Length: > 0 } column ? column : "(whole row)",
            r.GetProperty("reason").GetString()!, r.GetProperty("detail").GetString()!, r.GetProperty("value").GetString()!,
        ]).ToList();
        rows.Count.ShouldBe(page.Count);
        rows.ShouldNotBeEmpty();
        for (var i = 0; i < rows.Count; i++) rows[i].ShouldBe(page[i]);
    }

    [Fact]
    public async Task Api_GivesPagingTheFileFilterAndTheRunsFileCounts()
    {
        var run = site.Rejections().RunId;
        var client = await site.SignInAsync("analyst");

        using var json = JsonDocument.Parse(await client.GetStringAsync($"/api/runs/{run}/rejections?file=people.csv&page=2"));

        var root = json.RootElement;
        root.GetProperty("run").GetProperty("id").GetInt32().ShouldBe(run);
        root.GetProperty("run").GetProperty("asOf").GetString().ShouldBe("2023-03-01");
        root.GetProperty("file").GetString().ShouldBe("people.csv");
        var paging = root.GetProperty("paging");
        (paging.GetProperty("page").GetInt32(), paging.GetProperty("pageSize").GetInt32(), paging.GetProperty("totalMatching").GetInt32(), paging.GetProperty("pageCount").GetInt32())
            .ShouldBe((2, 100, 130, 2));
        var people = root.GetProperty("files").EnumerateArray().Single(f => f.GetProperty("fileName").GetString() == "people.csv");
        (people.GetProperty("rowsRead").GetInt32(), people.GetProperty("rowsAccepted").GetInt32(), people.GetProperty("rowsRejected").GetInt32()).ShouldBe((131, 1, 130));
    }

    [Theory]
    [InlineData("page=abc", "page", "Page must be a whole number")]
    [InlineData("page=0", "page", "Page must be 1 or more")]
    [InlineData("page=3", "page", "Page must be 2 or less: run {run} has 135 rejected rows, 100 a page")]
    [InlineData("file=nobody.csv", "file", "File must be one of people.csv, staff.csv")]
    public async Task Api_BadQuery_Is400ProblemNamingTheParameter(string query, string parameter, string message)
    {
        var run = site.Rejections().RunId;
        var client = await site.SignInAsync("analyst");

        var response = await client.GetAsync($"/api/runs/{run}/rejections?{query}");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var errors = json.RootElement.GetProperty("errors");
        errors.EnumerateObject().Select(e => e.Name).ShouldBe([parameter]);
        errors.GetProperty(parameter)[0].GetString()!.ShouldStartWith(message.Replace("{run}", run.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Api_BadPageAndFile_NamesBoth()
    {
        var client = await site.SignInAsync("analyst");

        var response = await client.GetAsync($"/api/runs/{site.Rejections().RunId}/rejections?page=x&file=y");
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        problem.RootElement.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order().ShouldBe(["file", "page"]);
    }

    [Fact]
    public async Task Page_ShowingRows_IsAuditedAsAConsultation_WithTheRunFileAndPage()
    {
        var run = site.Rejections().RunId;
        var client = await site.SignInAsync("analyst");
        var before = Viewed().Select(e => e.Sequence).ToHashSet();

        (await client.GetAsync($"/runs/{run}?file=people.csv&page=2")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var entry = Viewed().Single(e => !before.Contains(e.Sequence));
        entry.Actor.ShouldBe("analyst");
        entry.Action.ShouldBe("consultation");
        entry.Purpose.ShouldBe(RunDetailsQuery.AuditPurpose);
        entry.Details.ShouldBe($$"""{"runId":{{run}},"file":"people.csv","page":2,"shown":30}""");
        // Every CRN the importer stored is masked (E99****), so no one is named.
        entry.SubjectCount.ShouldBe(0);
    }

    [Fact]
    public async Task Api_ReturningRows_IsAuditedAsTheApi()
    {
        var run = site.Rejections().RunId;
        var client = await site.SignInAsync("analyst");
        var before = Viewed().Select(e => e.Sequence).ToHashSet();

        (await client.GetAsync($"/api/runs/{run}/rejections")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var entry = Viewed().Single(e => !before.Contains(e.Sequence));
        entry.Details.ShouldBe($$"""{"runId":{{run}},"file":"","page":1,"shown":100,"via":"api"}""");
    }

    [Fact]
    public async Task Page_NoRowsShown_RecordsNothing()
    {
        var client = await site.SignInAsync("analyst");
        var before = Viewed().Count;

        (await client.GetAsync($"/runs/{site.Rejections().RunId}?file=staff.csv")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync($"/runs/{DemoRun()}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        Viewed().Count.ShouldBe(before);
    }

    [Fact]
    public async Task Page_WholeCrnStoredInACrnColumn_IsRecordedAsTheSubject()
    {
        var run = site.Rejections().WholeCrnRunId;
        var client = await site.SignInAsync("analyst");
        var before = Viewed().Select(e => e.Sequence).ToHashSet();

        var html = await client.GetStringAsync($"/runs/{run}");

        RejectedRows(html).Select(r => r[5]).ShouldBe(["E123456", "E12****", "E654321"]);
        var entry = Viewed().Single(e => !before.Contains(e.Sequence));
        // Only the whole CRN in the crn column: the masked one names no one, and another column's value is not a CRN field.
        entry.SubjectCount.ShouldBe(1);
        entry.SubjectCrns.ShouldBe("E123456");
    }

    [Fact]
    public async Task RunsList_LinksEachRunToItsPage()
    {
        var client = await site.SignInAsync("admin");

        var html = await client.GetStringAsync("/runs");

        using var db = site.OpenDatabase();
        foreach (var id in db.Runs.Select(r => r.Id).ToList())
            html.ShouldContain($"<a class=\"govuk-link\" href=\"/runs/{id}\"><span class=\"govuk-visually-hidden\">Run </span>{id}</a>");
    }

    [Theory]
    [InlineData(1, 1, new[] { 1 })]
    [InlineData(1, 5, new[] { 1, 2, 0, 5 })]
    [InlineData(3, 5, new[] { 1, 2, 3, 4, 5 })]
    [InlineData(4, 10, new[] { 1, 2, 3, 4, 5, 0, 10 })]
    [InlineData(5, 10, new[] { 1, 0, 4, 5, 6, 0, 10 })]
    [InlineData(50, 500, new[] { 1, 0, 49, 50, 51, 0, 500 })]
    [InlineData(500, 500, new[] { 1, 0, 499, 500 })]
    public void PageItems_FirstLastAndTheCurrentWithItsNeighbours(int current, int count, int[] expected)
    {
        ComplexCases.Web.Pages.Runs.ShowModel.PageItems(current, count).Select(p => p ?? 0).ShouldBe(expected);
    }

    // ---- reading the page ----

    private static string Summary(string html, string key) =>
        WebUtility.HtmlDecode(Regex.Match(html, $"<dt class=\"govuk-summary-list__key\">{Regex.Escape(key)}</dt><dd class=\"govuk-summary-list__value[^\"]*\">(.*?)</dd>").Groups[1].Value).Trim();

    /// <summary>A file's row of the counts table: present, read, accepted, rejected (text, without tags).</summary>
    private static string[] FileCounts(string html, string file)
    {
        var row = Regex.Match(html, $"<th scope=\"row\" class=\"govuk-table__header\">{Regex.Escape(file)}</th>(.*?)</tr>", RegexOptions.Singleline).Groups[1].Value;
        return [.. Cells().Matches(row).Select(m => Text(m.Groups[1].Value))];
    }

    /// <summary>The rejected rows table's cells, row by row.</summary>
    private static List<string[]> RejectedRows(string html)
    {
        var table = Regex.Match(html, "<th scope=\"col\" class=\"govuk-table__header\">Value \\(masked\\)</th>.*?<tbody class=\"govuk-table__body\">(.*?)</tbody>", RegexOptions.Singleline);
        if (!table.Success) return [];
        return [.. Regex.Matches(table.Groups[1].Value, "<tr class=\"govuk-table__row\">(.*?)</tr>", RegexOptions.Singleline)
            .Select(row => Cells().Matches(row.Groups[1].Value).Select(m => Text(m.Groups[1].Value)).ToArray())];
    }

    private static List<string> ErrorSummary(string html) =>
        [.. Regex.Matches(Regex.Match(html, "<ul class=\"govuk-list govuk-error-summary__list\">(.*?)</ul>", RegexOptions.Singleline).Groups[1].Value,
            "<li>(.*?)</li>", RegexOptions.Singleline).Select(m => Text(m.Groups[1].Value))];

    private static string Text(string html) =>
        Regex.Replace(WebUtility.HtmlDecode(Regex.Replace(html, "<[^>]+>", "")), @"\s+", " ").Trim();

    [GeneratedRegex("<td class=\"govuk-table__cell[^\"]*\">(.*?)</td>", RegexOptions.Singleline)]
    private static partial Regex Cells();

    private List<StoredAuditEvent> Viewed()
    {
        using var db = site.OpenDatabase();
        return [.. db.AuditEvents.Where(e => e.EventType == "run.rejections_viewed")];
    }

    private int DemoRun()
    {
        using var db = site.OpenDatabase();
        return db.Runs.Where(r => r.RunBy == "demo").Max(r => r.Id);
    }
}

/// <summary>
/// Runs with rejected rows on a demo site (whose generated runs have none), made once per site:
/// <list type="bullet">
/// <item>a screened extract dated 1 March 2023 (before the demo months, so every list still shows the demo's latest run):
/// one good person, 130 people rows with a malformed lao flag (lines 3-132), and 5 registrations of nobody (orphans);</item>
/// <item>a run stored directly with a whole CRN in a crn column, as an importer that did not mask would have left it.</item>
/// </list>
/// </summary>
internal sealed record RejectionsScenario(int RunId, int WholeCrnRunId);

internal static class RejectionsScenarios
{
    private static readonly ConditionalWeakTable<DemoSiteFactory, RejectionsScenario> Made = [];
    private static readonly Lock Gate = new();

    public static RejectionsScenario Rejections(this DemoSiteFactory site)
    {
        lock (Gate) return Made.GetValue(site, Create);
    }

    private static RejectionsScenario Create(DemoSiteFactory site)
    {
        using var extract = new ExtractFolderBuilder().WithPerson("E000001");
        for (var i = 1; i <= 130; i++) extract.WithPerson($"E1{i:D5}", lao: $"perhaps-{i}");
        for (var i = 0; i < 5; i++) extract.WithRegistration($"E99999{i}", "RMDO", "2022-01-01");
        var database = site.Services.GetRequiredService<DatabaseTarget>();
        var result = site.Services.GetRequiredService<ScreenExtract>().Run(
            new ScreenRequest(extract.Build(), new DateOnly(2023, 3, 1), Path.Combine(extract.Folder, "out"))
            {
                Database = database.ConnectionString, RunBy = "test", WriteWorkbooks = false,
            });
        if (!result.Succeeded) throw new InvalidOperationException(result.Error);

        using var db = site.OpenDatabase();
        var run = new ScreeningRun
        {
            AsOf = new DateOnly(2023, 2, 1), DefinitionId = "pilot-2024", DefinitionVersion = 1, Threshold = 6, ExtractSha256 = new string('0', 64),
            RowsRead = 3, RowsRejected = 3, StartedAt = DateTimeOffset.UnixEpoch, CompletedAt = DateTimeOffset.UnixEpoch, RunBy = "test",
            Files = [new RunFile { FileName = ExtractFolderBuilder.Sentences, Present = true, RowsRead = 3, RowsRejected = 3 }],
        };
        db.Runs.Add(run);
        db.SaveChanges();
        db.RejectedRows.AddRange(
            Rejected(run.Id, 2, "crn", "E123456"),
            Rejected(run.Id, 3, "crn", "E12****"),
            Rejected(run.Id, 4, "event_number", "E654321"));
        db.SaveChanges();
        return new RejectionsScenario(result.Value.RunId, run.Id);
    }

    private static RejectedRow Rejected(int runId, int line, string column, string value) => new()
    {
        RunId = runId, FileName = ExtractFolderBuilder.Sentences, Line = line, Column = column, Reason = "orphan", Detail = "no person with this CRN in people.csv", Value = value,
    };
}
