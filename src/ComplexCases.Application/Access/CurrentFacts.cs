using ComplexCases.Data;
using ComplexCases.Data.Screening;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Application.Access;

/// <summary>
/// A person's current facts (placement and limited-access flag) are those of their latest listing: the listing in the
/// highest run id that lists them. Access to a person is judged on these for every month shown, whether on the case page
/// (<see cref="Cases.CaseQuery"/>), on a list of any month or in a download: otherwise a case made limited-access, or
/// moved to another practitioner or PDU, since an older month would stay readable through that month's stored rows.
/// So a list row is shown exactly when the case page would open for the same user.
/// </summary>
public static class CurrentFacts
{
    /// <summary>Each person's latest listing among <paramref name="listings"/>, as a query to compose (e.g. with
    /// <see cref="VisibleCases.PermittedTo"/>). Give it all of a person's listings, or it answers for the subset.</summary>
    public static IQueryable<ListedCase> Latest(this IQueryable<ListedCase> listings) =>
        listings.Where(c => c.RunId == listings.Where(l => l.Crn == c.Crn).Max(l => l.RunId));

    /// <summary>
    /// The listings (of any run) whose person the user may reach now with the permission, judged on their latest
    /// listing, as SQL. Lists read their rows from <see cref="Lists.MonthlyListCache"/> and judge them in memory with
    /// <see cref="OfListed"/> and <see cref="CaseFilter.Matches"/>; tests hold the two in agreement.
    /// </summary>
    public static IQueryable<ListedCase> PermittedNowTo(this IQueryable<ListedCase> cases, ComplexCasesDbContext db, StaffUser user, Permission permission) =>
        cases.PermittedNow(db, CaseFilter.For(user, permission));

    /// <inheritdoc cref="PermittedNowTo"/>
    public static IQueryable<ListedCase> PermittedNow(this IQueryable<ListedCase> cases, ComplexCasesDbContext db, CaseFilter filter)
    {
        // EXISTS per listing asked about (by the CRN index), not the reachable set of the whole table first.
        var reachable = db.ListedCases.AsNoTracking().Latest().Matching(filter);
        return cases.Where(c => reachable.Any(l => l.Crn == c.Crn));
    }

    /// <summary>
    /// The current facts of the people listed in a run, given their facts there: that row, unless a later run lists them
    /// again. Reads only the later listings of these people, by primary key (a query for the later runs' ids, then one for
    /// their rows): far cheaper than <see cref="Latest"/>'s subquery per listing when many people are asked about.
    /// </summary>
    public static Dictionary<string, CaseFacts> OfListed(ComplexCasesDbContext db, int runId, IEnumerable<CaseFacts> listed)
    {
        var current = listed.ToDictionary(f => f.Crn, StringComparer.Ordinal);
        var laterRuns = db.Runs.AsNoTracking().Where(r => r.Id > runId).Select(r => r.Id).ToList();
        if (laterRuns.Count == 0 || current.Count == 0) return current;
        var newer = new List<(int RunId, CaseFacts Facts)>();
        // In chunks, well inside SQLite's limit on parameters however long the list.
        foreach (var crns in current.Keys.Chunk(1_000))
        {
            newer.AddRange(db.ListedCases.AsNoTracking()
                .Where(c => laterRuns.Contains(c.RunId) && crns.Contains(c.Crn))
                .Select(c => new { c.RunId, c.Crn, c.PduCode, c.RegionCode, c.TeamCode, c.PractitionerCode, c.SpoCode, c.LimitedAccess })
                .AsEnumerable()
                .Select(c => (c.RunId, new CaseFacts(c.Crn, c.PduCode, c.RegionCode, c.TeamCode, c.PractitionerCode, c.SpoCode, c.LimitedAccess))));
        }
        // The highest run id last, so it wins.
        foreach (var (_, facts) in newer.OrderBy(n => n.RunId)) current[facts.Crn] = facts;
        return current;
    }
}
