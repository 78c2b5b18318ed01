using ComplexCases.Application.Notifications;
using ComplexCases.Application.Quality;
using ComplexCases.Application.Workflow;
using ComplexCases.Data;
using ComplexCases.Domain.Workflow;

namespace ComplexCases.Web.Notifications;

/// <summary>
/// Demo mode: one QDO review of a demo practitioner's case (so the feedback shows on their case page), the newly listed
/// notifications of the latest intake, and one reminder sweep. Safe to run at every start: each part is idempotent.
/// </summary>
internal static class DemoQualityAndNotifications
{
    public static void Seed(IServiceProvider services, TextWriter log)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ComplexCasesDbContext>();
        var settings = scope.ServiceProvider.GetRequiredService<WorkflowSettings>();
        var reviews = scope.ServiceProvider.GetRequiredService<QualityReviews>();
        var centre = scope.ServiceProvider.GetRequiredService<NotificationCentre>();

        if (!db.QualityReviews.Any()) SeedReview(db, reviews, scope.ServiceProvider.GetRequiredService<TimeProvider>(), log);

        var latest = db.Runs.Where(r => r.DefinitionId == settings.DefinitionId)
            .OrderByDescending(r => r.AsOf).ThenByDescending(r => r.Id).Select(r => (int?)r.Id).FirstOrDefault();
        var listed = latest is { } runId ? centre.NewlyListedForRun(runId) : 0;
        var swept = scope.ServiceProvider.GetRequiredService<ReminderSweep>().Run();
        if (listed + swept.Total > 0) log.WriteLine($"Demo mode: {listed + swept.Total} notifications created.");
    }

    private static void SeedReview(ComplexCasesDbContext db, QualityReviews reviews, TimeProvider clock, TextWriter log)
    {
        var qdoAccount = db.Users.FirstOrDefault(u => u.UserName == "qdo" && u.IsDemo);
        var practitioner = db.Users.Where(u => u.UserName == "practitioner" && u.IsDemo).Select(u => u.StaffCode).FirstOrDefault();
        if (qdoAccount is null || practitioner is null || StaffDirectory.ToStaffUser(qdoAccount) is not { } qdo) return;

        // A case from the QDO's sample if the demo practitioner has one there, else any of theirs the QDO may review.
        var sample = reviews.Sample(qdo);
        var sampled = sample.Succeeded ? sample.Value.Cases.Where(c => c.InProcess).Select(c => c.Crn).ToList() : [];
        var theirs = db.Workflows.Where(w => w.PractitionerCode == practitioner && !w.LimitedAccess).OrderBy(w => w.Crn).Select(w => w.Crn).ToList();
        var crn = theirs.FirstOrDefault(sampled.Contains) ?? theirs.FirstOrDefault(c => reviews.Reviewable(qdo, c) is not null);
        if (crn is null) return;

        var answers = Checklist.Items.ToDictionary(item => item, item => (ChecklistAnswer?)(item switch
        {
            ChecklistItem.ActionsSpecific => ChecklistAnswer.PartlyMet,
            ChecklistItem.PersonsVoice => ChecklistAnswer.NotMet,
            ChecklistItem.EscalationAppropriate => ChecklistAnswer.NotApplicable,
            _ => ChecklistAnswer.Met,
        }));
        var result = reviews.Record(qdo, crn, new QualityReviewRequest(WorkingCalendar.UkDate(clock.GetUtcNow()), answers,
            "A clear, timely conversation with risk considered throughout. Make each action specific, owned and dated, "
            + "and record the person's own view of their situation next time.",
            "Suggested a peer-support session with another practitioner in the team on recording the person's voice."));
        if (result.Succeeded) log.WriteLine($"Demo mode: a quality review of {crn} recorded by the demo QDO.");
    }
}
