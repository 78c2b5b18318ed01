using ComplexCases.Application.Access;
using ComplexCases.Application.Storage;
using ComplexCases.Data;
using ComplexCases.Data.Screening;
using ComplexCases.Domain.People;
using ComplexCases.Domain.Screening;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Application.Cases;

/// <summary>One month of a person's history: how they stood in each stored run.</summary>
public sealed record CaseMonth(int RunId, DateOnly AsOf, ScreeningStatus Status, int Score, byte MetMask, byte UnknownMask, ListChange? Change);

/// <summary>Everything the case page shows: who, why listed (with evidence), and month by month.</summary>
public sealed record CaseDetails(ListedCase Listed, DateOnly AsOf, IReadOnlyList<CriterionExplanation> Explanation, IReadOnlyList<CaseMonth> History)
{
    /// <summary>Whether earlier months were screened than <see cref="History"/> holds (it was read with a limit).</summary>
    public bool EarlierMonths { get; init; }

    /// <summary>The run the case is shown as listed in.</summary>
    public required ScreeningRun Run { get; init; }

    /// <summary>Criteria whose data is missing or stale: the practitioner should get the assessment done.</summary>
    public IReadOnlyList<CriterionExplanation> NeedsAttention => [.. Explanation.Where(e => e.Outcome == CriterionOutcome.Unknown)];
}

public static class CaseQuery
{
    /// <summary>
    /// Each person's latest listing, whichever run it is in. Access to a case follows it (current placement and limited-access
    /// flag) for every month shown, and for anything else about the case (its panel actions): otherwise a case made
    /// limited-access or moved to another practitioner this month would stay readable through an older listing.
    /// </summary>
    public static IQueryable<ListedCase> LatestListings(ComplexCasesDbContext db, IReadOnlyCollection<string> crns) =>
        db.ListedCases.AsNoTracking()
            .Where(c => crns.Contains(c.Crn)).Latest();

    /// <summary>What the access rules need from each person's latest listing, by CRN; a CRN never listed is absent.</summary>
    public static Dictionary<string, CaseFacts> LatestFacts(ComplexCasesDbContext db, IReadOnlyCollection<string> crns) =>
        crns.Count == 0 ? [] : LatestListings(db, crns).Select(CaseFacts.FromListedCase).ToList().ToDictionary(f => f.Crn, StringComparer.Ordinal);

    /// <summary>The person as listed in the given run (or their latest listing), or null when not listed or not visible.</summary>
    /// <remarks>
    /// Asynchronous: the case page waits on these round trips, and a request thread blocked on a socket is one the pool must
    /// replace; in a trace at 25 concurrent views, threads blocked on these reads took 18 % of all sampled thread time.
    /// </remarks>
    /// <param name="historyMonths">The newest months of the history to read, or null for every month screened.</param>
    public static async Task<CaseDetails?> RunAsync(ComplexCasesDbContext db, Crn crn, int? runId,
        Func<IQueryable<ListedCase>, IQueryable<ListedCase>>? scope = null, int? historyMonths = null, CancellationToken cancellationToken = default)
    {
        // The tables hold the CRN as text: compared as such, the queries translate on every provider.
        var crnText = crn.ToString();
        var listings = db.ListedCases.AsNoTracking().Where(c => c.Crn == crnText);
        // Access follows the person's latest listing (current placement and limited-access flag) for every month shown:
        // otherwise a case made limited-access this month would stay readable through its older listings. Lists judge
        // their rows on the same facts (CurrentFacts), so a row they show always opens here.
        // One query answers "listed at all?" and "may this viewer see it?" (both are null here), and is the listing itself when
        // the page asks for the latest month, as the lists' links and the API do: a view costs a round trip less or two.
        // The newest listing by one backward step on the (Crn, RunId) index: Latest() compares each of the person's listings
        // with their newest, which after ten years is 120 rows read to keep one (0.78 against 0.03 ms on PostgreSQL).
        var latest = listings.OrderByDescending(c => c.RunId).Take(1);
        var latestListing = await (scope is null ? latest : scope(latest)).FirstOrDefaultAsync(cancellationToken);
        if (latestListing is null) return null;
        var listed = runId is null || runId == latestListing.RunId
            ? latestListing
            : await listings.FirstOrDefaultAsync(c => c.RunId == runId, cancellationToken);
        if (listed is null) return null;
        var run = await db.Runs.AsNoTracking().FirstAsync(r => r.Id == listed.RunId, cancellationToken);

        // Month by month: one primary-key seek per run in person_results, plus the list changes. A page reads the newest
        // months only (one more, to know there are earlier ones): after ten years, 120 seeks a view would make the page slower
        // with every month the service runs.
        var months = from r in db.Runs.AsNoTracking()
                     where r.DefinitionId == run.DefinitionId
                     join p in db.PersonResults.AsNoTracking().Where(p => p.Crn == crnText) on r.Id equals p.RunId
                     join l in db.ListedCases.AsNoTracking().Where(l => l.Crn == crnText) on r.Id equals l.RunId into ls
                     from l in ls.DefaultIfEmpty()
                     orderby r.AsOf descending
                     select new { r.Id, r.AsOf, p.Status, p.Score, p.MetMask, p.UnknownMask, Change = l == null ? (byte?)null : l.Change };
        var history = (await (historyMonths is { } limit ? months.Take(limit + 1) : months).ToListAsync(cancellationToken))
            .Select(h => new CaseMonth(h.Id, h.AsOf, (ScreeningStatus)h.Status, h.Score, h.MetMask, h.UnknownMask, (ListChange?)h.Change))
            .ToList();
        var earlier = historyMonths is { } shown && history.Count > shown;
        if (earlier) history.RemoveAt(history.Count - 1);
        return new CaseDetails(listed, run.AsOf, EvidenceJson.Deserialize(listed.EvidenceJson), history) { Run = run, EarlierMonths = earlier };
    }
}
