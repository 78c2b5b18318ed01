using ComplexCases.Application.Access;
using ComplexCases.Application.Audit;
using ComplexCases.Application.Storage;
using ComplexCases.Data;
using ComplexCases.Data.Providers;
using ComplexCases.Domain.Audit;
using ComplexCases.Domain.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ComplexCases.Application.Retention;

/// <summary>What an erasure removed (or, dry, would remove): people, rows per table, and the audit entry that records it.</summary>
/// <param name="PeopleSha256">The audit digest of the erased CRNs (sorted, each followed by a line feed): the CRNs themselves are not kept.</param>
public sealed record RetentionReport(int Months, DateOnly Cutoff, bool DryRun, int People, string PeopleSha256,
    IReadOnlyList<(string Table, int Rows)> Rows, long? AuditSequence);

/// <summary>
/// <c>complexcases retention erase</c> (docs/operations.md, "Retention"): erases the personal data of people no longer
/// supervised. A person is still supervised while a stored run dated within the retention period screened them (their
/// CRN is in that run's <c>person_results</c>: every person of the accepted extract, so anyone still on the caseload,
/// listed or not). Everyone else's rows go: results, listings (names, allocation, evidence), their place in the process
/// with its events, actions, reviews, panel agenda and invitation rows, notifications naming them, accounts'
/// limited-access claims for them, their outcomes, and outcomes before the cutoff of people never screened since. Runs
/// older than the period also lose their compressed inputs (which hold everyone they screened). One transaction: all of it
/// or none, with one <c>retention.erased</c> audit entry that keeps the count and digest of the CRNs, not the CRNs.
/// </summary>
/// <remarks>
/// The audit log is not touched: it is kept under its own legal basis (DPA 2018 s.62) and its chain must stay verifiable, so
/// earlier entries naming an erased person remain; the erasure entry adds no new list of them.
/// </remarks>
public sealed partial class EraseFormerPeople(AuditLog audit, TimeProvider clock, IStoreProvider provider, ILogger<EraseFormerPeople> log)
{
    public const int DefaultMonths = 24;
    public const string Purpose = "retention: personal data of people no longer supervised, erased after the retention period";

    public UseCaseResult<RetentionReport> Run(string? database, int months, bool dryRun, string actor)
    {
        if (months is < 1 or > 1200) return UseCaseResult<RetentionReport>.Invalid("--older-than: give the retention period in months, 1 to 1200");
        var target = ExistingDatabase.Resolve(provider, database);
        if (!target.Succeeded) return target.ErrorAs<RetentionReport>();
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var cutoff = today.AddMonths(-months);
        try
        {
            using var db = target.Value.Open();
            var recentRuns = db.Runs.Where(r => r.AsOf >= cutoff).Select(r => r.Id);
            // With no run in the period every person would count as unsupervised: far likelier a wrong clock, period or
            // database than a service that screened no one for years, so nothing is erased.
            if (!recentRuns.Any())
                return UseCaseResult<RetentionReport>.Invalid(
                    $"no stored screening run is dated on or after {cutoff:yyyy-MM-dd} ({months} months before {today:yyyy-MM-dd}), so everyone would be erased; nothing was erased");

            using var transaction = db.Database.BeginTransaction();
            var (erased, rows) = Erase(db, recentRuns, cutoff);
            var subjects = AuditSubjects.Of(erased);
            var details = new AuditDetails().Add("months", months).Add("cutoff", cutoff).Add("people", subjects.Count);
            foreach (var (table, count) in rows) details.Add(table, count);
            // Count and digest only: an erasure entry listing the CRNs would keep, in the log, the very link it erased.
            var entry = audit.Append(db, new AuditEntryRequest(actor, AuditAction.Erasure, AuditEventTypes.RetentionErased, Purpose)
            {
                Subjects = AuditSubjects.Restore(subjects.Count, subjects.Sha256, null),
                Details = details.ToString(),
            });
            // A dry run does everything a real one does and rolls it back: its counts are exactly what a run now would erase.
            if (dryRun) transaction.Rollback();
            else transaction.Commit();
            return UseCaseResult<RetentionReport>.Ok(new RetentionReport(months, cutoff, dryRun, subjects.Count, subjects.Sha256, rows, dryRun ? null : entry.Sequence));
        }
        catch (Exception ex) when (provider.IsUnusableTarget(ex))
        {
            return UseCaseResult<RetentionReport>.Invalid($"cannot use the database ({target.Value.Description}): {ex.GetBaseException().Message}; nothing was erased");
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            EraseFailed(log, ex);
            return UseCaseResult<RetentionReport>.Failed($"the erasure failed and nothing was erased: {ex.GetBaseException().Message}");
        }
    }

