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
/// <remarks><see cref="Feedback"/> is what to try next; <see cref="WentWell"/> what went well (shown first).</remarks>
public sealed record QualityReviewRequest(
    DateOnly? ReviewedOn, IReadOnlyDictionary<ChecklistItem, ChecklistAnswer?> Answers, string? Feedback, string? PeerSupportNotes)
{
    public string? WentWell { get; init; }
}

/// <summary>A practitioner's reply to feedback.</summary>
public sealed record ReviewReply(string ByName, DateTimeOffset At, string Text);

/// <summary>A stored review as shown on a case page: what went well, then what to try; whether the practitioner read it, and their replies.</summary>
public sealed record QualityReviewView(
    long Id, DateOnly ReviewedOn, string ReviewerName, IReadOnlyList<KeyValuePair<ChecklistItem, ChecklistAnswer>> Answers,
    string Feedback, string PeerSupportNotes)
{
    public string WentWell { get; init; } = "";
    public DateTimeOffset? ReadAt { get; init; }
    public IReadOnlyList<ReviewReply> Replies { get; init; } = [];
    /// <summary>May the viewer reply and mark it read (they are the case's practitioner)?</summary>
    public bool MayAnswer { get; init; }
    /// <summary>
    /// The review awaits a second QDO's independent review and the viewer is another QDO: its answers and feedback are not
    /// shown (empty here) until the second review is recorded, so the second cannot be swayed by the first.
    /// </summary>
    public bool Blinded { get; init; }
}

/// <summary>A review sampled for a second opinion that the user may give: the case, and when and by whom the first was made.</summary>
public sealed record AwaitedSecondReview(string Crn, string PduCode, long FirstReviewId, DateOnly FirstReviewedOn, string FirstReviewerName);

