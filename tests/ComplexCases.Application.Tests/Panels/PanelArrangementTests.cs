using ComplexCases.Application.Access;
using ComplexCases.Application.Panels;
using ComplexCases.Application.Workflow;
using ComplexCases.Data.Workflow;
using ComplexCases.Domain.Definitions;
using ComplexCases.Domain.Notifications;
using ComplexCases.Domain.Panels;
using ComplexCases.Domain.People;
using ComplexCases.Domain.Workflow;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Application.Tests.Panels;

/// <summary>
/// Meetings as probation staff run them: a working day, a start time and a place; moving a meeting keeps it and tells everyone;
/// the agenda cases' practitioners and SPOs are invited and told; attendance records apologies, guests and written input.
/// </summary>
public sealed class PanelArrangementTests : IDisposable
{
    private static readonly MeetingPlace RoomFour = new("10:30", "Room 4, County Hall", null);
    private readonly PanelWorld _world = new();

    public void Dispose() => _world.Dispose();

    [Fact]
    public void Schedule_StartTimeAndPlace_Stored()
    {
        var meeting = _world.Meetings(_world.Db()).Schedule(_world.PanelTeam, new DateOnly(2026, 3, 12), "Chris", new MeetingPlace(" 2:30pm ", "", "https://video.example/panel-12")).Value!;

        (meeting.StartsAt, meeting.Venue, meeting.VideoLink).ShouldBe((new TimeOnly(14, 30), (string?)null, "https://video.example/panel-12"));
    }

    [Theory]
    [InlineData(2026, 3, 7, "HeldOn", "Saturday 7 March 2026 is a weekend: choose a working day")]
    [InlineData(2026, 4, 3, "HeldOn", "3 April 2026 is a bank holiday: choose a working day")]
    public void Schedule_WeekendOrBankHoliday_Refused(int year, int month, int day, string field, string message)
    {
        var result = _world.Meetings(_world.Db()).Schedule(_world.PanelTeam, new DateOnly(year, month, day), "Chris", RoomFour);

        result.Errors.ShouldHaveSingleItem().ShouldBe(new FieldError(field, message));
        _world.Db().PanelMeetings.Count().ShouldBe(0);
    }

    [Fact]
    public void Schedule_NoTimeNoPlaceOrABadLink_NamesEachField()
    {
        var meetings = _world.Meetings(_world.Db());

        meetings.Schedule(_world.PanelTeam, new DateOnly(2026, 3, 12), "Chris", new MeetingPlace(" ", " ", null)).Errors.ShouldBe([
            new FieldError("StartsAt", "Enter the start time, for example 14:30"),
            new FieldError("Venue", "Enter where the meeting is held, a video link, or both"),
        ]);
        meetings.Schedule(_world.PanelTeam, new DateOnly(2026, 3, 12), "Chris", new MeetingPlace("25:00", null, "javascript:alert(1)")).Errors.ShouldBe([
            new FieldError("StartsAt", "Enter the start time as a time of day, for example 14:30 or 2:30pm"),
            new FieldError("VideoLink", "Enter the video link as a full https:// address"),
        ]);
    }

    [Fact]
    public void Agenda_InvitesAndTellsTheCasesPractitionerAndSpo_TakenOff_NoLongerInvited()
    {
        _world.AddCase("E000001", CaseStage.AwaitingPanel, [CriterionId.Rosh]);
        _world.AddAccount("pat", Role.Practitioner, staffCode: "STAFF1");
        var id = _world.Meetings(_world.Db()).Schedule(_world.PanelTeam, new DateOnly(2026, 3, 12), "Chris", RoomFour).Value!.Id;

        _world.Meetings(_world.Db()).SetAgenda(_world.PanelTeam, id, _world.Version(id), ["E000001"]).Succeeded.ShouldBeTrue();

        var invited = _world.Db().PanelMeetingStaff.AsNoTracking().ShouldHaveSingleItem();
        (invited.UserName, invited.Crn, invited.Role).ShouldBe(("pat", "E000001", "practitioner"));
        var told = _world.Notifications(NotificationKind.PanelCaseListed).ShouldHaveSingleItem();
        told.RecipientUserName.ShouldBe("pat");
        told.Body.ShouldContain("Thursday 12 March 2026 at 10:30 (Room 4, County Hall)");
        _world.Meetings(_world.Db()).ForCase(PanelWorld.Practitioner("pat"), Crn.Parse("E000001")).ShouldHaveSingleItem().Meeting.Id.ShouldBe(id);

        _world.Meetings(_world.Db()).SetAgenda(_world.PanelTeam, id, _world.Version(id), []).Succeeded.ShouldBeTrue();

        _world.Db().PanelMeetingStaff.Count().ShouldBe(0);
    }

