using ComplexCases.Application.Access;
using ComplexCases.Application.Insight;
using ComplexCases.Application.Panels;
using ComplexCases.Application.Tests.Notifications;
using ComplexCases.Data.Workflow;
using ComplexCases.Domain.Definitions;
using ComplexCases.Domain.Panels;

namespace ComplexCases.Application.Tests.Insight;

/// <summary>Expertise at panel on a real SQLite database: needs from the shipped rules, presence from the meeting's attendance.</summary>
public sealed class ExpertiseInsightTests : IDisposable
{
    private static readonly DateOnly September = new(2025, 9, 1);

    private readonly WorkflowWorld _world = new(new DateTimeOffset(2025, 9, 25, 10, 0, 0, TimeSpan.Zero));

    public void Dispose() => _world.Dispose();

    private List<CaseWorkflowRecord> Cases(int count, CriterionId criterion, string pdu = WorkflowWorld.PduA)
    {
        var run = _world.Db.Runs.FirstOrDefault() ?? _world.Run(September);
        return [.. Enumerable.Range(0, count).Select(_ =>
        {
            var listed = _world.Listed(run, WorkflowWorld.RegionA, pdu);
            listed.MetMask = (byte)(1 << (int)criterion);
            _world.Db.SaveChanges();
            return _world.Db.Workflows.Single(w => w.Crn == listed.Crn);
        })];
    }

    private void Held(DateOnly on, IEnumerable<CaseWorkflowRecord> agenda, Agency memberAgency, bool attended, bool discussed = true)
    {
        var meeting = _world.Meeting(on, [null], agenda, PanelMeetingStatus.Held);
        var member = _world.Db.PanelMembers.Single(m => m.Id == meeting.Members[0].MemberId);
        member.Agency = (int)memberAgency;
        meeting.Members[0].Attended = attended;
        foreach (var item in meeting.Agenda) item.Discussed = discussed;
        _world.Db.SaveChanges();
    }

    private ExpertiseInsight Insight() => new(_world.Db, new PanelExpertise(_world.Db, _world.Settings));

    [Fact]
    public void MentalHealthNeeded_PresentAtOneMeetingOfTwo_IsHalf()
    {
        Held(new DateOnly(2025, 9, 10), Cases(6, CriterionId.MentalHealth), Agency.MentalHealth, attended: true);
        Held(new DateOnly(2025, 9, 17), Cases(6, CriterionId.MentalHealth), Agency.MentalHealth, attended: false);
        Held(new DateOnly(2025, 9, 24), Cases(5, CriterionId.MentalHealth), Agency.MentalHealth, attended: true, discussed: false);
        var analyst = _world.Account("analyst", Role.Analyst, pdu: null);

        var view = Insight().Run(analyst, September, new DateOnly(2025, 9, 30));

        var mentalHealth = view.Agencies.Single(a => a.Agency == Agency.MentalHealth);
        mentalHealth.Needing.ShouldBe(new ShownCount(12, false));
        mentalHealth.Present.ShouldBe(new ShownCount(6, false));
        mentalHealth.Share.ShouldBe("50%");
        view.Agencies.Single(a => a.Agency == Agency.AdultSocialCare).Share.ShouldBe("–");
        var row = view.Rows.Single();
        row.Month.ShouldBe(September);
        row.Discussed.ShouldBe(new ShownCount(12, false));
        row.AllPresent.ShouldBe(new ShownCount(6, false));
        row.ShareAllPresent.ShouldBe("50%");
    }

    [Fact]
    public void LearningDifficulties_NeedsAdultSocialCare_AndSmallCountsAreWithheld()
    {
        Held(new DateOnly(2025, 9, 10), Cases(3, CriterionId.LearningDifficulties), Agency.AdultSocialCare, attended: true);
        Held(new DateOnly(2025, 9, 11), Cases(7, CriterionId.MentalHealth, WorkflowWorld.PduB), Agency.MentalHealth, attended: true);
        var analyst = _world.Account("analyst", Role.Analyst, pdu: null);

        var view = Insight().Run(analyst, September, new DateOnly(2025, 9, 30));

        var care = view.Agencies.Single(a => a.Agency == Agency.AdultSocialCare);
        care.Needing.ShouldBe(new ShownCount(3, true));
        care.Share.ShouldBe("[c]");
        // The small PDU is withheld, and so is the other one, or the total (10) would give it away.
        view.Rows.ShouldAllBe(r => r.Discussed.Withheld && r.ShareAllPresent == "[c]");
        view.Total.Discussed.ShouldBe(new ShownCount(10, false));
    }

    [Fact]
    public void HeadOfPdu_CountsOnlyTheirPdusCases()
    {
        Held(new DateOnly(2025, 9, 10), [.. Cases(6, CriterionId.MentalHealth), .. Cases(6, CriterionId.MentalHealth, WorkflowWorld.PduB)],
            Agency.MentalHealth, attended: true);
        var head = _world.Account("head", Role.HeadOfPdu);

        var view = Insight().Run(head, September, new DateOnly(2025, 9, 30));

        view.Total.Discussed.ShouldBe(new ShownCount(6, false));
        view.Rows.Single().Name.ShouldBe(WorkflowWorld.PduA);
    }
}
