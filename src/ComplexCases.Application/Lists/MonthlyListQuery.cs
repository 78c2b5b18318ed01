using ComplexCases.Application.Access;
using ComplexCases.Data;
using ComplexCases.Data.Screening;
using ComplexCases.Domain.Definitions;
using ComplexCases.Domain.Screening;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Application.Lists;

/// <summary>What a user asks of a monthly list: which PDU and month, which cases, in what order, which page.</summary>
public sealed record MonthlyListRequest(string PduCode)
{
    /// <summary>Run to show; null means the latest run of the pilot definition.</summary>
    public int? RunId { get; init; }
    public ScreeningStatus? Status { get; init; }
    public ListChange? Change { get; init; }
    public string? TeamCode { get; init; }
    public string? PractitionerCode { get; init; }
    public CriterionId? Criterion { get; init; }
    public MonthlyListSort Sort { get; init; } = MonthlyListSort.Crn;
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 25;
    /// <summary>
    /// For a viewer who sees pseudonyms: rows that tie on the sort are ordered by this key of their CRN (the pseudonym)
    /// instead of by CRN, so the order within a score does not give away the order of the CRNs.
    /// </summary>
    public Func<string, string>? TieBreak { get; init; }
}

public enum MonthlyListSort
{
    Crn,
    Surname,
    ScoreDescending,
    Practitioner,
    MonthsListedDescending,
}

public sealed record MonthlyListRow(
    string Crn, string? Forename, string? Surname, string? TeamName, string? PractitionerName, string? SpoName,
    ScreeningStatus Status, ListChange Change, int Score, byte MetMask, byte UnknownMask, int MonthsListed, bool LimitedAccess);

public sealed record MonthlyList(
    ScreeningRun Run,
    string PduCode,
    string? PduName,
    IReadOnlyList<MonthlyListRow> Rows,
    int TotalMatching,
    int Page,
    int PageSize,
    int Complex,
    int PossiblyComplex,
    int New,
    int Continuing,
    int Left,
    IReadOnlyList<(string Code, string Name)> Teams,
    IReadOnlyList<(string Code, string Name)> Practitioners)
{
    public int PageCount => Math.Max(1, (TotalMatching + PageSize - 1) / PageSize);
}

/// <summary>Reads one PDU's list for one run, scoped to the user, filtered, sorted and paged.</summary>
/// <remarks>
/// The run is read from the database on every call (a new run may have been stored since); the PDU's list comes from
/// <see cref="MonthlyListCache"/> when one is given. Scoping, counts, filter options, filters, sort and paging are then
/// done in memory over that one PDU's rows (a few dozen to a few hundred), exactly as SQL would do them: the same
/// <see cref="CaseFilter"/> rules (<see cref="CaseFilter.Matches"/> agrees with its WHERE clause), applied to each
/// person's current facts (<see cref="CurrentFacts"/>, as the case page applies them) before anything is counted, and
/// text in code point order (<see cref="CodePointOrder"/>). Filters and columns show the month's own row.
/// </remarks>
public static class MonthlyListQuery
{
    // Compiled once per model: the one query every list view makes skips EF's per-call expression-tree work. It also reads
    // the runs' count and highest id, which tell the cache whether its people's current facts still hold. A compiled query
    // belongs to the model (the provider) it first ran on, and one process may serve both (the tests do): one pair each.
    private sealed record CompiledQueries(Func<ComplexCasesDbContext, int, FoundRun?> RunById, Func<ComplexCasesDbContext, FoundRun?> LatestRun);

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Microsoft.EntityFrameworkCore.Metadata.IModel, CompiledQueries> Compiled = new();

    private static CompiledQueries CompiledFor(ComplexCasesDbContext db) => Compiled.GetValue(db.Model, static _ => new CompiledQueries(
        EF.CompileQuery((ComplexCasesDbContext db, int id) => db.Runs.AsNoTracking().Where(r => r.Id == id)
            .Select(r => new FoundRun(r, db.Runs.Count(), db.Runs.Max(x => x.Id))).FirstOrDefault()),
        EF.CompileQuery((ComplexCasesDbContext db) => db.Runs.AsNoTracking().OrderByDescending(r => r.AsOf).ThenByDescending(r => r.Id)
            .Select(r => new FoundRun(r, db.Runs.Count(), db.Runs.Max(x => x.Id))).FirstOrDefault())));

