using System.Globalization;
using ComplexCases.Data;
using ComplexCases.Data.Screening;
using ComplexCases.Domain.Definitions;
using ComplexCases.Domain.Screening;
using Microsoft.EntityFrameworkCore;
using nietras.SeparatedValues;

namespace ComplexCases.Application.Lists;

/// <summary>A PDU's list for one run as the same CSV the monthly run writes (lists/&lt;PDU&gt;.csv), limited to what the user may see.</summary>
public static class DownloadList
{
    public static (IReadOnlyList<string> Crns, byte[] Csv)? Run(ComplexCasesDbContext db, string pduCode, int? runId,
        Func<IQueryable<ListedCase>, IQueryable<ListedCase>> scope)
    {
        var run = runId is { } id
            ? db.Runs.AsNoTracking().FirstOrDefault(r => r.Id == id)
            : db.Runs.AsNoTracking().OrderByDescending(r => r.AsOf).ThenByDescending(r => r.Id).FirstOrDefault();
        if (run is null) return null;
        var cases = scope(db.ListedCases.AsNoTracking().Where(c => c.RunId == run.Id && c.PduCode == pduCode)).OrderBy(c => c.Crn).ToList();
        if (cases.Count == 0) return null;

        using var stream = new MemoryStream();
        using (var writer = Sep.New(',').Writer(o => o with { Escape = true }).To(stream, leaveOpen: true))
        {
            foreach (var c in cases)
            {
                using var row = writer.NewRow();
                var left = c.Change == (byte)ListChange.Left;
                row["crn"].Set(c.Crn);
                row["forename"].Set(c.Forename ?? "");
                row["surname"].Set(c.Surname ?? "");
                row["team"].Set(c.TeamName ?? c.TeamCode ?? "");
                row["practitioner"].Set(c.PractitionerName ?? c.PractitionerCode ?? "");
                row["spo"].Set(c.SpoName ?? c.SpoCode ?? "");
                row["status"].Set(left ? "left" : c.Status == (byte)ScreeningStatus.Complex ? "complex" : "possibly_complex");
                row["score"].Format(c.Score);
                row["criteria_met"].Set(OutputWriter.Criteria(CriterionIds.InMask(c.MetMask).Select(i => i.ToKey())));
                row["criteria_unknown"].Set(OutputWriter.Criteria(CriterionIds.InMask(c.UnknownMask).Select(i => i.ToKey())));
                row["change"].Set(((ListChange)c.Change).ToString().ToLower(CultureInfo.InvariantCulture));
                row["months_listed"].Format(c.MonthsListed);
            }
        }
        return (cases.Select(c => c.Crn).ToList(), stream.ToArray());
    }
}
