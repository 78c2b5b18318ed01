using System.Text.Json;
using ComplexCases.Data.Screening;
using ComplexCases.Domain.Definitions;
using ComplexCases.Domain.Panels;
using ComplexCases.Domain.Workflow;

namespace ComplexCases.Application.Tests.Panels;

/// <summary>Each case's needed expertise (rules as data, from its latest listing) and each meeting's gaps, before and after it.</summary>
public sealed class PanelExpertiseTests : IDisposable
{
    private readonly PanelWorld _world = new();

    public void Dispose() => _world.Dispose();

    [Fact]
    public void NeedsByCase_FromTheCriteriaOfTheLatestListing()
    {
        _world.AddCase("E000001", CaseStage.AwaitingPanel, [CriterionId.MentalHealth, CriterionId.LearningDifficulties]);
        _world.AddCase("E000002", CaseStage.AwaitingPanel, [CriterionId.Mappa, CriterionId.Substance]);
        var db = _world.Db();

        var needs = _world.Expertise(db).NeedsByCase(["E000001", "E000002"]);

        needs["E000001"].ShouldBe([Agency.MentalHealth, Agency.AdultSocialCare, Agency.LearningDisability], ignoreOrder: true);
        needs["E000002"].ShouldBe([Agency.Police, Agency.SubstanceMisuse], ignoreOrder: true);
    }

    [Fact]
    public void NeedsByCase_ListedAgainWithOtherCriteria_FollowsTheLatestListing()
    {
        _world.AddCase("E000001", CaseStage.AwaitingPanel, [CriterionId.MentalHealth]);
        var db = _world.Db();
        ListedAgainMeeting(db, "E000001", CriterionId.Ipp);

        _world.Expertise(db).NeedsByCase(["E000001"])["E000001"].ShouldBe([Agency.Prison]);
    }

    [Fact]
    public void Meeting_BeforeItIsHeld_GapIsAgainstTheInvitations()
    {
        _world.AddCase("E000001", CaseStage.AwaitingPanel, [CriterionId.MentalHealth, CriterionId.LearningDifficulties, CriterionId.Mappa]);
        var police = _world.AddMember("Pat Police", Agency.Police);
        var probation = _world.AddMember("Pip Probation", Agency.Probation);
        var id = _world.Meeting(_world.Today.AddDays(7), [police, probation], ["E000001"]);
        var db = _world.Db();

        var meeting = _world.Meetings(db).Find(_world.PanelTeam, id)!;

        meeting.IsHeld.ShouldBeFalse();
        meeting.Needed.ShouldBe([Agency.MentalHealth, Agency.AdultSocialCare, Agency.LearningDisability, Agency.Police], ignoreOrder: true);
        meeting.NotInvited.Missing.ShouldBe([Agency.MentalHealth, Agency.AdultSocialCare, Agency.LearningDisability], ignoreOrder: true);
        meeting.NotPresent.ShouldBeNull();
        // Recorded with the change that made it so: the latest invitation or agenda change names the gap.
        var last = _world.Audit("panel.meeting_changed")[^1];
        JsonDocument.Parse(last.Details).RootElement.GetProperty("notInvited").GetString().ShouldBe("mental_health,adult_social_care,learning_disability");
    }

    [Fact]
    public void Meeting_OnceHeld_GapIsAgainstWhoAttended_AndIsRecordedInTheAudit()
    {
        _world.AddCase("E000001", CaseStage.AwaitingPanel, [CriterionId.MentalHealth, CriterionId.Mappa]);
        var police = _world.AddMember("Pat Police", Agency.Police);
        var health = _world.AddMember("Mo Health", Agency.MentalHealth);
        var id = _world.Meeting(_world.Today, [police, health], ["E000001"]);

        _world.Hold(id, police);

        var meeting = _world.Meetings(_world.Db()).Find(_world.PanelTeam, id)!;
        meeting.NotInvited.IsEmpty.ShouldBeTrue();
        meeting.NotPresent!.Missing.ShouldBe([Agency.MentalHealth]);
        meeting.NotPresent.MissingByCase["E000001"].ShouldBe([Agency.MentalHealth]);
        var held = _world.Audit("panel.meeting_changed")[^1];
        var details = JsonDocument.Parse(held.Details).RootElement;
        details.GetProperty("change").GetString().ShouldBe("attendance");
        details.GetProperty("notPresent").GetString().ShouldBe("mental_health");
        held.SubjectCrns.ShouldBe("E000001");
    }