/// <summary>
/// Quality reviews by QDOs: a month's reproducible sample of listed cases in their region, a review of any case they may review
/// (checklist, feedback, peer-support notes; audited, and the practitioner told), and the reviews of a case for whoever may see it.
/// </summary>
public sealed class QualityReviews(
    ComplexCasesDbContext db, WorkflowSettings settings, QualitySettings quality, AuditLog audit, NotificationCentre notifications, TimeProvider clock)
{
    public const string Purpose = "quality review of practice on a complex case";

    /// <summary>The runs made with their month's operational definition (the adopted one, else <c>Workflow:DefinitionId</c>).</summary>
    private IQueryable<Data.Screening.ScreeningRun> OperationalRuns() => Definitions.OperationalDefinition.Runs(db, settings.DefinitionId);

    /// <summary>Months with a list of the operational definition, newest first (each as its first day).</summary>
    public IReadOnlyList<DateOnly> Months() =>
        [.. OperationalRuns().Select(r => r.AsOf).Distinct().ToList()
            .Select(d => new DateOnly(d.Year, d.Month, 1)).Distinct().OrderDescending()];

    /// <summary>The sample of <paramref name="month"/> (default: the latest list's month) in the user's region.</summary>
    public UseCaseResult<QualitySample> Sample(StaffUser user, DateOnly? month = null)
    {
        if (!user.Has(Permission.RecordQualityReview)) return UseCaseResult<QualitySample>.Invalid("You do not have permission to review case quality.");
        if (user.RegionCode is not { } region) return UseCaseResult<QualitySample>.Invalid("Your account has no region, so there is no sample to show.");
        var runs = OperationalRuns();
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
        // Only cases whose conversation has been recorded this time round: there is nothing to review before it.
        var listedCrns = db.ListedCases.AsNoTracking()
            .Where(c => c.RunId == run.Id && c.Status == (byte)ScreeningStatus.Complex && c.RegionCode == region && !c.LimitedAccess)
            .Select(c => c.Crn).ToList();
        var conversed = ConversationDates(listedCrns);
        var candidates = listedCrns.Where(conversed.ContainsKey).ToList();
        var chosen = QualitySampling.Choose(candidates, sampleMonth, region, quality.SampleSize);
        var listed = db.ListedCases.AsNoTracking().Where(c => c.RunId == run.Id && chosen.Contains(c.Crn)).ToList()
            .Where(c => CaseAccess.Can(user, Permission.RecordQualityReview, CaseFacts.Of(c)))
            .ToDictionary(c => c.Crn, StringComparer.Ordinal);
        var stages = db.Workflows.AsNoTracking().Where(w => chosen.Contains(w.Crn)).Select(w => new { w.Crn, w.Stage })
            .ToDictionary(w => w.Crn, w => (CaseStage)w.Stage, StringComparer.Ordinal);
        var reviews = db.QualityReviews.AsNoTracking().Where(r => chosen.Contains(r.Crn) && r.ReviewedOn >= run.AsOf)
            .Select(r => new { r.Id, r.Crn, r.ReviewedOn, r.ReviewerName, r.ReadAt, Replies = r.Replies.Count }).ToList()
            .GroupBy(r => r.Crn, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(r => r.ReviewedOn).ThenByDescending(r => r.Id)
                .Select(r => new ReviewSummary(r.Id, r.ReviewedOn, r.ReviewerName) { ReadAt = r.ReadAt, Replies = r.Replies }).First(),
                StringComparer.Ordinal);
        var cases = chosen.Where(listed.ContainsKey).Select(crn =>
        {
            var c = listed[crn];
            return new SampledCase(c.Crn, c.Forename, c.Surname, c.PduCode, c.PduName,
                stages.TryGetValue(crn, out var stage) ? stage : null, reviews.GetValueOrDefault(crn));
        }).ToList();
        return UseCaseResult<QualitySample>.Ok(new QualitySample(sampleMonth, run.Id, run.AsOf, region, candidates.Count, cases));
    }

    /// <summary>
    /// Per CRN, the date of the conversation held since the case (last) entered the process, for those that have one (the
    /// latest, if a case went round again after a follow-up).
    /// </summary>
    public IReadOnlyDictionary<string, DateOnly> ConversationDates(IReadOnlyCollection<string> crns)
    {
        int[] steps = [(int)WorkflowStep.ConversationNoFurtherSupport, (int)WorkflowStep.ConversationEscalated, (int)WorkflowStep.Relisted];
        var events = (from w in db.Workflows.AsNoTracking()
                      where crns.Contains(w.Crn)
                      join e in db.WorkflowEvents.AsNoTracking() on w.Id equals e.WorkflowId
                      where steps.Contains(e.Step)
                      select new { w.Crn, e.Step, e.At, e.Id, e.DetailsJson }).ToList();
        var result = new Dictionary<string, DateOnly>(StringComparer.Ordinal);
        foreach (var history in events.GroupBy(e => e.Crn, StringComparer.Ordinal))
        {
            DateOnly? held = null;
            foreach (var e in history.OrderBy(e => e.At).ThenBy(e => e.Id))
                held = e.Step == (int)WorkflowStep.Relisted ? null : StepDetails.FromJson(e.DetailsJson).Conversation?.HeldOn ?? WorkingCalendar.UkDate(e.At);
            if (held is { } day) result[history.Key] = day;
        }
        return result;
    }

    /// <summary>The case's workflow if the user may review it; null when there is none or they may not (the same to them).</summary>
    public CaseWorkflowRecord? Reviewable(StaffUser user, Crn crn)
    {
        var crnText = crn.ToString();
        return Reviewable(user, db.Workflows.AsNoTracking().SingleOrDefault(w => w.Crn == crnText));
    }

    /// <summary><see cref="Reviewable(StaffUser, Crn)"/> on the case's workflow already read (the case page reads it once).</summary>
    internal static CaseWorkflowRecord? Reviewable(StaffUser user, CaseWorkflowRecord? record) =>
        record is not null && CaseAccess.Can(user, Permission.RecordQualityReview, WorkflowRecords.Facts(record)) ? record : null;

    /// <summary>
    /// Validates and stores a review, its audit entry and the practitioner's notification in one transaction. Invalid input
    /// stores nothing and names each field to fix.
    /// </summary>
    public UseCaseResult<QualityReviewRecord> Record(StaffUser user, Crn crn, QualityReviewRequest request)
    {
        var workflow = Reviewable(user, crn);
        if (workflow is null) return UseCaseResult<QualityReviewRecord>.NotFound();
        var now = clock.GetUtcNow();
        var conversationOn = ConversationDates([workflow.Crn]).TryGetValue(workflow.Crn, out var held) ? held : (DateOnly?)null;
        var validated = QualityReview.Create(request.ReviewedOn, request.Answers, request.WentWell, request.Feedback, request.PeerSupportNotes,
            WorkingCalendar.UkDate(now), conversationOn);
        if (validated.Value is not { } review) return UseCaseResult<QualityReviewRecord>.Invalid(validated.Errors);

        var record = new QualityReviewRecord
        {
            WorkflowId = workflow.Id,
            Crn = workflow.Crn,
            ReviewerUserName = user.Id,
            ReviewerName = user.DisplayName,
            ReviewedOn = review.ReviewedOn,
            AnswersJson = JsonSerializer.Serialize(new Dictionary<ChecklistItem, ChecklistAnswer>(review.Answers), WorkflowJson.Default.DictionaryChecklistItemChecklistAnswer),
            WentWell = review.WentWell,
            Feedback = review.Feedback,
            PeerSupportNotes = review.PeerSupportNotes,
            RecordedAt = now,
        };
        using var transaction = db.Database.BeginTransaction();
        db.QualityReviews.Add(record);
        db.SaveChanges();
        var counts = review.Answers.Values.GroupBy(a => a).ToDictionary(g => g.Key, g => g.Count());
        audit.Append(db, new AuditEntryRequest(user.Id, AuditAction.Alteration, AuditEventTypes.QualityReviewRecorded, Purpose)
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
        notifications.Add(practitioners.Select(u => new NotificationDraft(u.Id, NotificationKind.QualityFeedback,
            record.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), record.ReviewedOn, title, body,
            NotificationLinks.CaseReviews(workflow.Crn), [workflow.Crn])), user.Id);
        transaction.Commit();
        return UseCaseResult<QualityReviewRecord>.Ok(record);
    }

    /// <summary>
    /// The case's reviews, newest first, for a user who may see the case; none otherwise. A review awaiting its second review is
    /// shown to other QDOs without its answers and feedback (<see cref="QualityReviewView.Blinded"/>).
    /// </summary>
    public IReadOnlyList<QualityReviewView> VisibleTo(StaffUser user, Crn crn)
    {
        var crnText = crn.ToString();
        return VisibleTo(user, db.Workflows.AsNoTracking().Where(w => w.Crn == crnText).SingleOrDefault());
    }

    /// <summary><see cref="VisibleTo(StaffUser, Crn)"/> on the case's workflow already read (the case page reads it once).</summary>
    internal IReadOnlyList<QualityReviewView> VisibleTo(StaffUser user, CaseWorkflowRecord? workflow)
    {
        if (workflow is null || !CaseAccess.CanSee(user, WorkflowRecords.Facts(workflow))) return [];
        var mayAnswer = IsPractitioner(user, workflow);
        var records = db.QualityReviews.AsNoTracking().Include(r => r.Replies).Where(r => r.WorkflowId == workflow.Id).ToList();
        var awaiting = user.Has(Permission.RecordQualityReview)
            ? SecondReview.Pair(records.Select(r => new ReviewRef(r.Id, r.WorkflowId, r.ReviewerUserName)), quality.SecondReviewShare)
                .Where(p => p.Second is null && p.First.Reviewer != user.Id).Select(p => p.First.Id).ToHashSet()
            : [];
        return [.. records
            .OrderByDescending(r => r.ReviewedOn).ThenByDescending(r => r.Id)
            .Select(r => awaiting.Contains(r.Id)
                ? ToView(r) with { Answers = [], Feedback = "", PeerSupportNotes = "", WentWell = "", Replies = [], Blinded = true }
                : ToView(r) with { MayAnswer = mayAnswer })];
    }

    /// <summary>Every stored review sampled for a second opinion, with its second review where made (one query, ids only).</summary>
    public IReadOnlyList<ReviewPair> Pairs() =>
        SecondReview.Pair(db.QualityReviews.AsNoTracking().Select(r => new { r.Id, r.WorkflowId, r.ReviewerUserName }).ToList()
            .Select(r => new ReviewRef(r.Id, r.WorkflowId, r.ReviewerUserName)), quality.SecondReviewShare);

    /// <summary>
    /// The reviews awaiting a second opinion that this QDO may give: made by another QDO, of a case they may review (their
    /// region; never a limited-access case they are not named for), oldest first.
    /// </summary>
    public IReadOnlyList<AwaitedSecondReview> SecondReviewsAsked(StaffUser user)
    {
        if (!user.Has(Permission.RecordQualityReview)) return [];
        var awaiting = Pairs().Where(p => p.Second is null && p.First.Reviewer != user.Id).Select(p => p.First.Id).ToList();
        if (awaiting.Count == 0) return [];
        var firsts = db.QualityReviews.AsNoTracking().Where(r => awaiting.Contains(r.Id))
            .Select(r => new { r.Id, r.WorkflowId, r.ReviewedOn, r.ReviewerName }).ToList();
        var workflowIds = firsts.Select(f => f.WorkflowId).Distinct().ToList();
        var workflows = db.Workflows.AsNoTracking().Where(w => workflowIds.Contains(w.Id)).ToList()
            .Where(w => CaseAccess.Can(user, Permission.RecordQualityReview, WorkflowRecords.Facts(w))).ToDictionary(w => w.Id);
        return [.. firsts.Where(f => workflows.ContainsKey(f.WorkflowId)).OrderBy(f => f.ReviewedOn).ThenBy(f => f.Id)
            .Select(f => new AwaitedSecondReview(workflows[f.WorkflowId].Crn, workflows[f.WorkflowId].PduCode, f.Id, f.ReviewedOn, f.ReviewerName))];
    }

    public const int MaxReply = 2000;

    /// <summary>The case's practitioner replies to a review's feedback; the QDO who wrote it is told. Audited with the case.</summary>
    public UseCaseResult<QualityReviewRecord> Reply(StaffUser user, Crn crn, long reviewId, string? text)
    {
        var (review, workflow) = Answerable(user, crn, reviewId);
        if (review is null || workflow is null) return UseCaseResult<QualityReviewRecord>.NotFound();
        var reply = (text ?? "").Trim();
        if (reply.Length == 0) return UseCaseResult<QualityReviewRecord>.Invalid("reply", "Enter your reply");
        if (reply.Length > MaxReply)
            return UseCaseResult<QualityReviewRecord>.Invalid("reply", $"Your reply must be {MaxReply} characters or fewer");
        var now = clock.GetUtcNow();
        using var transaction = db.Database.BeginTransaction();
        review.Replies.Add(new QualityReviewReplyRecord { ReviewId = review.Id, By = user.Id, ByName = user.DisplayName, At = now, Text = reply });
        // Replying is reading: the QDO sees it was read.
        if (review.ReadAt is null) (review.ReadAt, review.ReadBy) = (now, user.Id);
        db.SaveChanges();
        AuditAnswer(user, review, "reply");
        var (title, body) = NotificationTexts.QualityReply(review.Crn, user.DisplayName);
        notifications.Add([new NotificationDraft(review.ReviewerUserName, NotificationKind.QualityReply,
            $"{review.Id}-{review.Replies.Count}", null, title, body, NotificationLinks.CaseReviews(review.Crn), [review.Crn])], user.Id);
        transaction.Commit();
        return UseCaseResult<QualityReviewRecord>.Ok(review);
    }

    /// <summary>The case's practitioner marks a review's feedback read (once; the QDO sees when).</summary>
    public UseCaseResult<QualityReviewRecord> MarkRead(StaffUser user, Crn crn, long reviewId)
    {
        var (review, workflow) = Answerable(user, crn, reviewId);
        if (review is null || workflow is null) return UseCaseResult<QualityReviewRecord>.NotFound();
        if (review.ReadAt is not null) return UseCaseResult<QualityReviewRecord>.Ok(review);
        using var transaction = db.Database.BeginTransaction();
        (review.ReadAt, review.ReadBy) = (clock.GetUtcNow(), user.Id);
        db.SaveChanges();
        AuditAnswer(user, review, "read");
        transaction.Commit();
        return UseCaseResult<QualityReviewRecord>.Ok(review);
    }

    /// <summary>The practitioner is whoever holds the case's practitioner staff code and may see it.</summary>
    private static bool IsPractitioner(StaffUser user, CaseWorkflowRecord workflow) =>
        user.StaffCode is not null && user.StaffCode == workflow.PractitionerCode && CaseAccess.CanSee(user, WorkflowRecords.Facts(workflow));

    private (QualityReviewRecord? Review, CaseWorkflowRecord? Workflow) Answerable(StaffUser user, Crn crn, long reviewId)
    {
        var crnText = crn.ToString();
        var workflow = db.Workflows.AsNoTracking().SingleOrDefault(w => w.Crn == crnText);
        if (workflow is null || !IsPractitioner(user, workflow)) return (null, null);
        var review = db.QualityReviews.Include(r => r.Replies).SingleOrDefault(r => r.Id == reviewId && r.WorkflowId == workflow.Id);
        return (review, review is null ? null : workflow);
    }

    private void AuditAnswer(StaffUser user, QualityReviewRecord review, string answer) =>
        audit.Append(db, new AuditEntryRequest(user.Id, AuditAction.Alteration, AuditEventTypes.QualityFeedbackAnswered, Purpose)
        {
            Subjects = AuditSubjects.Of(Crn.Parse(review.Crn)),
            Details = new AuditDetails().Add("reviewId", review.Id).Add("answer", answer).ToString(),
        });

    private static QualityReviewView ToView(QualityReviewRecord r)
    {
        var answers = JsonSerializer.Deserialize(r.AnswersJson, WorkflowJson.Default.DictionaryChecklistItemChecklistAnswer) ?? [];
        return new QualityReviewView(r.Id, r.ReviewedOn, r.ReviewerName,
            [.. Checklist.Items.Where(answers.ContainsKey).Select(item => KeyValuePair.Create(item, answers[item]))],
            r.Feedback, r.PeerSupportNotes)
        {
            WentWell = r.WentWell,
            ReadAt = r.ReadAt,
            Replies = [.. r.Replies.OrderBy(x => x.At).ThenBy(x => x.Id).Select(x => new ReviewReply(x.ByName, x.At, x.Text))],
        };
    }
}
