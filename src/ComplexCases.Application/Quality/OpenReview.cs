using System.Globalization;
using ComplexCases.Application.Access;
using ComplexCases.Application.Audit;
using ComplexCases.Data;
using ComplexCases.Data.Workflow;
using ComplexCases.Domain.Audit;
using ComplexCases.Domain.People;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Application.Quality;

/// <summary>A case as the review form shows it: its process record, the name where the QDO may see it, and earlier reviews.</summary>
public sealed record ReviewCase(CaseWorkflowRecord Workflow, string? PersonName, IReadOnlyList<QualityReviewView> Previous);

/// <summary>
/// Open a case for a quality review (<c>/cases/{crn}/review</c>). A case the QDO may not review is not found, and the attempt
/// is recorded (a malformed CRN is turned away by the host, unrecorded); showing the form records the consultation, while a form sent back (which records the review itself) does not.
/// </summary>
public sealed class OpenReview(QualityReviews reviews, ComplexCasesDbContext db, Consultations audit)
{
    public async Task<UseCaseResult<ReviewCase>> RunAsync(StaffUser user, Crn crn, bool showingForm)
    {
        if (reviews.Reviewable(user, crn) is not { } workflow)
        {
            await audit.RecordAsync(user.Id, AuditAction.Consultation, AuditEventTypes.AccessDenied, "quality review requested", [crn.ToString()], $"path=/cases/{crn}/review");
            return UseCaseResult<ReviewCase>.NotFound();
        }
        var listed = db.ListedCases.AsNoTracking().SingleOrDefault(c => c.RunId == workflow.LatestRunId && c.Crn == workflow.Crn);
        var name = listed is not null && CaseAccess.CanSeeNames(user, CaseFacts.Of(listed)) ? $"{listed.Forename} {listed.Surname}".Trim() : null;
        var view = new ReviewCase(workflow, name, reviews.VisibleTo(user, crn));
        if (showingForm)
            await audit.RecordAsync(user.Id, AuditAction.Consultation, AuditEventTypes.CaseViewed, QualityReviews.Purpose, [workflow.Crn],
                string.Create(CultureInfo.InvariantCulture, $"run={workflow.LatestRunId}; page=review"));
        return UseCaseResult<ReviewCase>.Ok(view);
    }
}
