using System.Net;
using System.Text.RegularExpressions;
using ComplexCases.Data.Audit;

namespace ComplexCases.Web.Tests.Operations;

/// <summary>The admin audit page shows what each entry holds, who received a disclosure, which CRNs, what was refused, with a filter by event.</summary>
public sealed partial class AdminAuditDetailsTests(DemoSiteFactory site) : IClassFixture<DemoSiteFactory>
{
    [Fact]
    public async Task ADownload_ShowsItsRecipientAndCrns_FilteredByEvent()
    {
        var head = await site.SignInAsync("head-of-pdu");
        var form = await head.GetStringAsync("/lists/EOENFK/download");
        (await head.PostAsync("/lists/EOENFK/download", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Recipient"] = "Probation liaison, Norwich police", ["Purpose"] = "MAPPA meeting",
            ["__RequestVerificationToken"] = SignedInClient.AntiforgeryToken(form),
        }))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var firstCrn = FirstCrnDownloaded();
        var admin = await site.SignInAsync("admin");

        var html = await admin.GetStringAsync("/admin/audit?event=list.downloaded&actor=head-of-pdu");

        html.ShouldContain("recipient: Probation liaison, Norwich police");
        html.ShouldContain("CRNs: " + firstCrn);
        EventCells(html).ShouldNotBeEmpty();
        EventCells(html).ShouldAllBe(e => e == "list.downloaded");
        html.ShouldContain("<option value=\"list.downloaded\" selected=\"selected\">");
    }

    [Fact]
    public async Task ARefusal_ShowsThePathAndWhy()
    {
        var practitioner = await site.SignInAsync("practitioner");
        await practitioner.GetAsync("/runs");
        var admin = await site.SignInAsync("admin");

        var html = await admin.GetStringAsync("/admin/audit?event=access.denied&actor=practitioner");

        html.ShouldContain("path: /runs");
        html.ShouldContain("reason: role");
        html.ShouldContain("permission: ViewRuns");
        EventCells(html).ShouldAllBe(e => e == "access.denied");
    }

    [Fact]
    public async Task AnUnknownEvent_Is400WithTheReason()
    {
        var admin = await site.SignInAsync("admin");

        var response = await admin.GetAsync("/admin/audit?event=no.such.event");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Choose an event from the list");
    }

    private string FirstCrnDownloaded()
    {
        using var db = site.OpenDatabase();
        var entry = db.Set<StoredAuditEvent>().Where(e => e.EventType == "list.downloaded").AsEnumerable()
            .Last(e => e.Details.Contains("Norwich police", StringComparison.Ordinal));
        return entry.SubjectCrns!.Split(',')[0];
    }

    private static List<string> EventCells(string html) =>
        [.. EventCell().Matches(html).Select(m => m.Groups[1].Value)];

    // The table's fifth column is the event type.
    [GeneratedRegex("<tr class=\"govuk-table__row\">\\s*(?:<td class=\"govuk-table__cell\">[^<]*</td>\\s*){4}<td class=\"govuk-table__cell\">([^<]*)</td>")]
    private static partial Regex EventCell();
}
