using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using ComplexCases.Application.Access;
using ComplexCases.Application.Audit;
using ComplexCases.Application.Definitions;
using ComplexCases.TestSupport.Extracts;
using Microsoft.Extensions.DependencyInjection;

namespace ComplexCases.Web.Tests.Runs;

/// <summary>
/// A run started in the browser (<c>/runs/new</c>) or through <c>POST /api/runs</c> uses the definition adopted for its month
/// when none is chosen, exactly as the CLI does, including a version written in the service; a stored version can be chosen;
/// an unknown choice is a field error and nothing is queued.
/// </summary>
public sealed class RunDefinitionChoiceTests(DemoSiteFactory site) : IClassFixture<DemoSiteFactory>
{
    /// <summary>A definition written in the service: a new id (no earlier month to reconcile with), threshold 5.</summary>
    private const string Written = "lab-2026";

    private DateOnly ThisMonth => new(site.Clock.Today.Year, site.Clock.Today.Month, 1);
    private DateOnly NextMonth => ThisMonth.AddMonths(1);

    [Fact]
    public async Task NewRun_NoChoice_UsesTheVersionAdoptedForItsMonth_AndThePageNamesTheAdoption()
    {
        AdoptWrittenVersionFromNextMonth();
        var client = await site.SignInAsync("analyst");

        var form = await client.GetStringAsync("/runs/new");
        var first = System.Text.RegularExpressions.Regex.Match(form, "<option value=\"([^\"]*)\"[^>]*>([^<]*)</option>");
        first.Groups[1].Value.ShouldBe("");
        first.Groups[2].Value.ShouldContain("The definition adopted for that month");
        first.Groups[2].Value.ShouldContain($"{Written} version 1, adopted by hal on");
        form.ShouldContain($"<option value=\"{Written}@1\">");
        form.ShouldContain("<option value=\"pilot-2024\">");

        var response = await PostPageAsync(client, NextMonth, definition: null);

        response.StatusCode.ShouldBe(HttpStatusCode.SeeOther, await response.Content.ReadAsStringAsync());
        var progress = response.Headers.Location!.ToString();
        var finished = await WaitUntilFinishedAsync(client, "/api" + progress);
        finished.GetProperty("status").GetString().ShouldBe("succeeded", finished.ToString());
        var runId = finished.GetProperty("result").GetProperty("runId").GetInt32();
        using (var db = site.OpenDatabase())
        {
            var run = db.Runs.Single(r => r.Id == runId);
            (run.DefinitionId, run.DefinitionVersion, run.Threshold).ShouldBe((Written, 1, 5));
        }
        (await client.GetStringAsync(progress)).ShouldContain($"id=\"run-definition\">{Written} version 1</dd>");
    }

    [Fact]
    public async Task NewRun_ExplicitStoredVersion_IsUsed_EvenInAMonthItIsNotAdoptedFor()
    {
        AdoptWrittenVersionFromNextMonth();
        var client = await site.SignInAsync("analyst");

        // This month nothing is adopted: with no choice it would be the pilot.
        var response = await PostPageAsync(client, ThisMonth.AddDays(1), $"{Written}@1");

        response.StatusCode.ShouldBe(HttpStatusCode.SeeOther, await response.Content.ReadAsStringAsync());
        var finished = await WaitUntilFinishedAsync(client, "/api" + response.Headers.Location!);
        finished.GetProperty("status").GetString().ShouldBe("succeeded", finished.ToString());
        var result = finished.GetProperty("result");
        (result.GetProperty("definitionId").GetString(), result.GetProperty("definitionVersion").GetInt32()).ShouldBe((Written, 1));
        using var db = site.OpenDatabase();
        db.Runs.Single(r => r.Id == result.GetProperty("runId").GetInt32()).DefinitionId.ShouldBe(Written);
    }

    [Theory]
    [InlineData("lab-2026@9", "There is no stored definition lab-2026@9: choose a definition from the list")]
    [InlineData("nothing-like-it", "There is no definition called nothing-like-it: choose a definition from the list")]
    [InlineData("lab-2026@one", "lab-2026@one is not a definition and version (like pilot-2024@2): choose a definition from the list")]
    public async Task NewRun_UnknownChoice_IsAFieldError_AndNothingIsQueued(string choice, string message)
    {
        AdoptWrittenVersionFromNextMonth();
        var client = await site.SignInAsync("analyst");
        var before = RequestCount();

        var response = await PostPageAsync(client, NextMonth, choice);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("govuk-error-summary");
        html.ShouldContain($"<a href=\"#Definition\">{message}</a>");
        html.ShouldContain("id=\"Definition-error\"");
        RequestCount().ShouldBe(before);
    }

