using System.Globalization;
using ComplexCases.Application.Access;
using ComplexCases.Application.Audit;
using ComplexCases.Application.Quality;
using ComplexCases.Domain.Audit;
using ComplexCases.Web.Cases;
using ComplexCases.Web.SignIn;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplexCases.Web.Pages.Reviews;

/// <summary>A QDO's month: the reproducible sample of listed cases in their region, which are reviewed and which not yet; and any case by CRN.</summary>
[Authorize(Policy = nameof(Permission.RecordQualityReview))]
public sealed class IndexModel(QualityReviews reviews, Auditing audit) : PageModel
{
    [FromQuery] public string? Month { get; set; }
    [FromQuery] public string? Crn { get; set; }

    public QualitySample? Sample { get; private set; }
    /// <summary>Other QDOs' reviews chosen for a second opinion that this QDO may give.</summary>
    public IReadOnlyList<AwaitedSecondReview> SecondReviews { get; private set; } = [];
    public IReadOnlyList<DateOnly> Months { get; private set; } = [];
    public string? Message { get; private set; }
    public List<(string Field, string Message)> Errors { get; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var user = CurrentUser.Require(HttpContext);
        if (Crn is not null)
        {
            var crn = Crn.Trim().ToUpperInvariant();
            if (crn.Length == 0) Errors.Add(("Crn", "Enter a CRN, like X123456"));
            else if (RequestCrn.From(crn) is not { } parsed) Errors.Add(("Crn", "Enter a CRN: one letter and six digits, like X123456"));
            else if (reviews.Reviewable(user, parsed) is null)
            {
                await audit.RecordAsync(user, AuditAction.Consultation, AuditEventTypes.AccessDenied, "quality review: case looked up", [crn], "path=/reviews");
                Errors.Add(("Crn", "There is no case with that CRN in the process that you can review"));
            }
            else return Redirect($"/cases/{crn}/review");
        }
        DateOnly? month = null;
        if (!string.IsNullOrEmpty(Month))
        {
            if (DateOnly.TryParseExact(Month, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var m)) month = m;
            else Errors.Add(("Month", "Month must be a month like 2024-09"));
        }
        Months = reviews.Months();
        if (Months.Count == 0)
        {
            Message = "No monthly list has been stored yet, so there is no sample to review.";
            return Page();
        }
        var sample = Errors.Any(e => e.Field == "Month") ? null : reviews.Sample(user, month);
        if (sample is { Succeeded: false }) Errors.Add(("Month", sample.Error));
        if (Errors.Count > 0 || sample?.Value is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        Sample = sample.Value;
        SecondReviews = reviews.SecondReviewsAsked(user);
        await audit.RecordAsync(user, AuditAction.Consultation, AuditEventTypes.QualitySampleViewed, QualityReviews.Purpose,
            Sample.Cases.Select(c => c.Crn).Concat(SecondReviews.Select(s => s.Crn)).Distinct(StringComparer.Ordinal),
            new AuditDetails().Add("month", Sample.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture)).Add("runId", Sample.RunId)
                .Add("region", Sample.RegionCode).Add("sampleSize", Sample.Cases.Count).Add("secondReviewsAsked", SecondReviews.Count).ToString());
        return Page();
    }
}
