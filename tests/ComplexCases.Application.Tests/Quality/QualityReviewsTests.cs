using ComplexCases.Application.Access;
using ComplexCases.Application.Audit;
using ComplexCases.Application.Quality;
using ComplexCases.Application.Tests.Notifications;
using ComplexCases.Domain.Notifications;
using ComplexCases.Domain.People;
using ComplexCases.Domain.Screening;
using ComplexCases.Domain.Workflow;

namespace ComplexCases.Application.Tests.Quality;

public sealed class QualityReviewsTests : IDisposable
{
    private static readonly DateOnly September = new(2025, 9, 1);

    private readonly WorkflowWorld _world = new(new DateTimeOffset(2025, 9, 15, 10, 0, 0, TimeSpan.Zero));

    public void Dispose() => _world.Dispose();

    private static Dictionary<ChecklistItem, ChecklistAnswer?> AllAnswered(ChecklistAnswer answer = ChecklistAnswer.Met) =>
        Checklist.Items.ToDictionary(i => i, _ => (ChecklistAnswer?)answer);

    private static QualityReviewRequest Valid(DateOnly? on = null) =>
        new(on ?? new DateOnly(2025, 9, 15), AllAnswered(), "Record the person's own view.", "") { WentWell = "Timely and well recorded." };

    /// <summary>A listed case in region A whose conversation was held on 2 September.</summary>
    private string Conversed(Data.Screening.ScreeningRun run)
    {
        var crn = _world.Listed(run, WorkflowWorld.RegionA, WorkflowWorld.PduA).Crn;
        _world.Conversed(crn, new DateOnly(2025, 9, 2));
        return crn;
    }

    [Fact]
    public void Sample_IsTheSameForEveryQdoOfTheRegion_AndOnlyHasTheRegionsListedComplexCases()
    {
        var run = _world.Run(September);
        for (var i = 0; i < 30; i++) _world.Conversed(_world.Listed(run, WorkflowWorld.RegionA, WorkflowWorld.PduA).Crn, new DateOnly(2025, 9, 3));
        for (var i = 0; i < 30; i++) _world.Conversed(_world.Listed(run, WorkflowWorld.RegionB, WorkflowWorld.PduB).Crn, new DateOnly(2025, 9, 3));
        var limited = Enumerable.Range(0, 5).Select(_ => _world.Listed(run, WorkflowWorld.RegionA, WorkflowWorld.PduA, limited: true).Crn).ToList();
        var possibly = Enumerable.Range(0, 5).Select(_ => _world.Listed(run, WorkflowWorld.RegionA, WorkflowWorld.PduA, ScreeningStatus.PossiblyComplex).Crn).ToList();
        var regionA = _world.Db.ListedCases.Where(c => c.RegionCode == WorkflowWorld.RegionA).Select(c => c.Crn).ToHashSet();
        var one = _world.Account("qdo-one", Role.Qdo, pdu: null);
        var two = _world.Account("qdo-two", Role.Qdo, pdu: null);
        var london = _world.Account("qdo-london", Role.Qdo, region: WorkflowWorld.RegionB, pdu: null);

        var first = _world.Reviews().Sample(one).Value!;
        using var other = _world.Open();
        var second = _world.Reviews(db: other).Sample(two).Value!;
        var londons = _world.Reviews().Sample(london).Value!;

        first.Cases.Count.ShouldBe(10);
        first.Candidates.ShouldBe(30);
        first.Month.ShouldBe(September);
        second.Cases.Select(c => c.Crn).ShouldBe(first.Cases.Select(c => c.Crn));
        first.Cases.ShouldAllBe(c => regionA.Contains(c.Crn) && !limited.Contains(c.Crn) && !possibly.Contains(c.Crn));
        first.Cases.ShouldAllBe(c => c.InProcess && c.Review == null);
        londons.Cases.Count.ShouldBe(10);
        londons.Cases.ShouldAllBe(c => !regionA.Contains(c.Crn));
    }

    [Fact]
    public void Sample_OnlyCasesWithARecordedConversation()
    {
        var run = _world.Run(September);
        var conversed = Enumerable.Range(0, 4).Select(_ => Conversed(run)).ToList();
        for (var i = 0; i < 20; i++) _world.Listed(run, WorkflowWorld.RegionA, WorkflowWorld.PduA);
        var qdo = _world.Account("qdo", Role.Qdo, pdu: null);

        var sample = _world.Reviews().Sample(qdo).Value!;

        sample.Candidates.ShouldBe(4);
        sample.Cases.Select(c => c.Crn).ShouldBe(conversed, ignoreOrder: true);
    }

    [Fact]
    public void Record_DatedBeforeTheConversation_Refused()
    {
        var crn = Conversed(_world.Run(September));
        var qdo = _world.Account("qdo", Role.Qdo, pdu: null);

        var result = _world.Reviews().Record(qdo, Crn.Parse(crn), Valid(new DateOnly(2025, 9, 1)));

        result.Errors.ShouldHaveSingleItem().Message.ShouldBe("The date of the review must be on or after the conversation it reviews, 2 September 2025");
        _world.Db.QualityReviews.Count().ShouldBe(0);
    }

