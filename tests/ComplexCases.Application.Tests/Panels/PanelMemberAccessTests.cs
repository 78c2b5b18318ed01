using ComplexCases.Application.Access;
using ComplexCases.Application.Panels;
using ComplexCases.Application.Workflow;
using ComplexCases.Domain.Definitions;
using ComplexCases.Domain.Panels;
using ComplexCases.Domain.People;
using ComplexCases.Domain.Workflow;

namespace ComplexCases.Application.Tests.Panels;

/// <summary>A panel member from another agency sees the cases on their meetings' agendas, from invitation until the follow-up closes, and nothing else.</summary>
public sealed class PanelMemberAccessTests : IDisposable
{
    private readonly PanelWorld _world = new();
    private readonly long _member;

    public PanelMemberAccessTests()
    {
        _world.AddCase("E000001", CaseStage.AwaitingPanel, [CriterionId.MentalHealth]);
        _world.AddCase("E000002", CaseStage.AwaitingPanel, [CriterionId.Rosh]);
        _world.AddCase("E000003", CaseStage.AwaitingConversation, [CriterionId.Rosh]);
        _member = _world.AddMember("Mo Health", Agency.MentalHealth, userName: "mo");
    }

    public void Dispose() => _world.Dispose();

    [Fact]
    public void AgendaCrns_FromInvitation_OnlyThatMeetingsCases()
    {
        var id = _world.Meeting(_world.Today.AddDays(7), [], ["E000001"]);
        _world.Meeting(_world.Today.AddDays(14), [], ["E000002"]);
        _world.Member("mo").PanelAgendaCrns.ShouldBeEmpty();

        _world.Meetings(_world.Db()).Invite(_world.PanelTeam, id, _world.Version(id), [_member]).Succeeded.ShouldBeTrue();

        var mo = _world.Member("mo");
        mo.PanelAgendaCrns.ShouldBe(["E000001"]);
        Can(mo, "E000001").ShouldBeTrue();
        Can(mo, "E000002").ShouldBeFalse();
        Can(mo, "E000003").ShouldBeFalse();
        // Never the full case or the lists: only the panel fields.
        CaseFilter.For(mo, Permission.ViewCase).IsNone.ShouldBeTrue();
        var cases = _world.Cases(_world.Db());
        cases.Find(mo, id, Crn.Parse("E000001")).ShouldNotBeNull();
        cases.Find(mo, id, Crn.Parse("E000002")).ShouldBeNull();
    }

    [Fact]
    public void AgendaCrns_AfterTheFollowUpCloses_Nothing()
    {
        var id = _world.Meeting(_world.Today, [_member], ["E000001"]);
        _world.Hold(id, _member);
        _world.Member("mo").PanelAgendaCrns.ShouldBe(["E000001"]);

        _world.Meetings(_world.Db()).CloseFollowUp(_world.PanelTeam, id, _world.Version(id)).Succeeded.ShouldBeTrue();

        var mo = _world.Member("mo");
        mo.PanelAgendaCrns.ShouldBeEmpty();
        _world.Cases(_world.Db()).Find(mo, id, Crn.Parse("E000001")).ShouldBeNull();
        _world.Meetings(_world.Db()).List(mo).ShouldBeEmpty();
    }

    [Fact]
    public void AgendaCrns_DeactivatedMember_Nothing()
    {
        _world.Meeting(_world.Today.AddDays(7), [_member], ["E000001"]);
        var db = _world.Db();
        db.PanelMembers.Single(m => m.Id == _member).Active = false;
        db.SaveChanges();

        _world.Member("mo").PanelAgendaCrns.ShouldBeEmpty();
    }

    [Fact]
    public void PanelView_PreReading_ShowsEvidenceEscalationAndTriage_ButNotTheConversationsReflectiveNotesToAMember()
    {
        var db = _world.Db();
        var workflow = db.Workflows.Single(w => w.Crn == "E000001");
        workflow.Events.Add(new Data.Workflow.WorkflowEventRecord
        {
            Step = (int)WorkflowStep.ConversationEscalated, FromStage = 1, ToStage = 2, By = "practitioner", ByName = "Alex Practitioner", At = _world.Clock.GetUtcNow(),
            Notes = "", DetailsJson = new StepDetails
            {
                Conversation = new Conversation(_world.Today, "Alex", "Sam", "PRIVATE CONVERSATION NOTES", new HashSet<BlockageCategory> { BlockageCategory.Accommodation }, "PRIVATE DETAIL")
                    { PersonsView = "Wants a flat near family" },
                Escalation = new Escalation("No accommodation", "Council referral", "Housing expertise"),
            }.ToJson(),
        });
        workflow.Events.Add(new Data.Workflow.WorkflowEventRecord
        {
            Step = (int)WorkflowStep.TriageReferredToPanel, FromStage = 2, ToStage = 3, By = "panel-team", ByName = "Pat Panel", At = _world.Clock.GetUtcNow(),
            Notes = "", DetailsJson = new StepDetails { Triage = new Triage(_world.Today, ["Pat"], "Needs panel", "") }.ToJson(),
        });
        db.SaveChanges();
        var id = _world.Meeting(_world.Today.AddDays(7), [_member], ["E000001"]);

        var view = _world.Cases(_world.Db()).Find(_world.Member("mo"), id, Crn.Parse("E000001"))!;

        view.Escalations.ShouldHaveSingleItem().Record.Blockage.ShouldBe("No accommodation");
        view.Triages.ShouldHaveSingleItem().Record.Rationale.ShouldBe("Needs panel");
        view.CriteriaMet.ShouldBe(["Criterion mental_health"]);
        // The escalation named accommodation: housing is needed as well as what the criteria bring.
        view.Needs.ShouldBe([Agency.MentalHealth, Agency.Housing], ignoreOrder: true);
        System.Text.Json.JsonSerializer.Serialize(view.Escalations).ShouldNotContain("PRIVATE");
        // Pre-reading: the criteria with their reasons, the conversation's date, blockages and the person's view, the months listed.
        view.Evidence.ShouldHaveSingleItem().Reason.ShouldBe("secret reason");
        view.Conversation!.ShouldSatisfyAllConditions(c => c.Discussed.ShouldBeEmpty(), c => c.BlockageDetail.ShouldBeEmpty(),
            c => c.PersonsView.ShouldBe("Wants a flat near family"), c => c.Blockages.ShouldBe([BlockageCategory.Accommodation]));
        view.ConversationInFull.ShouldBeFalse();
        view.Listings.ShouldHaveSingleItem().Score.ShouldBe(7);
        // The panel team reads the conversation in full.
        _world.Cases(_world.Db()).Find(_world.PanelTeam, id, Crn.Parse("E000001"))!.Conversation!.Discussed.ShouldBe("PRIVATE CONVERSATION NOTES");
    }

    private static bool Can(StaffUser user, string crn) =>
        CaseAccess.Can(user, Permission.ViewPanelCase, new CaseFacts(crn, "EOEPDU", PanelWorld.Region, null, "STAFF1", null, false));
}
