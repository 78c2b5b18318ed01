using System.Globalization;
using ComplexCases.Application;
using ComplexCases.Application.Access;
using ComplexCases.Application.Quality;
using ComplexCases.Application.Workflow;
using ComplexCases.Data.Workflow;
using ComplexCases.Domain.Workflow;
using ComplexCases.Web.Cases;
using ComplexCases.Web.SignIn;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplexCases.Web.Pages.Cases;

/// <summary>A QDO reviews a case's practice against the checklist, with feedback for the practitioner and peer-support notes.</summary>
[Authorize(Policy = nameof(Permission.RecordQualityReview))]
public sealed class ReviewModel(QualityReviews reviews, OpenReview openReview, TimeProvider clock) : PageModel
{
    [FromRoute] public string Crn { get; set; } = "";

    public CaseWorkflowRecord Workflow { get; private set; } = null!;

    /// <summary>The CRN in the address, parsed once it is read.</summary>
    private Domain.People.Crn Case { get; set; }
    public string? PersonName { get; private set; }
    public IReadOnlyList<QualityReviewView> Previous { get; private set; } = [];
    public IReadOnlyList<FieldError> Errors { get; private set; } = [];

    // The form as the user last sent it (or its defaults).
    public string? Day { get; private set; }
    public string? MonthValue { get; private set; }
    public string? Year { get; private set; }
    public Dictionary<ChecklistItem, ChecklistAnswer?> Answers { get; } = Checklist.Items.ToDictionary(i => i, _ => (ChecklistAnswer?)null);
    public string? WentWell { get; private set; }
    public string? Feedback { get; private set; }
    public string? PeerSupportNotes { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = CurrentUser.Require(HttpContext);
        if (!await LoadAsync(user, showingForm: true)) return NotFound();
        var today = WorkingCalendar.UkDate(clock.GetUtcNow());
        (Day, MonthValue, Year) = (Text(today.Day), Text(today.Month), Text(today.Year));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = CurrentUser.Require(HttpContext);
        if (!await LoadAsync(user, showingForm: false)) return NotFound();
        var form = Request.Form;
        (Day, MonthValue, Year) = (form["reviewedOn-day"], form["reviewedOn-month"], form["reviewedOn-year"]);
        foreach (var item in Checklist.Items)
            Answers[item] = Enum.TryParse<ChecklistAnswer>(form[$"answers[{item}]"], out var a) && Enum.IsDefined(a) ? a : null;
        // Always a string (empty when left out): the form asks for it, so it is required.
        WentWell = form["wentWell"].ToString();
        Feedback = form["feedback"];
        PeerSupportNotes = form["peerSupportNotes"];

        var result = reviews.Record(user, Case, new QualityReviewRequest(ReviewedOn(), Answers, Feedback, PeerSupportNotes) { WentWell = WentWell });
        if (result.Status == UseCaseStatus.NotFound) return NotFound();
        if (!result.Succeeded)
        {
            // Something typed that is not a date gets the GOV.UK "real date" message rather than "enter".
            var typed = !string.IsNullOrWhiteSpace(Day) || !string.IsNullOrWhiteSpace(MonthValue) || !string.IsNullOrWhiteSpace(Year);
            Errors = [.. result.Errors.Select(e => e.Field == "reviewedOn" && typed && ReviewedOn() is null
                ? e with { Message = "The date of the review must be a real date" } : e)];
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        TempData["Banner"] = $"Your review of {Crn} has been recorded, and the practitioner told.";
        return Redirect("/reviews");
    }

    /// <summary>The element an error summary link jumps to for a field named as the domain names it.</summary>
    public static string Anchor(string field) =>
        field.StartsWith("answers[", StringComparison.Ordinal) ? "answers-" + field["answers[".Length..^1] : field;

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field)?.Message;

    /// <summary>The case as <see cref="OpenReview"/> reads it (and audits it, when the form is shown); false when not found.</summary>
    private async Task<bool> LoadAsync(StaffUser user, bool showingForm)
    {
        // Not a CRN: not found, with nothing to audit.
        if (RequestCrn.From(Crn) is not { } crn) return false;
        Case = crn;
        var result = await openReview.RunAsync(user, crn, showingForm);
        if (!result.Succeeded) return false;
        (Workflow, PersonName, Previous) = (result.Value.Workflow, result.Value.PersonName, result.Value.Previous);
        return true;
    }

    private DateOnly? ReviewedOn() =>
        int.TryParse(Day, NumberStyles.None, CultureInfo.InvariantCulture, out var d)
        && int.TryParse(MonthValue, NumberStyles.None, CultureInfo.InvariantCulture, out var m)
        && int.TryParse(Year, NumberStyles.None, CultureInfo.InvariantCulture, out var y)
        && y is >= 1900 and <= 9999 && m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, m)
            ? new DateOnly(y, m, d)
            : null;

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
