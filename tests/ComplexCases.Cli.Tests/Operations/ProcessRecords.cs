using ComplexCases.Data;
using ComplexCases.Data.Accounts;
using ComplexCases.Data.Screening;
using ComplexCases.Data.Workflow;
using Microsoft.AspNetCore.Identity;

namespace ComplexCases.Cli.Tests.Operations;

/// <summary>
/// A person's whole place in the process, stored as the web would leave it: listing, workflow and its event, a panel agenda
/// and invitation, an action and its update, a quality review and its reply, a notification and an account named for them.
/// What retention must erase for a former person and leave alone for a supervised one.
/// </summary>
internal static class ProcessRecords
{
    public static readonly string[] Tables =
        ["workflowEvents", "panelAgendaItems", "panelMeetingStaff", "caseActions", "caseActionUpdates", "qualityReviews", "qualityReviewReplies", "notifications", "limitedAccessClaims"];

    public static void Seed(ComplexCasesDbContext db, string crn, int runId, bool listed, DateTimeOffset at)
    {
        if (listed)
            db.ListedCases.Add(new ListedCase { RunId = runId, Crn = crn, PduCode = "EOEBED", Forename = "Former", Surname = "Person", EvidenceJson = "[]", Status = 1, Score = 6 });
        var meeting = db.PanelMeetings.FirstOrDefault() ?? db.PanelMeetings.Add(new PanelMeetingRecord
        {
            RegionCode = "N07", HeldOn = DateOnly.FromDateTime(at.UtcDateTime), Chair = "Chair", CreatedBy = "panel-team", CreatedAt = at, Status = 1,
        }).Entity;
        var workflow = db.Workflows.Add(new CaseWorkflowRecord { Crn = crn, PduCode = "EOEBED", LatestRunId = runId, Stage = 2, ListedOn = DateOnly.FromDateTime(at.UtcDateTime), UpdatedAt = at }).Entity;
        db.SaveChanges();
        db.WorkflowEvents.Add(new WorkflowEventRecord { WorkflowId = workflow.Id, Step = 1, By = "practitioner", ByName = "Pat", At = at, Notes = "met on Tuesday" });
        db.PanelAgendaItems.Add(new PanelAgendaItemRecord { MeetingId = meeting.Id, WorkflowId = workflow.Id, Crn = crn });
        db.PanelMeetingStaff.Add(new PanelMeetingStaffRecord { MeetingId = meeting.Id, UserName = "practitioner", DisplayName = "Pat", Crn = crn, Role = "practitioner" });
        var action = db.CaseActions.Add(new CaseActionRecord
        {
            WorkflowId = workflow.Id, Crn = crn, MeetingId = meeting.Id, Description = "housing referral", OwnerName = "Sam", DueOn = new DateOnly(2024, 9, 1),
            Notes = "", UpdatedBy = "panel-team", UpdatedAt = at,
        }).Entity;
        var review = db.QualityReviews.Add(new QualityReviewRecord
        {
            WorkflowId = workflow.Id, Crn = crn, ReviewerUserName = "qdo", ReviewerName = "Quinn", ReviewedOn = new DateOnly(2024, 9, 1), AnswersJson = "{}",
            Feedback = "good", PeerSupportNotes = "", RecordedAt = at,
        }).Entity;
        db.Notifications.Add(new NotificationRecord { RecipientUserName = "practitioner", Kind = 1, Title = $"{crn} listed", Body = crn, Link = $"/cases/{crn}", Crns = crn, CreatedAt = at, DedupKey = "listed:" + crn });
        var holder = new StaffAccount { UserName = "named." + crn, NormalizedUserName = "NAMED." + crn, DisplayName = "Named", Roles = "Practitioner" };
        db.Users.Add(holder);
        db.SaveChanges();
        db.CaseActionUpdates.Add(new CaseActionUpdateRecord { ActionId = action.Id, By = "sam", ByName = "Sam", At = at, FromStatus = 1, ToStatus = 2, Note = "started" });
        db.QualityReviewReplies.Add(new QualityReviewReplyRecord { ReviewId = review.Id, By = "practitioner", ByName = "Pat", At = at, Text = "thanks" });
        db.UserClaims.Add(new IdentityUserClaim<string> { UserId = holder.Id, ClaimType = "cc:lao", ClaimValue = crn });
        db.SaveChanges();
    }

    /// <summary>How many of the seeded kinds of row concern <paramref name="crn"/>, table by table.</summary>
    public static int[] Of(ComplexCasesDbContext db, string crn)
    {
        var workflows = db.Workflows.Where(w => w.Crn == crn).Select(w => w.Id);
        var actions = db.CaseActions.Where(a => a.Crn == crn).Select(a => a.Id);
        var reviews = db.QualityReviews.Where(r => r.Crn == crn).Select(r => r.Id);
        return
        [
            db.WorkflowEvents.Count(e => workflows.Contains(e.WorkflowId)), db.PanelAgendaItems.Count(a => a.Crn == crn), db.PanelMeetingStaff.Count(s => s.Crn == crn),
            actions.Count(), db.CaseActionUpdates.Count(u => actions.Contains(u.ActionId)), reviews.Count(), db.QualityReviewReplies.Count(r => reviews.Contains(r.ReviewId)),
            db.Notifications.Count(n => n.Crns == crn), db.UserClaims.Count(c => c.ClaimValue == crn),
        ];
    }
}