    [Fact]
    public void Feedback_PractitionerRepliesAndMarksRead_QdoToldAndSeesIt_OthersMayNot()
    {
        var crn = Conversed(_world.Run(September));
        var pat = _world.Account("pat", Role.Practitioner, "P1");
        var sam = _world.Account("sam", Role.Spo, "S1", teams: "T1");
        var qdo = _world.Account("qdo", Role.Qdo, pdu: null);
        var review = _world.Reviews().Record(qdo, Crn.Parse(crn), Valid()).Value!;

        _world.Reviews().VisibleTo(pat, Crn.Parse(crn)).Single().ShouldSatisfyAllConditions(
            r => r.WentWell.ShouldBe("Timely and well recorded."), r => r.Feedback.ShouldBe("Record the person's own view."),
            r => r.MayAnswer.ShouldBeTrue(), r => r.ReadAt.ShouldBeNull());
        _world.Reviews().Reply(sam, Crn.Parse(crn), review.Id, "Not mine to answer").Status.ShouldBe(UseCaseStatus.NotFound);
        _world.Reviews().Reply(pat, Crn.Parse(crn), review.Id, " ").Errors.ShouldHaveSingleItem().Message.ShouldBe("Enter your reply");

        _world.Reviews().MarkRead(pat, Crn.Parse(crn), review.Id).Succeeded.ShouldBeTrue();
        _world.Reviews().Reply(pat, Crn.Parse(crn), review.Id, " I will record their view next time. ").Succeeded.ShouldBeTrue();

        using var db = _world.Open();
        var seen = _world.Reviews(db: db).VisibleTo(qdo, Crn.Parse(crn)).Single();
        seen.ReadAt.ShouldBe(_world.Clock.GetUtcNow());
        seen.MayAnswer.ShouldBeFalse();
        seen.Replies.ShouldHaveSingleItem().ShouldSatisfyAllConditions(r => r.Text.ShouldBe("I will record their view next time."), r => r.ByName.ShouldBe("Test pat"));
        _world.NotificationsOf(NotificationKind.QualityReply).ShouldHaveSingleItem().RecipientUserName.ShouldBe("qdo");
        _world.Audit(AuditEventTypes.QualityFeedbackAnswered).Select(a => a.Details).ToList().ShouldSatisfyAllConditions(
            d => d.Count.ShouldBe(2), d => d.ShouldContain(x => x.Contains("\"answer\":\"read\"")), d => d.ShouldContain(x => x.Contains("\"answer\":\"reply\"")));
        var summary = _world.Reviews(db: db).Sample(qdo).Value!.Cases.Single(c => c.Crn == crn).Review!;
        summary.Replies.ShouldBe(1);
        summary.ReadAt.ShouldNotBeNull();
    }

    [Fact]
    public void Sampling_DependsOnMonthAndRegion_NotOnTheOrderOfTheList()
    {
        var crns = Enumerable.Range(1, 200).Select(i => $"X{i:D6}").ToList();

        var sample = QualitySampling.Choose(crns, September, "EOE", 10);

        QualitySampling.Choose(Enumerable.Reverse(crns), September, "EOE", 10).ShouldBe(sample);
        QualitySampling.Choose(crns, September.AddMonths(1), "EOE", 10).ShouldNotBe(sample);
        QualitySampling.Choose(crns, September, "LON", 10).ShouldNotBe(sample);
        QualitySampling.Choose(crns.Take(5), September, "EOE", 10).Count.ShouldBe(5);
        // A case added to the month's list displaces at most one sampled case.
        QualitySampling.Choose([.. crns, "Z999999"], September, "EOE", 10).Intersect(sample).Count().ShouldBeGreaterThanOrEqualTo(9);
    }

    [Fact]
    public void Sample_OfAMonthWithNoList_SaysSo_AndAUserWithoutARegionIsTold()
    {
        _world.Run(September);
        var qdo = _world.Account("qdo", Role.Qdo, pdu: null);
        var nowhere = _world.Account("qdo-nowhere", Role.Qdo, region: null, pdu: null);

        _world.Reviews().Sample(qdo, new DateOnly(2025, 3, 1)).Error.ShouldBe("There is no monthly list for March 2025.");
        _world.Reviews().Sample(nowhere).Succeeded.ShouldBeFalse();
        _world.Reviews().Sample(_world.Account("pat", Role.Practitioner, "P1")).Succeeded.ShouldBeFalse();
    }

    [Fact]
    public void Record_IncompleteReview_NamesEachFieldAndStoresNothing()
    {
        var run = _world.Run(September);
        var crn = Conversed(run);
        var qdo = _world.Account("qdo", Role.Qdo, pdu: null);
        var answers = AllAnswered();
        answers[ChecklistItem.RiskConsidered] = null;
        answers.Remove(ChecklistItem.PersonsVoice);

        var result = _world.Reviews().Record(qdo, Crn.Parse(crn), new QualityReviewRequest(new DateOnly(2025, 9, 16), answers, "  ", null) { WentWell = " " });

        result.Succeeded.ShouldBeFalse();
        result.Status.ShouldNotBe(UseCaseStatus.NotFound);
        result.Errors.Select(e => e.Field).ShouldBe(["reviewedOn", "answers[RiskConsidered]", "answers[PersonsVoice]", "wentWell", "feedback"], ignoreOrder: true);
        result.Errors.Single(e => e.Field == "reviewedOn").Message.ShouldContain("today or in the past");
        _world.Db.QualityReviews.Count().ShouldBe(0);
        _world.Audit(AuditEventTypes.QualityReviewRecorded).ShouldBeEmpty();
        _world.NotificationsOf().ShouldBeEmpty();
    }

