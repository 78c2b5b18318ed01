using ComplexCases.Application.Access;
using ComplexCases.Application.Panels;
using ComplexCases.Application.Workflow;
using ComplexCases.Data.Workflow;
using ComplexCases.Domain.Definitions;
using ComplexCases.Domain.Panels;
using ComplexCases.Domain.People;
using ComplexCases.Domain.Workflow;

namespace ComplexCases.Application.Tests.Panels;

/// <summary>Scheduling, invitations, agenda rules, attendance and closing a meeting's follow-up.</summary>
public sealed class PanelMeetingTests : IDisposable
{
    private readonly PanelWorld _world = new();

    public void Dispose() => _world.Dispose();

    [Fact]
    public void Schedule_ByThePanelTeam_StoresTheMeetingInTheirRegionAndAuditsIt()
    {
        var result = _world.Meetings(_world.Db()).Schedule(_world.PanelTeam, _world.Today.AddDays(10), "  Chris Chair ");

        result.Succeeded.ShouldBeTrue();
        result.Value!.RegionCode.ShouldBe(PanelWorld.Region);
        result.Value.Chair.ShouldBe("Chris Chair");
        result.Value.Status.ShouldBe((int)PanelMeetingStatus.Scheduled);
        _world.Audit("panel.meeting_changed").ShouldHaveSingleItem().Actor.ShouldBe("panel-team");
    }

    [Fact]
    public void Schedule_MissingOrFarOffDateAndNoChair_NamesEachField()
    {
        var meetings = _world.Meetings(_world.Db());

        meetings.Schedule(_world.PanelTeam, null, " ").Errors.Select(e => e.Field).ShouldBe(["HeldOn", "Chair"]);
        meetings.Schedule(_world.PanelTeam, _world.Today.AddYears(2), "Chris").Errors.ShouldHaveSingleItem().Message
            .ShouldBe("The date of the meeting must be within a year of today");
        _world.Audit("panel.meeting_changed").ShouldBeEmpty();
    }

    [Theory]
    [InlineData("qdo")]
    [InlineData("member")]
    [InlineData("practitioner")]
    public void Schedule_NotThePanelTeam_IsNotFound(string who)
    {
        var user = who switch { "qdo" => _world.Qdo, "member" => _world.Member("someone"), _ => PanelWorld.Practitioner() };

        _world.Meetings(_world.Db()).Schedule(user, _world.Today, "Chris").Status.ShouldBe(UseCaseStatus.NotFound);
    }

    [Fact]
    public void SetAgenda_OnlyCasesAwaitingPanelInTheMeetingsRegion()
    {
        _world.AddCase("E000001", CaseStage.AwaitingPanel, [CriterionId.Rosh]);
        _world.AddCase("E000002", CaseStage.AwaitingTriage, [CriterionId.Rosh]);
        _world.AddCase("E000003", CaseStage.AwaitingPanel, [CriterionId.Rosh], region: PanelWorld.OtherRegion);
        _world.AddCase("E000004", CaseStage.ActionsInProgress, [CriterionId.Rosh]);
        var id = _world.Meeting(_world.Today.AddDays(7), [], []);
        var meetings = _world.Meetings(_world.Db());

        meetings.Candidates(_world.PanelTeam, id).Select(c => c.Listing.Crn).ShouldBe(["E000001"]);
        var refused = meetings.SetAgenda(_world.PanelTeam, id, _world.Version(id), ["E000001", "E000002", "E000003", "E000004", "not-a-crn"]);

        refused.Status.ShouldBe(UseCaseStatus.Invalid);
        refused.Errors.Select(e => e.Message).ShouldBe([
            "E000002 is not a case in this region awaiting panel", "E000003 is not a case in this region awaiting panel",
            "E000004 is not a case in this region awaiting panel", "That is not a case in this region awaiting panel"]);
        meetings.Find(_world.PanelTeam, id)!.Agenda.ShouldBeEmpty();

        var added = _world.Meetings(_world.Db()).SetAgenda(_world.PanelTeam, id, _world.Version(id), ["E000001"]);
        added.Succeeded.ShouldBeTrue();
        _world.Meetings(_world.Db()).Find(_world.PanelTeam, id)!.Agenda.ShouldHaveSingleItem().Crn.ShouldBe("E000001");
    }

