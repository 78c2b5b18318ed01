using System.Net;
using System.Text.RegularExpressions;

namespace ComplexCases.Web.Tests.Pages;

public sealed partial class AdminAuditTests(DemoSiteFactory site) : IClassFixture<DemoSiteFactory>
{
    [Fact]
    public async Task AuditSearch_ByCrn_FindsWhoViewedThatCase()
    {
        var head = await site.SignInAsync("head-of-pdu");
        var list = await head.GetStringAsync("/lists/EOENFK");
        var crn = CaseLink().Match(list).Groups[1].Value;
        (await head.GetAsync($"/cases/{crn}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var admin = await site.SignInAsync("admin");

        var html = await admin.GetStringAsync($"/admin/audit?crn={crn}&actor=head-of-pdu");

        html.ShouldContain("case.viewed");
        html.ShouldContain("head-of-pdu");
    }

    [Fact]
    public async Task AuditSearch_IsItselfAudited()
    {
        var admin = await site.SignInAsync("admin");
        await admin.GetStringAsync("/admin/audit?actor=nobody");

        var html = await admin.GetStringAsync("/admin/audit?actor=admin");

        html.ShouldContain("audit.searched");
    }

    [Fact]
    public async Task AuditSearch_OneDay_FindsThatDaysEntries()
    {
        var admin = await site.SignInAsync("admin");
        await admin.GetStringAsync("/admin/audit?actor=nobody");
        var today = site.Clock.GetUtcNow().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var response = await admin.GetAsync($"/admin/audit?actor=admin&from={today}&to={today}");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("audit.searched");
    }

    [Theory]
    [InlineData("crn=e12345", "CRN must be a capital letter and six digits")]
    [InlineData("from=01/09/2024", "From must be a date like 2024-09-01")]
    [InlineData("from=2024-09-02&to=2024-09-01", "To must be the same day as From or later")]
    [InlineData("page=x", "Page must be a whole number")]
    public async Task AuditSearch_BadInput_Is400WithTheReason(string query, string message)
    {
        var admin = await site.SignInAsync("admin");

        var response = await admin.GetAsync("/admin/audit?" + query);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain(message);
    }

    [Theory]
    [InlineData("practitioner")]
    [InlineData("head-of-pdu")]
    [InlineData("analyst")]
    public async Task AuditSearch_NonAdministrator_IsRefused(string user)
    {
        var client = await site.SignInAsync(user);

        var response = await client.GetAsync("/admin/audit");

        response.Headers.Location!.ToString().ShouldContain("/forbidden");
    }

    [GeneratedRegex("href=\"/cases/([A-Z][0-9]{6})\\?")]
    private static partial Regex CaseLink();
}
