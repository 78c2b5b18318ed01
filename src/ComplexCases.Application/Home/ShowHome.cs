using ComplexCases.Application.Access;
using ComplexCases.Application.Audit;
using ComplexCases.Application.Panels;
using ComplexCases.Application.Quality;
using ComplexCases.Application.RecordChecks;
using ComplexCases.Application.Workflow;
using ComplexCases.Data;
using ComplexCases.Domain.Audit;
using ComplexCases.Domain.Screening;
using ComplexCases.Domain.Workflow;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Application.Home;

/// <summary>
/// Show the home page: every part of it (the user's cases, the PDU counts, what is waiting on them, the panel meetings and the
/// quality sample) is read here and the names shown are audited as consulted, in the order the page used to record them, before
/// the page renders. The partials only present parts of the <see cref="HomeView"/>.
/// </summary>
public sealed class ShowHome(ComplexCasesDbContext db, WaitingCases waiting, RecordsToCheck records, PanelMeetings meetings,
    QualityReviews reviews, Consultations audit)
{
    public async Task<UseCaseResult<HomeView>> RunAsync(StaffUser user)
    {
        if (!user.Has(Permission.ViewHome)) return UseCaseResult<HomeView>.Forbidden("Your role does not include the home page.");
        var run = db.Runs.AsNoTracking().OrderByDescending(r => r.AsOf).ThenByDescending(r => r.Id).FirstOrDefault();
        // Nothing stored yet: the page says so and shows no part, so nothing is consulted.
        if (run is null) return UseCaseResult<HomeView>.Ok(new HomeView(null));

        var workflow = new WorkflowHome(
            user.Has(Permission.RecordConversation) ? waiting.At(user, CaseStage.AwaitingConversation, Permission.RecordConversation) : [],
            user.Has(Permission.RecordTriage) ? waiting.At(user, CaseStage.AwaitingTriage, Permission.RecordTriage) : []);
        var scope = user.Roles.Select(Permissions.ScopeOf).DefaultIfEmpty(CaseScope.None).Max();
        var yourCases = user.Has(Permission.ViewMonthlyList) && scope is CaseScope.OwnCases or CaseScope.TeamCases
            && CaseAccess.NamesFor(user) == NameVisibility.All
            ? YourCases(user, run.Id) : [];
        var view = new HomeView(run)
        {
            Scope = scope,
            YourCases = yourCases,
            RecordsToCheck = records.CountFor(user, run.Id),
            Pdus = user.Has(Permission.ViewMonthlyList) ? Pdus(user, run.Id) : [],
            Workflow = workflow,
        };

        // The page names the people waiting on this user: a consultation like any list.
        var shown = yourCases.Select(c => c.Crn).Concat(workflow.ConversationsDue.Select(c => c.Crn))
            .Concat(workflow.TriageDue.Select(c => c.Crn)).Distinct().ToList();
        if (shown.Count > 0)
            await audit.RecordAsync(user.Id, AuditAction.Consultation, AuditEventTypes.HomeViewed, "what to do this month", shown,
                new AuditDetails().Add("runId", run.Id).ToString());
        return UseCaseResult<HomeView>.Ok(view with { PanelAndQuality = await PanelAndQualityAsync(user) });
    }

    private List<YourCase> YourCases(StaffUser user, int runId) =>
        db.ListedCases.AsNoTracking().PermittedTo(user, Permission.ViewCaseNames)
            .Where(c => c.RunId == runId && c.Status == (byte)ScreeningStatus.Complex && c.Change != (byte)ListChange.Left)
            .OrderByDescending(c => c.Change == (byte)ListChange.New).ThenByDescending(c => c.Score).ThenBy(c => c.Crn)
            .Take(100)
            .Select(c => new YourCase(c.Crn, c.Forename + " " + c.Surname, c.PduCode, (ScreeningStatus)c.Status, (ListChange)c.Change, c.Score))
            .ToList();

    private List<PduSummary> Pdus(StaffUser user, int runId) =>
        db.ListedCases.AsNoTracking().PermittedTo(user, Permission.ViewMonthlyList).Where(c => c.RunId == runId)
            .GroupBy(c => new { c.PduCode, c.PduName })
            .Select(g => new PduSummary(g.Key.PduCode, g.Key.PduName,
                g.Count(c => c.Status == (byte)ScreeningStatus.Complex && c.Change != (byte)ListChange.Left),
                g.Count(c => c.Status == (byte)ScreeningStatus.PossiblyComplex && c.Change != (byte)ListChange.Left),
                g.Count(c => c.Change == (byte)ListChange.New)))
            .ToList()
            .OrderBy(p => p.Name ?? p.Code, StringComparer.Ordinal)
            .ToList();

    /// <summary>The panel meetings, the cases awaiting a panel and the quality sample, each audited where it names anyone.</summary>
    private async Task<PanelAndQualityHome> PanelAndQualityAsync(StaffUser user)
    {
        // A QDO holds ViewPanels for the reviews, but the meetings are not theirs to attend.
        IReadOnlyList<UpcomingMeeting>? upcoming = null;
        if (user.Has(Permission.ViewPanels) && !user.HasRole(Role.Qdo))
        {
            upcoming = [.. meetings.Upcoming(user).Select(m => new UpcomingMeeting(m,
                [.. (meetings.Find(user, m.Id)?.Agenda ?? []).Select(a => new HomeAgendaItem(a, PanelScope.MayOpenCase(user, a.Listing.Facts)))]))];
            var named = upcoming.SelectMany(m => m.Agenda).Where(a => a.MayOpen).Select(a => a.Case.Crn).Distinct().ToList();
            if (named.Count > 0)
                await audit.RecordAsync(user.Id, AuditAction.Consultation, AuditEventTypes.PanelMeetingViewed, "Complex Case Panel: next meetings and agendas", named,
                    new AuditDetails().Add("page", "home").Add("meetings", upcoming.Count).ToString());
        }
        var awaiting = user.Has(Permission.ManagePanels) ? meetings.AwaitingPanel(user) : null;
        var sample = user.Has(Permission.RecordQualityReview) ? reviews.Sample(user) : null;
        if (awaiting is { Count: > 0 })
            await audit.RecordAsync(user.Id, AuditAction.Consultation, AuditEventTypes.HomeViewed, "cases awaiting a panel", awaiting.Select(a => a.Listing.Crn),
                new AuditDetails().Add("part", "awaiting-panel").ToString());
        if (sample is { Succeeded: true } s && s.Value.Cases.Count > 0)
            await audit.RecordAsync(user.Id, AuditAction.Consultation, AuditEventTypes.QualityHomeViewed, QualityReviews.Purpose, s.Value.Cases.Select(c => c.Crn),
                new AuditDetails().Add("month", s.Value.Month).Add("runId", s.Value.RunId).Add("region", s.Value.RegionCode).ToString());
        return new PanelAndQualityHome(upcoming, awaiting, sample);
    }
}
