using ComplexCases.Application.Access;
using ComplexCases.Web.Runs;
using ComplexCases.Web.SignIn;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplexCases.Web.Pages.Runs;

/// <summary>How far a screening started from the browser has got, then its result or why it failed. Only its starter sees it.</summary>
[Authorize(Policy = nameof(Permission.RunScreening))]
public sealed class ProgressModel(ScreeningJobs jobs) : PageModel
{
    /// <summary>Seconds between reloads while the run is going: often enough to follow it, rarely enough to read the page.</summary>
    public const int RefreshSeconds = 3;

    public ScreeningJob Job { get; private set; } = null!;
    public ScreeningJobState State { get; private set; } = null!;
    public int Ahead { get; private set; }

    [BindProperty] public string? Reason { get; set; }
    public string? ReasonError { get; private set; }

    /// <summary>The starter accepts a month that reconciliation refused, giving the reason (audited with the run).</summary>
    public IActionResult OnPostAccept(Guid jobId)
    {
        var job = jobs.Find(jobId, CurrentUser.Require(HttpContext).Id);
        if (job is null) return NotFound();
        var reason = Reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > ComplexCases.Application.Screening.ScreenExtract.MaxReasonLength)
        {
            ReasonError = string.IsNullOrEmpty(reason)
                ? "Enter why this month's figures are right, for example 'two PDUs merged into one'"
                : $"The reason must be {ComplexCases.Application.Screening.ScreenExtract.MaxReasonLength} characters or fewer";
            Job = job;
            State = job.State;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        jobs.Accept(job, reason);
        return SeeProgress(jobId);
    }

    /// <summary>The starter declines: nothing is stored and the upload is deleted.</summary>
    public IActionResult OnPostDecline(Guid jobId)
    {
        var job = jobs.Find(jobId, CurrentUser.Require(HttpContext).Id);
        if (job is null) return NotFound();
        // Only a job waiting for this decision: a queued or running one is not the user's to cancel here.
        if (job.State.Status == ScreeningJobStatus.NeedsAcceptance) jobs.Decline(job, "You chose not to store this month; nothing was stored.");
        return SeeProgress(jobId);
    }

    private StatusCodeResult SeeProgress(Guid jobId)
    {
        Response.Headers.Location = $"/runs/progress/{jobId:D}";
        return StatusCode(StatusCodes.Status303SeeOther);
    }

    public IActionResult OnGet(Guid jobId)
    {
        // Someone else's job and no job at all look the same.
        var job = jobs.Find(jobId, CurrentUser.Require(HttpContext).Id);
        if (job is null) return NotFound();
        Job = job;
        State = job.State;
        Ahead = jobs.Ahead(job);
        Response.Headers.CacheControl = "no-store";
        return Page();
    }
}
