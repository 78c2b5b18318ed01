using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ComplexCases.Application.Access;
using ComplexCases.TestSupport.Extracts;
using Microsoft.Extensions.DependencyInjection;

namespace ComplexCases.Web.Tests.Api;

/// <summary>
/// <c>POST /api/runs</c>: a script uploads the month's extract with a personal access token; 202 and a Location to poll, or a
/// 400 problem naming each field that is wrong with nothing stored. The same checks as the page (one <c>ExtractUpload</c>).
/// </summary>
public sealed class RunUploadApiTests(DemoSiteFactory site) : IClassFixture<DemoSiteFactory>, IDisposable
{
    private readonly ExtractFolderBuilder _extract = new();

    public void Dispose() => _extract.Dispose();

    [Fact]
    public async Task Upload_WithAnalystsToken_Is202ThenTheRequestSucceedsWithTheRunAndCounts()
    {
        var client = Bearer(MakeToken("analyst", Role.Analyst, "uploader"));
        var runsBefore = RunCount();

        var response = await client.PostAsync("/api/runs", Form(("files", "extract.zip", Zip(ComplexPerson().Build())), "2029-01-01"));

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var location = response.Headers.Location!.ToString();
        location.ShouldMatch("^/api/runs/requests/[0-9a-f-]{36}$");
        using (var accepted = JsonDocument.Parse(await response.Content.ReadAsStringAsync()))
        {
            // As the request stood when answered: this instance's worker is woken at once and may have claimed it already.
            accepted.RootElement.GetProperty("status").GetString().ShouldBeOneOf("queued", "running", "succeeded");
            accepted.RootElement.GetProperty("jobId").GetString().ShouldBe(location[(location.LastIndexOf('/') + 1)..]);
            accepted.RootElement.GetProperty("location").GetString().ShouldBe(location);
        }
        var finished = await WaitUntilFinishedAsync(client, location);
        finished.GetProperty("status").GetString().ShouldBe("succeeded");
        var result = finished.GetProperty("result");
        result.GetProperty("people").GetInt32().ShouldBe(1);
        result.GetProperty("complex").GetInt32().ShouldBe(1);
        RunCount().ShouldBe(runsBefore + 1);
        using var db = site.OpenDatabase();
        result.GetProperty("runId").GetInt32().ShouldBe(db.Runs.Max(r => r.Id));
        db.Runs.Single(r => r.Id == db.Runs.Max(x => x.Id)).RunBy.ShouldBe("analyst");
    }

    [Fact]
    public async Task Upload_Rejected_Is400ProblemNamingEachFieldAndStoresNothing()
    {
        var client = Bearer(MakeToken("analyst", Role.Analyst, "bad uploads"));
        var requestsBefore = RequestCount();

        var response = await client.PostAsync("/api/runs", Form(("files", "notes.txt", Encoding.UTF8.GetBytes("not an extract")), "1 Jan 2029", "no-such-definition"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var errors = json.RootElement.GetProperty("errors");
        errors.GetProperty("asOf")[0].GetString().ShouldBe("Enter the screening date like 2024-09-01");
        errors.GetProperty("definition")[0].GetString().ShouldBe("There is no definition called no-such-definition: choose a definition from the list");
        RequestCount().ShouldBe(requestsBefore);

        var notAnExtract = await client.PostAsync("/api/runs", Form(("files", "notes.txt", Encoding.UTF8.GetBytes("not an extract")), "2029-01-01"));
        notAnExtract.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        using var second = JsonDocument.Parse(await notAnExtract.Content.ReadAsStringAsync());
        second.RootElement.GetProperty("errors").GetProperty("files")[0].GetString()!.ShouldStartWith("notes.txt is not an extract file");
        RequestCount().ShouldBe(requestsBefore);
        using var db = site.OpenDatabase();
        db.AuditEvents.Where(e => e.EventType == "upload.refused").OrderByDescending(e => e.Sequence).First().Details.ShouldContain("\"token\":\"bad uploads\"");
    }

    [Fact]
    public async Task Upload_PractitionersToken_Is403Problem()
    {
        var response = await Bearer(MakeToken("practitioner", Role.Practitioner, "not an uploader"))
            .PostAsync("/api/runs", Form(("files", "extract.zip", Zip(ComplexPerson().Build())), "2029-02-01"));

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task Upload_WithTheSignInCookie_Is401ProblemSayingItTakesAToken_AndStoresNothing()
    {
        var client = await site.SignInAsync("analyst");
        var requestsBefore = RequestCount();

        var response = await client.PostAsync("/api/runs", Form(("files", "extract.zip", Zip(ComplexPerson().Build())), "2029-03-01"));

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.Content.ReadAsStringAsync()).ShouldContain("personal access token");
        RequestCount().ShouldBe(requestsBefore);
    }

    private ExtractFolderBuilder ComplexPerson() => _extract
        .WithPerson("E000001", pdu: "EOENFK")
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

    private static MultipartFormDataContent Form((string Field, string Name, byte[] Bytes) file, string asOf, string definition = "pilot-2024")
    {
        var content = new MultipartFormDataContent
        {
            { new StringContent(asOf), "asOf" },
            { new StringContent(definition), "definition" },
        };
        content.Add(new ByteArrayContent(file.Bytes), file.Field, file.Name);
        return content;
    }

    private string MakeToken(string userName, Role role, string name)
    {
        using var scope = site.Services.CreateScope();
        var made = scope.ServiceProvider.GetRequiredService<ApiTokens>().Create(new StaffUser(userName, userName, [role]), name, "30");
        made.Succeeded.ShouldBeTrue(made.Error);
        return made.Value.Secret;
    }

    private HttpClient Bearer(string token)
    {
        var client = site.CreateClient(new() { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private int RunCount()
    {
        using var db = site.OpenDatabase();
        return db.Runs.Count();
    }

    private int RequestCount()
    {
        using var db = site.OpenDatabase();
        return db.ScreeningRequests.Count();
    }

    /// <summary>Polls the request's Location, as a script would, until the run has finished; returns its last answer.</summary>
    private static async Task<JsonElement> WaitUntilFinishedAsync(HttpClient client, string location)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var response = await client.GetAsync(location);
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            if (json.RootElement.GetProperty("status").GetString() is "succeeded" or "failed") return json.RootElement.Clone();
            if (waited.Elapsed > TimeSpan.FromMinutes(2)) throw new TimeoutException($"{location} did not finish: {json.RootElement}");
            await Task.Delay(50);
        }
    }
}
