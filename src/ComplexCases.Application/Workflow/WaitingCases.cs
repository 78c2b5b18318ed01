using ComplexCases.Application.Access;
using ComplexCases.Data;
using ComplexCases.Domain.Workflow;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Application.Workflow;

/// <summary>A case waiting on the user (home page), with its due date.</summary>
public sealed record DueCase(string Crn, string Name, string? PractitionerName, DateOnly? DueOn, bool Overdue);

/// <summary>What is waiting on a user at a stage of the process: the home page's "conversations due" and "awaiting triage".</summary>
public sealed class WaitingCases(ComplexCasesDbContext db, TimeProvider clock)
{
    /// <summary>
    /// Cases at <paramref name="stage"/> on which the user holds <paramref name="permission"/>, soonest due (so overdue) first.
    /// Scoped in the query through each case's latest listing, whose facts the workflow copies.
    /// </summary>
    public IReadOnlyList<DueCase> At(StaffUser user, CaseStage stage, Permission permission, int max = 100)
    {
        // Due dates are counted in England and Wales.
        var today = WorkingCalendar.UkDate(clock.GetUtcNow());
        var rows = db.ListedCases.AsNoTracking().PermittedTo(user, permission)
            .Join(db.Workflows.AsNoTracking().Where(w => w.Stage == (int)stage), c => new { c.RunId, c.Crn }, w => new { RunId = w.LatestRunId, w.Crn },
                (c, w) => new { c.Crn, c.Forename, c.Surname, c.PractitionerName, c.PduCode, c.RegionCode, c.TeamCode, c.PractitionerCode, c.SpoCode,
                    c.LimitedAccess, w.ConversationDue, w.TriageDue, w.FollowUpDue })
            .ToList();
        return rows
            .Select(r =>
            {
                var due = stage switch
                {
                    CaseStage.AwaitingConversation => r.ConversationDue,
                    CaseStage.AwaitingTriage => r.TriageDue,
                    CaseStage.ActionsInProgress => r.FollowUpDue,
                    _ => null,
                };
                var facts = new CaseFacts(r.Crn, r.PduCode, r.RegionCode, r.TeamCode, r.PractitionerCode, r.SpoCode, r.LimitedAccess);
                // Names only where the user may see them; the permission alone does not promise that.
                var name = CaseAccess.CanSeeNames(user, facts) ? $"{r.Forename} {r.Surname}".Trim() : "Name withheld";
                return new DueCase(r.Crn, name, r.PractitionerName, due, due is { } d && today > d);
            })
            .OrderBy(c => c.DueOn ?? DateOnly.MaxValue).ThenBy(c => c.Crn, StringComparer.Ordinal)
            .Take(max)
            .ToList();
    }
}
