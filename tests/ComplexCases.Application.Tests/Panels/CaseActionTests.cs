using ComplexCases.Application.Access;
using ComplexCases.Application.Panels;
using ComplexCases.Domain.Definitions;
using ComplexCases.Domain.Panels;
using ComplexCases.Domain.People;
using ComplexCases.Domain.Workflow;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Application.Tests.Panels;

/// <summary>Actions: their owners update them, nobody else but the panel team may, and no update is ever lost.</summary>
public sealed class CaseActionTests : IDisposable
{
    private readonly PanelWorld _world = new();
    private readonly StaffUser _owner = PanelWorld.Practitioner("owner");

    public CaseActionTests()
    {
        _world.AddCase("E000001", CaseStage.AwaitingPanel, [CriterionId.Rosh]);
        _world.AddAccount("owner", Role.Practitioner, staffCode: "STAFF1");
        var meeting = _world.Meeting(_world.Today, [], ["E000001"]);
        _world.Hold(meeting);
        _world.Discussions(_world.Db()).Record(_world.PanelTeam, meeting, Crn.Parse("E000001"), new DiscussionInput(_world.CaseVersion("E000001"), "Summary", "Decisions",
        [
            PanelWorld.Action("Later action", account: "owner", due: new DateOnly(2026, 3, 20)),
            PanelWorld.Action("Sooner action", account: "owner", due: new DateOnly(2026, 3, 5)),
            PanelWorld.Action("Someone else's", account: null, due: new DateOnly(2026, 3, 3)),
        ])).Errors.ShouldBeEmpty();
    }

    public void Dispose() => _world.Dispose();

    private long ActionId(string description) => _world.Db().CaseActions.AsNoTracking().Single(a => a.Description == description).Id;

    [Fact]
    public void Mine_OnlyTheOwnersActions_OverdueFirstThenByDueDate()
    {
        _world.Clock.Advance(TimeSpan.FromDays(4)); // Friday 6 March: the 5 March action is overdue.

        var mine = _world.Actions(_world.Db()).Mine(_owner);

        mine.Select(a => (a.Action.Description, a.Overdue)).ShouldBe([("Sooner action", true), ("Later action", false)]);
        mine[0].Surname.ShouldBe("Synthetic01");
        mine[0].MeetingOn.ShouldBe(_world.Today);
    }

    [Fact]
    public void Update_Twice_KeepsEveryUpdate_WhoWhenWhatChangedAndTheNote()
    {
        var id = ActionId("Sooner action");
        _world.Actions(_world.Db()).Update(_owner, id, 0, ActionStatus.Open, "Referral sent; waiting to hear").Succeeded.ShouldBeTrue();
        _world.Clock.Advance(TimeSpan.FromDays(2));

        _world.Actions(_world.Db()).Update(_world.PanelTeam, id, 1, ActionStatus.Done, "Housing assessment booked").Succeeded.ShouldBeTrue();

        var updates = _world.Actions(_world.Db()).UpdatesOf([id])[id];
        updates.Select(u => (u.By, (ActionStatus)u.FromStatus, (ActionStatus)u.ToStatus, u.Note)).ShouldBe([
            ("owner", ActionStatus.Open, ActionStatus.Open, "Referral sent; waiting to hear"),
            (_world.PanelTeam.Id, ActionStatus.Open, ActionStatus.Done, "Housing assessment booked"),
        ]);
        (updates[1].At - updates[0].At).ShouldBe(TimeSpan.FromDays(2));
        updates[0].ByName.ShouldBe(_owner.DisplayName);
    }

    [Fact]
    public void Update_RefusedAsAConflict_KeepsNoUpdate()
    {
        var id = ActionId("Sooner action");
        _world.Actions(_world.Db()).Update(_owner, id, 0, ActionStatus.Done, "First").Succeeded.ShouldBeTrue();

        _world.Actions(_world.Db()).Update(_world.PanelTeam, id, 0, ActionStatus.Dropped, "Stale").Succeeded.ShouldBeFalse();

        _world.Actions(_world.Db()).UpdatesOf([id])[id].ShouldHaveSingleItem().Note.ShouldBe("First");
    }

