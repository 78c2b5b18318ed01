using ComplexCases.Application;
using ComplexCases.Application.Access;
using ComplexCases.Application.Audit;
using ComplexCases.Application.Quality;
using ComplexCases.Domain.Audit;
using ComplexCases.Domain.Workflow;
using ComplexCases.Web.Cases;
using ComplexCases.Web.SignIn;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplexCases.Web.Pages.Cases;

/// <summary>
/// One quality review read as feedback: what went well first, then what to try. The case's practitioner replies to it and marks
/// it read; anyone else who may see the case reads it (the QDO sees the replies here). Not theirs to see: 404, audited.
/// </summary>
[Authorize(Policy = nameof(Permission.ViewCase))]
public sealed class FeedbackModel(QualityReviews reviews, Auditing audit) : PageModel
{
    [FromRoute] public string Crn { get; set; } = "";
    [FromRoute] public long Id { get; set; }
    [BindProperty(Name = "reply")] public string? Reply { get; set; }

    public QualityReviewView Review { get; private set; } = null!;
    public IReadOnlyList<FieldError> Errors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostReplyAsync()
    {
        var user = CurrentUser.Require(HttpContext);
        if (RequestCrn.From(Crn) is not { } crn) return await DeniedAsync(user);
        var result = reviews.Reply(user, crn, Id, Reply);
        if (result.Status == UseCaseStatus.NotFound) return await DeniedAsync(user);
        if (!result.Succeeded)
        {
            Errors = result.Errors;
            if (!await LoadAsync()) return NotFound();
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        TempData["FeedbackBanner"] = "Your reply has been sent to the quality development officer.";
        return Redirect($"/cases/{Uri.EscapeDataString(Crn)}/reviews/{Id}");
    }

    public async Task<IActionResult> OnPostReadAsync()
    {
        var user = CurrentUser.Require(HttpContext);
        if (RequestCrn.From(Crn) is not { } crn) return await DeniedAsync(user);
        var result = reviews.MarkRead(user, crn, Id);
        if (result.Status == UseCaseStatus.NotFound) return await DeniedAsync(user);
        TempData["FeedbackBanner"] = "Marked as read.";
        return Redirect($"/cases/{Uri.EscapeDataString(Crn)}/reviews/{Id}");
    }

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field)?.Message;

    private async Task<bool> LoadAsync()
    {
        var user = CurrentUser.Require(HttpContext);
        var review = RequestCrn.From(Crn) is { } crn ? reviews.VisibleTo(user, crn).FirstOrDefault(r => r.Id == Id) : null;
        if (review is null)
        {
            await DeniedAsync(user);
            return false;
        }
        Review = review;
        await audit.RecordAsync(user, AuditAction.Consultation, AuditEventTypes.CaseViewed, QualityReviews.Purpose, [Crn],
            new AuditDetails().Add("page", "feedback").Add("reviewId", Id).ToString());
        return true;
    }

    private async Task<IActionResult> DeniedAsync(StaffUser user)
    {
        await audit.RecordAsync(user, AuditAction.Consultation, AuditEventTypes.AccessDenied, "quality review feedback requested",
            RequestCrn.From(Crn) is null ? [] : [Crn], $"path=/cases/{Crn}/reviews/{Id}");
        return NotFound();
    }
}
