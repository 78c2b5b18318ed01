using System.Runtime.InteropServices;
using ComplexCases.Application.Audit;
using ComplexCases.Data;
using ComplexCases.Data.Providers;
using ComplexCases.Data.Screening;
using ComplexCases.Domain.Audit;
using ComplexCases.Domain.People;
using ComplexCases.Domain.Screening;

namespace ComplexCases.Application.Screening;

/// <summary>The audit entries a screening run writes (docs/audit-events.md): built here, appended in the run's transaction.</summary>
internal static class ScreeningAudit
{
    public const string Purpose = "monthly complex case screening";
    public const string RunIdKey = AuditDetails.RunIdKey;

    /// <summary>Collection: the extract's people were imported and their results stored as this run.</summary>
    public static AuditEntryRequest Collected(ScreeningRun run, Caseload caseload, string definitionSha256)
    {
        var crns = new Crn[caseload.Count];
        var people = caseload.People;
        for (var i = 0; i < crns.Length; i++) crns[i] = people[i].Crn;
        return new AuditEntryRequest(run.RunBy, AuditAction.Collection, AuditEventTypes.ScreeningRun, Purpose)
        {
            Subjects = AuditSubjects.Of(new ReadOnlySpan<Crn>(crns)),
            Details = RunDetails(run, definitionSha256).ToString(),
        };
    }

    /// <summary>
    /// Combination: this month's list linked with the previous stored run's (new, continuing or left, months listed).
    /// Concerns those whose earlier listing was combined with this month's data: continuing, and those who left.
    /// Null when there was no previous run or nobody's earlier listing was used.
    /// </summary>
    public static AuditEntryRequest? Combined(ScreeningRun run, ScreeningReport report)
    {
        if (report.PreviousRunId is not { } previousRunId) return null;
        var linked = report.Cases.Where(c => c.Change != ListChange.New).Select(c => Crn.Parse(c.Crn)).ToArray();
        if (linked.Length == 0) return null;
        return new AuditEntryRequest(run.RunBy, AuditAction.Combination, AuditEventTypes.ScreeningRunCombined,
            Purpose + ": this month's list compared with the previous month's")
        {
            Subjects = AuditSubjects.Of(new ReadOnlySpan<Crn>(linked)),
            Details = new AuditDetails().Add(RunIdKey, run.Id).Add("previousRunId", previousRunId)
                .Add("continuing", report.Cases.Count(c => c.Change == ListChange.Continuing))
                .Add("left", report.Cases.Count(c => c.Change == ListChange.Left)).ToString(),
        };
    }

    /// <summary>
    /// Collection: a month stored although it differs from the previous month beyond the reconciliation limits, because
    /// the analyst accepted it; the reason and the figures beyond their limits. Null when nothing needed accepting.
    /// </summary>
    public static AuditEntryRequest? ChangesAccepted(ScreeningRun run, ScreeningReport report)
    {
        if (report.AcceptedReason is not { } reason || report.Reconciliation is not { Refuses: true } reconciliation) return null;
        var details = new AuditDetails().Add(RunIdKey, run.Id).Add("asOf", run.AsOf).Add("reason", reason)
            .Add("figures", reconciliation.BreachSummary);
        if (reconciliation.PreviousRunId is { } previous) details.Add("previousRunId", previous);
        return new AuditEntryRequest(run.RunBy, AuditAction.Collection, AuditEventTypes.ScreeningChangesAccepted,
            Purpose + ": a month beyond the reconciliation limits stored because the analyst accepted it")
        {
            Details = details.ToString(),
        };
    }

    /// <summary>Erasure: a stored run (and every person's results in it) deleted because a re-run replaces it.</summary>
    public static AuditEntryRequest Replaced(ScreeningRun replaced, AuditSubjects subjects, int replacementRunId, string runBy) =>
        new(runBy, AuditAction.Erasure, AuditEventTypes.ScreeningRunReplaced, Purpose + ": run replaced by a re-run (--replace)")
        {
            Subjects = subjects,
            Details = RunDetails(replaced, definitionSha256: null).Add("replacedByRunId", replacementRunId).ToString(),
        };

    /// <summary>Who a stored run's results concern, read before the run is deleted.</summary>
    public static AuditSubjects SubjectsOf(ComplexCasesDbContext db, int runId) =>
        AuditSubjects.Of(CollectionsMarshal.AsSpan(db.PersonResultReader().Crns(db, runId)));

    private static AuditDetails RunDetails(ScreeningRun run, string? definitionSha256)
    {
        var details = new AuditDetails()
            .Add(RunIdKey, run.Id)
            .Add("asOf", run.AsOf)
            .Add("definitionId", run.DefinitionId)
            .Add("definitionVersion", run.DefinitionVersion);
        if (definitionSha256 is not null) details.Add("definitionSha256", definitionSha256);
        return details
            .Add("extractSha256", run.ExtractSha256)
            .Add("people", run.People);
    }
}
