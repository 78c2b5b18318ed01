using System.Net;
using System.Text.RegularExpressions;
using ComplexCases.Data.Audit;
using ComplexCases.Domain.Audit;
using Microsoft.Extensions.DependencyInjection;

namespace ComplexCases.Web.Tests.Pages;

public sealed partial class DefinitionsRunsDownloadTests(DemoSiteFactory site) : IClassFixture<DemoSiteFactory>
{
    public static TheoryData<string> Roles => ["practitioner", "spo", "head-of-pdu", "panel-team", "panel-member", "qdo", "analyst", "admin"];

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task Definitions_AnyRole_ShowsThePilotDefinition(string user)
    {
        var client = await site.SignInAsync(user);

        var html = await client.GetStringAsync("/definitions");

        html.ShouldContain("pilot-2024, version 1");
        html.ShouldContain("Sentence is IPP");
    }

    [Theory]
    [InlineData("analyst", HttpStatusCode.OK)]
    [InlineData("admin", HttpStatusCode.OK)]
    [InlineData("practitioner", HttpStatusCode.Redirect)]
    [InlineData("head-of-pdu", HttpStatusCode.Redirect)]
    public async Task Runs_OnlyAnalystsAndAdministrators(string user, HttpStatusCode expected)
    {
        var client = await site.SignInAsync(user);

        var response = await client.GetAsync("/runs");

        response.StatusCode.ShouldBe(expected);
        if (expected == HttpStatusCode.OK) (await response.Content.ReadAsStringAsync()).ShouldContain("pilot-2024 v1");
    }

    [Fact]
    public async Task Download_WithRecipientAndPurpose_GivesTheListCsvAndRecordsADisclosure()
    {
        var client = await site.SignInAsync("head-of-pdu");
        var form = await client.GetStringAsync("/lists/EOENFK/download");

        var response = await client.PostAsync("/lists/EOENFK/download", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Recipient"] = "MAPPA coordinator, Norfolk", ["Purpose"] = "panel preparation", ["__RequestVerificationToken"] = SignedInClient.AntiforgeryToken(form),
        }));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var lines = (await response.Content.ReadAsStringAsync()).TrimEnd().Split('\n');
        lines[0].ShouldBe("crn,forename,surname,team,practitioner,spo,status,score,criteria_met,criteria_unknown,change,months_listed");
        lines.Length.ShouldBeGreaterThan(1);
        using var db = site.OpenDatabase();
        var disclosure = db.Set<StoredAuditEvent>().Where(e => e.EventType == "list.downloaded").ToList().Single(e => e.Details.Contains("MAPPA coordinator, Norfolk", StringComparison.Ordinal));
        disclosure.Action.ShouldBe(ComplexCases.Domain.Audit.AuditAction.Disclosure.ToKey());
        disclosure.Details.ShouldContain("MAPPA coordinator, Norfolk");
        disclosure.SubjectCount.ShouldBe(lines.Length - 1);
    }

    [Fact]
    public async Task Download_AsXlsx_GivesAValidWorkbookWithTheCriteriaExplained()
    {
        var client = await site.SignInAsync("panel-team");
        var form = await client.GetStringAsync("/lists/EOENFK/download");

        var response = await client.PostAsync("/lists/EOENFK/download", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Recipient"] = "Complex Cases Panel", ["Purpose"] = "triage meeting", ["Format"] = "xlsx",
            ["__RequestVerificationToken"] = SignedInClient.AntiforgeryToken(form),
        }));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(stream, isEditable: false);
        new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(document).ShouldBeEmpty();
        document.WorkbookPart!.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Select(s => s.Name!.Value).ShouldBe(["Cases", "Criteria"]);

        // Filterable, described and marked: it names people on probation.
        var casesSheet = document.WorkbookPart.WorksheetParts.First(p => p.Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.AutoFilter>().Any()).Worksheet;
        var rows = casesSheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Row>().Count();
        casesSheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.AutoFilter>().Single().Reference!.Value.ShouldEndWith(rows.ToString(System.Globalization.CultureInfo.InvariantCulture));
        casesSheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.AutoFilter>().Single().Reference!.Value.ShouldStartWith("A1:");
        document.WorkbookPart.WorksheetParts.ShouldAllBe(p => p.Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.OddHeader>().Single().Text.Contains("OFFICIAL-SENSITIVE"));
        document.PackageProperties.Title.ShouldStartWith("Complex cases: EOENFK list of");
        document.PackageProperties.Keywords.ShouldBe("OFFICIAL-SENSITIVE");
        document.PackageProperties.Creator.ShouldBe("Complex Case Service");
        var criteria = (DocumentFormat.OpenXml.Packaging.WorksheetPart)document.WorkbookPart.GetPartById(
            document.WorkbookPart.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Last().Id!.Value!);
        criteria.Worksheet.InnerText.ShouldContain("OFFICIAL-SENSITIVE: this workbook names people on probation");
    }

    [Fact]
    public async Task Download_AsCsv_StartsWithTheByteOrderMark_ForSpreadsheets()
    {
        var client = await site.SignInAsync("panel-team");
        var form = await client.GetStringAsync("/lists/EOENFK/download");

        var response = await client.PostAsync("/lists/EOENFK/download", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Recipient"] = "Complex Cases Panel", ["Purpose"] = "triage meeting", ["Format"] = "csv",
            ["__RequestVerificationToken"] = SignedInClient.AntiforgeryToken(form),
        }));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsByteArrayAsync())[..3].ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });
    }

    [Fact]
    public async Task Download_UnknownFormat_AsksToChooseAndDisclosesNothing()
    {
        var client = await site.SignInAsync("head-of-pdu");
        var form = await client.GetStringAsync("/lists/EOENFK/download");

        var response = await client.PostAsync("/lists/EOENFK/download", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Recipient"] = "someone", ["Purpose"] = "something", ["Format"] = "pdf", ["__RequestVerificationToken"] = SignedInClient.AntiforgeryToken(form),
        }));

        (await response.Content.ReadAsStringAsync()).ShouldContain("Choose CSV or XLSX");
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
    }

    [Fact]
    public async Task Download_WithoutRecipient_AsksForItAndDisclosesNothing()
    {
        var client = await site.SignInAsync("spo");
        var form = await client.GetStringAsync("/lists/EOENFK/download");

        var response = await client.PostAsync("/lists/EOENFK/download", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Purpose"] = "panel preparation", ["__RequestVerificationToken"] = SignedInClient.AntiforgeryToken(form),
        }));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Enter who the list is for");
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
    }

    [Theory]
    [InlineData("practitioner")]
    [InlineData("analyst")]
    [InlineData("qdo")]
    public async Task Download_RolesWithoutThePermission_AreRefused(string user)
    {
        var client = await site.SignInAsync(user);

        var response = await client.GetAsync("/lists/EOENFK/download");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldContain("/forbidden");
    }

}
