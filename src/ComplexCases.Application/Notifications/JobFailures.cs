using ComplexCases.Application.Access;
using ComplexCases.Application.Workflow;
using ComplexCases.Data;
using ComplexCases.Domain.Notifications;
using ComplexCases.Domain.Workflow;

namespace ComplexCases.Application.Notifications;

/// <summary>
/// Tells every administrator that background work failed (a screening started in the browser, the reminder sweep), in the
/// application and, when email is on, by email at the next pass. Fixed wording, ids and dates only, never an error's text
/// (it could quote a value from an extract): the details are in the log. Once per job and day (the notification's key), so a
/// sweep failing every hour tells each administrator once a day.
/// </summary>
public sealed class JobFailures(ComplexCasesDbContext db, NotificationCentre centre, TimeProvider clock)
{
    /// <param name="job">What failed and which one, e.g. <c>screening-3f2a…</c> or <c>reminder-sweep</c> (the key's subject).</param>
    /// <param name="title">One line, e.g. "Screening failed: started by analyst for 1 September 2024".</param>
    /// <param name="body">What happened and what to do, in fixed wording.</param>
    /// <param name="link">Where to look, within the site.</param>
    public int Report(string job, string title, string body, string link)
    {
        var today = WorkingCalendar.UkDate(clock.GetUtcNow());
        var staff = StaffDirectory.Load(db);
        var drafts = staff.Users.Where(u => u.Roles.Contains(Role.Administrator))
            .Select(admin => new NotificationDraft(admin.Id, NotificationKind.JobFailed, job, today, title, body, link, []))
            .ToList();
        return centre.Add(drafts, WorkflowIntake.SystemActor);
    }
}