    [Fact]
    public void Report_CountsTheMeetingsMissingEachAgency_BeforeAndAtTheMeeting()
    {
        _world.AddCase("E000001", CaseStage.AwaitingPanel, [CriterionId.MentalHealth, CriterionId.LearningDifficulties]);
        _world.AddCase("E000002", CaseStage.AwaitingPanel, [CriterionId.MentalHealth]);
        _world.AddCase("E000003", CaseStage.AwaitingPanel, [CriterionId.MentalHealth], region: PanelWorld.OtherRegion);
        var health = _world.AddMember("Mo Health", Agency.MentalHealth);
        var probation = _world.AddMember("Pip Probation", Agency.Probation);
        var held = _world.Meeting(_world.Today, [health, probation], ["E000001"]);
        _world.Hold(held, probation);
        _world.Meeting(_world.Today.AddDays(14), [probation], ["E000002"]);

        var report = _world.Expertise(_world.Db()).Report(_world.PanelTeam);

        report.Meetings.Count.ShouldBe(2);
        report.HeldMeetings.ShouldBe(1);
        var mentalHealth = report.Agencies.Single(a => a.Agency == Agency.MentalHealth);
        mentalHealth.MeetingsNeeding.ShouldBe(2);
        mentalHealth.NotInvited.ShouldBe(1);
        mentalHealth.HeldMeetingsNeeding.ShouldBe(1);
        mentalHealth.NotPresent.ShouldBe(1);
        var socialCare = report.Agencies.Single(a => a.Agency == Agency.AdultSocialCare);
        socialCare.MeetingsNeeding.ShouldBe(1);
        socialCare.NotInvited.ShouldBe(1);
        socialCare.NotPresent.ShouldBe(1);
        report.Agencies.Single(a => a.Agency == Agency.Housing).MeetingsNeeding.ShouldBe(0);
    }

    [Fact]
    public void Report_AHeldMeeting_KeepsTheGapRecordedAtTheTime_WhenItsCaseIsListedAgainWithOtherCriteria()
    {
        _world.AddCase("E000001", CaseStage.AwaitingPanel, [CriterionId.MentalHealth]);
        var probation = _world.AddMember("Pip Probation", Agency.Probation);
        var held = _world.Meeting(_world.Today, [probation], ["E000001"]);
        _world.Hold(held, probation);
        var db = _world.Db();
        db.PanelMeetings.Single(m => m.Id == held).NotPresentExpertise.ShouldBe("mental_health");

        // Next month the case meets other criteria: the meeting was still short of mental health expertise.
        ListedAgainMeeting(db, "E000001", CriterionId.Ipp);

        var meeting = _world.Expertise(db).Report(_world.PanelTeam).Meetings.ShouldHaveSingleItem();

        meeting.Needed.ShouldBe([Agency.MentalHealth]);
        meeting.NotInvited.ShouldBe([Agency.MentalHealth]);
        meeting.NotPresent.ShouldBe([Agency.MentalHealth]);
    }

    /// <summary>The case on next month's list meeting only <paramref name="criterion"/>, and the process following that listing.</summary>
    private static void ListedAgainMeeting(ComplexCases.Data.ComplexCasesDbContext db, string crn, CriterionId criterion)
    {
        var newer = new ScreeningRun
        {
            AsOf = new DateOnly(2026, 3, 1), DefinitionId = "pilot-2024", DefinitionVersion = 1, ExtractSha256 = new string('b', 64), RunBy = "test",
        };
        db.Runs.Add(newer);
        db.SaveChanges();
        db.ListedCases.Add(new ListedCase
        {
            RunId = newer.Id, Crn = crn, PduCode = "EOEPDU", RegionCode = PanelWorld.Region, MetMask = (byte)PanelWorld.Mask(criterion), EvidenceJson = "[]",
        });
        db.Workflows.Single(w => w.Crn == crn).LatestRunId = newer.Id;
        db.SaveChanges();
    }
}
