using System.Text.Json;
using ComplexCases.Application.Access;
using ComplexCases.Application.Audit;
using ComplexCases.Application.Notifications;
using ComplexCases.Application.Workflow;
using ComplexCases.Data;
using ComplexCases.Data.Workflow;
using ComplexCases.Domain.Audit;
using ComplexCases.Domain.Notifications;
using ComplexCases.Domain.People;
using ComplexCases.Domain.Screening;
using ComplexCases.Domain.Workflow;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Application.Quality;

/// <summary>What the review form sends: an answer per checklist item (null when not chosen), the feedback and the peer-support notes.</summary>
public sealed record QualityReviewRequest(
    DateOnly? ReviewedOn, IReadOnlyDictionary<ChecklistItem, ChecklistAnswer?> Answers, string? Feedback, string? PeerSupportNotes);

/// <summary>A stored review as shown on a case page.</summary>
public sealed record QualityReviewView(
    long Id, DateOnly ReviewedOn, string ReviewerName, IReadOnlyList<KeyValuePair<ChecklistItem, ChecklistAnswer>> Answers,
    string Feedback, string PeerSupportNotes);

/// <summary>A review stored, or why not: the form's field errors, or no reviewable case with that CRN.</summary>
public sealed record QualityReviewResult(QualityReviewRecord? Review, IReadOnlyList<FieldError> Errors, bool NotFound)
{
    public bool Succeeded => Review is not null;
}

/// <summary>
/// Quality reviews by QDOs: a month's reproducible sample of listed cases in their region, a review of any case they may review
/// (checklist, feedback, peer-support notes; audited, and the practitioner told), and the reviews of a case for whoever may see it.
/// </summary>
public sealed class QualityReviews(ComplexCasesDbContext db, WorkflowSettings settings, QualitySettings quality, TimeProvider clock)
{
    public const string Purpose = "quality review of practice on a complex case";

    /// <summary>Months with a list of the operational definition, newest first (each as its first day).</summary>
    public IReadOnlyList<DateOnly> Months() =>
        [.. db.Runs.AsNoTracking().Where(r => r.DefinitionId == settings.DefinitionId).Select(r => r.AsOf).Distinct().ToList()
            .Select(d => new DateOnly(d.Year, d.Month, 1)).Distinct().OrderDescending()];

    /// <summary>The sample of <paramref name="month"/> (default: the latest list's month) in the user's region.</summary>
    public UseCaseResult<QualitySample> Sample(StaffUser user, DateOnly? month = null)
    {
        if (!user.Has(Permission.RecordQualityReview)) return UseCaseResult<QualitySample>.Invalid("You do not have permission to review case quality.");
        if (user.RegionCode is not { } region) return UseCaseResult<QualitySample>.Invalid("Your account has no region, so there is no sample to show.");
        var runs = db.Runs.AsNoTracking().Where(r => r.DefinitionId == settings.DefinitionId);
        if (month is { } m)
        {
            var first = new DateOnly(m.Year, m.Month, 1);
            var next = first.AddMonths(1);
            runs = runs.Where(r => r.AsOf >= first && r.AsOf < next);
        }
        // The month's latest list: a month screened twice samples from what staff were last given.
        var run = runs.OrderByDescending(r => r.AsOf).ThenByDescending(r => r.Id).Select(r => new { r.Id, r.AsOf }).FirstOrDefault();
        if (run is null)
            return UseCaseResult<QualitySample>.Invalid(month is { } asked ? $"There is no monthly list for {asked:MMMM yyyy}." : "No monthly list has been stored yet.");
        var sampleMonth = new DateOnly(run.AsOf.Year, run.AsOf.Month, 1);

        // Candidates are the same for every QDO of the region (limited-access cases are never sampled), so their samples agree.
        var candidates = db.ListedCases.AsNoTracking()
            .Where(c => c.RunId == run.Id && c.Status == (byte)ScreeningStatus.Complex && c.RegionCode == region && !c.LimitedAccess)
            .Select(c => c.Crn).ToList();
        var chosen = QualitySampling.Choose(candidates, sampleMonth, region, quality.SampleSize);
        var listed = db.ListedCases.AsNoTracking().Where(c => c.RunId == run.Id && chosen.Contains(c.Crn)).ToList()
            .Where(c => CaseAccess.Can(user, Permission.RecordQualityReview, CaseFacts.Of(c)))
            .ToDictionary(c => c.Crn, StringComparer.Ordinal);
        var stages = db.Workflows.AsNoTracking().Where(w => chosen.Contains(w.Crn)).Select(w => new { w.Crn, w.Stage })
            .ToDictionary(w => w.Crn, w => (CaseStage)w.Stage, StringComparer.Ordinal);
        var reviews = db.QualityReviews.AsNoTracking().Where(r => chosen.Contains(r.Crn) && r.ReviewedOn >= run.AsOf)
            .Select(r => new { r.Id, r.Crn, r.ReviewedOn, r.ReviewerName }).ToList()
            .GroupBy(r => r.Crn, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(r => r.ReviewedOn).ThenByDescending(r => r.Id).Select(r => new ReviewSummary(r.Id, r.ReviewedOn, r.ReviewerName)).First(),
                StringComparer.Ordinal);
        var cases = chosen.Where(listed.ContainsKey).Select(crn =>
        {
            var c = listed[crn];
            return new SampledCase(c.Crn, c.Forename, c.Surname, c.PduCode, c.PduName,
                stages.TryGetValue(crn, out var stage) ? stage : null, reviews.GetValueOrDefault(crn));
        }).ToList();
        return UseCaseResult<QualitySample>.Ok(new QualitySample(sampleMonth, run.Id, run.AsOf, region, candidates.Count, cases));
    }

