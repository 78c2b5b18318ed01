using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using ComplexCases.Application.Screening;
using ComplexCases.Data;
using ComplexCases.Data.Accounts;
using ComplexCases.Data.Sqlite;
using ComplexCases.Domain.Screening;
using ComplexCases.TestSupport.Data;
using ComplexCases.TestSupport.Extracts;
using ComplexCases.Web.Runs;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ComplexCases.Web.Tests.Pages;

/// <summary>An analyst runs a screening from the browser: queued, followed on a progress page, same use case and result as the CLI, same all-or-nothing rules.</summary>
public sealed partial class RunUploadTests(DemoSiteFactory site) : IClassFixture<DemoSiteFactory>, IDisposable
{
    private readonly ExtractFolderBuilder _extract = new();

    public void Dispose() => _extract.Dispose();

    [Fact]
    public async Task UploadForm_OffersOnlyScreeningDefinitions_NotTheWorkflowsDataFiles()
    {
        var client = await site.SignInAsync("analyst");

        var html = await client.GetStringAsync("/runs/new");

        var offered = System.Text.RegularExpressions.Regex.Matches(html, "<option value=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        offered.ShouldContain("pilot-2024");
        offered.ShouldNotContain("bank-holidays-england-and-wales");
        offered.ShouldNotContain("panel-expertise");
    }

    [Fact]
    public async Task Upload_ZippedExtract_RunsInTheBackgroundThenShowsWhatItFound()
    {
        var client = await site.SignInAsync("analyst");
        var runsBefore = RunCount();
        var zip = Zip(ComplexPerson(_extract).Build());

        var response = await PostAsync(client, ("Files", "extract.zip", zip), "2028-01-04");

        response.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        var progress = response.Headers.Location!.ToString();
        progress.ShouldMatch("^/runs/progress/[0-9a-f-]{36}$");
        var finished = await WaitUntilFinishedAsync(client, progress);
        finished.GetProperty("status").GetString().ShouldBe("succeeded");
        finished.GetProperty("percent").GetInt32().ShouldBe(100);
        var result = finished.GetProperty("result");
        result.GetProperty("people").GetInt32().ShouldBe(1);
        result.GetProperty("complex").GetInt32().ShouldBe(1);
        RunCount().ShouldBe(runsBefore + 1);
        result.GetProperty("runId").GetInt32().ShouldBe(LatestRunId());

        var page = await client.GetAsync(progress);
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await page.Content.ReadAsStringAsync();
        html.ShouldContain("Screening finished");
        html.ShouldContain("stored: 1 people screened, 1 complex");
        html.ShouldContain($"href=\"/runs/{LatestRunId()}\"");
        html.ShouldNotContain("http-equiv=\"refresh\"");
    }

    [Fact]
    public async Task Upload_SeparateCsvFiles_AreAnExtractToo()
    {
        var client = await site.SignInAsync("analyst");
        var folder = ComplexPerson(_extract).Build();

        var response = await PostAsync(client, Directory.GetFiles(folder).Select(f => ("Files", Path.GetFileName(f), File.ReadAllBytes(f))).ToArray(), "2028-02-01");

        response.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        (await WaitUntilFinishedAsync(client, response.Headers.Location!.ToString())).GetProperty("status").GetString().ShouldBe("succeeded");
    }

    [Fact]
    public async Task Upload_SampleExtract_StoresExactlyWhatTheCliStores()
    {
        var sample = Path.Combine(ComplexCases.TestSupport.Repository.Root, "samples", "2024-09-01");
        var asOf = new DateOnly(2024, 9, 1);
        var client = await site.SignInAsync("analyst");

        var response = await PostAsync(client, ("Files", "extract.zip", Zip(sample)), "2024-09-01");
        var finished = await WaitUntilFinishedAsync(client, response.Headers.Location!.ToString());

        finished.GetProperty("status").GetString().ShouldBe("succeeded", finished.ToString());
        var webRunId = finished.GetProperty("result").GetProperty("runId").GetInt32();
        // The CLI's use case with the CLI's options (`complexcases screen --extract … --as-of … --db …`), on a database of its own.
        using var cliDatabase = new TestDatabase();
        var cli = site.Services.GetRequiredService<ScreenExtract>().Run(new ScreenRequest(sample, asOf, Path.Combine(cliDatabase.Folder, "out")) { Database = cliDatabase.ConnectionString });
        cli.Succeeded.ShouldBeTrue(cli.Error);
        using var web = site.OpenDatabase();
        using var cliDb = cliDatabase.Open();
        var webRun = web.Runs.Single(r => r.Id == webRunId);
        var cliRun = cliDb.Runs.Single(r => r.Id == cli.Value.RunId);
        (webRun.ExtractSha256, webRun.AsOf, webRun.DefinitionId, webRun.DefinitionVersion, webRun.RowsRead, webRun.RowsAccepted, webRun.RowsRejected, webRun.People, webRun.Complex, webRun.PossiblyComplex)
            .ShouldBe((cliRun.ExtractSha256, cliRun.AsOf, cliRun.DefinitionId, cliRun.DefinitionVersion, cliRun.RowsRead, cliRun.RowsAccepted, cliRun.RowsRejected, cliRun.People, cliRun.Complex, cliRun.PossiblyComplex));
        webRun.RunBy.ShouldBe("analyst");
        webRun.Complex.ShouldBeGreaterThan(0);
        Outcomes(web, webRunId).ShouldBe(Outcomes(cliDb, cliRun.Id));
        // Change and months listed depend on each database's previous run; who is listed, why and with whom does not.
        Listed(web, webRunId).ShouldBe(Listed(cliDb, cliRun.Id));
    }

    [Fact]
    public async Task Upload_WrongColumns_FailsWithTheImportersMessageAndStoresNothing()
    {
        var client = await site.SignInAsync("analyst");
        var runsBefore = RunCount();
        var folder = _extract.WithRawFile(ExtractFolderBuilder.People, "crn,region\nE000001,N07\n").Build();

        var response = await PostAsync(client, ("Files", "extract.zip", Zip(folder)), "2028-04-01");

        // The extract is read by the run, so its content problems are reported on the progress page.
        response.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        var progress = response.Headers.Location!.ToString();
        var finished = await WaitUntilFinishedAsync(client, progress);
        finished.GetProperty("status").GetString().ShouldBe("failed");
        finished.GetProperty("error").GetString()!.ShouldContain("people.csv: required columns");
        var html = await client.GetStringAsync(progress);
        html.ShouldContain("govuk-error-summary");
        html.ShouldContain("people.csv: required columns");
        html.ShouldContain("Nothing was stored");
        RunCount().ShouldBe(runsBefore);
    }

    [Fact]
    public async Task FinishedJob_EitherWay_LeavesNoUploadBehind()
    {
        var client = await site.SignInAsync("analyst");
        var good = await PostAsync(client, ("Files", "extract.zip", Zip(ComplexPerson(_extract).Build())), "2028-05-01");
        using var bad = new ExtractFolderBuilder();
        var failing = await PostAsync(client, ("Files", "extract.zip", Zip(bad.WithRawFile(ExtractFolderBuilder.People, "forename\nAlex\n").Build())), "2028-05-02");

        foreach (var response in new[] { good, failing })
        {
            var progress = response.Headers.Location!.ToString();
            await WaitUntilFinishedAsync(client, progress);
            var job = site.Services.GetRequiredService<ScreeningJobs>().Find(JobId(progress), "analyst")!;
            job.HoldsExtract.ShouldBeFalse();
        }
    }

    [Fact]
    public async Task Progress_AnotherAnalyst_Gets404ForThePageAndTheApi()
    {
        var client = await site.SignInAsync("analyst");
        var response = await PostAsync(client, ("Files", "extract.zip", Zip(ComplexPerson(_extract).Build())), "2028-06-01");
        var progress = response.Headers.Location!.ToString();
        await WaitUntilFinishedAsync(client, progress);
        var other = await site.SignInAsync(await SecondAnalystAsync());

        (await other.GetAsync(progress)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.GetAsync("/api" + progress)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetAsync(progress)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Progress_WhileWaiting_ReloadsItselfAndSaysWhereTheRunIs()
    {
        // The run lock held, as an instance running another screening holds it: the job stays queued, so the in-progress page
        // can be looked at.
        await using var busy = await HoldRunLockAsync();
        var client = await site.SignInAsync("analyst");
        var response = await PostAsync(client, ("Files", "extract.zip", Zip(ComplexPerson(_extract).Build())), "2028-07-01");
        var progress = response.Headers.Location!.ToString();
        var jobs = site.Services.GetRequiredService<ScreeningJobs>();
        var job = jobs.Find(JobId(progress), "analyst")!;
        try
        {
            var page = await client.GetAsync(progress);

            page.StatusCode.ShouldBe(HttpStatusCode.OK);
            var html = await page.Content.ReadAsStringAsync();
            html.ShouldContain("<h1 class=\"govuk-heading-l\">Screening in progress</h1>");
            html.ShouldContain($"<meta http-equiv=\"refresh\" content=\"{ComplexCases.Web.Pages.Runs.ProgressModel.RefreshSeconds}\">");
            html.ShouldContain("Waiting to start");
            html.ShouldContain("1 July 2028");
            page.Headers.CacheControl!.NoStore.ShouldBeTrue();
            using var json = JsonDocument.Parse(await client.GetStringAsync("/api" + progress));
            json.RootElement.GetProperty("status").GetString().ShouldBe("queued");
            json.RootElement.GetProperty("percent").GetInt32().ShouldBe(0);
            job.HoldsExtract.ShouldBeTrue();
        }
        finally
        {
            // The sites share the database: the main site's worker must not pick this one up afterwards.
            jobs.Decline(job, "test over");
        }
    }

    [Theory]
    [InlineData("notes.txt", "not an extract file")]
    [InlineData("extract.zip", "is not a zip file that can be opened")]
    public async Task Upload_NotAnExtract_SaysWhyAndStoresNothing(string fileName, string message)
    {
        var client = await site.SignInAsync("analyst");
        var runsBefore = RunCount();

        var response = await PostAsync(client, ("Files", fileName, Encoding.UTF8.GetBytes("hello")), "2028-03-01");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain(message);
        RunCount().ShouldBe(runsBefore);
    }

    [Fact]
    public async Task Upload_LargerThanTheLimit_Is413WithTheLimitAndStoresNothing()
    {
        using var smallLimit = site.WithWebHostBuilder(b => b.UseSetting(UploadLimit.Setting, "1"));
        var client = await smallLimit.SignInAsync("analyst");
        var runsBefore = RunCount();

        var response = await PostAsync(client, ("Files", "extract.zip", new byte[1024 * 1024 + 1]), "2028-03-01");

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("The upload is larger than 1 MB, the most this service accepts");
        html.ShouldContain("govuk-error-summary");
        RunCount().ShouldBe(runsBefore);
    }

    [Fact]
    public async Task Upload_ZipThatUnpacksBeyondTheLimit_SaysSoAndStoresNothing()
    {
        using var smallLimit = site.WithWebHostBuilder(b => b.UseSetting(UploadLimit.Setting, "1"));
        var client = await smallLimit.SignInAsync("analyst");
        var runsBefore = RunCount();
        // Two megabytes of one character: a few kilobytes zipped.
        var folder = ComplexPerson(_extract).Build();
        File.AppendAllText(Path.Combine(folder, "people.csv"), new string(' ', 2 * 1024 * 1024));

        var response = await PostAsync(client, ("Files", "extract.zip", Zip(folder)), "2028-03-01");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("extract.zip unpacks to more than 1 MB, the most this service accepts");
        RunCount().ShouldBe(runsBefore);
    }

    [Fact]
    public async Task Upload_WithoutTheAntiforgeryToken_IsRefused()
    {
        var client = await site.SignInAsync("analyst");
        var runsBefore = RunCount();
        using var content = new MultipartFormDataContent
        {
            { new StringContent("2028-03-01"), "AsOf" },
            { new ByteArrayContent(Zip(ComplexPerson(_extract).Build())), "Files", "extract.zip" },
        };

        var response = await client.PostAsync("/runs/new", content);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        RunCount().ShouldBe(runsBefore);
    }

    [Theory]
    [InlineData("01/09/2024", "Enter the screening date like 2024-09-01")]
    [InlineData("", "Enter the screening date like 2024-09-01")]
    public async Task Upload_BadDate_Is400WithTheReason(string asOf, string message)
    {
        var client = await site.SignInAsync("analyst");

        var response = await PostAsync(client, ("Files", "extract.zip", Zip(ComplexPerson(_extract).Build())), asOf);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain(message);
    }

    [Fact]
    public async Task Upload_NewerRun_IsTheListTheNextViewShows()
    {
        var head = await site.SignInAsync("head-of-pdu");
        var pdu = HeadOfPduCode();
        (await head.GetStringAsync($"/lists/{pdu}")).ShouldNotContain("1 November 2028");

        var analyst = await site.SignInAsync("analyst");
        // The newest date of this class's uploads, and inside the bank holiday calendar the workflow's due dates need.
        var response = await PostAsync(analyst, ("Files", "extract.zip", Zip(ComplexPerson(_extract, pdu).Build())), "2028-11-01");
        response.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        (await WaitUntilFinishedAsync(analyst, response.Headers.Location!.ToString())).GetProperty("status").GetString().ShouldBe("succeeded");

        // The earlier view's list is cached; the same URL now means the new run, whose list is read afresh.
        var html = await head.GetStringAsync($"/lists/{pdu}");
        html.ShouldContain("screening date 1 November 2028");
        html.ShouldContain(">E000001</a>");
    }

    [Theory]
    [InlineData("head-of-pdu")]
    [InlineData("admin")]
    public async Task Upload_RolesWithoutRunScreening_AreRefused(string user)
    {
        var client = await site.SignInAsync(user);

        var response = await client.GetAsync("/runs/new");

        response.Headers.Location!.ToString().ShouldContain("/forbidden");
    }

    private static ExtractFolderBuilder ComplexPerson(ExtractFolderBuilder extract, string pdu = "EOENFK") => extract
        .WithPerson("E000001", pdu: pdu)
        .WithRegistration("E000001", "RVHR", "2023-01-01")
        .WithRegistration("E000001", "RMDO", "2023-01-01")
        .WithRegistration("E000001", "ALSH", "2023-01-01")
        .WithRegistration("E000001", "MAPP", "2023-01-01", level: "M3")
        .WithOpdScreening("E000001", "2023-02-01", "SCREENED_IN")
        .WithSentence("E000001", "1", "IPP", "2010-05-01");

    private static byte[] Zip(string folder)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var file in Directory.GetFiles(folder)) zip.CreateEntryFromFile(file, Path.GetFileName(file));
        }
        return stream.ToArray();
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, (string Field, string Name, byte[] Bytes) file, string asOf) =>
        PostAsync(client, [file], asOf);

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, (string Field, string Name, byte[] Bytes)[] files, string asOf)
    {
        var form = await client.GetStringAsync("/runs/new");
        using var content = new MultipartFormDataContent
        {
            { new StringContent(SignedInClient.AntiforgeryToken(form)), "__RequestVerificationToken" },
            { new StringContent(asOf), "AsOf" },
            { new StringContent("pilot-2024"), "Definition" },
        };
        foreach (var (field, name, bytes) in files) content.Add(new ByteArrayContent(bytes), field, name);
        return await client.PostAsync("/runs/new", content);
    }

    private string HeadOfPduCode()
    {
        using var db = site.OpenDatabase();
        return db.Users.Single(u => u.UserName == "head-of-pdu").PduCode!;
    }

    private int RunCount()
    {
        using var db = site.OpenDatabase();
        return db.Runs.Count();
    }

    private int LatestRunId()
    {
        using var db = site.OpenDatabase();
        return db.Runs.Max(r => r.Id);
    }

    /// <summary>Polls the progress API, as a script would, until the run has finished; returns its last answer.</summary>
    private static async Task<JsonElement> WaitUntilFinishedAsync(HttpClient client, string progress)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var response = await client.GetAsync("/api" + progress);
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            if (json.RootElement.GetProperty("status").GetString() is "succeeded" or "failed") return json.RootElement.Clone();
            if (waited.Elapsed > TimeSpan.FromMinutes(2)) throw new TimeoutException($"{progress} did not finish: {json.RootElement}");
            await Task.Delay(50);
        }
    }

    /// <summary>Takes the screening workers' lock on the site's database (waiting while a worker's pass holds it briefly).</summary>
    private async Task<IAsyncDisposable> HoldRunLockAsync()
    {
        using var db = site.OpenDatabase();
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            if (await ComplexCases.Data.Providers.StoreServices.JobLock(db).TryAcquireAsync(db, ScreeningWorker.RunLock) is { } held) return held;
            if (waited.Elapsed > TimeSpan.FromMinutes(1)) throw new TimeoutException("The screening run lock stayed held.");
            await Task.Delay(20);
        }
    }

    private static Guid JobId(string progress) => Guid.Parse(progress[(progress.LastIndexOf('/') + 1)..]);

    /// <summary>Another user who may run screenings, to look at the first analyst's job.</summary>
    private async Task<string> SecondAnalystAsync()
    {
        const string name = "second-analyst";
        using var scope = site.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffAccount>>();
        if (await users.FindByNameAsync(name) is null)
            (await users.CreateAsync(new StaffAccount { UserName = name, DisplayName = "Second analyst", Roles = "Analyst" }, SignedInClient.Password)).Succeeded.ShouldBeTrue();
        return name;
    }

    private static List<(string, string, byte, short, byte, byte)> Outcomes(ComplexCasesDbContext db, int runId) =>
        [.. db.PersonResults.Where(p => p.RunId == runId).OrderBy(p => p.Crn).AsEnumerable()
            .Select(p => (p.Crn, p.PduCode, p.Status, p.Score, p.MetMask, p.UnknownMask))];

    private static List<string> Listed(ComplexCasesDbContext db, int runId) =>
        [.. db.ListedCases.Where(c => c.RunId == runId && c.Change != (byte)ListChange.Left).OrderBy(c => c.Crn).AsEnumerable()
            .Select(c => string.Join('|', c.Crn, c.PduCode, c.Status, c.Score, c.MetMask, c.UnknownMask, c.Forename, c.Surname, c.TeamCode,
                c.PractitionerCode, c.SpoCode, c.LimitedAccess, c.EvidenceJson))];
}
