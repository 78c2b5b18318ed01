using ComplexCases.Application.Access;
using ComplexCases.Application.Panels;
using ComplexCases.Application.Workflow;
using ComplexCases.Domain.Definitions;
using ComplexCases.Domain.Panels;
using ComplexCases.Domain.Workflow;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Application.Tests.Panels;

/// <summary>
/// Owning an action is necessary, never sufficient: its owner sees and updates it only while they may still see the case —
/// in their own case scope on its latest listing, or for a panel member while it is on the agenda of a meeting they are
/// invited to whose follow-up is open. Names only where the owner may see them.
/// </summary>
public sealed class ActionOwnerAccessTests : IDisposable
{
    private const string Crn = "E000001";
    private readonly PanelWorld _world = new();
    private readonly long _meeting;
    private readonly StaffUser _practitioner = PanelWorld.Practitioner("owner");

    public ActionOwnerAccessTests()
    {
        _world.AddCase(Crn, CaseStage.AwaitingPanel, [CriterionId.MentalHealth]);
        _world.AddAccount("owner", Role.Practitioner, staffCode: "STAFF1");
        _world.AddAccount("mo", Role.PanelMember);
        // Sees every case as an analyst, names only on their own cases as a practitioner: not this one.
        _world.AddAccount("analyst-practitioner", [Role.Practitioner, Role.Analyst], staffCode: "STAFF9");
        var mo = _world.AddMember("Mo Health", Agency.MentalHealth, userName: "mo");
        _meeting = _world.Meeting(_world.Today, [mo], [Crn]);
        _world.Hold(_meeting, mo);
        _world.Discussions(_world.Db()).Record(_world.PanelTeam, _meeting, Domain.People.Crn.Parse(Crn), new DiscussionInput(_world.CaseVersion(Crn), "Summary", "Decisions",
        [
            PanelWorld.Action("Member's action", "Mo Health", Agency.MentalHealth, "mo"),
            PanelWorld.Action("Practitioner's action", "Alex Practitioner", Agency.Probation, "owner"),
            PanelWorld.Action("Analyst-practitioner's action", "Ana Lyst", Agency.Probation, "analyst-practitioner"),
        ])).Errors.ShouldBeEmpty();
    }

    public void Dispose() => _world.Dispose();

    private long ActionId(string description) => _world.Db().CaseActions.AsNoTracking().Single(a => a.Description == description).Id;

    private void CloseFollowUp() =>
        _world.Meetings(_world.Db()).CloseFollowUp(_world.PanelTeam, _meeting, _world.Version(_meeting)).Succeeded.ShouldBeTrue();

    [Fact]
    public void PanelMember_WhileTheFollowUpIsOpen_SeesTheirActionWithTheNamesThePanelSees()
    {
        var mine = _world.Actions(_world.Db()).Mine(_world.Member("mo"));

        var item = mine.ShouldHaveSingleItem();
        item.Action.Description.ShouldBe("Member's action");
        item.ShowsIdentity.ShouldBeTrue();
        item.Surname.ShouldBe("Synthetic01");
        _world.Actions(_world.Db()).Find(_world.Member("mo"), item.Action.Id).ShouldNotBeNull();
    }

    [Fact]
    public void PanelMember_AfterTheFollowUpCloses_NotListed()
    {
        CloseFollowUp();

        _world.Actions(_world.Db()).Mine(_world.Member("mo")).ShouldBeEmpty();
    }

    [Fact]
    public void PanelMember_AfterTheFollowUpCloses_NotFound()
    {
        CloseFollowUp();

        _world.Actions(_world.Db()).Find(_world.Member("mo"), ActionId("Member's action")).ShouldBeNull();
    }

    [Fact]
    public void PanelMember_AfterTheFollowUpCloses_CannotUpdate_ThePanelTeamStillCan()
    {
        var id = ActionId("Member's action");
        CloseFollowUp();

        _world.Actions(_world.Db()).Update(_world.Member("mo"), id, 0, ActionStatus.Done, "Done late").Status.ShouldBe(UseCaseStatus.NotFound);

        var stored = _world.Db().CaseActions.AsNoTracking().Single(a => a.Id == id);
        stored.Version.ShouldBe(0);
        stored.Status.ShouldBe((int)ActionStatus.Open);
        _world.Audit("action.updated").ShouldBeEmpty();
        _world.Actions(_world.Db()).Find(_world.PanelTeam, id).ShouldNotBeNull();
        _world.Actions(_world.Db()).Update(_world.PanelTeam, id, 0, ActionStatus.Done, "Confirmed at follow-up").Succeeded.ShouldBeTrue();
    }

