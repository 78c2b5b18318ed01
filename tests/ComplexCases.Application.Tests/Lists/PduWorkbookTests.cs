using ComplexCases.Application.Lists;
using ComplexCases.Application.Screening;
using ComplexCases.Domain.Screening;
using ComplexCases.TestSupport.Screening;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;

namespace ComplexCases.Application.Tests.Lists;

/// <summary>The PDU workbook, whose worksheet XML is written by hand into the SDK's package: valid, and every text readable.</summary>
public class PduWorkbookTests
{
    private static readonly DateOnly AsOf = new(2024, 9, 1);

    private static ListEntry Entry(string crn, string? forename, string? surname, ScreeningStatus status = ScreeningStatus.Complex) =>
        new(crn, "EOENFK", "Norfolk", "N07", status, ListChange.New, 6, 0b1011_0111, 0b0000_1000, 1)
        {
            Forename = forename, Surname = surname, TeamName = "Norwich & <Broads>", PractitionerName = "Pat Practitioner",
        };

    private static List<string[]> Cases(Stream xlsx)
    {
        using var document = SpreadsheetDocument.Open(xlsx, isEditable: false);
        new OpenXmlValidator(FileFormatVersions.Office2019).Validate(document).ShouldBeEmpty();
        var workbook = document.WorkbookPart!;
        var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().First(s => s.Name == "Cases");
        return [.. ((WorksheetPart)workbook.GetPartById(sheet.Id!.Value!)).Worksheet.Descendants<Row>()
            .Select(row => row.Elements<Cell>().Select(cell => cell.InlineString?.InnerText ?? cell.CellValue?.Text ?? "").ToArray())];
    }

    [Fact]
    public void Write_Entries_OneRowEachWithCriteriaAsMetUnknownNotMet()
    {
        using var stream = new MemoryStream();

        PduWorkbook.Write(stream, "EOENFK", [Entry("E000001", "Ann", "Lee"), Entry("E000002", null, "Ng", ScreeningStatus.PossiblyComplex)], TestDefinitions.Pilot(), AsOf);

        var rows = Cases(stream);
        rows.Count.ShouldBe(3);
        rows[0][..3].ShouldBe(["CRN", "Forename", "Surname"]);
        rows[1][..10].ShouldBe(["E000001", "Ann", "Lee", "Norwich & <Broads>", "Pat Practitioner", "", "complex", "6", "new", "1"]);
        rows[1][10..].ShouldBe(["Met", "Met", "Met", "Unknown", "Met", "Met", "Not met", "Met"]);
        rows[2][1].ShouldBe("");
        rows[2][6].ShouldBe("possibly complex");
    }

    [Fact]
    public void Write_NamesWithCharactersXmlForbids_ValidWorkbookWithThemReplacedVisibly()
    {
        using var stream = new MemoryStream();

        PduWorkbook.Write(stream, "EOENFK",
            [Entry("E000001", "Zo\u0001ë", "O'Brien \"Jr\""), Entry("E000002", "Ab\uFFFFc", "D\uD800e 😀"), Entry("E000003", "x\uFFFE", "tab\there")],
            TestDefinitions.Pilot(), AsOf);

        var rows = Cases(stream);
        // A control character is replaced, not dropped: the reader sees that something was there.
        rows[1][1..3].ShouldBe(["Zo\uFFFDë", "O'Brien \"Jr\""]);
        rows[2][1..3].ShouldBe(["Ab\uFFFDc", "D\uFFFDe 😀"]);
        rows[3][1..3].ShouldBe(["x\uFFFD", "tab\there"]);
    }
}
