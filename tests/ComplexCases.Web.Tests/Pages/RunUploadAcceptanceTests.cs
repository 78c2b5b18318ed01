using System.IO.Compression;
using System.Net;
using System.Text.Json;
using ComplexCases.TestSupport.Extracts;
using ComplexCases.Web.Runs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ComplexCases.Web.Tests.Pages;

/// <summary>
/// A month refused by reconciliation is not stored from the browser either: the progress page shows the figures and asks
/// for a reason; accepting stores it (the reason audited), declining drops the upload. Uploads that would replace one file
/// with another are refused naming both.
/// </summary>
public sealed partial class RunUploadTests
{
    [Fact]
    public async Task Upload_HeaderOnlyPeopleFile_AsksForAReasonWithTheFigures_ThenStoresItOnceAccepted_Audited()
    {
        var client = await site.SignInAsync("analyst");
        var runsBefore = RunCount();
        var folder = _extract.Build();

        var response = await PostAsync(client, ("Files", "extract.zip", Zip(folder)), "2001-01-01");
        var progress = response.Headers.Location!.ToString();
        var waiting = await WaitUntilAsync(client, progress, "needs_acceptance");

        waiting.GetProperty("error").GetString()!.ShouldContain("people screened: 0: people.csv has no data rows (header only)");
        waiting.GetProperty("figures").EnumerateArray().ShouldContain(f => f.GetProperty("beyond").GetBoolean());
        RunCount().ShouldBe(runsBefore);
        var page = await client.GetStringAsync(progress);
        page.ShouldContain("Check this month&#x27;s figures");
        page.ShouldContain("no data rows (header only)");
        page.ShouldContain("Beyond the limit");
        page.ShouldNotContain("http-equiv=\"refresh\"");

        var noReason = await PostFormAsync(client, progress, "Accept", ("Reason", "  "));
        noReason.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await noReason.Content.ReadAsStringAsync()).ShouldContain("Enter why this month");
        RunCount().ShouldBe(runsBefore);