    [Fact]
    public void PanelMember_OnAnotherOpenMeetingWithTheSameCase_StillSeesIt()
    {
        // Access is to the case, not to the meeting the action was agreed at: the same rule as the panel case page.
        var mo = _world.Db().PanelMembers.AsNoTracking().Single(m => m.UserName == "mo").Id;
        Compose.Workflows(_world.Db(), _world.Settings, _world.Clock).Take(_world.PanelTeam,
            new StepRequest(Domain.People.Crn.Parse(Crn), WorkflowStep.FollowUpBackToPanel, _world.CaseVersion(Crn), "Needs the panel again", StepDetails.None)).Succeeded.ShouldBeTrue();
        CloseFollowUp();
        _world.Meeting(_world.Today.AddDays(14), [mo], [Crn]);

        _world.Actions(_world.Db()).Mine(_world.Member("mo")).ShouldHaveSingleItem().Action.Description.ShouldBe("Member's action");
    }

    [Fact]
    public void PanelMember_LimitedAccessCase_NotNamed_SeesNothingEvenWhileTheFollowUpIsOpen()
    {
        MakeLimitedAccess();

        _world.Actions(_world.Db()).Mine(_world.Member("mo")).ShouldBeEmpty();
        _world.Actions(_world.Db()).Find(_world.Member("mo"), ActionId("Member's action")).ShouldBeNull();
    }

    [Fact]
    public void Owner_TheirFollowUpClosing_DoesNotMatter_TheirOwnCaseScopeDoes()
    {
        CloseFollowUp();

        _world.Actions(_world.Db()).Mine(_practitioner).ShouldHaveSingleItem().Action.Description.ShouldBe("Practitioner's action");
    }

    [Fact]
    public void Owner_CaseMovedOutOfTheirScopeOnItsLatestListing_NotListedNotFoundNotUpdated()
    {
        var id = ActionId("Practitioner's action");
        // Reallocated on the newer list; the workflow still names the old practitioner (it is refreshed only while complex).
        _world.Relist(Crn, c => c.PractitionerCode = "STAFF2");

        var actions = _world.Actions(_world.Db());
        actions.Mine(_practitioner).ShouldBeEmpty();
        actions.Find(_practitioner, id).ShouldBeNull();
        actions.Update(_practitioner, id, 0, ActionStatus.Done, "").Status.ShouldBe(UseCaseStatus.NotFound);
        _world.Db().CaseActions.AsNoTracking().Single(a => a.Id == id).Version.ShouldBe(0);
        // The new practitioner does not own it, so it is not theirs either.
        actions.Find(PanelWorld.Practitioner("new-owner") with { StaffCode = "STAFF2" }, id).ShouldBeNull();
    }

    [Fact]
    public void Owner_CaseMadeLimitedAccess_OnlyIfNamedForIt()
    {
        var id = ActionId("Practitioner's action");
        MakeLimitedAccess();

        var actions = _world.Actions(_world.Db());
        actions.Mine(_practitioner).ShouldBeEmpty();
        actions.Find(_practitioner, id).ShouldBeNull();
        actions.Update(_practitioner, id, 0, ActionStatus.Done, "").Status.ShouldBe(UseCaseStatus.NotFound);

        var named = _practitioner with { LimitedAccessCrns = new HashSet<string> { Crn } };
        actions.Find(named, id).ShouldNotBeNull();
        actions.Update(named, id, 0, ActionStatus.Done, "Done").Succeeded.ShouldBeTrue();
    }

    [Fact]
    public void Owner_WhoMaySeeTheCaseButNotItsNames_GetsNoNames()
    {
        var owner = new StaffUser("analyst-practitioner", "Ana Lyst", [Role.Practitioner, Role.Analyst]) { StaffCode = "STAFF9", RegionCode = PanelWorld.Region };

        var item = _world.Actions(_world.Db()).Mine(owner).ShouldHaveSingleItem();

        item.ShowsIdentity.ShouldBeFalse();
        item.Forename.ShouldBeNull();
        item.Surname.ShouldBeNull();
        _world.Actions(_world.Db()).Find(owner, item.Action.Id)!.ShowsIdentity.ShouldBeFalse();
        _world.Actions(_world.Db()).Mine(_practitioner).ShouldHaveSingleItem().ShowsIdentity.ShouldBeTrue();
    }

    /// <summary>Limited access from the newer list on, as the intake records it for a complex case (list and workflow).</summary>
    private void MakeLimitedAccess()
    {
        _world.Relist(Crn, c => c.LimitedAccess = true);
        var db = _world.Db();
        db.Workflows.Single(w => w.Crn == Crn).LimitedAccess = true;
        db.SaveChanges();
    }
}
