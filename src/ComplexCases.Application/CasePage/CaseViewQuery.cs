using ComplexCases.Application.Access;
using ComplexCases.Application.Audit;
using ComplexCases.Application.Cases;
using ComplexCases.Application.Panels;
using ComplexCases.Application.Quality;
using ComplexCases.Application.Workflow;
using ComplexCases.Data.Workflow;
using ComplexCases.Domain.People;
using ComplexCases.Domain.Workflow;

namespace ComplexCases.Application.CasePage;

/// <summary>
/// The case page's one data source. The case is opened (access checked, consultation audited) by <see cref="OpenCase"/>, as the
/// API opens it; only then are the process, panel and review sections read, each by the service that owns it and each for the
/// same viewer, so no section can show what the others would refuse.
/// </summary>
/// <remarks>In its own folder above Cases, Workflow, Panels and Quality: it depends on all four and none depends on it.</remarks>
public sealed class CaseViewQuery(OpenCase open, CaseWorkflows workflows, PanelMeetings meetings, QualityReviews reviews, TimeProvider clock)
{
    /// <summary>How many months of the person's history the page shows unless asked for every month.</summary>
    public const int RecentMonths = 12;

    public async Task<UseCaseResult<CaseView>> OpenAsync(StaffUser user, Crn crn, int? runId, bool everyMonth = false)
    {
        var opened = await open.RunAsync(user, crn, runId, ReadChannel.Page, everyMonth ? null : RecentMonths);
        if (!opened.Succeeded) return opened.ErrorAs<CaseView>();
        var details = opened.Value;

        // The workflow is read once; each section's service checks this viewer's access on it as it would on its own read.
        var stored = await workflows.StoredAsync(crn);
        var record = CaseWorkflows.Permitted(user, stored);
        var workflow = record is null ? null : CaseWorkflowViews.Describe(user, record, WorkingCalendar.UkDate(clock.GetUtcNow()));
        var entries = meetings.ForCase(user, stored)
            .Select(e => new CasePanelEntry(e.Meeting, e.Discussed, e.Staff,
                e.Meeting.Status == (int)PanelMeetingStatus.Scheduled && e.Staff.Any(x => x.UserName == user.Id)))
            .ToList();
        var mayReview = user.Has(Permission.RecordQualityReview) && QualityReviews.Reviewable(user, stored) is not null;
        return UseCaseResult<CaseView>.Ok(new CaseView(details, workflow, entries, new CaseReviews(details.Listed.Crn, reviews.VisibleTo(user, stored), mayReview)));
    }
}
