using System.Net;
using ComplexCases.Data.Audit;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ComplexCases.Web.Tests.Operations;

/// <summary>
/// Every refusal is an audit entry saying who, what and why: role refusals (with the permission), things out of scope or not
/// found on lists, progress, downloads, runs and the API, and refused uploads; each once, and a refused page still a GOV.UK page.
/// </summary>
public sealed class RefusalAuditTests(DemoSiteFactory site) : IClassFixture<DemoSiteFactory>
{
    // The head of PDU runs Norfolk (EOENFK); Bedford is another PDU of the demo region.
    private const string OtherPdu = "EOEBED";

    [Theory]
    [InlineData("practitioner", "/admin/audit", "ViewAuditLog")]
    [InlineData("practitioner", "/runs", "ViewRuns")]
    [InlineData("analyst", "/cases/E000001", "ViewCaseNames")]
    [InlineData("practitioner", "/api/runs", "ViewRuns")]
    public async Task RoleRefusal_IsRecordedWithThePermissionItNeeded(string user, string path, string permission)
    {
        var client = await site.SignInAsync(user);

        var response = await client.GetAsync(path);

        response.StatusCode.ShouldBeOneOf(HttpStatusCode.Redirect, HttpStatusCode.Forbidden);
        var entry = Refusals(user, path).ShouldHaveSingleItem();
        entry.Details.ShouldContain("\"reason\":\"role\"");
        entry.Details.ShouldContain($"\"permission\":\"{permission}\"");
    }

    [Fact]
    public async Task TheForbiddenPageItself_IsNotASecondRefusal()
    {
        var client = site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = true });
        (await client.PostSignInAsync("practitioner", SignedInClient.Password)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var response = await client.GetAsync("/definitions/lab");

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await response.Content.ReadAsStringAsync()).ShouldContain("You do not have access to this page");
        Refusals("practitioner", "/definitions/lab").ShouldHaveSingleItem();
        Refusals("practitioner", "/forbidden").ShouldBeEmpty();
    }

    [Theory]
    [InlineData("/lists/" + OtherPdu)]
    [InlineData("/progress?pdu=" + OtherPdu)]
    [InlineData("/api/lists/" + OtherPdu)]
    [InlineData("/runs/progress/00000000-0000-0000-0000-000000000001")]
    public async Task OutOfScope_IsA404AndRecordedOnce(string address)
    {
        var user = address.StartsWith("/runs", StringComparison.Ordinal) ? "analyst" : "head-of-pdu";
        var client = await site.SignInAsync(user);

        var response = await client.GetAsync(address);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var path = address.Split('?')[0];
        var entry = Refusals(user, path).ShouldHaveSingleItem();
        entry.Details.ShouldContain("\"status\":404");
        entry.Details.ShouldContain("not found or out of scope");
        if (!address.StartsWith("/api", StringComparison.Ordinal))
            (await response.Content.ReadAsStringAsync()).ShouldContain("Page not found");
    }

    [Fact]
    public async Task ADownloadOutOfScope_IsA404AndRecorded()
    {
        var client = await site.SignInAsync("head-of-pdu");
        var form = await client.GetStringAsync("/lists/EOENFK/download");

        var response = await client.PostAsync($"/lists/{OtherPdu}/download", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Recipient"] = "Someone outside", ["Purpose"] = "curiosity", ["__RequestVerificationToken"] = SignedInClient.AntiforgeryToken(form),
        }));

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var entry = Refusals("head-of-pdu", $"/lists/{OtherPdu}/download").ShouldHaveSingleItem();
        entry.Details.ShouldContain("\"method\":\"POST\"");
    }

    [Fact]
    public async Task ACaseOutOfReach_KeepsItsOwnEntry_AndGetsNoSecond()
    {
        var client = await site.SignInAsync("practitioner");

        var response = await client.GetAsync("/cases/E999998");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var entry = Refusals("practitioner", "/cases/E999998").ShouldHaveSingleItem();
        entry.SubjectCrns.ShouldBe("E999998");
    }

    [Fact]
    public async Task ARefusedUpload_IsRecordedWithWhatWasSent()
    {
        var client = await site.SignInAsync("analyst");
        var form = await client.GetStringAsync("/runs/new");
        using var content = new MultipartFormDataContent
        {
            { new StringContent(SignedInClient.AntiforgeryToken(form)), "__RequestVerificationToken" },
            { new StringContent("2024-09-01"), "AsOf" },
            { new StringContent("pilot-2024"), "Definition" },
            { new ByteArrayContent("not an extract"u8.ToArray()), "Files", "holiday-notes.txt" },
        };

        var response = await client.PostAsync("/runs/new", content);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        using var db = site.OpenDatabase();
        var entry = db.Set<StoredAuditEvent>().Where(e => e.Actor == "analyst" && e.EventType == "upload.refused").AsEnumerable()
            .Where(e => e.Details.Contains("holiday-notes.txt", StringComparison.Ordinal)).ShouldHaveSingleItem();
        entry.Action.ShouldBe("collection");
        entry.Details.ShouldContain("holiday-notes.txt");
        entry.Details.ShouldContain("\"status\":400");
        entry.Details.ShouldContain("\"path\":\"/runs/new\"");
    }

    [Fact]
    public async Task AnUploadOverTheLimit_IsRecordedUnread()
    {
        using var smallLimit = site.WithWebHostBuilder(b => b.UseSetting(ComplexCases.Web.Runs.UploadLimit.Setting, "1"));
        var client = await smallLimit.SignInAsync("analyst");
        var form = await client.GetStringAsync("/runs/new");
        using var content = new MultipartFormDataContent
        {
            { new StringContent(SignedInClient.AntiforgeryToken(form)), "__RequestVerificationToken" },
            { new StringContent("2024-09-01"), "AsOf" },
            { new ByteArrayContent(new byte[1024 * 1024 + 1]), "Files", "too-big.zip" },
        };

        var response = await client.PostAsync("/runs/new", content);

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        using var db = site.OpenDatabase();
        var entry = db.Set<StoredAuditEvent>().Where(e => e.Actor == "analyst" && e.EventType == "upload.refused").AsEnumerable()
            .Where(e => e.Details.Contains("\"status\":413", StringComparison.Ordinal)).ShouldHaveSingleItem();
        entry.Details.ShouldContain("larger than the upload limit");
        // Refused before it was read: the names it carried are not known, its size is.
        entry.Details.ShouldContain("\"files\":\"\"");
        entry.Details.ShouldNotContain("\"bytes\":0");
    }

    private List<StoredAuditEvent> Refusals(string user, string path)
    {
        using var db = site.OpenDatabase();
        return db.Set<StoredAuditEvent>().Where(e => e.Actor == user && e.EventType == "access.denied").AsEnumerable()
            .Where(e => e.Details.Contains($"\"path\":\"{path}\"", StringComparison.Ordinal) || e.Details.Contains($"path={path}", StringComparison.Ordinal)).ToList();
    }
}
