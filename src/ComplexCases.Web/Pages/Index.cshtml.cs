using ComplexCases.Data;
using ComplexCases.Data.Screening;
using ComplexCases.Domain.Screening;
using ComplexCases.Application.Access;
using ComplexCases.Application.Audit;
using ComplexCases.Domain.Audit;
using ComplexCases.Domain.Workflow;
using ComplexCases.Web.SignIn;
using ComplexCases.Web.Workflow;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Web.Pages;

[Authorize(Policy = nameof(Permission.ViewHome))]
public sealed class IndexModel(ComplexCasesDbContext db, WorkflowViews views, Auditing audit, ComplexCases.Application.RecordChecks.RecordsToCheck records) : PageModel
{
    public sealed record PduSummary(string Code, string? Name, int Complex, int PossiblyComplex, int New);

    public sealed record YourCase(string Crn, string? Name, string PduCode, ScreeningStatus Status, ListChange Change, int Score);

    public ScreeningRun? LatestRun { get; private set; }
    /// <summary>For practitioners and SPOs: the complex cases on this month's list, each needing a reflective practice conversation.</summary>
    public IReadOnlyList<YourCase> YourCases { get; private set; } = [];
    public CaseScope Scope { get; private set; }
    /// <summary>Possibly complex people in the user's scope whose records need checking (a data-quality task, not a conversation).</summary>
    public int RecordsToCheck { get; private set; }
    public IReadOnlyList<PduSummary> Pdus { get; private set; } = [];
    /// <summary>Cases waiting on this user's reflective practice conversation, soonest due first.</summary>
    public IReadOnlyList<DueCase> ConversationsDue { get; private set; } = [];
    /// <summary>Escalated cases waiting on this user's triage, soonest due first.</summary>
    public IReadOnlyList<DueCase> TriageDue { get; private set; } = [];

    public async Task OnGetAsync()
    {
        LatestRun = db.Runs.AsNoTracking().OrderByDescending(r => r.AsOf).ThenByDescending(r => r.Id).FirstOrDefault();
        if (LatestRun is null) return;
        var user = CurrentUser.Require(HttpContext);
        Load(user, LatestRun.Id);
        // The page names the people waiting on this user: a consultation like any list.
        var shown = YourCases.Select(c => c.Crn).Concat(ConversationsDue.Select(c => c.Crn)).Concat(TriageDue.Select(c => c.Crn)).Distinct().ToList();
        if (shown.Count > 0)
            await audit.RecordAsync(user, AuditAction.Consultation, AuditEventTypes.HomeViewed, "what to do this month", shown,
                new AuditDetails().Add("runId", LatestRun.Id).ToString());
    }

    private void Load(StaffUser user, int runId)
    {
        if (user.Has(Permission.RecordConversation)) ConversationsDue = views.Waiting(user, CaseStage.AwaitingConversation, Permission.RecordConversation);
        if (user.Has(Permission.RecordTriage)) TriageDue = views.Waiting(user, CaseStage.AwaitingTriage, Permission.RecordTriage);
        Scope = user.Roles.Select(Permissions.ScopeOf).DefaultIfEmpty(CaseScope.None).Max();
        RecordsToCheck = records.CountFor(user, runId);
        if (!user.Has(Permission.ViewMonthlyList)) return;
        if (Scope is CaseScope.OwnCases or CaseScope.TeamCases && CaseAccess.NamesFor(user) == NameVisibility.All)
        {
            YourCases = db.ListedCases.AsNoTracking().PermittedTo(user, Permission.ViewCaseNames)
                .Where(c => c.RunId == runId && c.Status == (byte)ScreeningStatus.Complex && c.Change != (byte)ListChange.Left)
                .OrderByDescending(c => c.Change == (byte)ListChange.New).ThenByDescending(c => c.Score).ThenBy(c => c.Crn)
                .Take(100)
                .Select(c => new YourCase(c.Crn, c.Forename + " " + c.Surname, c.PduCode, (ScreeningStatus)c.Status, (ListChange)c.Change, c.Score))
                .ToList();
        }
        Pdus = db.ListedCases.AsNoTracking().PermittedTo(user, Permission.ViewMonthlyList).Where(c => c.RunId == runId)
            .GroupBy(c => new { c.PduCode, c.PduName })
            .Select(g => new PduSummary(g.Key.PduCode, g.Key.PduName,
                g.Count(c => c.Status == (byte)ScreeningStatus.Complex && c.Change != (byte)ListChange.Left),
                g.Count(c => c.Status == (byte)ScreeningStatus.PossiblyComplex && c.Change != (byte)ListChange.Left),
                g.Count(c => c.Change == (byte)ListChange.New)))
            .ToList()
            .OrderBy(p => p.Name ?? p.Code, StringComparer.Ordinal)
            .ToList();
    }
}