    private static (List<Crn> Erased, List<(string, int)> Rows) Erase(ComplexCasesDbContext db, IQueryable<int> recentRuns, DateOnly cutoff)
    {
        // Everything below is set-based in the database: these queries are subqueries of each DELETE, not lists in memory.
        // "Not supervised" is NOT EXISTS in a recent run's results: an anti-join for PostgreSQL and primary-key seeks
        // (run, CRN) for SQLite, where NOT IN over a national caseload could fall back to a scan per row.
        var recent = db.PersonResults.Where(p => recentRuns.Contains(p.RunId));
        var formerPeople = db.PersonResults.Select(p => p.Crn).Union(db.ListedCases.Select(c => c.Crn)).Union(db.Workflows.Select(w => w.Crn))
            .Where(crn => !recent.Any(p => p.Crn == crn));
        var oldOutcomesOnly = db.Outcomes.Where(o => o.OccurredOn < cutoff && !recent.Any(p => p.Crn == o.Crn)).Select(o => o.Crn);
        // Read before the first DELETE changes what these queries find.
        var erasedText = formerPeople.Union(oldOutcomesOnly).ToList();
        var erased = erasedText.Select(c => Crn.TryParse(c, out var crn) ? crn : (Crn?)null).OfType<Crn>().ToList();
        var erasedSet = erasedText.ToHashSet(StringComparer.Ordinal);

        var goneWorkflows = db.Workflows.Where(w => !recent.Any(p => p.Crn == w.Crn)).Select(w => w.Id);
        var goneActions = db.CaseActions.Where(a => goneWorkflows.Contains(a.WorkflowId)).Select(a => a.Id);
        var goneReviews = db.QualityReviews.Where(r => goneWorkflows.Contains(r.WorkflowId)).Select(r => r.Id);
        List<(string, int)> rows =
        [
            ("outcomes", db.Outcomes.Where(o => !recent.Any(p => p.Crn == o.Crn) && (o.OccurredOn < cutoff || formerPeople.Contains(o.Crn))).ExecuteDelete()),
            ("caseActionUpdates", db.CaseActionUpdates.Where(u => goneActions.Contains(u.ActionId)).ExecuteDelete()),
            ("caseActions", db.CaseActions.Where(a => goneWorkflows.Contains(a.WorkflowId)).ExecuteDelete()),
            ("qualityReviewReplies", db.QualityReviewReplies.Where(r => goneReviews.Contains(r.ReviewId)).ExecuteDelete()),
            ("qualityReviews", db.QualityReviews.Where(r => goneWorkflows.Contains(r.WorkflowId)).ExecuteDelete()),
            ("panelAgendaItems", db.PanelAgendaItems.Where(a => goneWorkflows.Contains(a.WorkflowId) || !recent.Any(p => p.Crn == a.Crn)).ExecuteDelete()),
            ("panelMeetingStaff", db.PanelMeetingStaff.Where(s => !recent.Any(p => p.Crn == s.Crn)).ExecuteDelete()),
            ("workflowEvents", db.WorkflowEvents.Where(e => goneWorkflows.Contains(e.WorkflowId)).ExecuteDelete()),
            ("caseWorkflows", db.Workflows.Where(w => !recent.Any(p => p.Crn == w.Crn)).ExecuteDelete()),
            ("listedCases", db.ListedCases.Where(c => !recent.Any(p => p.Crn == c.Crn)).ExecuteDelete()),
            ("personResults", db.PersonResults.Where(r => !recent.Any(p => p.Crn == r.Crn)).ExecuteDelete()),
            // A run's inputs are compressed together; runs in the period screened no erased person, older ones did.
            ("runInputs", db.RunInputs.Where(i => !recentRuns.Contains(i.RunId)).ExecuteDelete()),
            ("notifications", DeleteByIds(db.Notifications, NamingErased(db.Notifications.Where(n => n.Crns != null).Select(n => new { n.Id, Text = n.Crns! }).AsEnumerable()
                .Select(n => (n.Id, n.Text)), erasedSet), (n, ids) => n.Where(x => ids.Contains(x.Id)))),
            ("limitedAccessClaims", DeleteByIds(db.UserClaims, NamingErased(db.UserClaims.Where(c => c.ClaimType == StaffAccounts.LimitedAccessClaim && c.ClaimValue != null)
                .Select(c => new { Id = (long)c.Id, Text = c.ClaimValue! }).AsEnumerable().Select(c => (c.Id, c.Text)), erasedSet), (c, ids) => c.Where(x => ids.Contains(x.Id)))),
        ];
        return (erased, rows);
    }

    /// <summary>The rows whose comma-separated CRNs name an erased person (notifications and claims are few: read, not joined).</summary>
    private static List<long> NamingErased(IEnumerable<(long Id, string Crns)> rows, HashSet<string> erased) =>
        [.. rows.Where(r => r.Crns.Split(',', StringSplitOptions.TrimEntries).Any(erased.Contains)).Select(r => r.Id)];

    private static int DeleteByIds<T>(IQueryable<T> table, List<long> ids, Func<IQueryable<T>, List<long>, IQueryable<T>> byIds)
    {
        var deleted = 0;
        // In chunks: a statement's parameters are bounded (SQLite 32,766, PostgreSQL 65,535).
        foreach (var chunk in ids.Chunk(1000)) deleted += byIds(table, [.. chunk]).ExecuteDelete();
        return deleted;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Retention erasure failed; the transaction was rolled back")]
    private static partial void EraseFailed(ILogger logger, Exception exception);
}