    [Fact]
    public async Task Api_NoDefinition_UsesTheAdoptedVersion_AnExplicitOneIsUsed_AnUnknownOneIs400()
    {
        AdoptWrittenVersionFromNextMonth();
        var client = Bearer();

        var adopted = await client.PostAsync("/api/runs", Form(NextMonth.AddDays(2), definition: null));
        adopted.StatusCode.ShouldBe(HttpStatusCode.Accepted, await adopted.Content.ReadAsStringAsync());
        var first = (await WaitUntilFinishedAsync(client, adopted.Headers.Location!.ToString())).GetProperty("result");
        (first.GetProperty("definitionId").GetString(), first.GetProperty("definitionVersion").GetInt32()).ShouldBe((Written, 1));

        // Explicitly the pilot in a month that has adopted the written version: the choice wins.
        var explicitPilot = await client.PostAsync("/api/runs", Form(NextMonth.AddDays(3), "pilot-2024"));
        explicitPilot.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var second = (await WaitUntilFinishedAsync(client, explicitPilot.Headers.Location!.ToString()));
        second.GetProperty("result").GetProperty("definitionId").GetString().ShouldBe("pilot-2024", second.ToString());

        var explicitStored = await client.PostAsync("/api/runs", Form(ThisMonth.AddDays(4), $"{Written}@1"));
        explicitStored.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await WaitUntilFinishedAsync(client, explicitStored.Headers.Location!.ToString())).GetProperty("result").GetProperty("definitionId").GetString().ShouldBe(Written);

        var before = RequestCount();
        var unknown = await client.PostAsync("/api/runs", Form(NextMonth, "lab-2026@7"));
        unknown.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        using var problem = JsonDocument.Parse(await unknown.Content.ReadAsStringAsync());
        problem.RootElement.GetProperty("errors").GetProperty("definition")[0].GetString()
            .ShouldBe("There is no stored definition lab-2026@7: choose a definition from the list");
        RequestCount().ShouldBe(before);
    }

    /// <summary>Saves the written definition and adopts it from next month, as /definitions/new and /definitions/adopt do (once per site).</summary>
    private void AdoptWrittenVersionFromNextMonth()
    {
        using var db = site.OpenDatabase();
        if (db.DefinitionAdoptions.Any()) return;
        var library = new DefinitionLibrary(db, new AuditLog(site.Clock), site.Clock);
        var json = File.ReadAllText(DefinitionFile.PilotPath)
            .Replace("\"id\": \"pilot-2024\"", $"\"id\": \"{Written}\"", StringComparison.Ordinal)
            .Replace("\"threshold\": 6", "\"threshold\": 5", StringComparison.Ordinal);
        var saved = library.Save(new StaffUser("ann", "Ann", [Role.Analyst]), json);
        saved.Succeeded.ShouldBeTrue(saved.Error);
        var adopted = library.Adopt(new StaffUser("hal", "Hal", [Role.HeadOfPdu]), $"{Written}@1", NextMonth, "lab results over a year");
        adopted.Succeeded.ShouldBeTrue(adopted.Error);
    }

    private static async Task<HttpResponseMessage> PostPageAsync(HttpClient client, DateOnly asOf, string? definition)
    {
        var form = await client.GetStringAsync("/runs/new");
        using var content = new MultipartFormDataContent
        {
            { new StringContent(SignedInClient.AntiforgeryToken(form)), "__RequestVerificationToken" },
            { new StringContent(asOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)), "AsOf" },
        };
        // No choice: the form's first option, whose value is empty.
        content.Add(new StringContent(definition ?? ""), "Definition");
        content.Add(new ByteArrayContent(ZippedExtract()), "Files", "extract.zip");
        return await client.PostAsync("/runs/new", content);
    }

    private static MultipartFormDataContent Form(DateOnly asOf, string? definition)
    {
        var content = new MultipartFormDataContent { { new StringContent(asOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)), "asOf" } };
        // The API's definition is optional: left out altogether here.
        if (definition is not null) content.Add(new StringContent(definition), "definition");
        content.Add(new ByteArrayContent(ZippedExtract()), "files", "extract.zip");
        return content;
    }

    private static byte[] ZippedExtract()
    {
        using var extract = new ExtractFolderBuilder();
        var folder = extract
            .WithPerson("E000001", pdu: "EOENFK")
            .WithRegistration("E000001", "RVHR", "2023-01-01")
            .WithRegistration("E000001", "MAPP", "2023-01-01", level: "M3")
            .WithSentence("E000001", "1", "IPP", "2010-05-01")
            .Build();
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var file in Directory.GetFiles(folder)) zip.CreateEntryFromFile(file, Path.GetFileName(file));
        }
        return stream.ToArray();
    }

    private HttpClient Bearer()
    {
        using var scope = site.Services.CreateScope();
        var made = scope.ServiceProvider.GetRequiredService<ApiTokens>().Create(new StaffUser("analyst", "analyst", [Role.Analyst]), "runs", "30");
        made.Succeeded.ShouldBeTrue(made.Error);
        var client = site.CreateClient(new() { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", made.Value.Secret);
        return client;
    }

    private int RequestCount()
    {
        using var db = site.OpenDatabase();
        return db.ScreeningRequests.Count();
    }

    private static async Task<JsonElement> WaitUntilFinishedAsync(HttpClient client, string location)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var response = await client.GetAsync(location);
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            if (json.RootElement.GetProperty("status").GetString() is not ("queued" or "running")) return json.RootElement.Clone();
            if (waited.Elapsed > TimeSpan.FromMinutes(2)) throw new TimeoutException($"{location} did not finish: {json.RootElement}");
            await Task.Delay(50);
        }
    }
}
