using System.Net;
using ComplexCases.Application.Definitions;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Web.Tests.Pages;

/// <summary>Writing, saving and adopting definitions on the demo site (issue 14), and the refusals for roles without the permission.</summary>
public sealed class DefinitionLibraryPagesTests(DemoSiteFactory site) : IClassFixture<DemoSiteFactory>
{
    private static readonly string Pilot = File.ReadAllText(DefinitionFile.PilotPath);

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string formPage, string action, Dictionary<string, string> form)
    {
        var page = await client.GetStringAsync(formPage);
        form["__RequestVerificationToken"] = SignedInClient.AntiforgeryToken(page);
        return await client.PostAsync(action, new FormUrlEncodedContent(form));
    }

    [Fact]
    public async Task Check_AnInvalidDefinition_ListsEveryProblemByPath_InTheErrorSummary_LinkedToTheField()
    {
        var client = await site.SignInAsync("analyst");
        var json = Pilot.Replace("\"threshold\": 6,", "\"threshold\": 6, \"colour\": \"blue\",", StringComparison.Ordinal)
            .Replace("\"weight\": 1,\n      \"parameters\": { \"registerCodes\": [\"ALSH\"] }", "\"weight\": -1,\n      \"parameters\": { \"registerCodes\": [\"ALSH\"] }", StringComparison.Ordinal);

        var response = await PostAsync(client, "/definitions/new", "/definitions/new?handler=check", new() { ["Json"] = json });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("govuk-error-summary");
        html.ShouldContain("href=\"#json\"");
        html.ShouldContain("<code>criteria[2].weight</code>: -1 is out of range");
        html.ShouldContain("<code>colour</code>: unknown property");
        html.ShouldContain("id=\"json\"");
        html.ShouldContain("govuk-textarea--error");
    }

    [Fact]
    public async Task SaveThenAdopt_AsAnalystThenHeadOfPdu_VersionsIncrement_TheDecisionIsShownAndAudited_AndTheLabOffersTheVersion()
    {
        var analyst = await site.SignInAsync("analyst");
        var json = Pilot.Replace("\"threshold\": 6", "\"threshold\": 5", StringComparison.Ordinal);

        var check = await PostAsync(analyst, "/definitions/new", "/definitions/new?handler=check", new() { ["Json"] = json });
        check.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await check.Content.ReadAsStringAsync()).ShouldContain("Threshold from 6 to 5");
        var saved = await PostAsync(analyst, "/definitions/new", "/definitions/new?handler=save", new() { ["Json"] = json });
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var again = await PostAsync(analyst, "/definitions/new", "/definitions/new?handler=save", new() { ["Json"] = json });
        again.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await again.Content.ReadAsStringAsync()).ShouldContain("This is the same as pilot-2024 version 2");
        int version;
        using (var db = site.OpenDatabase())
        {
            version = db.Definitions.AsNoTracking().Where(d => d.Id == "pilot-2024").Max(d => d.Version);
            version.ShouldBe(2);
            db.AuditEvents.AsNoTracking().Count(e => e.EventType == "definition.saved" && e.Actor == "analyst").ShouldBe(1);
        }
        var page = await analyst.GetStringAsync("/definitions");
        page.ShouldContain("Threshold from 6 to 5");
        page.ShouldContain(">analyst<");
        (await analyst.GetStringAsync("/definitions/lab")).ShouldContain("value=\"pilot-2024@2\"");
        (await analyst.GetStringAsync("/definitions/lab?definition=pilot-2024@2&window=6")).ShouldNotContain("Choose one of the stored definitions.");

        var head = await site.SignInAsync("head-of-pdu");
        var form = await head.GetStringAsync("/definitions/adopt");
        var month = System.Text.RegularExpressions.Regex.Match(form, "<option value=\"(\\d{4}-\\d{2}-01)\"").Groups[1].Value;
        var noReason = await PostAsync(head, "/definitions/adopt", "/definitions/adopt", new() { ["Definition"] = "pilot-2024@2", ["EffectiveFrom"] = month, ["Reason"] = "" });
        noReason.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var refused = await noReason.Content.ReadAsStringAsync();
        refused.ShouldContain("<a href=\"#reason\">Enter the reason for adopting this definition: it is kept with the decision</a>");

        var adopted = await PostAsync(head, "/definitions/adopt", "/definitions/adopt",
            new() { ["Definition"] = "pilot-2024@2", ["EffectiveFrom"] = month, ["Reason"] = "Threshold 5 catches the cases panels said were missed" });

        adopted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var shown = await head.GetStringAsync("/definitions");
        shown.ShouldContain("Threshold 5 catches the cases panels said were missed");
        shown.ShouldContain("pilot-2024 version 2 (adoption");
        using var check2 = site.OpenDatabase();
        var entry = check2.AuditEvents.AsNoTracking().Where(e => e.EventType == "definition.adopted").Single();
        entry.Actor.ShouldBe("head-of-pdu");
        entry.Details.ShouldContain($"\"effectiveFrom\":\"{month}\"");
        check2.DefinitionAdoptions.AsNoTracking().Single().DefinitionVersion.ShouldBe(2);
    }

    [Fact]
    public async Task Check_AnUploadedFile_ReplacesTheText_AndAFileThatIsNotUtf8_IsRefused()
    {
        var client = await site.SignInAsync("analyst");
        var token = SignedInClient.AntiforgeryToken(await client.GetStringAsync("/definitions/new"));

        async Task<HttpResponseMessage> Upload(byte[] bytes)
        {
            using var form = new MultipartFormDataContent
            {
                { new StringContent(token), "__RequestVerificationToken" },
                { new StringContent(""), "Json" },
                { new ByteArrayContent(bytes), "Upload", "mine.json" },
            };
            return await client.PostAsync("/definitions/new?handler=check", form);
        }

        var good = await Upload(System.Text.Encoding.UTF8.GetBytes(Pilot.Replace("\"pilot-2024\"", "\"uploaded-one\"", StringComparison.Ordinal)));
        good.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await good.Content.ReadAsStringAsync();
        html.ShouldContain("No problems found");
        html.ShouldContain("<code>uploaded-one</code> version 1");
        html.ShouldContain("&quot;uploaded-one&quot;");

        var latin1 = await Upload([0x7B, 0x22, 0xE9, 0x22, 0x7D]);
        latin1.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await latin1.Content.ReadAsStringAsync()).ShouldContain("The file is not UTF-8 text; save the definition as UTF-8 JSON");
    }

    [Theory]
    [InlineData("head-of-pdu", "/definitions/new?handler=save")]
    [InlineData("admin", "/definitions/new?handler=save")]
    [InlineData("analyst", "/definitions/adopt")]
    [InlineData("admin", "/definitions/adopt")]
    public async Task Post_WithoutThePermission_IsRefused_Audited_AndChangesNothing(string user, string path)
    {
        var client = await site.SignInAsync(user);
        var token = SignedInClient.AntiforgeryToken(await client.GetStringAsync("/definitions"));

        var response = await client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Json"] = Pilot.Replace("\"threshold\": 6", "\"threshold\": 4", StringComparison.Ordinal),
            ["Definition"] = "pilot-2024@1", ["EffectiveFrom"] = "2099-01-01", ["Reason"] = "no",
        }));

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldContain("/forbidden");
        using var db = site.OpenDatabase();
        db.AuditEvents.AsNoTracking().Where(e => e.EventType == "access.denied" && e.Actor == user).ToList()
            .ShouldContain(e => e.Details.Contains(path.Split('?')[0], StringComparison.Ordinal) && e.Details.Contains("POST", StringComparison.Ordinal));
        db.Definitions.AsNoTracking().Any(d => d.Threshold == 4).ShouldBeFalse();
        db.DefinitionAdoptions.AsNoTracking().Any(a => a.Reason == "no").ShouldBeFalse();
    }
}