    /// <param name="scope">The cases the user may see on the list (<c>CaseFilter.For(user, Permission.ViewMonthlyList)</c>), matched
    /// against each person's current facts, not the month's row; null for all.</param>
    public static MonthlyList? Run(ComplexCasesDbContext db, MonthlyListRequest request, CaseFilter? scope, MonthlyListCache? cache = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(request);
        if (FindRun(db, request.RunId) is not { } found) return null;
        var run = found.Run;

        var all = ReadList(db, found, request.PduCode, cache).ScopedTo(scope);

        int complex = 0, possiblyComplex = 0, @new = 0, continuing = 0, left = 0;
        foreach (var c in all)
        {
            var row = c.Row;
            if (row.Change == ListChange.Left) left++;
            else if (row.Status == ScreeningStatus.Complex) complex++;
            else if (row.Status == ScreeningStatus.PossiblyComplex) possiblyComplex++;
            if (row.Change == ListChange.New) @new++;
            else if (row.Change == ListChange.Continuing) continuing++;
        }
        var teams = all.Where(c => c.Facts.TeamCode != null).Select(c => (Code: c.Facts.TeamCode!, Name: c.Row.TeamName ?? c.Facts.TeamCode!)).Distinct()
            .OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
        var practitioners = all.Where(c => c.Facts.PractitionerCode != null)
            .Select(c => (Code: c.Facts.PractitionerCode!, Name: c.Row.PractitionerName ?? c.Facts.PractitionerCode!)).Distinct()
            .OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
        var pduName = all.Select(c => c.PduName).FirstOrDefault(n => n is not null);

        IEnumerable<StoredListRow> filtered = all;
        if (request.Change is { } change) filtered = filtered.Where(c => c.Row.Change == change);
        if (request.Status is { } status) filtered = filtered.Where(c => c.Row.Status == status && c.Row.Change != ListChange.Left);
        if (request.TeamCode is { } team) filtered = filtered.Where(c => c.Facts.TeamCode == team);
        if (request.PractitionerCode is { } practitioner) filtered = filtered.Where(c => c.Facts.PractitionerCode == practitioner);
        if (request.Criterion is { } criterion)
        {
            var bit = (byte)(1 << (int)criterion);
            filtered = filtered.Where(c => (c.Row.MetMask & bit) != 0);
        }

        var matching = filtered.Select(c => c.Row).ToList();
        var tie = ByCrn;
        if (request.TieBreak is { } tieBreak)
        {
            // Keyed once per row: the key may be costly (an HMAC). CRN last, so the order stays total.
            var keys = matching.ToDictionary(r => r.Crn, r => tieBreak(r.Crn), StringComparer.Ordinal);
            tie = (a, b) => string.CompareOrdinal(keys[a.Crn], keys[b.Crn]) is var byKey and not 0 ? byKey : ByCrn(a, b);
        }
        matching.Sort(Order(request.Sort, tie));
        var page = Math.Max(1, request.Page);
        var skip = (long)(page - 1) * request.PageSize;
        var rows = skip >= matching.Count ? [] : matching.GetRange((int)skip, (int)Math.Min(request.PageSize, matching.Count - skip));

        return new MonthlyList(run, request.PduCode, pduName, rows, matching.Count, page, request.PageSize,
            complex, possiblyComplex, @new, continuing, left, teams, practitioners);
    }

    /// <summary>The run asked for, or the latest run when none is, with the runs' stamp read in the same statement.</summary>
    internal static FoundRun? FindRun(ComplexCasesDbContext db, int? runId) =>
        runId is { } id ? CompiledFor(db).RunById(db, id) : CompiledFor(db).LatestRun(db);

    /// <summary>The run's list for the PDU with its people's current facts, from the cache when there is one.</summary>
    internal static StoredList ReadList(ComplexCasesDbContext db, FoundRun found, string pduCode, MonthlyListCache? cache) =>
        cache is null ? MonthlyListCache.Read(db, found.Run, pduCode) : cache.Get(db, found.Run, found.Stamp, pduCode);

    private static readonly Comparison<MonthlyListRow> ByCrn = static (a, b) => string.CompareOrdinal(a.Crn, b.Crn);

    // Ties broken by CRN (or by pseudonym, then CRN): unique within a run, so the order (and so each page) is total, as
    // the SQL's ORDER BY was.
    private static Comparison<MonthlyListRow> Order(MonthlyListSort sort, Comparison<MonthlyListRow> tie) => sort switch
    {
        MonthlyListSort.Surname => (a, b) => Then(CodePointOrder.Compare(a.Surname, b.Surname), a, b, tie),
        MonthlyListSort.ScoreDescending => (a, b) => Then(b.Score.CompareTo(a.Score), a, b, tie),
        MonthlyListSort.Practitioner => (a, b) => Then(CodePointOrder.Compare(a.PractitionerName, b.PractitionerName), a, b, tie),
        MonthlyListSort.MonthsListedDescending => (a, b) => Then(b.MonthsListed.CompareTo(a.MonthsListed), a, b, tie),
        _ => ByCrn,
    };

    private static int Then(int first, MonthlyListRow a, MonthlyListRow b, Comparison<MonthlyListRow> tie) => first != 0 ? first : tie(a, b);
}

/// <summary>
/// Text in Unicode code point order (that is, UTF-8 byte order), NULL first as in an ascending ORDER BY: the order the
/// lists had when SQLite sorted them (its default BINARY collation), and the one PostgreSQL gives under COLLATE "C".
/// The lists are sorted here, not by the database, so the order is the application's whatever the provider. Ordinal
/// UTF-16 comparison differs only where a surrogate pair (U+10000 and up) meets U+E000–U+FFFF.
/// </summary>
internal static class CodePointOrder
{
    public static int Compare(string? a, string? b)
    {
        if (ReferenceEquals(a, b)) return 0;
        if (a is null) return -1;
        if (b is null) return 1;
        var length = Math.Min(a.Length, b.Length);
        for (var i = 0; i < length; i++)
        {
            var x = a[i];
            var y = b[i];
            if (x == y) continue;
            if (char.IsSurrogate(x) && y >= '\uE000') return 1;
            if (char.IsSurrogate(y) && x >= '\uE000') return -1;
            return x - y;
        }
        return a.Length - b.Length;
    }
}

/// <summary>A run as a list view finds it, with the stored runs' count and highest id at that moment.</summary>
internal sealed record FoundRun(ScreeningRun Run, int RunCount, int HighestRunId)
{
    public RunsStamp Stamp => new(RunCount, HighestRunId);
}