    [Fact]
    public void SetAgenda_CaseWaitingOnAnotherMeetingsAgenda_IsRefused()
    {
        _world.AddCase("E000001", CaseStage.AwaitingPanel, [CriterionId.Rosh]);
        _world.Meeting(_world.Today.AddDays(7), [], ["E000001"]);
        var second = _world.Meeting(_world.Today.AddDays(14), [], []);

        var result = _world.Meetings(_world.Db()).SetAgenda(_world.PanelTeam, second, _world.Version(second), ["E000001"]);

        result.Errors.ShouldHaveSingleItem().Message.ShouldBe("E000001 is already on the agenda of the meeting on 9 March 2026");
    }

    [Fact]
    public void SetAgenda_RemovingACase_TakesItOffAndAuditsThemBoth()
    {
        _world.AddCase("E000001", CaseStage.AwaitingPanel, [CriterionId.Rosh]);
        _world.AddCase("E000002", CaseStage.AwaitingPanel, [CriterionId.Rosh]);
        var id = _world.Meeting(_world.Today.AddDays(7), [], ["E000001"]);

        _world.Meetings(_world.Db()).SetAgenda(_world.PanelTeam, id, _world.Version(id), ["E000002"]).Succeeded.ShouldBeTrue();

        _world.Meetings(_world.Db()).Find(_world.PanelTeam, id)!.Agenda.Select(a => a.Crn).ShouldBe(["E000002"]);
        _world.Audit("panel.meeting_changed")[^1].SubjectCrns.ShouldBe("E000001,E000002");
    }

    [Fact]
    public void Invite_FromAnOutOfDatePage_IsAConflictAndChangesNothing()
    {
        var a = _world.AddMember("Avery Police", Agency.Police);
        var b = _world.AddMember("Blake Housing", Agency.Housing);
        var id = _world.Meeting(_world.Today.AddDays(7), [], []);
        var seen = _world.Version(id);
        _world.Meetings(_world.Db()).Invite(_world.PanelTeam, id, seen, [a]).Succeeded.ShouldBeTrue();

        var second = _world.Meetings(_world.Db()).Invite(_world.PanelTeam, id, seen, [b]);

        second.Status.ShouldBe(UseCaseStatus.Conflict);
        second.Errors.ShouldHaveSingleItem().Message.ShouldStartWith("This meeting was changed by someone else");
        _world.Meetings(_world.Db()).Find(_world.PanelTeam, id)!.Members.ShouldHaveSingleItem().Name.ShouldBe("Avery Police");
    }

    [Fact]
    public void Invite_MemberOfAnotherRegionOrInactive_IsRefused()
    {
        var elsewhere = _world.AddMember("Eli Elsewhere", Agency.Police, region: PanelWorld.OtherRegion);
        var id = _world.Meeting(_world.Today.AddDays(7), [], []);

        _world.Meetings(_world.Db()).Invite(_world.PanelTeam, id, _world.Version(id), [elsewhere]).Errors.ShouldHaveSingleItem().Field.ShouldBe("MemberIds");
    }

    [Fact]
    public void Attendance_BeforeTheMeetingsDay_IsRefused_OnTheDay_HoldsIt()
    {
        var police = _world.AddMember("Pat Police", Agency.Police);
        var id = _world.Meeting(_world.Today.AddDays(1), [police], []);

        _world.Meetings(_world.Db()).RecordAttendance(_world.PanelTeam, id, _world.Version(id), [police]).Errors.ShouldHaveSingleItem().Message
            .ShouldBe("Attendance can be recorded from the day of the meeting, 3 March 2026");

        _world.Clock.Advance(TimeSpan.FromDays(1));
        _world.Meetings(_world.Db()).RecordAttendance(_world.PanelTeam, id, _world.Version(id), [police]).Succeeded.ShouldBeTrue();
        var meeting = _world.Meetings(_world.Db()).Find(_world.PanelTeam, id)!;
        meeting.Status.ShouldBe(PanelMeetingStatus.Held);
        meeting.Members.ShouldHaveSingleItem().Attended.ShouldBeTrue();
        // Once held, the invitations and agenda are the record of what was planned.
        _world.Meetings(_world.Db()).Invite(_world.PanelTeam, id, _world.Version(id), []).Status.ShouldBe(UseCaseStatus.Invalid);
    }