    [Fact]
    public void Reschedule_KeepsAgendaInvitationsAndHistory_AndTellsEveryoneInvited()
    {
        _world.AddCase("E000001", CaseStage.AwaitingPanel, [CriterionId.Rosh]);
        _world.AddAccount("pat", Role.Practitioner, staffCode: "STAFF1");
        var member = _world.AddMember("Morgan Health", Agency.MentalHealth, userName: "morgan");
        var meetings = _world.Meetings(_world.Db());
        var id = meetings.Schedule(_world.PanelTeam, new DateOnly(2026, 3, 12), "Chris", RoomFour).Value!.Id;
        _world.Meetings(_world.Db()).Invite(_world.PanelTeam, id, _world.Version(id), [member]).Succeeded.ShouldBeTrue();
        _world.Meetings(_world.Db()).SetAgenda(_world.PanelTeam, id, _world.Version(id), ["E000001"]).Succeeded.ShouldBeTrue();

        var moved = _world.Meetings(_world.Db()).Reschedule(_world.PanelTeam, id, _world.Version(id), new DateOnly(2026, 3, 19),
            new MeetingPlace("14:00", null, "https://video.example/panel"));

        moved.Succeeded.ShouldBeTrue();
        var stored = _world.Db().PanelMeetings.AsNoTracking().Include(m => m.Members).Include(m => m.Agenda).Single(m => m.Id == id);
        (stored.HeldOn, stored.StartsAt, stored.Venue, stored.VideoLink).ShouldBe((new DateOnly(2026, 3, 19), new TimeOnly(14, 0), (string?)null, "https://video.example/panel"));
        stored.Members.ShouldHaveSingleItem().MemberId.ShouldBe(member);
        stored.Agenda.ShouldHaveSingleItem().Crn.ShouldBe("E000001");
        _world.Db().PanelMeetingStaff.AsNoTracking().ShouldHaveSingleItem().UserName.ShouldBe("pat");
        _world.Audit("panel.meeting_changed").Select(a => a.Details).Last().ShouldContain("\"change\":\"rescheduled\"");
        _world.Audit("panel.meeting_changed").Select(a => a.Details).Last().ShouldContain("\"from\":\"2026-03-12\"");
        _world.Notifications(NotificationKind.PanelInvitation).Where(n => n.RecipientUserName == "morgan").Last().Title
            .ShouldBe("Panel meeting moved: 19 March 2026 at 14:00");
        _world.Notifications(NotificationKind.PanelCaseListed).Where(n => n.RecipientUserName == "pat").Select(n => n.Title)
            .ShouldBe(["Your case at panel: E000001 on Thursday 12 March 2026", "Moved: Your case at panel: E000001 on Thursday 19 March 2026"]);
    }

    [Fact]
    public void Reschedule_ToAWeekend_OrOnceHeld_Refused_AndNothingChanges()
    {
        var id = _world.Meeting(_world.Today, [], []);
        _world.Meetings(_world.Db()).Reschedule(_world.PanelTeam, id, _world.Version(id), new DateOnly(2026, 3, 8), RoomFour)
            .Errors.ShouldHaveSingleItem().Message.ShouldBe("Sunday 8 March 2026 is a weekend: choose a working day");
        _world.Hold(id);

        _world.Meetings(_world.Db()).Reschedule(_world.PanelTeam, id, _world.Version(id), new DateOnly(2026, 3, 9), RoomFour)
            .Errors.ShouldHaveSingleItem().Message.ShouldBe("The meeting has been held, so it can no longer be moved.");
        _world.Db().PanelMeetings.AsNoTracking().Single().HeldOn.ShouldBe(_world.Today);
    }

    [Fact]
    public void Attendance_RecordsApologiesStaffGuestsAndWrittenInput()
    {
        _world.AddCase("E000001", CaseStage.AwaitingPanel, [CriterionId.Rosh]);
        _world.AddAccount("pat", Role.Practitioner, staffCode: "STAFF1");
        var came = _world.AddMember("Morgan Health", Agency.MentalHealth);
        var sorry = _world.AddMember("Harper Housing", Agency.Housing);
        var id = _world.Meeting(_world.Today, [came, sorry], ["E000001"]);
        var pat = _world.Db().PanelMeetingStaff.AsNoTracking().Single().Id;

        var both = _world.Meetings(_world.Db()).RecordAttendance(_world.PanelTeam, id, _world.Version(id), [came],
            new AttendanceExtras([came], [], [], null, null));
        both.Errors.ShouldHaveSingleItem().Field.ShouldBe("Apologies");

        _world.Meetings(_world.Db()).RecordAttendance(_world.PanelTeam, id, _world.Version(id), [came],
            new AttendanceExtras([sorry], [pat], [], " Jo Police (Essex Police) ", "Adult social care: the person is known to us; assessment due in April.")).Succeeded.ShouldBeTrue();

        var details = _world.Meetings(_world.Db()).Find(_world.PanelTeam, id)!;
        details.Members.Single(m => m.MemberId == sorry).ShouldSatisfyAllConditions(m => m.Apologies.ShouldBeTrue(), m => m.Attended.ShouldBeFalse());
        details.Staff.ShouldHaveSingleItem().Attended.ShouldBeTrue();
        details.Meeting.Guests.ShouldBe("Jo Police (Essex Police)");
        details.Meeting.WrittenInput.ShouldStartWith("Adult social care");
    }

    [Fact]
    public void MeetingDetails_ExpertiseNeeded_IncludesTheEscalationsBlockages()
    {
        _world.AddCase("E000001", CaseStage.AwaitingPanel, [CriterionId.Ipp]);
        using (var db = _world.Db())
        {
            var workflow = db.Workflows.Single(w => w.Crn == "E000001");
            db.WorkflowEvents.Add(new WorkflowEventRecord
            {
                WorkflowId = workflow.Id, Step = (int)WorkflowStep.ConversationEscalated, FromStage = 1, ToStage = 2, By = "pat", ByName = "Pat",
                At = _world.Clock.GetUtcNow().AddDays(-5), Notes = "",
                DetailsJson = new StepDetails
                {
                    Conversation = new Conversation(_world.Today.AddDays(-5), "Pat", "Sam", "x", new HashSet<BlockageCategory> { BlockageCategory.Accommodation }, ""),
                }.ToJson(),
            });
            db.SaveChanges();
        }
        var id = _world.Meeting(_world.Today.AddDays(3), [], ["E000001"]);

        _world.Meetings(_world.Db()).Find(_world.PanelTeam, id)!.Agenda.ShouldHaveSingleItem().Needs.ShouldBe([Agency.Prison, Agency.Housing], ignoreOrder: true);
    }
}
