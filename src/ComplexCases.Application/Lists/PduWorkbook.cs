using ClosedXML.Excel;
using ComplexCases.Application.Screening;
using ComplexCases.Domain.Definitions;
using ComplexCases.Domain.Screening;

namespace ComplexCases.Application.Lists;

/// <summary>The XLSX a PDU shares: its listed cases with a column per criterion, and a sheet explaining the criteria.</summary>
internal static class PduWorkbook
{
    public static void Write(string path, string pduCode, IReadOnlyList<ListEntry> entries, ScreeningReport report)
    {
        var definition = report.Definition.Definition;
        using var workbook = new XLWorkbook();
        var sheet = workbook.Worksheets.Add("Cases");
        string[] fixedHeaders = ["CRN", "Forename", "Surname", "Team", "Practitioner", "SPO", "Status", "Score", "Change", "Months listed"];
        var column = 1;
        foreach (var header in fixedHeaders) sheet.Cell(1, column++).Value = header;
        foreach (var rule in definition.Criteria) sheet.Cell(1, column++).Value = rule.Label;
        var header1 = sheet.Row(1);
        header1.Style.Font.Bold = true;

        var row = 2;
        foreach (var c in entries)
        {
            sheet.Cell(row, 1).Value = c.Crn;
            sheet.Cell(row, 2).Value = c.Forename ?? "";
            sheet.Cell(row, 3).Value = c.Surname ?? "";
            sheet.Cell(row, 4).Value = c.TeamName ?? c.TeamCode ?? "";
            sheet.Cell(row, 5).Value = c.PractitionerName ?? c.PractitionerCode ?? "";
            sheet.Cell(row, 6).Value = c.SpoName ?? c.SpoCode ?? "";
            sheet.Cell(row, 7).Value = c.StatusText.Replace('_', ' ');
            sheet.Cell(row, 8).Value = c.Score;
            sheet.Cell(row, 9).Value = c.ChangeText;
            sheet.Cell(row, 10).Value = c.MonthsListed;
            var col = 11;
            foreach (var rule in definition.Criteria)
            {
                var bit = 1 << (int)rule.Id;
                sheet.Cell(row, col++).Value = c.Change == ListChange.Left && c.MetMask == 0 && c.UnknownMask == 0 ? ""
                    : (c.MetMask & bit) != 0 ? "Met" : (c.UnknownMask & bit) != 0 ? "Unknown" : "Not met";
            }
            row++;
        }
        sheet.SheetView.FreezeRows(1);
        for (var i = 1; i < column; i++) sheet.Column(i).Width = i <= fixedHeaders.Length ? 16 : 22;

        var about = workbook.Worksheets.Add("Criteria");
        about.Cell(1, 1).Value = "Criterion";
        about.Cell(1, 2).Value = "Id";
        about.Cell(1, 3).Value = "Weight";
        about.Cell(1, 4).Value = "Met when";
        about.Row(1).Style.Font.Bold = true;
        var r = 2;
        foreach (var rule in definition.Criteria)
        {
            about.Cell(r, 1).Value = rule.Label;
            about.Cell(r, 2).Value = rule.Id.ToKey();
            about.Cell(r, 3).Value = rule.Weight;
            about.Cell(r, 4).Value = MetWhen(rule);
            r++;
        }
        r++;
        about.Cell(r++, 1).Value = $"Definition: {definition.Title} ({definition.Id} version {definition.Version})";
        about.Cell(r++, 1).Value = $"Complex: met weight of {definition.Threshold} or more. Possibly complex: met plus unknown weight reaches {definition.Threshold}.";
        about.Cell(r++, 1).Value = $"Unknown: the OASys assessment is missing, older than {definition.AssessmentLookBackMonths} months, or leaves the answer empty.";
        about.Cell(r, 1).Value = $"PDU {pduCode}, screening date {report.AsOf:yyyy-MM-dd}.";
        about.Column(1).Width = 40;
        about.Column(2).Width = 22;
        about.Column(4).Width = 90;
        workbook.SaveAs(path);
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
