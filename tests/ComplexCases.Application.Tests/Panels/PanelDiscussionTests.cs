using System.Text.Json;
using ComplexCases.Application.Access;
using ComplexCases.Application.Panels;
using ComplexCases.Application.Workflow;
using ComplexCases.Domain.Definitions;
using ComplexCases.Domain.Panels;
using ComplexCases.Domain.People;
using ComplexCases.Domain.Workflow;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Application.Tests.Panels;

/// <summary>Recording the panel's discussion of a case: the workflow step, the actions and their audit, all or nothing.</summary>
public sealed class PanelDiscussionTests : IDisposable
{
    private readonly PanelWorld _world = new();
    private readonly long _meeting;

    public PanelDiscussionTests()
    {
        _world.AddCase("E000001", CaseStage.AwaitingPanel, [CriterionId.MentalHealth]);
        _world.AddAccount("owner", Role.Practitioner, staffCode: "STAFF1");
        _meeting = _world.Meeting(_world.Today, [], ["E000001"]);
    }

    public void Dispose() => _world.Dispose();

    private DiscussionInput Input(params ActionInput[] actions) =>
        new(_world.CaseVersion("E000001"), "Talked through the housing blockage", "Ask housing and the mental health trust to attend", actions);

    [Fact]
    public void Record_MovesTheCaseToActionsInProgressAndStoresItsActions_InOneAuditedTransaction()
    {
        _world.Hold(_meeting);

        var result = _world.Discussions(_world.Db()).Record(_world.PanelTeam, _meeting, Crn.Parse("E000001"), Input(
            PanelWorld.Action("Find supported accommodation", "Jo Owner", Agency.Housing, "owner", new DateOnly(2026, 3, 20)),
            new ActionInput("", " ", null, null, null),
            PanelWorld.Action("Refer to the community mental health team", "Mo Health", Agency.MentalHealth)));

        result.Errors.ShouldBeEmpty();
        var workflow = _world.Workflow("E000001");
        workflow.Stage.ShouldBe((int)CaseStage.ActionsInProgress);
        var step = workflow.Events.ShouldHaveSingleItem();
        step.Step.ShouldBe((int)WorkflowStep.PanelDiscussed);
        step.MeetingId.ShouldBe(_meeting);
        StepDetails.FromJson(step.DetailsJson).Discussion!.Actions.Count.ShouldBe(2);
        var db = _world.Db();
        var actions = db.CaseActions.AsNoTracking().OrderBy(a => a.Id).ToList();
        actions.Select(a => a.OwnerUserName).ShouldBe(["owner", null]);
        actions.ShouldAllBe(a => a.MeetingId == _meeting && a.WorkflowId == workflow.Id && a.Status == (int)ActionStatus.Open);
        db.PanelAgendaItems.AsNoTracking().Single().Discussed.ShouldBeTrue();
        var created = _world.Audit("action.created").ShouldHaveSingleItem();
        created.SubjectCrns.ShouldBe("E000001");
        JsonDocument.Parse(created.Details).RootElement.GetProperty("actionIds").GetString().ShouldBe(string.Join(',', actions.Select(a => a.Id)));
        _world.Audit("workflow.step").ShouldHaveSingleItem().Sequence.ShouldBe(created.Sequence + 1);
        _world.AuditIntact().ShouldBeTrue();
    }

    [Fact]
    public void Record_BeforeAttendanceIsRecorded_IsRefused()
    {
        var result = _world.Discussions(_world.Db()).Record(_world.PanelTeam, _meeting, Crn.Parse("E000001"), Input(PanelWorld.Action("Refer")));

        result.Errors.ShouldHaveSingleItem().Message.ShouldBe("Record who attended the meeting before recording its discussions.");
        _world.Workflow("E000001").Stage.ShouldBe((int)CaseStage.AwaitingPanel);
    }