    [Fact]
    public void Update_ByTheOwner_SavesAndAudits_ADoneActionIsNeverOverdue()
    {
        var id = ActionId("Sooner action");

        var result = _world.Actions(_world.Db()).Update(_owner, id, 0, ActionStatus.Done, "Referral made");

        result.Succeeded.ShouldBeTrue();
        _world.Clock.Advance(TimeSpan.FromDays(10));
        var mine = _world.Actions(_world.Db()).Mine(_owner);
        mine.Single(a => a.Action.Id == id).ShouldSatisfyAllConditions(a => a.Overdue.ShouldBeFalse(), a => a.Status.ShouldBe(ActionStatus.Done),
            a => a.Action.Notes.ShouldBe("Referral made"), a => a.Action.Version.ShouldBe(1));
        var entry = _world.Audit("action.updated").ShouldHaveSingleItem();
        entry.Actor.ShouldBe("owner");
        entry.SubjectCrns.ShouldBe("E000001");
    }

    [Fact]
    public void Update_SomeoneWhoDoesNotOwnIt_IsNotFound_ThePanelTeamMay()
    {
        var id = ActionId("Sooner action");

        _world.Actions(_world.Db()).Update(PanelWorld.Practitioner("someone-else"), id, 0, ActionStatus.Done, "").Status.ShouldBe(UseCaseStatus.NotFound);
        _world.Actions(_world.Db()).Update(_world.Member("owner-lookalike"), id, 0, ActionStatus.Done, "").Status.ShouldBe(UseCaseStatus.NotFound);
        _world.Actions(_world.Db()).Update(_world.Qdo, id, 0, ActionStatus.Done, "").Status.ShouldBe(UseCaseStatus.NotFound);
        _world.Actions(_world.Db()).Find(PanelWorld.Practitioner("someone-else"), id).ShouldBeNull();

        _world.Actions(_world.Db()).Update(_world.PanelTeam, id, 0, ActionStatus.Dropped, "No longer needed").Succeeded.ShouldBeTrue();
    }

    [Fact]
    public void Update_TwoPeopleFromTheSameVersion_TheSecondGetsAConflictAndTheFirstIsKept()
    {
        var id = ActionId("Sooner action");
        var first = _world.Actions(_world.Db());
        var second = _world.Actions(_world.Db());
        first.Find(_owner, id)!.Action.Version.ShouldBe(0);
        second.Find(_world.PanelTeam, id)!.Action.Version.ShouldBe(0);

        first.Update(_owner, id, 0, ActionStatus.Done, "Done by the owner").Succeeded.ShouldBeTrue();
        var late = second.Update(_world.PanelTeam, id, 0, ActionStatus.Dropped, "Dropped by the panel team");

        late.Status.ShouldBe(UseCaseStatus.Conflict);
        late.Errors.ShouldHaveSingleItem().Message.ShouldStartWith("This action was updated by owner");
        late.Errors[0].Message.ShouldContain("It is now done.");
        var stored = _world.Db().CaseActions.AsNoTracking().Single(a => a.Id == id);
        stored.Notes.ShouldBe("Done by the owner");
        stored.Version.ShouldBe(1);
        _world.Audit("action.updated").ShouldHaveSingleItem();
    }

    [Fact]
    public void Update_DroppedWithoutAReason_AsksForOne()
    {
        var result = _world.Actions(_world.Db()).Update(_owner, ActionId("Sooner action"), 0, ActionStatus.Dropped, " ");

        result.Errors.ShouldHaveSingleItem().ShouldSatisfyAllConditions(e => e.Field.ShouldBe("Notes"),
            e => e.Message.ShouldBe("Enter why the action is no longer needed or possible"));
    }
}