        var accepted = await PostFormAsync(client, progress, "Accept", ("Reason", "Test month: nobody under supervision yet"));
        accepted.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        (await WaitUntilAsync(client, progress, "succeeded")).GetProperty("result").GetProperty("people").GetInt32().ShouldBe(0);
        RunCount().ShouldBe(runsBefore + 1);
        using var db = site.OpenDatabase();
        var audit = db.AuditEvents.AsNoTracking().Where(e => e.EventType == "screening.changes_accepted").ToList()
            .ShouldHaveSingleItem(); // the only acceptance in this site
        audit.Actor.ShouldBe("analyst");
        audit.Details.ShouldContain("Test month: nobody under supervision yet");
        audit.Details.ShouldContain($"\"runId\":{LatestRunIdAt(new DateOnly(2001, 1, 1))}");
    }

    [Fact]
    public async Task Upload_RefusedMonthDeclined_StoresNothingAndCannotBeAcceptedAfterwards()
    {
        var client = await site.SignInAsync("analyst");
        var runsBefore = RunCount();
        var response = await PostAsync(client, ("Files", "extract.zip", Zip(_extract.Build())), "2001-02-01");
        var progress = response.Headers.Location!.ToString();
        await WaitUntilAsync(client, progress, "needs_acceptance");

        (await PostFormAsync(client, progress, "Decline")).StatusCode.ShouldBe(HttpStatusCode.SeeOther);

        var ended = await WaitUntilAsync(client, progress, "failed");
        ended.GetProperty("error").GetString()!.ShouldContain("nothing was stored");
        (await client.GetStringAsync(progress)).ShouldNotContain("Store this month anyway");
        var jobs = site.Services.GetRequiredService<ScreeningJobs>();
        var job = jobs.Find(JobId(progress), "analyst")!;
        jobs.Accept(job, "too late").ShouldBeFalse();
        jobs.Find(job.Id, "analyst")!.HoldsExtract.ShouldBeFalse("a declined month's upload is deleted");
        RunCount().ShouldBe(runsBefore);
    }

    [Fact]
    public async Task Upload_ZipWithTwoEntriesForOneFile_IsRefusedNamingBoth()
    {
        var client = await site.SignInAsync("analyst");
        var folder = ComplexPerson(_extract).Build();
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var file in Directory.GetFiles(folder)) zip.CreateEntryFromFile(file, Path.GetFileName(file));
            zip.CreateEntryFromFile(Path.Combine(folder, "people.csv"), "../../people.csv");
        }

        var response = await PostAsync(client, ("Files", "extract.zip", stream.ToArray()), "2028-03-01");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        html.ShouldContain("extract.zip holds people.csv more than once ('people.csv' and '../../people.csv')");
    }

    [Fact]
    public async Task Upload_TwoFilesWhoseNamesDifferOnlyInCase_IsRefusedNamingBoth()
    {
        var client = await site.SignInAsync("analyst");
        var people = File.ReadAllBytes(Path.Combine(ComplexPerson(_extract).Build(), "people.csv"));

        var response = await PostAsync(client, [("Files", "People.csv", people), ("Files", "PEOPLE.CSV", people)], "2028-03-01");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()).ShouldContain("people.csv was chosen more than once ('People.csv' and 'PEOPLE.CSV')");
    }

    [Fact]
    public async Task Download_XlsxOfARunWhoseNamesHoldCharactersXmlForbids_IsAValidWorkbookWithThemReplaced()
    {
        var analyst = await site.SignInAsync("analyst");
        var folder = _extract.WithPerson("E000001", forename: "Ann\uFFFEe", surname: "Bell\u0001")
            .WithRegistration("E000001", "RVHR", "2023-01-01").WithRegistration("E000001", "RMDO", "2023-01-01")
            .WithRegistration("E000001", "ALSH", "2023-01-01").WithRegistration("E000001", "MAPP", "2023-01-01", level: "M3")
            .WithOpdScreening("E000001", "2023-02-01", "SCREENED_IN").WithSentence("E000001", "1", "IPP", "2010-05-01").Build();
        var upload = await PostAsync(analyst, ("Files", "extract.zip", Zip(folder)), "2028-07-15");
        var runId = (await WaitUntilAsync(analyst, upload.Headers.Location!.ToString(), "succeeded")).GetProperty("result").GetProperty("runId").GetInt32();
        var client = await site.SignInAsync("panel-team");
        var form = await client.GetStringAsync($"/lists/EOENFK/download?run={runId}");

        var response = await client.PostAsync($"/lists/EOENFK/download?run={runId}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Recipient"] = "Complex Cases Panel", ["Purpose"] = "triage meeting", ["Format"] = "xlsx",
            ["__RequestVerificationToken"] = SignedInClient.AntiforgeryToken(form),
        }));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(stream, isEditable: false);
        new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(document).ShouldBeEmpty();
        var texts = document.WorkbookPart!.WorksheetParts.SelectMany(p => p.Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Text>()).Select(t => t.Text).ToList();
        texts.ShouldContain("Ann\uFFFDe");
        texts.ShouldContain("Bell\uFFFD");
    }

    private int LatestRunIdAt(DateOnly asOf)
    {
        using var db = site.OpenDatabase();
        return db.Runs.Where(r => r.AsOf == asOf).Max(r => r.Id);
    }

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string progress, string handler, params (string Name, string Value)[] fields)
    {
        var page = await client.GetStringAsync(progress);
        var values = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", SignedInClient.AntiforgeryToken(page)) };
        values.AddRange(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        using var content = new FormUrlEncodedContent(values);
        return await client.PostAsync($"{progress}?handler={handler}", content);
    }

    /// <summary>Polls the progress API until the job reaches <paramref name="status"/> (or fails the test on another end).</summary>
    private static async Task<JsonElement> WaitUntilAsync(HttpClient client, string progress, string status)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            using var json = JsonDocument.Parse(await client.GetStringAsync("/api" + progress));
            var now = json.RootElement.GetProperty("status").GetString();
            if (now == status) return json.RootElement.Clone();
            if (now is "succeeded" or "failed" && status != now) throw new ShouldAssertException($"expected {status}, got {json.RootElement}");
            if (waited.Elapsed > TimeSpan.FromMinutes(2)) throw new TimeoutException($"{progress} did not reach {status}: {json.RootElement}");
            await Task.Delay(50);
        }
    }
}
