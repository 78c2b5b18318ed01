using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using ComplexCases.Application.Screening;
using ComplexCases.Application.Storage;
using ComplexCases.Data.Sqlite;
using ComplexCases.TestSupport.Extracts;
using Microsoft.Extensions.DependencyInjection;

namespace ComplexCases.Web.Tests.Pages;

/// <summary>
/// A run whose rejected rows left someone's records incomplete (criteria.md): the run page and its JSON twin count the
/// people affected, and the case page shows the rejected row as the evidence of the criterion it made unknown.
/// </summary>
public sealed class IncompleteRecordsPagesTests(DemoSiteFactory site) : IClassFixture<DemoSiteFactory>
{
    private static readonly Lock Gate = new();
    private static readonly Dictionary<DemoSiteFactory, int> Runs = [];

    /// <summary>
    /// Screened once per site, dated before the demo months: Z000001 meets five criteria and their MAPPA registration, dated
    /// 31/01/2023, is rejected (possibly complex); Z000002 meets nothing and a registration row of theirs is rejected too.
    /// </summary>
    private int RunId()
    {
        lock (Gate)
        {
            if (Runs.TryGetValue(site, out var id)) return id;
            using var extract = new ExtractFolderBuilder()
                .WithPerson("Z000001")
                .WithRegistration("Z000001", "RVHR", "2022-01-01")
                .WithRegistration("Z000001", "RMDO", "2022-01-01")
                .WithRegistration("Z000001", "ALSH", "2022-01-01")
                .WithRegistration("Z000001", "MAPP", "31/01/2023", level: "M3")
                .WithOpdScreening("Z000001", "2022-02-01", "SCREENED_IN")
                .WithSentence("Z000001", "1", "IPP", "2010-05-01")
                .WithAssessment("Z000001", "ZA1", "2022-12-01", rosh: "LOW", alcoholNeed: "N", drugNeed: "N", learningDifficulties: "N", mentalHealth: "N", selfHarm: "N")
                .WithPerson("Z000002")
                .WithRegistration("Z000002", "RHRH", "2022-13-01")
                .WithAssessment("Z000002", "ZA2", "2022-12-01", rosh: "LOW", alcoholNeed: "N", drugNeed: "N", learningDifficulties: "N", mentalHealth: "N", selfHarm: "N");
            var database = site.Services.GetRequiredService<DatabaseTarget>();
            var result = site.Services.GetRequiredService<ScreenExtract>().Run(
                new ScreenRequest(extract.Build(), new DateOnly(2023, 2, 15), Path.Combine(extract.Folder, "out"))
                {
                    Database = database.ConnectionString, RunBy = "test", WriteWorkbooks = false,
                });
            if (!result.Succeeded) throw new InvalidOperationException(result.Error);
            return Runs[site] = result.Value.RunId;
        }
    }

    [Fact]
    public async Task RunPage_CountsThePeopleWhoseRecordsAreIncomplete()
    {
        var run = RunId();
        var client = await site.SignInAsync("analyst");

        var html = await client.GetStringAsync($"/runs/{run}");

        var row = Regex.Match(html, "<div class=\"govuk-summary-list__row\" id=\"incomplete-records\">(.*?)</div>", RegexOptions.Singleline).Groups[1].Value;
        var text = Regex.Replace(WebUtility.HtmlDecode(Regex.Replace(row, "<[^>]+>", " ")), @"\s+", " ").Trim();
        text.ShouldBe("Records left incomplete by rejected rows 2 people named by rejected rows of their registrations, assessments, sentences or OPD screenings. " +
            "For 2 of them a criterion reads unknown instead of not met; 1 is listed as possibly complex only because of it.");
    }

    [Fact]
    public async Task RunPage_RunStoredBeforeCounting_SaysNotCounted()
    {
        int run;
        using (var db = site.OpenDatabase())
        {
            // As a run stored before this version: the counts' columns hold their defaults.
            var stored = new ComplexCases.Data.Screening.ScreeningRun
            {
                AsOf = new DateOnly(2023, 1, 1), DefinitionId = "pilot-2024", DefinitionVersion = 1, Threshold = 6, ExtractSha256 = new string('1', 64),
                StartedAt = DateTimeOffset.UnixEpoch, CompletedAt = DateTimeOffset.UnixEpoch, RunBy = "test",
            };
            db.Runs.Add(stored);
            db.SaveChanges();
            run = stored.Id;
        }
        var client = await site.SignInAsync("analyst");

        var html = WebUtility.HtmlDecode(await client.GetStringAsync($"/runs/{run}"));
        using var json = JsonDocument.Parse(await client.GetStringAsync($"/api/runs/{run}/rejections"));

        html.ShouldContain("Not counted: this run was stored before rejected rows were counted against people's records.");
        json.RootElement.GetProperty("incompleteRecords").GetProperty("counted").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task Api_RunAndRejectionsGiveTheSameCounts()
    {
        var run = RunId();
        var client = await site.SignInAsync("analyst");

        using var rejections = JsonDocument.Parse(await client.GetStringAsync($"/api/runs/{run}/rejections"));
        using var runs = JsonDocument.Parse(await client.GetStringAsync("/api/runs"));

        var counts = rejections.RootElement.GetProperty("incompleteRecords");
        counts.GetProperty("counted").GetBoolean().ShouldBeTrue();
        (counts.GetProperty("people").GetInt32(), counts.GetProperty("criteriaUnknown").GetInt32(), counts.GetProperty("listed").GetInt32()).ShouldBe((2, 2, 1));
        var listed = runs.RootElement.EnumerateArray().Single(r => r.GetProperty("id").GetInt32() == run).GetProperty("incompleteRecords");
        listed.GetProperty("people").GetInt32().ShouldBe(2);
    }

    [Fact]
    public async Task CasePage_ShowsTheRejectedRowAsTheEvidence()
    {
        RunId();
        var client = await site.SignInAsync("head-of-pdu");

        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/cases/Z000001"));

        html.ShouldContain("registrations.csv line 5 (rejected row: malformed value: registered_on must be a date written yyyy-MM-dd)");
        html.ShouldContain("registrations.csv line 5, naming this person, was rejected");
    }

    [Fact]
    public async Task CaseApi_EvidenceSaysTheRowWasRejected()
    {
        RunId();
        var client = await site.SignInAsync("head-of-pdu");

        using var json = JsonDocument.Parse(await client.GetStringAsync("/api/cases/Z000001"));

        var mappa = json.RootElement.GetProperty("explanation").EnumerateArray().Single(e => e.GetProperty("criterion").GetString() == "mappa");
        mappa.GetProperty("outcome").GetString().ShouldBe("unknown");
        var evidence = mappa.GetProperty("evidence");
        (evidence.GetProperty("file").GetString(), evidence.GetProperty("line").GetInt32(), evidence.GetProperty("rejected").GetBoolean())
            .ShouldBe(("registrations.csv", 5, true));
        json.RootElement.GetProperty("needsAttention").EnumerateArray().Select(e => e.GetString()).ShouldBe(["mappa"]);
    }
}