    [Fact]
    public void Record_InvalidActions_NamesEachFieldAndStoresNothing()
    {
        _world.Hold(_meeting);

        var result = _world.Discussions(_world.Db()).Record(_world.PanelTeam, _meeting, Crn.Parse("E000001"), new DiscussionInput(
            _world.CaseVersion("E000001"), "", "Decided",
            [new ActionInput("Refer", "", null, "nobody", _world.Today.AddDays(-1))]));

        result.Status.ShouldBe(UseCaseStatus.Invalid);
        result.Errors.Select(e => e.Field).ShouldBe(["Summary", "Actions[0].OwnerName", "Actions[0].OwnerAgency", "Actions[0].DueOn", "Actions[0].OwnerUserName"]);
        result.Errors[1].Message.ShouldBe("Action 1: enter who owns the action");
        _world.Workflow("E000001").Stage.ShouldBe((int)CaseStage.AwaitingPanel);
        _world.Db().CaseActions.Count().ShouldBe(0);
    }

    [Fact]
    public void Record_NoActionsAtAll_AsksForOne()
    {
        _world.Hold(_meeting);

        var result = _world.Discussions(_world.Db()).Record(_world.PanelTeam, _meeting, Crn.Parse("E000001"), Input(new ActionInput(null, null, null, null, null)));

        result.Errors.ShouldHaveSingleItem().Field.ShouldBe("Actions");
    }

    [Fact]
    public void Record_FromAnOutOfDatePage_IsAConflict_AndNoActionIsStored()
    {
        _world.Hold(_meeting);
        var stale = Input(PanelWorld.Action("Refer"));
        var db = _world.Db();
        // Someone withdrew the case meanwhile.
        Compose.Workflows(db, _world.Settings, _world.Clock)
            .Take(_world.PanelTeam, new StepRequest(Crn.Parse("E000001"), WorkflowStep.Withdrawn, stale.ExpectedVersion, "Transferred out", StepDetails.None))
            .Succeeded.ShouldBeTrue();

        var discussions = _world.Discussions(_world.Db());
        var result = discussions.Record(_world.PanelTeam, _meeting, Crn.Parse("E000001"), stale);

        result.Status.ShouldBe(UseCaseStatus.Conflict);
        result.Errors.ShouldHaveSingleItem().Message.ShouldStartWith("This case was updated by Pat Panel");
        _world.Db().CaseActions.Count().ShouldBe(0);
        _world.Db().PanelAgendaItems.Single().Discussed.ShouldBeFalse();
        _world.Audit("action.created").ShouldBeEmpty();
    }

    [Fact]
    public void Record_ByAQdo_IsNotFound()
    {
        _world.Hold(_meeting);

        _world.Discussions(_world.Db()).Record(_world.Qdo, _meeting, Crn.Parse("E000001"), Input(PanelWorld.Action("Refer"))).Status.ShouldBe(UseCaseStatus.NotFound);
    }

    [Fact]
    public void Record_OwnerAccountsThatCouldNotSeeTheCaseOrUpdateActions_AreRefusedPrecisely_AndNothingIsStored()
    {
        _world.AddAccount("elsewhere", Role.Practitioner, staffCode: "STAFF2");
        _world.AddAccount("mo", Role.PanelMember);
        _world.AddAccount("qdo", Role.Qdo);
        // Linked in the directory but not invited to this meeting.
        _world.AddMember("Mo Health", Agency.MentalHealth, userName: "mo");
        _world.Hold(_meeting);

        var result = _world.Discussions(_world.Db()).Record(_world.PanelTeam, _meeting, Crn.Parse("E000001"), Input(
            PanelWorld.Action("Refer", "Alex Elsewhere", Agency.Probation, "elsewhere"),
            PanelWorld.Action("Assess", "Mo Health", Agency.MentalHealth, "mo"),
            PanelWorld.Action("Review", "Quinn Quality", Agency.Probation, "qdo")));

        result.Status.ShouldBe(UseCaseStatus.Invalid);
        result.Errors.Select(e => (e.Field, e.Message)).ShouldBe(
        [
            ("Actions[0].OwnerUserName", "Action 1: " + PanelDiscussions.OwnerCannotSeeCase),
            ("Actions[1].OwnerUserName", "Action 2: " + PanelDiscussions.OwnerCannotSeeCase),
            ("Actions[2].OwnerUserName", "Action 3: " + PanelDiscussions.OwnerCannotUpdate),
        ]);
        _world.Workflow("E000001").Stage.ShouldBe((int)CaseStage.AwaitingPanel);
        _world.Db().CaseActions.Count().ShouldBe(0);
        _world.Db().PanelAgendaItems.Single().Discussed.ShouldBeFalse();
        _world.Audit("action.created").ShouldBeEmpty();
    }

