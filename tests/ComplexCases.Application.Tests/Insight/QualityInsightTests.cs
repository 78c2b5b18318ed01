using ComplexCases.Application.Access;
using ComplexCases.Application.Insight;
using ComplexCases.Application.Quality;
using ComplexCases.Application.Tests.Notifications;
using ComplexCases.Domain.Insight;
using ComplexCases.Domain.People;
using ComplexCases.Domain.Workflow;

namespace ComplexCases.Application.Tests.Insight;

/// <summary>Double review (sampling, blinding, pairing) and the consistency-of-quality figures, on a real SQLite database.</summary>
public sealed class QualityInsightTests : IDisposable
{
    private static readonly DateOnly September = new(2025, 9, 1);
    private static readonly DateOnly EndOfSeptember = new(2025, 9, 30);

    private readonly WorkflowWorld _world = new(new DateTimeOffset(2025, 9, 15, 10, 0, 0, TimeSpan.Zero));

    public void Dispose() => _world.Dispose();

    private static QualityReviewRequest Review(Func<ChecklistItem, ChecklistAnswer>? answer = null) =>
        new(new DateOnly(2025, 9, 15), Checklist.Items.ToDictionary(i => i, i => (ChecklistAnswer?)(answer?.Invoke(i) ?? ChecklistAnswer.Met)),
            "Record the person's own view.", "") { WentWell = "Timely and well recorded." };

    private List<string> Conversed(int count, string pdu = WorkflowWorld.PduA, params BlockageCategory[] blockages)
    {
        var run = _world.Db.Runs.FirstOrDefault() ?? _world.Run(September);
        return [.. Enumerable.Range(0, count).Select(_ =>
        {
            var crn = _world.Listed(run, WorkflowWorld.RegionA, pdu).Crn;
            _world.Conversed(crn, new DateOnly(2025, 9, 3), blockages);
            return crn;
        })];
    }

    private QualityInsight Insight(double share) =>
        new(_world.Db, _world.Reviews(secondReviewShare: share), new QualitySettings { SecondReviewShare = share });

    [Fact]
    public void SecondQdo_SeesNoAnswersUntilTheirsIsRecorded_ThenTheTwoArePaired()
    {
        var crn = Conversed(1).Single();
        var first = _world.Account("qdo-a", Role.Qdo, pdu: null);
        var second = _world.Account("qdo-b", Role.Qdo, pdu: null);
        var reviews = _world.Reviews(secondReviewShare: 1.0);
        reviews.Record(first, Crn.Parse(crn), Review(i => i == ChecklistItem.PersonsVoice ? ChecklistAnswer.NotMet : ChecklistAnswer.Met)).Succeeded.ShouldBeTrue();

        var blinded = reviews.VisibleTo(second, Crn.Parse(crn)).Single();
        blinded.Blinded.ShouldBeTrue();
        blinded.Answers.ShouldBeEmpty();
        blinded.Feedback.ShouldBeEmpty();
        blinded.WentWell.ShouldBeEmpty();
        reviews.VisibleTo(first, Crn.Parse(crn)).Single().Blinded.ShouldBeFalse();
        reviews.SecondReviewsAsked(second).Select(a => a.Crn).ShouldBe([crn]);
        reviews.SecondReviewsAsked(first).ShouldBeEmpty();

        reviews.Record(second, Crn.Parse(crn), Review()).Succeeded.ShouldBeTrue();

        reviews.VisibleTo(second, Crn.Parse(crn)).ShouldAllBe(r => !r.Blinded && r.Answers.Count == Checklist.Items.Count);
        reviews.SecondReviewsAsked(second).ShouldBeEmpty();
        var pair = reviews.Pairs().Single();
        pair.Second.ShouldNotBeNull();
        pair.Second.Value.Reviewer.ShouldBe("qdo-b");
    }

    [Fact]
    public void NoShare_NoBlinding_NoSecondReviewAsked()
    {
        var crn = Conversed(1).Single();
        var first = _world.Account("qdo-a", Role.Qdo, pdu: null);
        var second = _world.Account("qdo-b", Role.Qdo, pdu: null);
        var reviews = _world.Reviews(secondReviewShare: 0);
        reviews.Record(first, Crn.Parse(crn), Review()).Succeeded.ShouldBeTrue();

        reviews.VisibleTo(second, Crn.Parse(crn)).Single().Blinded.ShouldBeFalse();
        reviews.SecondReviewsAsked(second).ShouldBeEmpty();
    }

