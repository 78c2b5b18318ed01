using System.Globalization;
using ComplexCases.Application.Access;
using ComplexCases.Application.Audit;
using ComplexCases.Application.Administration;
using ComplexCases.Domain.People;
using ComplexCases.Web.Cases;
using ComplexCases.Web.SignIn;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplexCases.Web.Pages.Admin;

/// <summary>An administrator searches the audit log by person, user and date: the page checks the form, <see cref="BrowseAuditLog"/> reads and audits.</summary>
[Authorize(Policy = nameof(Permission.ViewAuditLog))]
public sealed class AuditModel(BrowseAuditLog search) : PageModel, IExplainsItsOwnQueryErrors
{
    [FromQuery] public string? Crn { get; set; }
    [FromQuery] public string? Actor { get; set; }
    [FromQuery] public string? From { get; set; }
    [FromQuery] public string? To { get; set; }
    [FromQuery] public string? Event { get; set; }
    [FromQuery(Name = "page")] public int? PageNumber { get; set; }

    public AuditPage? Results { get; private set; }
    public List<(string Field, string Message)> Errors { get; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (!ModelState.IsValid) Errors.Add(("page", "Page must be a whole number"));
        Crn? crn = null;
        if (!string.IsNullOrWhiteSpace(Crn))
        {
            crn = RequestCrn.From(Crn.Trim());
            if (crn is null) Errors.Add(("crn", "CRN must be a capital letter and six digits, like E123456"));
        }
        var from = Date(From, "from", "From");
        var to = Date(To, "to", "To");
        // To includes its whole day, so from and to may be the same day.
        if (from is not null && to is not null && to < from) Errors.Add(("to", "To must be the same day as From or later"));
        if (PageNumber is < 1) Errors.Add(("page", "Page must be 1 or more"));
        var eventType = string.IsNullOrWhiteSpace(Event) ? null : Event.Trim();
        if (eventType is not null && !AuditEntryText.EventTypes.Contains(eventType)) Errors.Add(("event", "Choose an event from the list"));
        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var result = await search.RunAsync(CurrentUser.Require(HttpContext),
            new AuditQuery(crn, string.IsNullOrWhiteSpace(Actor) ? null : Actor.Trim(), from, to?.AddDays(1), PageNumber ?? 1, EventType: eventType),
            new AuditSearchTyped(Actor, From, To, eventType));
        if (!result.Succeeded) return StatusCode(ResultToPage.StatusCode(result.Status));
        Results = result.Value;
        return Page();
    }

    private DateTimeOffset? Date(string? text, string field, string label)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        Errors.Add((field, $"{label} must be a date like 2024-09-01"));
        return null;
    }
}
