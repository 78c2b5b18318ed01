using ComplexCases.Application.Access;
using ComplexCases.Data;
using ComplexCases.Data.Screening;
using ComplexCases.Domain.Screening;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace ComplexCases.Application.Lists;

/// <summary>One row of a stored PDU list as the list page needs it: where it sits (for scoping) and what is shown.</summary>
internal sealed record StoredListRow(CaseFacts Facts, string? PduName, MonthlyListRow Row);

/// <summary>
/// Each stored run's PDU lists (every column the list page uses, never the evidence), kept in memory so a list view
/// reads one small row (the run) rather than the PDU's list three times. Safe to keep because a stored run never
/// changes once committed: <c>--replace</c> deletes it and stores a new run under a new id (AUTOINCREMENT ids are
/// never reused). The key also holds the run's completion time, so even a database swapped for another whose run ids
/// overlap cannot be answered from the old one's rows. Bounded by the rows held; the least recently used go first.
/// </summary>
public sealed class MonthlyListCache : IDisposable
{
    /// <summary>Roughly 20 MB (~400 bytes a row); a national year (12 runs × ~3,000 rows) fits comfortably.</summary>
    public const long DefaultMaxRows = 50_000;

    private readonly MemoryCache _cache;

    public MonthlyListCache(long maxRows = DefaultMaxRows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRows, 1);
        _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = maxRows });
    }

    /// <summary>Lists (one run's, one PDU's) held now.</summary>
    public int Count => _cache.Count;

    /// <summary>The run's list for the PDU in CRN order, unscoped: callers apply the user's <see cref="CaseFilter"/>.</summary>
    internal IReadOnlyList<StoredListRow> Get(ComplexCasesDbContext db, ScreeningRun run, string pduCode)
    {
        var key = new Key(run.Id, run.CompletedAt, pduCode);
        if (_cache.TryGetValue(key, out IReadOnlyList<StoredListRow>? rows) && rows is not null) return rows;
        // Two requests missing at once both read it; same rows either way, and cheaper than a lock.
        rows = Load(db, run.Id, pduCode);
        _cache.Set(key, rows, new MemoryCacheEntryOptions { Size = rows.Count + 1 });
        return rows;
    }

    /// <summary>Reads the rows without caching them.</summary>
    internal static IReadOnlyList<StoredListRow> Load(ComplexCasesDbContext db, int runId, string pduCode)
    {
        var cases = db.ListedCases.AsNoTracking()
            .Where(c => c.RunId == runId && c.PduCode == pduCode)
            .Select(c => new
            {
                c.Crn, c.PduCode, c.PduName, c.RegionCode, c.TeamCode, c.TeamName, c.PractitionerCode, c.PractitionerName,
                c.SpoCode, c.SpoName, c.Forename, c.Surname, c.Status, c.Change, c.Score, c.MetMask, c.UnknownMask, c.MonthsListed, c.LimitedAccess,
            })
            .ToList();
        // Sorted here, not by ORDER BY: given one, SQLite walks the whole run in CRN order (the primary key) rather than
        // seek the PDU's rows by the (RunId, PduCode) index and sort them.
        cases.Sort((a, b) => string.CompareOrdinal(a.Crn, b.Crn));
        // A PDU's rows repeat a few codes and names many times: one copy of each keeps a cached row near 400 bytes.
        var pool = new Dictionary<string, string>(StringComparer.Ordinal);
        string? Shared(string? value) => value is null ? null : pool.TryAdd(value, value) ? value : pool[value];
        return [.. cases.Select(c => new StoredListRow(
            new CaseFacts(c.Crn, Shared(c.PduCode)!, Shared(c.RegionCode), Shared(c.TeamCode), Shared(c.PractitionerCode), Shared(c.SpoCode), c.LimitedAccess),
            Shared(c.PduName),
            new MonthlyListRow(c.Crn, c.Forename, c.Surname, Shared(c.TeamName), Shared(c.PractitionerName), Shared(c.SpoName),
                (ScreeningStatus)c.Status, (ListChange)c.Change, c.Score, c.MetMask, c.UnknownMask, c.MonthsListed, c.LimitedAccess)))];
    }

    public void Dispose() => _cache.Dispose();

    private readonly record struct Key(int RunId, DateTimeOffset CompletedAt, string PduCode);
}
