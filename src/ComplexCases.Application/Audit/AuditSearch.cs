using ComplexCases.Data;
using ComplexCases.Data.Audit;
using ComplexCases.Domain.Audit;
using ComplexCases.Domain.People;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Application.Audit;

/// <summary>What an administrator searches the log by; every filter is optional and they combine.</summary>
/// <param name="From">Inclusive.</param>
/// <param name="To">Exclusive.</param>
/// <param name="Page">1-based.</param>
/// <param name="EventType">One event type (e.g. <c>list.downloaded</c>, <c>access.denied</c>), or null for every type.</param>
public sealed record AuditQuery(Crn? Crn = null, string? Actor = null, DateTimeOffset? From = null, DateTimeOffset? To = null,
    int Page = 1, int PageSize = AuditQuery.DefaultPageSize, string? EventType = null)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;
}

/// <summary>One entry as a search result page shows it. <see cref="SubjectCrns"/> is empty where only the count and digest were kept.</summary>
public sealed record AuditEntryView(
    long Sequence,
    DateTimeOffset OccurredAt,
    string Actor,
    string Action,
    string EventType,
    string Purpose,
    int SubjectCount,
    IReadOnlyList<string> SubjectCrns,
    string SubjectsSha256,
    string Details,
    string Hash);

/// <summary>One page of results, newest first.</summary>
public sealed record AuditPage(IReadOnlyList<AuditEntryView> Entries, int Page, int PageSize, int Total)
{
    public int Pages => Total == 0 ? 1 : (Total + PageSize - 1) / PageSize;
}

/// <summary>Searches the audit log by person, user and time (the admin page, and <c>complexcases audit list</c>).</summary>
public static class AuditSearch
{
    public static AuditPage Find(ComplexCasesDbContext db, AuditQuery query)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(query);
        var page = Math.Max(1, query.Page);
        var size = Math.Clamp(query.PageSize, 1, AuditQuery.MaxPageSize);

        var events = db.AuditEvents.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Actor)) events = events.Where(e => e.Actor == query.Actor);
        if (!string.IsNullOrWhiteSpace(query.EventType)) events = events.Where(e => e.EventType == query.EventType);
        if (query.From is { } from)
        {
            var fromUtc = from.UtcDateTime;
            events = events.Where(e => e.OccurredAtUtc >= fromUtc);
        }
        if (query.To is { } to)
        {
            var toUtc = to.UtcDateTime;
            events = events.Where(e => e.OccurredAtUtc < toUtc);
        }
        if (query.Crn is { } crn)
        {
            // Listed subjects are matched in the text: a CRN is a capital letter and six digits, and letters appear
            // only at the start of each, so a 7-character match is always a whole CRN.
            var text = crn.ToString();
            var pattern = "%" + text + "%";
            var inRuns = EntriesForRunsHolding(db, crn);
            events = events.Where(e => (e.SubjectCrns != null && EF.Functions.Like(e.SubjectCrns, pattern)) || inRuns.Contains(e.Sequence));
        }

        var total = events.Count();
        var rows = events.OrderByDescending(e => e.Sequence).Skip((page - 1) * size).Take(size).ToList();
        return new AuditPage([.. rows.Select(View)], page, size, total);
    }

    /// <summary>
    /// Entries that kept only a digest of their subjects but name a stored run (e.g. a national import) that holds
    /// this person: they concern the person too. Such entries are one or two a month, so they are read whole.
    /// </summary>
    private static List<long> EntriesForRunsHolding(ComplexCasesDbContext db, Crn crn)
    {
        var named = db.AuditEvents.AsNoTracking().Where(e => e.SubjectCrns == null)
            .Select(e => new { e.Sequence, e.Details }).AsEnumerable()
            .Select(e => (e.Sequence, RunId: AuditDetails.ReadNumber(e.Details, AuditDetails.RunIdKey)))
            .Where(e => e.RunId is > 0 and <= int.MaxValue)
            .ToList();
        if (named.Count == 0) return [];
        var text = crn.ToString();
        var runIds = named.Select(e => (int)e.RunId!.Value).Distinct().ToList();
        var holding = db.PersonResults.Where(p => runIds.Contains(p.RunId) && p.Crn == text).Select(p => p.RunId).ToHashSet();
        return [.. named.Where(e => holding.Contains((int)e.RunId!.Value)).Select(e => e.Sequence)];
    }

    private static AuditEntryView View(StoredAuditEvent e) => new(
        e.Sequence,
        new DateTimeOffset(DateTime.SpecifyKind(e.OccurredAtUtc, DateTimeKind.Utc)),
        e.Actor,
        e.Action,
        e.EventType,
        e.Purpose,
        e.SubjectCount,
        string.IsNullOrEmpty(e.SubjectCrns) ? [] : e.SubjectCrns.Split(','),
        e.SubjectsSha256,
        e.Details,
        e.Hash);
}
