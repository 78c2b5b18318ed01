using ComplexCases.Application.RecordChecks;
using ComplexCases.Domain.Screening;
using ComplexCases.Web.Downloads;

namespace ComplexCases.Web.Pages.Records;

/// <summary>The records-to-check page's tables as downloads: the people (as each card shows them) and the counts by team and PDU.</summary>
public static class RecordsTable
{
    public const string People = "people";
    public static readonly string[] Tables = [People, "teams", "pdus"];
    public static readonly string[] OwnTables = [People];

    public static DownloadTable Of(RecordsToCheckView view, string table) => table switch
    {
        People => new(["CRN", "Name", "PDU", "Team", "Practitioner", "Months possibly complex", "Unknown criteria", "To do"],
            [.. view.Cases.Select(c => (IReadOnlyList<Cell>)
            [
                Cell.Text(c.Crn), Cell.Text(c.Name), Cell.Text(c.PduName ?? c.PduCode), Cell.Text(c.TeamName ?? c.TeamCode ?? ""),
                Cell.Text(c.PractitionerName ?? "not allocated"), Cell.Whole(c.MonthsListed),
                Cell.Text(string.Join("; ", c.Unknown.Select(u => $"{u.Label}: {u.Reason}"))),
                Cell.Text(string.Join("; ", c.Unknown.Select(u => UnknownCauses.Action(u.Cause)).Distinct())),
            ])]),
        "teams" => new(["Team", "People", .. Enum.GetValues<UnknownCause>().Select(UnknownCauses.Name)],
            [.. view.ByTeam.Select(t => (IReadOnlyList<Cell>)
            [
                Cell.Text(t.Name ?? (t.Code.Length == 0 ? "Not allocated" : t.Code)), Cell.Whole(t.People),
                .. Enum.GetValues<UnknownCause>().Select(cause => Cell.Whole(t.ByCause.GetValueOrDefault(cause))),
            ])]),
        _ => new(["PDU", "People"], [.. view.ByPdu.Select(p => (IReadOnlyList<Cell>)[Cell.Text(p.Name ?? p.Code), Cell.Whole(p.People)])]),
    };
}