    [Fact]
    public void Record_AMemberInvitedToThisMeeting_MayOwnAnAction()
    {
        _world.AddAccount("mo", Role.PanelMember);
        var mo = _world.AddMember("Mo Health", Agency.MentalHealth, userName: "mo");
        var meeting = _world.Meeting(_world.Today, [mo], []);
        _world.AddCase("E000002", CaseStage.AwaitingPanel, [CriterionId.MentalHealth]);
        _world.Meetings(_world.Db()).SetAgenda(_world.PanelTeam, meeting, _world.Version(meeting), ["E000002"]).Succeeded.ShouldBeTrue();
        _world.Hold(meeting, mo);

        var result = _world.Discussions(_world.Db()).Record(_world.PanelTeam, meeting, Crn.Parse("E000002"),
            new DiscussionInput(_world.CaseVersion("E000002"), "Summary", "Decisions", [PanelWorld.Action("Assess", "Mo Health", Agency.MentalHealth, "mo")]));

        result.Errors.ShouldBeEmpty();
        _world.Db().CaseActions.AsNoTracking().Single().OwnerUserName.ShouldBe("mo");
    }

    [Fact]
    public void Record_LimitedAccessCase_AnInvitedMemberMustAlsoBeNamedForIt()
    {
        _world.AddAccount("mo", Role.PanelMember);
        _world.AddAccount("named", [Role.PanelMember], limitedAccess: "E000002");
        var mo = _world.AddMember("Mo Health", Agency.MentalHealth, userName: "mo");
        var named = _world.AddMember("Nat Named", Agency.Housing, userName: "named");
        var meeting = _world.Meeting(_world.Today, [mo, named], []);
        _world.AddCase("E000002", CaseStage.AwaitingPanel, [CriterionId.MentalHealth]);
        _world.Meetings(_world.Db()).SetAgenda(_world.PanelTeam, meeting, _world.Version(meeting), ["E000002"]).Succeeded.ShouldBeTrue();
        _world.Hold(meeting, mo, named);
        // Made limited-access after it was put on the agenda; the panel team is named for it, so it can still record.
        var db = _world.Db();
        db.ListedCases.Single(c => c.Crn == "E000002").LimitedAccess = true;
        db.Workflows.Single(w => w.Crn == "E000002").LimitedAccess = true;
        db.SaveChanges();
        var team = _world.PanelTeam with { LimitedAccessCrns = new HashSet<string> { "E000002" } };

        var refused = _world.Discussions(_world.Db()).Record(team, meeting, Crn.Parse("E000002"), new DiscussionInput(_world.CaseVersion("E000002"), "Summary", "Decisions",
            [PanelWorld.Action("Assess", "Mo Health", Agency.MentalHealth, "mo"), PanelWorld.Action("House", "Nat Named", Agency.Housing, "named")]));

        refused.Errors.ShouldHaveSingleItem().Field.ShouldBe("Actions[0].OwnerUserName");
        var accepted = _world.Discussions(_world.Db()).Record(team, meeting, Crn.Parse("E000002"), new DiscussionInput(_world.CaseVersion("E000002"), "Summary", "Decisions",
            [PanelWorld.Action("Assess", "Mo Health", Agency.MentalHealth), PanelWorld.Action("House", "Nat Named", Agency.Housing, "named")]));
        accepted.Errors.ShouldBeEmpty();
    }
}
