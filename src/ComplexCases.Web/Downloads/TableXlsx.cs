using ComplexCases.Application.Lists;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace ComplexCases.Web.Downloads;

/// <summary>
/// A table as an XLSX workbook of one sheet, with the Open XML SDK: a bold frozen header row, numbers as numbers (shares as
/// fractions in a percentage format with the page's decimals), withheld cells as the page's marker text. Aggregate tables
/// are small, so the SDK's element model is used rather than the list workbook's hand-written XML.
/// </summary>
public static class TableXlsx
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    // Style indexes in AddStyles: plain, bold header, whole percent, percent with one and two decimals, number with decimals.
    private const uint Bold = 1;
    private const uint PercentBase = 2;
    private const uint Decimal = 5;

    public static byte[] Write(DownloadTable table, string title)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            document.PackageProperties.Title = title;
            document.PackageProperties.Creator = "Complex Case Service";
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            AddStyles(workbook);
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            data.Append(Row(1, table.Header.Select(h => TextCell(h, Bold))));
            var r = 1u;
            foreach (var row in table.Rows) data.Append(Row(++r, row.Select(CellOf)));
            sheetPart.Worksheet = new Worksheet(
                new SheetViews(new SheetView(new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen })
                { WorkbookViewId = 0 }),
                new Columns(table.Header.Select((h, i) => new Column
                {
                    Min = (uint)i + 1, Max = (uint)i + 1, CustomWidth = true, Width = Math.Clamp(h.Length + 2, 10, i == 0 ? 48 : 24),
                })),
                data);
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = "Table" }));
            workbook.Workbook.Save();
        }
        return stream.ToArray();
    }

    private static Row Row(uint index, IEnumerable<DocumentFormat.OpenXml.Spreadsheet.Cell> cells) => new(cells) { RowIndex = index };

    private static DocumentFormat.OpenXml.Spreadsheet.Cell CellOf(Cell cell) => cell.Number is { } n
        ? new DocumentFormat.OpenXml.Spreadsheet.Cell(new CellValue(n))
        {
            DataType = CellValues.Number,
            StyleIndex = cell.Percent ? PercentBase + (uint)Math.Min(cell.Decimals, 2) : cell.Decimals > 0 ? Decimal : 0,
        }
        : TextCell(cell.Shown, 0);

    // Inline text is never read as a formula, so unlike the CSV it needs no neutralising apostrophe.
    private static DocumentFormat.OpenXml.Spreadsheet.Cell TextCell(string text, uint style) =>
        new(new InlineString(new Text(PduWorkbook.XmlSafe(text)) { Space = SpaceProcessingModeValues.Preserve }))
        {
            DataType = CellValues.InlineString,
            StyleIndex = style,
        };

    private static void AddStyles(WorkbookPart workbook)
    {
        var styles = workbook.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = new Stylesheet(
            new NumberingFormats(new NumberingFormat { NumberFormatId = 164, FormatCode = "0.0%" }) { Count = 1 },
            new Fonts(new Font(), new Font(new Bold())) { Count = 2 },
            new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
            new Borders(new Border()) { Count = 1 },
            new CellFormats(
                new CellFormat(),
                new CellFormat { FontId = 1, ApplyFont = true },
                new CellFormat { NumberFormatId = 9, ApplyNumberFormat = true },    // 0%
                new CellFormat { NumberFormatId = 164, ApplyNumberFormat = true },  // 0.0%
                new CellFormat { NumberFormatId = 10, ApplyNumberFormat = true },   // 0.00%
                new CellFormat { NumberFormatId = 2, ApplyNumberFormat = true })    // 0.00
            { Count = 6 });
        styles.Stylesheet.Save();
    }
}
