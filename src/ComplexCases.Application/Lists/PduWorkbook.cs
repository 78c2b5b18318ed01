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
        // Fastest deflate: the default level spent most of a heavy month's workbook time compressing repetitive XML
        // for files a few per cent smaller.
        document.CompressionOption = System.IO.Packaging.CompressionOption.Fast;
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
        yield return [$"Unknown: the OASys assessment is missing, older than {definition.AssessmentLookBackMonths} months, or leaves the answer empty; or a rejected row of the person's records left them incomplete."];
        yield return [$"PDU {pduCode}, screening date {asOf:yyyy-MM-dd}."];
        yield return [];
        yield return [$"{Marking}: this workbook names people on probation. Handle, store and share it as {Marking}, only with those who need it."];
    }

    private const string MainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    /// <summary>
    /// Writes a worksheet's XML straight into its part. The package (parts, relationships, content types, styles) is the
    /// Open XML SDK's; only the sheet's cells are written by hand: element objects per cell, even through OpenXmlWriter,
    /// cost about 4 µs a cell, most of a heavy month's run (58,000 listed, a million cells).
    /// </summary>
    private static void WriteSheet(WorksheetPart part, bool freezeHeader, double[] widths, IEnumerable<object?[]> rows, string? autoFilter = null)
    {
        using var stream = part.GetStream(FileMode.Create, FileAccess.Write);
        using var xml = new StreamWriter(stream, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 1 << 16);
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        xml.Write("<?xml version=\"1.0\" encoding=\"utf-8\"?><worksheet xmlns=\"");
        xml.Write(MainNamespace);
        xml.Write("\">");
        if (freezeHeader)
            xml.Write("<sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/></sheetView></sheetViews>");
        xml.Write("<cols>");
        for (var i = 0; i < widths.Length; i++)
            xml.Write(string.Create(invariant, $"<col min=\"{i + 1}\" max=\"{i + 1}\" width=\"{widths[i]}\" customWidth=\"1\"/>"));
        xml.Write("</cols><sheetData>");
        var rowIndex = 0;
        Span<char> number = stackalloc char[16];
        foreach (var values in rows)
        {
            rowIndex++;
            xml.Write("<row r=\"");
            rowIndex.TryFormat(number, out var length, provider: invariant);
            xml.Write(number[..length]);
            xml.Write("\">");
            foreach (var value in values)
            {
                var style = rowIndex == 1 ? Bold : value is string { Length: > 60 } ? Wrapped : 0u;
                xml.Write(style switch { Bold => "<c s=\"1\"", Wrapped => "<c s=\"2\"", _ => "<c s=\"0\"" });
                switch (value)
                {
                    case int n:
                        xml.Write(" t=\"n\"><v>");
                        n.TryFormat(number, out length, provider: invariant);
                        xml.Write(number[..length]);
                        xml.Write("</v></c>");
                        break;
                    case null:
                        xml.Write("/>");
                        break;
                    default:
                        xml.Write(" t=\"inlineStr\"><is><t>");
                        WriteText(xml, value.ToString()!);
                        xml.Write("</t></is></c>");
                        break;
                }
            }
            xml.Write("</row>");
        }
        xml.Write("</sheetData>");
        if (autoFilter is not null) xml.Write($"<autoFilter ref=\"{autoFilter}\"/>");
        // The marking printed at the top and bottom of every page.
        xml.Write($"<headerFooter><oddHeader>&amp;C&amp;\"-,Bold\"{Marking}</oddHeader><oddFooter>&amp;C{Marking}</oddFooter></headerFooter>");
        xml.Write("</worksheet>");
    }

    private static readonly System.Buffers.SearchValues<char> Escaped = System.Buffers.SearchValues.Create("&<>");

    /// <summary>Text as XML character data: markup characters escaped, and what XML cannot hold dropped (<see cref="XmlSafe"/>).</summary>
    private static void WriteText(StreamWriter xml, string text)
    {
        var span = XmlSafe(text).AsSpan();
        while (true)
        {
            var at = span.IndexOfAny(Escaped);
            if (at < 0)
            {
                xml.Write(span);
                return;
            }
            xml.Write(span[..at]);
            xml.Write(span[at] switch { '&' => "&amp;", '<' => "&lt;", _ => "&gt;" });
            span = span[(at + 1)..];
        }
    }

    /// <summary>
    /// Names are display-only and unvalidated: a character XML cannot hold (a control character, U+FFFE, U+FFFF, half a
    /// surrogate pair) would fail the whole workbook, and so the run or the download. Each is replaced by U+FFFD, the
    /// replacement character, so the reader sees something was there; every other output keeps the text as extracted.
    /// </summary>
    public static string XmlSafe(string text)
    {
        var i = FirstForbidden(text);
        if (i < 0) return text;
        var safe = new System.Text.StringBuilder(text.Length);
        safe.Append(text, 0, i);
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                safe.Append(c).Append(text[++i]);
            }
            else
            {
                safe.Append(System.Xml.XmlConvert.IsXmlChar(c) ? c : '\uFFFD');
            }
        }
        return safe.ToString();
    }

    private static int FirstForbidden(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (System.Xml.XmlConvert.IsXmlChar(c)) continue;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }
            return i;
        }
        return -1;
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
