using System.Globalization;
using System.Net;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace ComplexCases.Web.Tests.Pages;

/// <summary>
/// Every insight table downloads as CSV and as XLSX from one table model: the workbook, opened with the Open XML SDK, holds
/// the CSV's header and cells (numbers as numbers, withheld cells as the page's [c]), and each download is audited.
/// </summary>
public sealed class TableDownloadTests(DemoSiteFactory site) : IClassFixture<DemoSiteFactory>
{
    public static TheoryData<string> Tables => new()
    {
        "/insight/process?handler={0}",
        "/insight/quality?handler={0}&table=checklist",
        "/insight/quality?handler={0}&table=areas",
        "/insight/quality?handler={0}&table=agreement",
        "/insight/quality?handler={0}&table=themes",
        "/insight/expertise?handler={0}&table=agencies",
        "/insight/expertise?handler={0}&table=months",
        "/insight/capacity?handler={0}&table=observed",
        "/insight/capacity?handler={0}&table=forecast",
        "/runs?handler=trend&table=listed&format={0}",
        "/runs?handler=trend&table=criteria&format={0}",
        "/insight/trend?table=listed&format={0}",
        "/insight/trend?table=criteria&format={0}",
    };

    [Fact]
    public async Task TheListTrend_DownloadsForTheUsersArea_OnTheHomePage_AndTheServiceOnRuns()
    {
        var head = await site.SignInAsync("head-of-pdu");
        var analyst = await site.SignInAsync("analyst");

        var home = await head.GetStringAsync("/");
        home.ShouldContain("/insight/trend?table=listed&amp;format=csv");
        var runsPage = await analyst.GetStringAsync("/runs");
        runsPage.ShouldContain("/runs?handler=trend&amp;table=listed&amp;format=xlsx");
        var area = Csv(await head.GetStringAsync("/insight/trend?table=listed&format=csv"));
        var service = Csv(await analyst.GetStringAsync("/runs?handler=trend&table=listed&format=csv"));

        area[0].ShouldBe(["Month", "Complex", "Possibly complex"]);
        area.Skip(1).Select(r => r[0]).ShouldBe(service.Skip(1).Select(r => r[0]));
        // One PDU's list is a part of the service's: never more in any month.
        for (var r = 1; r < area.Count; r++)
        {
            if (area[r][1] != "[c]") int.Parse(area[r][1], CultureInfo.InvariantCulture).ShouldBeLessThanOrEqualTo(int.Parse(service[r][1], CultureInfo.InvariantCulture));
        }
        using var db = site.OpenDatabase();
        var entry = db.AuditEvents.Where(e => e.EventType == "insight.exported" && e.Actor == "head-of-pdu").OrderByDescending(e => e.Sequence).First();
        entry.Details.ShouldContain("list-trend-listed");
        (await head.GetAsync("/insight/trend?table=people&format=csv")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await head.GetAsync("/insight/trend?table=listed&format=pdf")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Theory]
    [MemberData(nameof(Tables))]
    public async Task Xlsx_HoldsTheCsvsCells_NumbersAsNumbers(string address)
    {
        var client = await site.SignInAsync("analyst");

        var csv = Csv(await client.GetStringAsync(string.Format(CultureInfo.InvariantCulture, address, "csv")));
        var response = await client.GetAsync(string.Format(CultureInfo.InvariantCulture, address, "xlsx"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        response.Content.Headers.ContentDisposition!.FileName!.Trim('"').ShouldEndWith(".xlsx");
        var xlsx = Xlsx(await response.Content.ReadAsByteArrayAsync());
        xlsx.Count.ShouldBe(csv.Count);
        xlsx[0].Select(c => c.Text).ShouldBe(csv[0]);
        for (var r = 1; r < csv.Count; r++)
        {
            xlsx[r].Count.ShouldBe(csv[r].Count, $"row {r}");
            for (var c = 0; c < csv[r].Count; c++)
            {
                var (text, number) = xlsx[r][c];
                var field = csv[r][c];
                if (number is null)
                {
                    text.ShouldBe(field.StartsWith('\'') ? field[1..] : field, $"row {r} column {c}");
                    // A count or a share in the CSV is a number in the workbook, never text.
                    int.TryParse(field, NumberStyles.None, CultureInfo.InvariantCulture, out _).ShouldBeFalse($"row {r} column {c}");
                    (field.EndsWith('%') && double.TryParse(field[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out _)).ShouldBeFalse($"row {r} column {c}");
                    continue;
                }
                field.ShouldNotBe("[c]");
                var expected = field.EndsWith('%')
                    ? double.Parse(field[..^1], CultureInfo.InvariantCulture) / 100
                    : double.Parse(field, CultureInfo.InvariantCulture);
                number.Value.ShouldBe(expected, 1e-9, $"row {r} column {c}");
            }
        }
        using var db = site.OpenDatabase();
        var entry = db.AuditEvents.Where(e => e.EventType == "insight.exported" && e.Actor == "analyst").OrderByDescending(e => e.Sequence).First();
        entry.Action.ShouldBe("disclosure");
        entry.Details.ShouldContain("xlsx");
    }

    [Fact]
    public async Task UnknownTable_IsABadRequest_InEitherFormat()
    {
        var client = await site.SignInAsync("analyst");

        var response = await client.GetAsync("/insight/expertise?handler=xlsx&table=people");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Choose a table");
    }

    /// <summary>RFC 4180 fields: quoted or not, doubled quotes inside quotes.</summary>
    internal static List<List<string>> Csv(string text)
    {
        var rows = new List<List<string>>();
        foreach (var line in text.TrimEnd('\n').Split('\n'))
        {
            var fields = new List<string>();
            var field = new System.Text.StringBuilder();
            var quoted = false;
            for (var i = 0; i < line.Length; i++)
            {
                var ch = line[i];
                if (quoted && ch == '"' && i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
                else if (ch == '"') quoted = !quoted;
                else if (ch == ',' && !quoted) { fields.Add(field.ToString()); field.Clear(); }
                else field.Append(ch);
            }
            fields.Add(field.ToString());
            rows.Add(fields);
        }
        return rows;
    }

    /// <summary>The first sheet's rows: each cell's inline text, or its number.</summary>
    internal static List<List<(string Text, double? Number)>> Xlsx(byte[] file)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(file), false);
        var workbook = document.WorkbookPart!;
        var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().First();
        var part = (WorksheetPart)workbook.GetPartById(sheet.Id!);
        return [.. part.Worksheet.GetFirstChild<SheetData>()!.Elements<Row>().Select(row => row.Elements<Cell>().Select(c =>
            c.DataType?.Value == CellValues.InlineString
                ? (c.InlineString!.InnerText, (double?)null)
                : (c.CellValue!.Text, (double?)double.Parse(c.CellValue.Text, CultureInfo.InvariantCulture))).ToList())];
    }
}