    [Fact]
    public void Attendance_SomeoneNotInvited_IsRefused()
    {
        var police = _world.AddMember("Pat Police", Agency.Police);
        var housing = _world.AddMember("Hal Housing", Agency.Housing);
        var id = _world.Meeting(_world.Today, [police], []);

        _world.Meetings(_world.Db()).RecordAttendance(_world.PanelTeam, id, _world.Version(id), [housing]).Errors.ShouldHaveSingleItem().Field.ShouldBe("Attended");
    }

    [Fact]
    public void List_PanelTeamAndQdoSeeTheirRegion_MemberOnlyMeetingsTheyAreInvitedTo()
    {
        var member = _world.AddMember("Mo Health", Agency.MentalHealth, userName: "mo");
        var invitedTo = _world.Meeting(_world.Today.AddDays(7), [member], []);
        _world.Meeting(_world.Today.AddDays(14), [], []);
        var meetings = _world.Meetings(_world.Db());

        meetings.List(_world.PanelTeam).Count.ShouldBe(2);
        meetings.List(_world.Qdo).Count.ShouldBe(2);
        meetings.List(_world.Member("mo")).ShouldHaveSingleItem().Id.ShouldBe(invitedTo);
        meetings.List(_world.Member("someone-else")).ShouldBeEmpty();
        meetings.List(PanelWorld.Practitioner()).ShouldBeEmpty();
        var elsewhere = new StaffUser("panel-ldn", "London panel", [Role.PanelTeam]) { RegionCode = PanelWorld.OtherRegion };
        meetings.List(elsewhere).ShouldBeEmpty();
        meetings.Find(elsewhere, invitedTo).ShouldBeNull();
    }

    [Fact]
    public void CloseFollowUp_ByThePanelTeam_OnlyOnceHeld()
    {
        var id = _world.Meeting(_world.Today, [], []);

        _world.Meetings(_world.Db()).CloseFollowUp(_world.PanelTeam, id, _world.Version(id)).Status.ShouldBe(UseCaseStatus.Invalid);
        _world.Hold(id);
        _world.Meetings(_world.Db()).CloseFollowUp(_world.PanelTeam, id, _world.Version(id)).Succeeded.ShouldBeTrue();

        _world.Meetings(_world.Db()).Find(_world.PanelTeam, id)!.Status.ShouldBe(PanelMeetingStatus.FollowUpClosed);
    }

    [Fact]
    public void CloseFinishedFollowUps_EveryDiscussedCaseHadItsFollowUp_ClosesTheMeeting()
    {
        _world.AddCase("E000001", CaseStage.AwaitingPanel, [CriterionId.Rosh]);
        _world.AddCase("E000002", CaseStage.AwaitingPanel, [CriterionId.Rosh]);
        var id = _world.Meeting(_world.Today, [], ["E000001", "E000002"]);
        _world.Hold(id);
        foreach (var crn in new[] { "E000001", "E000002" })
        {
            _world.Discussions(_world.Db()).Record(_world.PanelTeam, id, Crn.Parse(crn),
                new DiscussionInput(_world.CaseVersion(crn), "Discussed", "Decided", [PanelWorld.Action("Refer to housing")])).Errors.ShouldBeEmpty();
        }
        _world.Clock.Advance(TimeSpan.FromDays(30));
        var workflows = Compose.Workflows(_world.Db(), _world.Settings, _world.Clock);
        workflows.Take(_world.PanelTeam, new StepRequest(Crn.Parse("E000001"), WorkflowStep.FollowUpClosed, _world.CaseVersion("E000001"), "Done", StepDetails.None))
            .Succeeded.ShouldBeTrue();

        _world.Meetings(_world.Db()).CloseFinishedFollowUps(PanelWorld.Region).ShouldBeEmpty();

        workflows.Take(_world.PanelTeam, new StepRequest(Crn.Parse("E000002"), WorkflowStep.FollowUpBackToPanel, _world.CaseVersion("E000002"), "Again", StepDetails.None))
            .Succeeded.ShouldBeTrue();
        _world.Meetings(_world.Db()).CloseFinishedFollowUps(PanelWorld.Region).ShouldBe([id]);
        _world.Meetings(_world.Db()).Find(_world.PanelTeam, id)!.Status.ShouldBe(PanelMeetingStatus.FollowUpClosed);
        _world.Audit("panel.meeting_changed")[^1].Actor.ShouldBe("system");
        _world.AuditIntact().ShouldBeTrue();
    }
}