    /// <summary>The case's workflow if the user may review it; null when there is none or they may not (the same to them).</summary>
    public CaseWorkflowRecord? Reviewable(StaffUser user, string crn)
    {
        if (!Crn.TryParse(crn, out var parsed) || parsed.ToString() != crn) return null;
        var record = db.Workflows.AsNoTracking().SingleOrDefault(w => w.Crn == crn);
        return record is not null && CaseAccess.Can(user, Permission.RecordQualityReview, WorkflowRecords.Facts(record)) ? record : null;
    }

    /// <summary>
    /// Validates and stores a review, its audit entry and the practitioner's notification in one transaction. Invalid input
    /// stores nothing and names each field to fix.
    /// </summary>
    public QualityReviewResult Record(StaffUser user, string crn, QualityReviewRequest request)
    {
        var workflow = Reviewable(user, crn);
        if (workflow is null) return new QualityReviewResult(null, [], NotFound: true);
        var now = clock.GetUtcNow();
        var validated = QualityReview.Create(request.ReviewedOn, request.Answers, request.Feedback, request.PeerSupportNotes, WorkingCalendar.UkDate(now));
        if (validated.Value is not { } review) return new QualityReviewResult(null, validated.Errors, NotFound: false);

        var record = new QualityReviewRecord
        {
            WorkflowId = workflow.Id,
            Crn = workflow.Crn,
            ReviewerUserName = user.Id,
            ReviewerName = user.DisplayName,
            ReviewedOn = review.ReviewedOn,
            AnswersJson = JsonSerializer.Serialize(new Dictionary<ChecklistItem, ChecklistAnswer>(review.Answers), WorkflowJson.Default.DictionaryChecklistItemChecklistAnswer),
            Feedback = review.Feedback,
            PeerSupportNotes = review.PeerSupportNotes,
            RecordedAt = now,
        };
        using var transaction = db.Database.BeginTransaction();
        db.QualityReviews.Add(record);
        db.SaveChanges();
        var counts = review.Answers.Values.GroupBy(a => a).ToDictionary(g => g.Key, g => g.Count());
        new AuditLog(clock).Append(db, new AuditEntryRequest(user.Id, AuditAction.Alteration, AuditEventTypes.QualityReviewRecorded, Purpose)
        {
            Subjects = AuditSubjects.Of(Crn.Parse(workflow.Crn)),
            Details = new AuditDetails().Add("reviewId", record.Id).Add("reviewedOn", record.ReviewedOn)
                .Add("met", counts.GetValueOrDefault(ChecklistAnswer.Met)).Add("partlyMet", counts.GetValueOrDefault(ChecklistAnswer.PartlyMet))
                .Add("notMet", counts.GetValueOrDefault(ChecklistAnswer.NotMet)).Add("notApplicable", counts.GetValueOrDefault(ChecklistAnswer.NotApplicable))
                .ToString(),
        });
        // Feedback is for the practitioner: tell them (not their SPO, who sees it on the case page) in the same transaction.
        var facts = WorkflowRecords.Facts(workflow);
        var (title, body) = NotificationTexts.QualityFeedback(workflow.Crn, record.ReviewedOn);
        var practitioners = StaffDirectory.Load(db).WithStaffCode(workflow.PractitionerCode).Where(u => CaseAccess.CanSee(u, facts));
        new NotificationCentre(db, clock).Add(practitioners.Select(u => new NotificationDraft(u.Id, NotificationKind.QualityFeedback,
            record.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), record.ReviewedOn, title, body,
            NotificationLinks.CaseReviews(workflow.Crn), [workflow.Crn])), user.Id);
        transaction.Commit();
        return new QualityReviewResult(record, [], NotFound: false);
    }

    /// <summary>The case's reviews, newest first, for a user who may see the case; none otherwise.</summary>
    public IReadOnlyList<QualityReviewView> VisibleTo(StaffUser user, string crn)
    {
        var workflow = db.Workflows.AsNoTracking().Where(w => w.Crn == crn).SingleOrDefault();
        if (workflow is null || !CaseAccess.CanSee(user, WorkflowRecords.Facts(workflow))) return [];
        return [.. db.QualityReviews.AsNoTracking().Where(r => r.WorkflowId == workflow.Id).ToList()
            .OrderByDescending(r => r.ReviewedOn).ThenByDescending(r => r.Id)
            .Select(ToView)];
    }

    private static QualityReviewView ToView(QualityReviewRecord r)
    {
        var answers = JsonSerializer.Deserialize(r.AnswersJson, WorkflowJson.Default.DictionaryChecklistItemChecklistAnswer) ?? [];
        return new QualityReviewView(r.Id, r.ReviewedOn, r.ReviewerName,
            [.. Checklist.Items.Where(answers.ContainsKey).Select(item => KeyValuePair.Create(item, answers[item]))],
            r.Feedback, r.PeerSupportNotes);
    }
}
