using System.Collections.Frozen;
using ComplexCases.Application.Access;
using ComplexCases.Data;
using ComplexCases.Data.Screening;
using ComplexCases.Domain.Screening;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace ComplexCases.Application.Lists;

/// <summary>One row of a stored PDU list as the list page needs it: where it sat that month (the row's own facts, for the
/// team and practitioner filters and downloads) and what is shown. Access is never judged on these facts: see <see cref="StoredList"/>.</summary>
internal sealed record StoredListRow(CaseFacts Facts, string? PduName, MonthlyListRow Row);

/// <summary>One run's PDU list in CRN order, with the current facts (<see cref="CurrentFacts"/>) of the people on it.</summary>
internal sealed record StoredList(IReadOnlyList<StoredListRow> Rows, IReadOnlyDictionary<string, CaseFacts> Current)
{
    /// <summary>
    /// The rows the scope lets through (all for a null scope), each judged on its person's current facts rather than the
    /// month's row, as the case page judges them: the one place lists, their counts, filters, pages and downloads are scoped.
    /// </summary>
    public IReadOnlyList<StoredListRow> ScopedTo(CaseFilter? scope) => scope is null
        ? Rows
        : [.. Rows.Where(r => scope.Matches(Current[r.Facts.Crn]))];
}

/// <summary>
/// Each stored run's PDU lists (every column the list page uses, never the evidence), kept in memory so a list view
/// reads one small row (the run, with the runs' count and highest id) rather than the PDU's list three times. Safe to
/// keep because a stored run never changes once committed: <c>--replace</c> deletes it and stores a new run under a new id
/// (AUTOINCREMENT ids are never reused). The key also holds the run's completion time, so even a database swapped for
/// another whose run ids overlap cannot be answered from the old one's rows. Bounded by the rows held; the least recently
/// used go first.
/// </summary>
/// <remarks>
/// The people's current facts do change: a newer run (or a deleted one) moves a person's latest listing. They are held
/// beside the rows with the runs' count and highest id when they were read, and read again for a list once that changes
/// (storing a run raises the highest id, as ids are never reused; deleting one lowers the count): runs are stored by the
/// CLI as well as the site, so the database is asked, not told.
/// </remarks>
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

    /// <summary>The run's list for the PDU in CRN order with its people's current facts, unscoped: callers scope it with
    /// <see cref="StoredList.ScopedTo"/>.</summary>
    /// <param name="runs">The runs' count and highest id, read with the run (<see cref="MonthlyListQuery.FindRun"/>). Read
    /// before the facts, never after: a run stored in between then leaves facts newer than their stamp (read again next
    /// time), never older ones kept as current.</param>
    internal StoredList Get(ComplexCasesDbContext db, ScreeningRun run, RunsStamp runs, string pduCode)
    {
        var key = new Key(run.Id, run.CompletedAt, pduCode);
        if (!_cache.TryGetValue(key, out Entry? entry) || entry is null)
        {
            // Two requests missing at once both read it; same rows either way, and cheaper than a lock.
            entry = new Entry(Load(db, run.Id, pduCode));
            _cache.Set(key, entry, new MemoryCacheEntryOptions { Size = entry.Rows.Count + 1 });
        }
        var current = entry.Current;
        if (current is null || current.Runs != runs)
        {
            current = new CurrentOf(runs, LoadCurrent(db, run.Id, entry.Rows));
            entry.Current = current;
        }
        return new StoredList(entry.Rows, current.Facts);
    }

    /// <summary>Reads the list and its people's current facts without caching them.</summary>
    internal static StoredList Read(ComplexCasesDbContext db, ScreeningRun run, string pduCode)
    {
        var rows = Load(db, run.Id, pduCode);
        return new StoredList(rows, LoadCurrent(db, run.Id, rows));
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

    /// <summary>Current facts by CRN for the people on these rows of the run.</summary>
    internal static IReadOnlyDictionary<string, CaseFacts> LoadCurrent(ComplexCasesDbContext db, int runId, IReadOnlyList<StoredListRow> rows)
    {
        var current = CurrentFacts.OfListed(db, runId, rows.Select(r => r.Facts));
        // Most people sit where they sat: share the row's facts then, so an old month's list costs little more to hold.
        foreach (var row in rows)
        {
            if (current[row.Facts.Crn] == row.Facts) current[row.Facts.Crn] = row.Facts;
        }
        return current.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public void Dispose() => _cache.Dispose();

    private readonly record struct Key(int RunId, DateTimeOffset CompletedAt, string PduCode);

    /// <summary>The rows never change; the facts are replaced whole (one reference write), so readers need no lock.</summary>
    private sealed class Entry(IReadOnlyList<StoredListRow> rows)
    {
        public IReadOnlyList<StoredListRow> Rows { get; } = rows;

        public volatile CurrentOf? Current;
    }

    private sealed record CurrentOf(RunsStamp Runs, IReadOnlyDictionary<string, CaseFacts> Facts);
}

/// <summary>The stored runs' count and highest id: changes whenever a run is stored or deleted.</summary>
internal readonly record struct RunsStamp(int Count, int HighestId);
