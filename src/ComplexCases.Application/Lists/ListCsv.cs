using nietras.SeparatedValues;

namespace ComplexCases.Application.Lists;

/// <summary>One line of a PDU list as screening-output.md defines lists/&lt;PDU&gt;.csv.</summary>
public sealed record ListCsvRow(
    string Crn, string? Forename, string? Surname, string? Team, string? Practitioner, string? Spo,
    string Status, int Score, string CriteriaMet, string CriteriaUnknown, string Change, int MonthsListed)
{
    public static ListCsvRow From(Screening.ListEntry c) => new(c.Crn, c.Forename, c.Surname, c.TeamName ?? c.TeamCode,
        c.PractitionerName ?? c.PractitionerCode, c.SpoName ?? c.SpoCode, c.StatusText, c.Score,
        OutputWriter.Criteria(c.Met), OutputWriter.Criteria(c.Unknown), c.ChangeText, c.MonthsListed);
}

/// <summary>The list CSV, written the same way by the monthly run and by a download from the web.</summary>
public static class ListCsv
{
    public static void Write(Stream stream, IEnumerable<ListCsvRow> rows)
    {
        using var writer = Sep.New(',').Writer(o => o with { Escape = true }).To(stream, leaveOpen: true);
        foreach (var c in rows)
        {
            using var row = writer.NewRow();
            row["crn"].Set(c.Crn);
            row["forename"].Set(c.Forename ?? "");
            row["surname"].Set(c.Surname ?? "");
            row["team"].Set(c.Team ?? "");
            row["practitioner"].Set(c.Practitioner ?? "");
            row["spo"].Set(c.Spo ?? "");
            row["status"].Set(c.Status);
            row["score"].Format(c.Score);
            row["criteria_met"].Set(c.CriteriaMet);
            row["criteria_unknown"].Set(c.CriteriaUnknown);
            row["change"].Set(c.Change);
            row["months_listed"].Format(c.MonthsListed);
        }
    }
}
