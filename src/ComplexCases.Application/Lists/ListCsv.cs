using nietras.SeparatedValues;

namespace ComplexCases.Application.Lists;

/// <summary>One line of a PDU list as screening-output.md defines lists/&lt;PDU&gt;.csv.</summary>
public sealed record ListCsvRow(
    string Crn, string? Forename, string? Surname, string? Team, string? Practitioner, string? Spo,
    string Status, int Score, string CriteriaMet, string CriteriaUnknown, string Change, int MonthsListed)
{
    public static ListCsvRow From(ListEntry c) => new(c.Crn, c.Forename, c.Surname, c.TeamName ?? c.TeamCode,
        c.PractitionerName ?? c.PractitionerCode, c.SpoName ?? c.SpoCode, c.StatusText, c.Score,
        ListFiles.Criteria(c.Met), ListFiles.Criteria(c.Unknown), c.ChangeText, c.MonthsListed);
}

/// <summary>The list CSV, written the same way by the monthly run and by a download from the web.</summary>
public static class ListCsv
{
    /// <summary>
    /// For a file people open in a spreadsheet (the web download): a name or team that begins like a formula (=, +, -, @, tab,
    /// carriage return) is written with a leading apostrophe, so a spreadsheet shows it as text instead of running it. The
    /// monthly run's own files keep the extract's values exactly (the output contract).
    /// </summary>
    /// <remarks>
    /// Starts with the UTF-8 byte-order mark: without it Excel on Windows reads the file in the machine's ANSI code page and
    /// shows "Oisín" as "OisÃ­n". Only downloads meant for spreadsheets carry it; the monthly run's own CSV is for programs.
    /// </remarks>
    public static void WriteForSpreadsheets(Stream stream, IEnumerable<ListCsvRow> rows)
    {
        stream.Write(System.Text.Encoding.UTF8.Preamble);
        Write(stream, rows.Select(r => r with
        {
            Forename = AsText(r.Forename), Surname = AsText(r.Surname), Team = AsText(r.Team), Practitioner = AsText(r.Practitioner), Spo = AsText(r.Spo),
        }));
    }

    /// <summary>The value with a leading apostrophe when a spreadsheet would read it as a formula (OWASP's CSV injection advice).</summary>
    public static string? AsText(string? value) =>
        value is { Length: > 0 } && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;

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
