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
