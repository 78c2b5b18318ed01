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

/// <summary>Reads one PDU's list for one run, filtered, sorted and paged in the database.</summary>
public static class MonthlyListQuery
{
    public static MonthlyList? Run(ComplexCasesDbContext db, MonthlyListRequest request, Func<IQueryable<ListedCase>, IQueryable<ListedCase>>? scope = null)
    {
        var run = request.RunId is { } id
            ? db.Runs.AsNoTracking().FirstOrDefault(r => r.Id == id)
            : db.Runs.AsNoTracking().OrderByDescending(r => r.AsOf).ThenByDescending(r => r.Id).FirstOrDefault();
        if (run is null) return null;

        var all = db.ListedCases.AsNoTracking().Where(c => c.RunId == run.Id && c.PduCode == request.PduCode);
        if (scope is not null) all = scope(all);

        // One read of the PDU's (small) list gives the counts, the filter options and the PDU name.
        var summary = all.Select(c => new { c.Status, c.Change, c.TeamCode, c.TeamName, c.PractitionerCode, c.PractitionerName, c.PduName }).ToList();
        var counts = summary.GroupBy(c => new { c.Status, c.Change }).Select(g => new { g.Key.Status, g.Key.Change, Count = g.Count() }).ToList();
        var teams = summary.Where(c => c.TeamCode != null).Select(c => (Code: c.TeamCode!, Name: c.TeamName ?? c.TeamCode!)).Distinct()
            .OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
        var practitioners = summary.Where(c => c.PractitionerCode != null).Select(c => (Code: c.PractitionerCode!, Name: c.PractitionerName ?? c.PractitionerCode!)).Distinct()
            .OrderBy(p => p.Name, StringComparer.Ordinal).ToList();

        var filtered = all;
        if (request.Change is { } change) filtered = filtered.Where(c => c.Change == (byte)change);
        if (request.Status is { } status) filtered = filtered.Where(c => c.Status == (byte)status && c.Change != (byte)ListChange.Left);
        if (request.TeamCode is { } team) filtered = filtered.Where(c => c.TeamCode == team);
        if (request.PractitionerCode is { } practitioner) filtered = filtered.Where(c => c.PractitionerCode == practitioner);
        if (request.Criterion is { } criterion)
        {
            var bit = (byte)(1 << (int)criterion);
            filtered = filtered.Where(c => (c.MetMask & bit) != 0);
        }

        var total = filtered.Count();
        filtered = request.Sort switch
        {
            MonthlyListSort.Surname => filtered.OrderBy(c => c.Surname).ThenBy(c => c.Crn),
            MonthlyListSort.ScoreDescending => filtered.OrderByDescending(c => c.Score).ThenBy(c => c.Crn),
            MonthlyListSort.Practitioner => filtered.OrderBy(c => c.PractitionerName).ThenBy(c => c.Crn),
            MonthlyListSort.MonthsListedDescending => filtered.OrderByDescending(c => c.MonthsListed).ThenBy(c => c.Crn),
            _ => filtered.OrderBy(c => c.Crn),
        };
        var page = Math.Max(1, request.Page);
        var rows = filtered.Skip((page - 1) * request.PageSize).Take(request.PageSize)
            .Select(c => new MonthlyListRow(c.Crn, c.Forename, c.Surname, c.TeamName, c.PractitionerName, c.SpoName,
                (ScreeningStatus)c.Status, (ListChange)c.Change, c.Score, c.MetMask, c.UnknownMask, c.MonthsListed, c.LimitedAccess))
            .ToList();
        var pduName = summary.Select(c => c.PduName).FirstOrDefault(n => n is not null);

        int Count(Func<byte, byte, bool> match) => counts.Where(c => match(c.Status, c.Change)).Sum(c => c.Count);
        return new MonthlyList(run, request.PduCode, pduName, rows, total, page, request.PageSize,
            Count((s, c) => s == (byte)ScreeningStatus.Complex && c != (byte)ListChange.Left),
            Count((s, c) => s == (byte)ScreeningStatus.PossiblyComplex && c != (byte)ListChange.Left),
            Count((_, c) => c == (byte)ListChange.New),
            Count((_, c) => c == (byte)ListChange.Continuing),
            Count((_, c) => c == (byte)ListChange.Left),
            teams, practitioners);
    }
}
