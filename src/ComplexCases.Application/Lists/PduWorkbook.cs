using ComplexCases.Application.Screening;
using ComplexCases.Domain.Definitions;
using ComplexCases.Domain.Screening;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace ComplexCases.Application.Lists;

/// <summary>
/// The XLSX a PDU shares: its listed cases with a column per criterion, and a sheet explaining the criteria.
/// Written with the Open XML SDK's streaming writer: a national run writes over a hundred of these, and an
/// in-memory workbook model (ClosedXML) cost half a second and 100 MB doing so.
/// </summary>
public static class PduWorkbook
{
    private const uint Bold = 1;
    private const uint Wrapped = 2;

    public static void Write(string path, string pduCode, IReadOnlyList<ListEntry> entries, Definition definition, DateOnly asOf)
    {
        using var document = SpreadsheetDocument.Create(path, SpreadsheetDocumentType.Workbook);
        Write(document, pduCode, entries, definition, asOf);
    }

    public static void Write(Stream stream, string pduCode, IReadOnlyList<ListEntry> entries, Definition definition, DateOnly asOf)
    {
        using var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook);
        Write(document, pduCode, entries, definition, asOf);
    }

    /// <summary>The Government Security Classifications marking: the workbook names people on probation.</summary>
    public const string Marking = "OFFICIAL-SENSITIVE";

    private static void Write(SpreadsheetDocument document, string pduCode, IReadOnlyList<ListEntry> entries, Definition definition, DateOnly asOf)
    {
        // Document properties a records system and a reader's File > Info show: what it is, and its marking. Dated by the list,
        // not the clock, so the same list gives the same file.
        var properties = document.PackageProperties;
        properties.Title = $"Complex cases: {pduCode} list of {asOf:d MMMM yyyy}";
        properties.Subject = $"Complex Case Service monthly list, definition {definition.Id} version {definition.Version}";
        properties.Creator = "Complex Case Service";
        properties.Keywords = Marking;
        properties.Category = Marking;
        properties.ContentStatus = Marking;
        properties.Created = asOf.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

        var workbook = document.AddWorkbookPart();
        workbook.Workbook = new Workbook();
        AddStyles(workbook);

        string[] fixedHeaders = ["CRN", "Forename", "Surname", "Team", "Practitioner", "SPO", "Status", "Score", "Change", "Months listed"];
        var cases = workbook.AddNewPart<WorksheetPart>();
        var columns = fixedHeaders.Length + definition.Criteria.Length;
        // The header row filters every column, over every row of cases.
        var filter = $"A1:{ColumnName(columns)}{entries.Count + 1}";
        WriteSheet(cases, freezeHeader: true,
            widths: [.. fixedHeaders.Select(_ => 16d), .. definition.Criteria.Select(_ => 22d)],
            rows: CaseRows(fixedHeaders, entries, definition), autoFilter: filter);

        var about = workbook.AddNewPart<WorksheetPart>();
        WriteSheet(about, freezeHeader: false, widths: [40, 22, 8, 90], rows: CriteriaRows(definition, pduCode, asOf));

        var sheets = workbook.Workbook.AppendChild(new Sheets());
        sheets.Append(new Sheet { Id = workbook.GetIdOfPart(cases), SheetId = 1, Name = "Cases" });
        sheets.Append(new Sheet { Id = workbook.GetIdOfPart(about), SheetId = 2, Name = "Criteria" });
        // Excel keeps an autofilter's range in this hidden name; without it some versions drop the filter on save.
        workbook.Workbook.AppendChild(new DefinedNames(new DefinedName($"Cases!$A$1:${ColumnName(columns)}${entries.Count + 1}")
        {
            Name = "_xlnm._FilterDatabase", LocalSheetId = 0, Hidden = true,
        }));
        workbook.Workbook.Save();
    }

    /// <summary>A1-style column letters: 1 → A, 26 → Z, 27 → AA.</summary>
    internal static string ColumnName(int column)
    {
        var name = "";
        for (var n = column; n > 0; n = (n - 1) / 26) name = (char)('A' + ((n - 1) % 26)) + name;
        return name;
    }

    private static IEnumerable<object?[]> CaseRows(string[] fixedHeaders, IReadOnlyList<ListEntry> entries, Definition definition)
    {
        yield return [.. fixedHeaders, .. definition.Criteria.Select(r => r.Label)];
        foreach (var c in entries)
        {
            var criteria = definition.Criteria.Select(rule =>
            {
                var bit = 1 << (int)rule.Id;
                return c.Change == ListChange.Left && c.MetMask == 0 && c.UnknownMask == 0 ? ""
                    : (c.MetMask & bit) != 0 ? "Met" : (c.UnknownMask & bit) != 0 ? "Unknown" : "Not met";
            });
            yield return
            [
                c.Crn, c.Forename, c.Surname, c.TeamName ?? c.TeamCode, c.PractitionerName ?? c.PractitionerCode, c.SpoName ?? c.SpoCode,
                c.StatusText.Replace('_', ' '), c.Score, c.ChangeText, c.MonthsListed, .. criteria,
            ];
        }
    }

    private static IEnumerable<object?[]> CriteriaRows(Definition definition, string pduCode, DateOnly asOf)
    {
        yield return ["Criterion", "Id", "Weight", "Met when"];
        foreach (var rule in definition.Criteria) yield return [rule.Label, rule.Id.ToKey(), rule.Weight, MetWhen(rule)];
        yield return [];
        yield return [$"Definition: {definition.Title} ({definition.Id} version {definition.Version})"];
        yield return [$"Complex: met weight of {definition.Threshold} or more. Possibly complex: met plus unknown weight reaches {definition.Threshold}."];
        yield return [$"Unknown: the OASys assessment is missing, older than {definition.AssessmentLookBackMonths} months, or leaves the answer empty."];
        yield return [$"PDU {pduCode}, screening date {asOf:yyyy-MM-dd}."];
        yield return [];
        yield return [$"{Marking}: this workbook names people on probation. Handle, store and share it as {Marking}, only with those who need it."];
    }

    private static void WriteSheet(WorksheetPart part, bool freezeHeader, double[] widths, IEnumerable<object?[]> rows, string? autoFilter = null)
    {
        using var writer = OpenXmlWriter.Create(part);
        writer.WriteStartElement(new Worksheet());
        if (freezeHeader)
        {
            writer.WriteElement(new SheetViews(new SheetView(
                new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen })
            { WorkbookViewId = 0 }));
        }
        var columns = new Columns();
        for (var i = 0; i < widths.Length; i++)
            columns.Append(new Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = widths[i], CustomWidth = true });
        writer.WriteElement(columns);

        writer.WriteStartElement(new SheetData());
        var rowIndex = 0u;
        foreach (var values in rows)
        {
            rowIndex++;
            writer.WriteStartElement(new Row(), [new OpenXmlAttribute("r", "", rowIndex.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
            foreach (var value in values)
            {
                var style = rowIndex == 1 ? Bold : value is string { Length: > 60 } ? Wrapped : 0u;
                writer.WriteElement(value switch
                {
                    int n => new Cell { DataType = CellValues.Number, CellValue = new CellValue(n), StyleIndex = style },
                    null => new Cell { StyleIndex = style },
                    _ => new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(XmlSafe(value.ToString()!))), StyleIndex = style },
                });
            }
            writer.WriteEndElement();
        }
        writer.WriteEndElement();
        if (autoFilter is not null) writer.WriteElement(new AutoFilter { Reference = autoFilter });
        // The marking printed at the top and bottom of every page.
        writer.WriteElement(new HeaderFooter(new OddHeader($"&C&\"-,Bold\"{Marking}"), new OddFooter($"&C{Marking}")));
        writer.WriteEndElement();
    }

    /// <summary>Names are display-only and unvalidated: drop the control characters XML cannot hold rather than fail the run.</summary>
    private static string XmlSafe(string text)
    {
        if (!text.Any(c => char.IsControl(c) && c is not '\t' and not '\n' and not '\r')) return text;
        return new string([.. text.Where(c => !char.IsControl(c) || c is '\t' or '\n' or '\r')]);
    }

    /// <summary>Three cell formats: plain, bold (headers), wrapped (long explanations).</summary>
    private static void AddStyles(WorkbookPart workbook)
    {
        var styles = workbook.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = new Stylesheet(
            new Fonts(new Font(), new Font(new Bold())) { Count = 2 },
            new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
            new Borders(new Border()) { Count = 1 },
            new CellFormats(
                new CellFormat(),
                new CellFormat { FontId = 1, ApplyFont = true },
                new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top }) { ApplyAlignment = true })
            { Count = 3 });
        styles.Stylesheet.Save();
    }

    private static string MetWhen(CriterionRule rule)
    {
        var p = rule.Parameters;
        return rule.Id switch
        {
            CriterionId.Rosh => $"Newest current RoSH registration is {string.Join(" or ", p.RoshMetRegisterCodes)}; with none, OASys RoSH overall is {string.Join(" or ", p.RoshMetAssessmentLevels)}",
            CriterionId.MentalHealth => $"Current {string.Join(" or ", p.MentalHealthRegisterCodes)} registration, or OASys mental health concerns = Y",
            CriterionId.SelfHarm => $"Current {string.Join(" or ", p.SelfHarmRegisterCodes)} registration, or OASys self-harm/suicide concerns = Y",
            CriterionId.LearningDifficulties => "OASys learning difficulties = Y",
            CriterionId.Mappa => $"Current {p.MappaRegisterCode} registration at level {string.Join(" or ", p.MappaLevels)}",
            CriterionId.Opd => p.OpdOverrideCounts ? "Latest OPD screening is screened in, or has a professional override" : "Latest OPD screening is screened in",
            CriterionId.Substance => $"OASys alcohol or drug need = Y; where a flag is empty, alcohol score ≥ {p.AlcoholScoreThreshold} or drug score ≥ {p.DrugScoreThreshold}",
            CriterionId.Ipp => $"An active {string.Join(" or ", p.IppSentenceTypes)} sentence",
            _ => rule.Label,
        };
    }
}
