using ComplexCases.Data;
using ComplexCases.Data.Workflow;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Application.Workflow;

/// <summary>Who the case is about and who holds it, from its latest listing (for the step pages' headings and defaults).</summary>
public sealed record CasePerson(string Name, string? PduName, string? PractitionerName, string? SpoName);

/// <summary>The panel's actions on a case with every update of each, oldest first: what a follow-up review closes on.</summary>
public sealed record CaseActionsSoFar(
    IReadOnlyList<CaseActionRecord> Actions, IReadOnlyDictionary<long, IReadOnlyList<CaseActionUpdateRecord>> Updates);

/// <summary>
/// What the step pages show beside their form, once the case's workflow has been found within the user's reach
/// (<see cref="CaseWorkflows.Find"/>): so the pages read through Application, not the database.
/// </summary>
public sealed class StepCaseQuery(ComplexCasesDbContext db)
{
    public CasePerson PersonOf(CaseWorkflowRecord record)
    {
        var listing = db.ListedCases.AsNoTracking().Where(c => c.RunId == record.LatestRunId && c.Crn == record.Crn)
            .Select(c => new { c.Forename, c.Surname, c.PduName, c.PractitionerName, c.SpoName })
            .SingleOrDefault();
        return listing is null
            ? new CasePerson(record.Crn, record.PduCode, null, null)
            : new CasePerson($"{listing.Forename} {listing.Surname}".Trim(), listing.PduName ?? record.PduCode, listing.PractitionerName, listing.SpoName);
    }

    public CaseActionsSoFar ActionsOf(CaseWorkflowRecord record)
    {
        List<CaseActionRecord> actions = [.. db.CaseActions.AsNoTracking().Where(a => a.WorkflowId == record.Id).OrderBy(a => a.DueOn).ThenBy(a => a.Id)];
        var ids = actions.Select(a => a.Id).ToList();
        var updates = db.CaseActionUpdates.AsNoTracking().Where(u => ids.Contains(u.ActionId)).ToList()
            .GroupBy(u => u.ActionId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<CaseActionUpdateRecord>)[.. g.OrderBy(u => u.At).ThenBy(u => u.Id)]);
        return new CaseActionsSoFar(actions, updates);
    }
}