    [Fact]
    public void Agreement_IsCohensKappaOnThePairs_AndSecondReviewsAreNotCountedTwiceInTheResults()
    {
        var crns = Conversed(12);
        var first = _world.Account("qdo-a", Role.Qdo, pdu: null);
        var second = _world.Account("qdo-b", Role.Qdo, pdu: null);
        var analyst = _world.Account("analyst", Role.Analyst, pdu: null);
        var reviews = _world.Reviews(secondReviewShare: 1.0);
        // The person's view: the first QDO finds it met on 8 cases and not met on 4; the second agrees on all but 2.
        var firstSays = crns.Select((_, i) => i < 8 ? ChecklistAnswer.Met : ChecklistAnswer.NotMet).ToList();
        var secondSays = crns.Select((_, i) => i is 0 or 8 ? (firstSays[i] == ChecklistAnswer.Met ? ChecklistAnswer.NotMet : ChecklistAnswer.Met) : firstSays[i]).ToList();
        for (var i = 0; i < crns.Count; i++)
        {
            var k = i;
            reviews.Record(first, Crn.Parse(crns[i]), Review(item => item == ChecklistItem.PersonsVoice ? firstSays[k] : ChecklistAnswer.Met)).Succeeded.ShouldBeTrue();
        }
        for (var i = 0; i < crns.Count; i++)
        {
            var k = i;
            reviews.Record(second, Crn.Parse(crns[i]), Review(item => item == ChecklistItem.PersonsVoice ? secondSays[k] : ChecklistAnswer.Met)).Succeeded.ShouldBeTrue();
        }

        var view = Insight(1.0).Run(analyst, September, EndOfSeptember);

        view.Reviews.ShouldBe(12);
        var voice = view.Items.Single(i => i.Item == ChecklistItem.PersonsVoice);
        voice.Reviews.ShouldBe(new ShownCount(12, false));
        voice.Answers[2].ShouldBe(new ShownCount(4, true));   // 1 to 4 withheld
        voice.Answers[0].ShouldBe(new ShownCount(8, true));   // and the next smallest, or 12 − 8 would give the 4 away
        voice.ShareMet.ShouldBe("[c]");                          // the rest (4) would give it away
        var expected = Agreement.CohensKappa(firstSays.Zip(secondSays));
        var row = view.Agreement.Single(a => a.Label == ChecklistItem.PersonsVoice.Question());
        row.Cases.ShouldBe(new ShownCount(12, false));
        row.Kappa.ShouldBe(expected.Kappa!.Value.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture));
        row.Observed.ShouldBe("83%");
        row.Reading.ShouldBe(expected.Reading);
        // Every other item: both said met every time, so kappa is undefined and the page says so.
        var timely = view.Agreement.Single(a => a.Label == ChecklistItem.ConversationTimely.Question());
        timely.Kappa.ShouldBe("undefined");
        timely.Reading.ShouldContain("undefined");
        view.Agreement[^1].Label.ShouldBe("All items together");
        view.Agreement[^1].Cases.ShouldBe(new ShownCount(12, false));
        view.AwaitingSecond.ShouldBe(new ShownCount(0, false));
    }

    [Fact]
    public void Areas_ASmallPduIsWithheld_AndTheNextSmallestToo_SoTheTotalGivesNothingAway()
    {
        var small = Conversed(3, WorkflowWorld.PduA);
        var other = Conversed(8, WorkflowWorld.PduB);
        var third = Conversed(9, "EOEBED");
        var qdo = _world.Account("qdo-a", Role.Qdo, pdu: null);
        var analyst = _world.Account("analyst", Role.Analyst, pdu: null);
        var reviews = _world.Reviews(secondReviewShare: 0);
        foreach (var crn in small.Concat(other).Concat(third)) reviews.Record(qdo, Crn.Parse(crn), Review()).Succeeded.ShouldBeTrue();

        var view = Insight(0).Run(analyst, September, EndOfSeptember, byTeam: false);

        view.AreaKind.ShouldBe("PDU");
        var byCode = view.Areas.ToDictionary(a => a.Name);
        byCode[WorkflowWorld.PduA].Reviews.ShouldBe(new ShownCount(3, true));
        byCode[WorkflowWorld.PduA].Overall.ShouldBe("[c]");
        byCode[WorkflowWorld.PduA].ShareMet.ShouldAllBe(s => s == "[c]");
        byCode[WorkflowWorld.PduB].Reviews.ShouldBe(new ShownCount(8, true));
        byCode["EOEBED"].Reviews.ShouldBe(new ShownCount(9, false));
        byCode["EOEBED"].Overall.ShouldBe("100%");
        view.Total.Reviews.ShouldBe(new ShownCount(20, false));
    }

    [Fact]
    public void Themes_CountBlockagesNamedAtConversationsByMonth_SmallCountsWithheld()
    {
        Conversed(6, WorkflowWorld.PduA, BlockageCategory.Accommodation, BlockageCategory.MentalHealthServices);
        Conversed(2, WorkflowWorld.PduA, BlockageCategory.Accommodation);
        Conversed(3, WorkflowWorld.PduA);
        var analyst = _world.Account("analyst", Role.Analyst, pdu: null);

        var view = Insight(0).Run(analyst, new DateOnly(2025, 8, 1), EndOfSeptember);

        view.Months.ShouldBe([new DateOnly(2025, 8, 1), September]);
        var held = view.Themes[0];
        held.Label.ShouldBe("Conversations held");
        held.Months.ShouldBe([new ShownCount(0, false), new ShownCount(11, false)]);
        var accommodation = view.Themes.Single(t => t.Label == BlockageCategory.Accommodation.Label());
        accommodation.Months[1].ShouldBe(new ShownCount(8, false));
        accommodation.Total.ShouldBe(new ShownCount(8, false));
        view.Themes.Single(t => t.Label == BlockageCategory.MentalHealthServices.Label()).Total.ShouldBe(new ShownCount(6, false));
        view.Themes.Single(t => t.Label == BlockageCategory.Workload.Label()).Total.ShouldBe(new ShownCount(0, false));
    }

    [Fact]
    public void HeadOfPdu_SeesOnlyTheirPdu_ByTeam()
    {
        var mine = Conversed(6, WorkflowWorld.PduA);
        var theirs = Conversed(6, WorkflowWorld.PduB);
        var qdo = _world.Account("qdo-a", Role.Qdo, pdu: null);
        var head = _world.Account("head", Role.HeadOfPdu);
        var reviews = _world.Reviews(secondReviewShare: 0);
        foreach (var crn in mine.Concat(theirs)) reviews.Record(qdo, Crn.Parse(crn), Review()).Succeeded.ShouldBeTrue();

        var view = Insight(0).Run(head, September, EndOfSeptember);

        view.AreaKind.ShouldBe("team");
        view.Reviews.ShouldBe(6);
        view.Areas.Single().Reviews.ShouldBe(new ShownCount(6, false));
    }
}
