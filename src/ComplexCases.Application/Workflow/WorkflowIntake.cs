using ComplexCases.Application.Audit;
using ComplexCases.Data;
using ComplexCases.Data.Workflow;
using ComplexCases.Domain.Audit;
using ComplexCases.Domain.People;
using ComplexCases.Domain.Screening;
using ComplexCases.Domain.Workflow;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Application.Workflow;

/// <summary>What a monthly run did to the workflow: the cases that entered the process (new or again) and those it refreshed.</summary>
public sealed record IntakeResult(int RunId, IReadOnlyList<CaseWorkflowRecord> Entered, int Refreshed)
{
    public static IntakeResult Nothing(int runId) => new(runId, [], 0);
}

/// <summary>
/// Puts a stored run's complex cases into the process: a case not seen before starts awaiting its conversation, a closed
/// case listed in a later month starts again (<see cref="WorkflowStep.Relisted"/>), an open case keeps its stage and has
/// its placement (practitioner, team, PDU) refreshed from the newer list. A screening run calls it inside its own
/// transaction, so a run is never stored without its intake. Idempotent: a run taken in twice changes nothing
/// the second time, so it can be retried after a failure and called by every path that stores a run.
/// </summary>
public sealed class WorkflowIntake(WorkflowSettings settings, AuditLog audit, TimeProvider clock)
{
    public const string SystemActor = "system";

    public IntakeResult TakeIn(ComplexCasesDbContext db, int runId)
    {
        var run = db.Runs.AsNoTracking().SingleOrDefault(r => r.Id == runId)
            ?? throw new InvalidOperationException($"Run {runId} does not exist.");
        // The operational definition of the run's month: the latest adoption effective then, else Workflow:DefinitionId.
        if (!Definitions.OperationalDefinition.IsOperational(db, run.AsOf, run.DefinitionId, run.DefinitionVersion, settings.DefinitionId))
            return IntakeResult.Nothing(runId);
        // Only the newest operational list moves cases; taking in an older month again must not regress them.
        var later = db.Runs.AsNoTracking().Where(r => r.AsOf > run.AsOf)
            .Select(r => new { r.AsOf, r.DefinitionId, r.DefinitionVersion }).Distinct().ToList();
        if (later.Any(r => Definitions.OperationalDefinition.IsOperational(db, r.AsOf, r.DefinitionId, r.DefinitionVersion, settings.DefinitionId)))
            return IntakeResult.Nothing(runId);

        var listed = db.ListedCases.AsNoTracking()
            .Where(c => c.RunId == runId && c.Status == (byte)ScreeningStatus.Complex)
            .ToList();
        var crns = listed.Select(c => c.Crn).ToList();
        var existing = db.Workflows.Include(w => w.Events).Where(w => crns.Contains(w.Crn)).ToDictionary(w => w.Crn, StringComparer.Ordinal);
        var now = clock.GetUtcNow();
        // What each closed case looked like when last seen on a list: the re-entry rule compares this month with it.
        var closedRuns = existing.Values.Where(w => w.Stage == (int)CaseStage.Closed).Select(w => w.LatestRunId).Distinct().ToList();
        var closedCrns = existing.Values.Where(w => w.Stage == (int)CaseStage.Closed).Select(w => w.Crn).ToList();
        var previous = db.ListedCases.AsNoTracking().Where(c => closedRuns.Contains(c.RunId) && closedCrns.Contains(c.Crn))
            .Select(c => new { c.RunId, c.Crn, c.Score, c.MetMask }).ToList()
            .ToDictionary(c => (c.RunId, c.Crn), c => new ListingFacts(c.Score, c.MetMask));
        var entered = new List<CaseWorkflowRecord>();
        var refreshed = 0;

        // Inside a screening run's transaction when called from the store (a run and its intake commit together);
        // in one of its own when called on a stored run.
        var own = db.Database.CurrentTransaction is null;
        using var transaction = own ? db.Database.BeginTransaction() : null;
        foreach (var c in listed)
        {
            if (!existing.TryGetValue(c.Crn, out var record))
            {
                var started = CaseWorkflow.Listed(Crn.Parse(c.Crn), run.AsOf, settings.Timescales, settings.Calendar);
                record = new CaseWorkflowRecord { Crn = c.Crn, PduCode = c.PduCode, UpdatedAt = now };
                WorkflowRecords.CopyState(started, record);
                db.Workflows.Add(record);
                entered.Add(record);
            }
            else if (record.Stage == (int)CaseStage.Closed && run.AsOf > record.ListedOn
                && Reentry(record, c, run.AsOf, previous) is { } reason)
            {
                var moved = WorkflowRecords.ToDomain(record).Take(WorkflowStep.Relisted, SystemActor, now,
                    ReentryText.Describe(reason, c, run.AsOf), settings.Timescales, settings.Calendar, run.AsOf);
                if (!moved.Succeeded) throw new InvalidOperationException(moved.Refusal);
                WorkflowRecords.Apply(moved.Workflow!, record, SystemActor, "Monthly list", null, null, now);
                entered.Add(record);
            }
            else if (record.LatestRunId == runId)
            {
                continue;
            }
            else
            {
                refreshed++;
            }
            record.LatestRunId = runId;
            record.PduCode = c.PduCode;
            record.RegionCode = c.RegionCode;
            record.TeamCode = c.TeamCode;
            record.PractitionerCode = c.PractitionerCode;
            record.SpoCode = c.SpoCode;
            record.LimitedAccess = c.LimitedAccess;
        }
        db.SaveChanges();
        if (entered.Count > 0)
        {
            audit.Append(db, new AuditEntryRequest(SystemActor, AuditAction.Alteration, AuditEventTypes.WorkflowEntered,
                "Monthly list: complex cases entered the Complex Case process")
            {
                Subjects = AuditSubjects.Of(entered.Select(r => Crn.Parse(r.Crn))),
                Details = new AuditDetails().Add("runId", runId).Add("asOf", run.AsOf).ToString(),
            });
        }
        transaction?.Commit();
        return new IntakeResult(runId, entered, refreshed);
    }

    /// <summary>Whether a closed case listed on <paramref name="listedOn"/> starts again, by the settings' re-entry rule; null when not.</summary>
    private ReentryReason? Reentry(CaseWorkflowRecord record, Data.Screening.ListedCase now, DateOnly listedOn,
        Dictionary<(int RunId, string Crn), ListingFacts> previous)
    {
        var closing = record.Events.Where(e => e.ToStage == (int)CaseStage.Closed).OrderBy(e => e.At).ThenBy(e => e.Id).LastOrDefault();
        var closedOn = closing is null ? record.ListedOn : WorkingCalendar.UkDate(closing.At);
        ListingFacts? before = previous.TryGetValue((record.LatestRunId, record.Crn), out var was) ? was : null;
        return settings.Reentry.Decide(before, new ListingFacts(now.Score, now.MetMask), closedOn, listedOn);
    }
}
