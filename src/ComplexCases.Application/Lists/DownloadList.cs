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
    public static (IReadOnlyList<string> Crns, byte[] Content)? Run(ComplexCasesDbContext db, string pduCode, int? runId,
        Func<IQueryable<ListedCase>, IQueryable<ListedCase>> scope, DownloadFormat format = DownloadFormat.Csv)
    {
        var run = runId is { } id
            ? db.Runs.AsNoTracking().FirstOrDefault(r => r.Id == id)
            : db.Runs.AsNoTracking().OrderByDescending(r => r.AsOf).ThenByDescending(r => r.Id).FirstOrDefault();
        if (run is null) return null;
        var cases = scope(db.ListedCases.AsNoTracking().Where(c => c.RunId == run.Id && c.PduCode == pduCode)).OrderBy(c => c.Crn).ToList();
        if (cases.Count == 0) return null;

        var entries = cases.Select(c => new ListEntry(c.Crn, c.PduCode, c.PduName, c.RegionCode, (ScreeningStatus)c.Status, (ListChange)c.Change,
            c.Score, c.MetMask, c.UnknownMask, c.MonthsListed)
        {
            Forename = c.Forename, Surname = c.Surname, TeamCode = c.TeamCode, TeamName = c.TeamName,
            PractitionerCode = c.PractitionerCode, PractitionerName = c.PractitionerName, SpoCode = c.SpoCode, SpoName = c.SpoName,
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
            ListCsv.Write(stream, entries.Select(ListCsvRow.From));
        }
        return (cases.Select(c => c.Crn).ToList(), stream.ToArray());
    }
}
