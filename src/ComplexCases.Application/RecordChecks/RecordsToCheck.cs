using ComplexCases.Application.Access;
using ComplexCases.Application.Audit;
using ComplexCases.Application.Storage;
using ComplexCases.Data;
using ComplexCases.Data.Screening;
using ComplexCases.Domain.Audit;
using ComplexCases.Domain.Screening;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Application.RecordChecks;

/// <summary>One criterion a practitioner has to put right: which, why it reads unknown, and the evidence in words.</summary>
public sealed record UnknownCriterion(string Label, UnknownCause Cause, string Reason);

/// <summary>A possibly complex person: their records leave criteria unknown, and with them met they would be listed as complex.</summary>
public sealed record RecordCheck(
    string Crn, string Name, string PduCode, string? PduName, string? TeamCode, string? TeamName, string? PractitionerName,
    int Score, int MonthsListed, IReadOnlyList<UnknownCriterion> Unknown);

/// <summary>How many records need checking in one team or PDU, and for which causes.</summary>
public sealed record RecordCheckCount(string Code, string? Name, int People, IReadOnlyDictionary<UnknownCause, int> ByCause);

/// <summary>The data-quality tasks a user may see in the latest month, counted per team and PDU.</summary>
public sealed record RecordsToCheckView(
    int RunId, DateOnly AsOf, IReadOnlyList<RecordCheck> Cases, IReadOnlyList<RecordCheckCount> ByTeam, IReadOnlyList<RecordCheckCount> ByPdu)
{
    /// <summary>People listed possibly complex for this many consecutive months or more: the records have been left too long.</summary>
    public const int LongStanding = 3;
}

/// <summary>
/// Possibly complex is a data-quality task, not a conversation: the person's practitioner checks and updates the records
/// whose gaps leave criteria unknown (no assessment, an out-of-date one, an empty answer, a rejected row), and their SPO and
/// head of PDU see that it is done. Checks access, reads and records the consultation in one place.
/// </summary>
public sealed class RecordsToCheck(ComplexCasesDbContext db, Consultations audit)
{
    /// <summary>How many possibly complex people in the latest month the user's records tasks cover (no names: not audited).</summary>
    public int CountFor(StaffUser user, int runId) =>
        user.Has(Permission.CheckRecords) ? Tasks(user, runId).Count() : 0;

    /// <summary>The latest month's records to check in the user's scope; null when there is no run yet.</summary>
    public async Task<RecordsToCheckView?> OpenAsync(StaffUser user, CancellationToken cancellationToken = default)
    {
        var view = await LoadAsync(user, cancellationToken);
        if (view is { Cases.Count: > 0 })
            await audit.RecordAsync(user.Id, AuditAction.Consultation, AuditEventTypes.RecordsToCheckViewed, "records to check and update",
                view.Cases.Select(c => c.Crn), new AuditDetails().Add("runId", view.RunId).ToString());
        return view;
    }

    /// <summary>
    /// The same view for a download of one of its tables: the download is recorded as a disclosure (the file leaves the
    /// service), naming the people in it when it is the table of people (<paramref name="people"/>), none for the counts.
    /// </summary>
    public async Task<RecordsToCheckView?> ExportAsync(StaffUser user, string table, bool people, string format, CancellationToken cancellationToken = default)
    {
        var view = await LoadAsync(user, cancellationToken);
        if (view is null) return null;
        await audit.RecordAsync(user.Id, AuditAction.Disclosure, AuditEventTypes.RecordsToCheckExported, "records to check and update",
            people ? view.Cases.Select(c => c.Crn) : [],
            new AuditDetails().Add("runId", view.RunId).Add("table", table).Add("format", format).ToString());
        return view;
    }

    private async Task<RecordsToCheckView?> LoadAsync(StaffUser user, CancellationToken cancellationToken)
    {
        var run = await db.Runs.AsNoTracking().OrderByDescending(r => r.AsOf).ThenByDescending(r => r.Id)
            .Select(r => new { r.Id, r.AsOf }).FirstOrDefaultAsync(cancellationToken);
        if (run is null) return null;

        var rows = await Tasks(user, run.Id)
            .OrderByDescending(c => c.MonthsListed).ThenBy(c => c.PractitionerName).ThenBy(c => c.Crn)
            .Select(c => new
            {
                c.Crn, c.Forename, c.Surname, c.PduCode, c.PduName, c.TeamCode, c.TeamName, c.PractitionerName, c.Score, c.MonthsListed,
                c.EvidenceJson,
            })
            .ToListAsync(cancellationToken);
        var cases = rows.Select(c => new RecordCheck(c.Crn, $"{c.Forename} {c.Surname}".Trim(), c.PduCode, c.PduName, c.TeamCode, c.TeamName,
                c.PractitionerName, c.Score, c.MonthsListed, UnknownOf(c.EvidenceJson)))
            .ToList();

        return new RecordsToCheckView(run.Id, run.AsOf, cases,
            Count(cases, c => c.TeamCode ?? "", c => c.TeamName), Count(cases, c => c.PduCode, c => c.PduName));
    }

    private IQueryable<ListedCase> Tasks(StaffUser user, int runId) =>
        db.ListedCases.AsNoTracking().PermittedTo(user, Permission.CheckRecords)
            .Where(c => c.RunId == runId && c.Status == (byte)ScreeningStatus.PossiblyComplex && c.Change != (byte)ListChange.Left);

    private static List<UnknownCriterion> UnknownOf(string evidenceJson) =>
        [.. EvidenceJson.Deserialize(evidenceJson)
            .Select(e => (e, cause: UnknownCauses.Of(e)))
            .Where(x => x.cause is not null)
            .Select(x => new UnknownCriterion(x.e.Label, x.cause!.Value, x.e.Reason))];

    private static List<RecordCheckCount> Count(List<RecordCheck> cases, Func<RecordCheck, string> code, Func<RecordCheck, string?> name) =>
        [.. cases.GroupBy(code, StringComparer.Ordinal)
            .Select(g => new RecordCheckCount(g.Key, g.Select(name).FirstOrDefault(n => n is not null), g.Count(),
                g.SelectMany(c => c.Unknown.Select(u => u.Cause).Distinct()).GroupBy(cause => cause).ToDictionary(x => x.Key, x => x.Count())))
            .OrderBy(c => c.Name ?? c.Code, StringComparer.Ordinal)];
}
