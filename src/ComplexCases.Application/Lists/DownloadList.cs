using ComplexCases.Application.Access;
using ComplexCases.Application.Screening;
using ComplexCases.Data;
using ComplexCases.Data.Screening;
using ComplexCases.Domain.Definitions;
using ComplexCases.Domain.Screening;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Application.Lists;

/// <summary>A PDU's list for one run as the same CSV the monthly run writes (lists/&lt;PDU&gt;.csv), limited to what the user may see.</summary>
public enum DownloadFormat
{
    Csv,
    Xlsx,
}

public static class DownloadList
{
    /// <param name="scope">The cases the user may download (<c>CaseFilter.For(user, Permission.DownloadList)</c>), matched
    /// against each person's current facts as on the list page (<see cref="StoredList.ScopedTo"/>).</param>
    public static (IReadOnlyList<string> Crns, byte[] Content)? Run(ComplexCasesDbContext db, string pduCode, int? runId,
        CaseFilter scope, DownloadFormat format = DownloadFormat.Csv, MonthlyListCache? cache = null)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (MonthlyListQuery.FindRun(db, runId) is not { } found) return null;
        var run = found.Run;
        // The list page's rows, in CRN order, scoped the same way: a download never holds a row the page would not show.
        var cases = MonthlyListQuery.ReadList(db, found, pduCode, cache).ScopedTo(scope);
        if (cases.Count == 0) return null;

        // The month's row as stored (placement as extracted then), like the monthly run's own CSV.
        var entries = cases.Select(c => new ListEntry(c.Facts.Crn, c.Facts.PduCode, c.PduName, c.Facts.RegionCode, c.Row.Status, c.Row.Change,
            c.Row.Score, c.Row.MetMask, c.Row.UnknownMask, c.Row.MonthsListed)
        {
            Forename = c.Row.Forename, Surname = c.Row.Surname, TeamCode = c.Facts.TeamCode, TeamName = c.Row.TeamName,
            PractitionerCode = c.Facts.PractitionerCode, PractitionerName = c.Row.PractitionerName, SpoCode = c.Facts.SpoCode, SpoName = c.Row.SpoName,
        }).ToList();
        using var stream = new MemoryStream();
        if (format == DownloadFormat.Xlsx)
        {
            // The workbook explains the criteria of the definition the run used, as stored with the run.
            var stored = db.Definitions.AsNoTracking().First(d => d.Id == run.DefinitionId && d.Version == run.DefinitionVersion);
            var definition = DefinitionParser.Parse(stored.Json).Definition
                ?? throw new InvalidOperationException($"Stored definition {stored.Id} v{stored.Version} no longer parses.");
            PduWorkbook.Write(stream, pduCode, entries, definition, run.AsOf);
        }
        else
        {
            ListCsv.WriteForSpreadsheets(stream, entries.Select(ListCsvRow.From));
        }
        return (cases.Select(c => c.Facts.Crn).ToList(), stream.ToArray());
    }
}