    [Fact]
    public void Record_ValidReview_IsStoredAuditedAndThePractitionerTold()
    {
        var run = _world.Run(September);
        var crn = Conversed(run);
        _world.Account("pat", Role.Practitioner, "P1");
        _world.Account("sam", Role.Spo, "S1", teams: "T1");
        var qdo = _world.Account("qdo", Role.Qdo, pdu: null);
        var answers = AllAnswered();
        answers[ChecklistItem.ActionsSpecific] = ChecklistAnswer.NotMet;

        var result = _world.Reviews().Record(qdo, Crn.Parse(crn), new QualityReviewRequest(new DateOnly(2025, 9, 15), answers, "Good work.\nRecord the person's view.", "Peer session offered.") { WentWell = "Timely." });

        result.Succeeded.ShouldBeTrue();
        using var db = _world.Open();
        var stored = db.QualityReviews.Single();
        stored.Crn.ShouldBe(crn);
        stored.ReviewerUserName.ShouldBe("qdo");
        stored.ReviewerName.ShouldBe("Test qdo");
        stored.ReviewedOn.ShouldBe(new DateOnly(2025, 9, 15));
        var audit = _world.Audit(AuditEventTypes.QualityReviewRecorded).ShouldHaveSingleItem();
        audit.Actor.ShouldBe("qdo");
        audit.Action.ShouldBe("alteration");
        audit.SubjectCrns.ShouldBe(crn);
        audit.Details.ShouldContain($"\"reviewId\":{stored.Id}");
        audit.Details.ShouldContain("\"met\":6");
        audit.Details.ShouldContain("\"notMet\":1");
        var told = _world.NotificationsOf(NotificationKind.QualityFeedback).ShouldHaveSingleItem();
        told.RecipientUserName.ShouldBe("pat");
        told.Link.ShouldBe($"/cases/{crn}#quality-reviews");
        told.Body.ShouldNotContain("Good work");
        _world.Audit(AuditEventTypes.NotificationsCreated).ShouldHaveSingleItem().Actor.ShouldBe("qdo");

        var sample = _world.Reviews().Sample(qdo).Value!;
        sample.Cases.Single(c => c.Crn == crn).Review!.ReviewerName.ShouldBe("Test qdo");
        sample.Reviewed.ShouldBe(1);
    }

    [Fact]
    public void Record_CaseOutsideTheQdosRegion_OrByAnotherRole_IsNotFound()
    {
        var run = _world.Run(September);
        var london = _world.Listed(run, WorkflowWorld.RegionB, WorkflowWorld.PduB).Crn;
        var ours = _world.Listed(run, WorkflowWorld.RegionA, WorkflowWorld.PduA).Crn;
        var qdo = _world.Account("qdo", Role.Qdo, pdu: null);
        var head = _world.Account("head", Role.HeadOfPdu);

        _world.Reviews().Record(qdo, Crn.Parse(london), Valid()).Status.ShouldBe(UseCaseStatus.NotFound);
        _world.Reviews().Record(head, Crn.Parse(ours), Valid()).Status.ShouldBe(UseCaseStatus.NotFound);
        _world.Db.QualityReviews.Count().ShouldBe(0);
    }

    [Fact]
    public void Reviews_AreSeenByThoseWhoMaySeeTheCase_NewestFirst()
    {
        var run = _world.Run(September);
        var crn = Conversed(run);
        var pat = _world.Account("pat", Role.Practitioner, "P1");
        var other = _world.Account("other", Role.Practitioner, "P2");
        var qdo = _world.Account("qdo", Role.Qdo, pdu: null);
        _world.Reviews().Record(qdo, Crn.Parse(crn), Valid(new DateOnly(2025, 9, 2))).Succeeded.ShouldBeTrue();
        _world.Reviews().Record(qdo, Crn.Parse(crn), Valid(new DateOnly(2025, 9, 12)) with { Feedback = "Second look." }).Succeeded.ShouldBeTrue();

        var seen = _world.Reviews().VisibleTo(pat, Crn.Parse(crn));

        seen.Select(r => r.ReviewedOn).ShouldBe([new DateOnly(2025, 9, 12), new DateOnly(2025, 9, 2)]);
        seen[0].Feedback.ShouldBe("Second look.");
        seen[0].Answers.Count.ShouldBe(Checklist.Items.Count);
        seen[0].Answers.ShouldAllBe(a => a.Value == ChecklistAnswer.Met);
        _world.Reviews().VisibleTo(other, Crn.Parse(crn)).ShouldBeEmpty();
    }
}
