using ComplexCases.Domain.Workflow;

namespace ComplexCases.Domain.Tests.Workflow;

public class WorkflowRulesTests
{
    private static readonly CaseStage[] OpenStages =
        [CaseStage.AwaitingConversation, CaseStage.AwaitingTriage, CaseStage.AwaitingPanel, CaseStage.ActionsInProgress];

    [Fact]
    public void Transitions_AreTheProcessAsDescribed()
    {
        // Written out from the process, not copied from the table: a change to the table must change this too.
        (CaseStage, WorkflowStep, CaseStage)[] expected =
        [
            (CaseStage.AwaitingConversation, WorkflowStep.ConversationNoFurtherSupport, CaseStage.Closed),
            (CaseStage.AwaitingConversation, WorkflowStep.ConversationEscalated, CaseStage.AwaitingTriage),
            (CaseStage.AwaitingTriage, WorkflowStep.TriageAdviceGiven, CaseStage.Closed),
            (CaseStage.AwaitingTriage, WorkflowStep.TriageReferredToPanel, CaseStage.AwaitingPanel),
            (CaseStage.AwaitingPanel, WorkflowStep.PanelDiscussed, CaseStage.ActionsInProgress),
            (CaseStage.ActionsInProgress, WorkflowStep.FollowUpClosed, CaseStage.Closed),
            (CaseStage.ActionsInProgress, WorkflowStep.FollowUpBackToPanel, CaseStage.AwaitingPanel),
            (CaseStage.AwaitingConversation, WorkflowStep.Withdrawn, CaseStage.Closed),
            (CaseStage.AwaitingTriage, WorkflowStep.Withdrawn, CaseStage.Closed),
            (CaseStage.AwaitingPanel, WorkflowStep.Withdrawn, CaseStage.Closed),
            (CaseStage.ActionsInProgress, WorkflowStep.Withdrawn, CaseStage.Closed),
            (CaseStage.Closed, WorkflowStep.Relisted, CaseStage.AwaitingConversation),
        ];

        WorkflowRules.Transitions.Select(t => (t.From, t.Step, t.To)).ShouldBe(expected, ignoreOrder: true);
    }

    [Fact]
    public void Transitions_AtMostOneMovePerStageAndStep()
    {
        WorkflowRules.Transitions.Select(t => (t.From, t.Step)).Distinct().Count().ShouldBe(WorkflowRules.Transitions.Count);
    }

    [Fact]
    public void TryMove_AgreesWithTransitionsForEveryStageAndStep()
    {
        foreach (var stage in Enum.GetValues<CaseStage>())
        {
            foreach (var step in Enum.GetValues<WorkflowStep>())
            {
                var row = WorkflowRules.Transitions.Where(t => t.From == stage && t.Step == step).ToList();
                WorkflowRules.TryMove(stage, step, out var to).ShouldBe(row.Count == 1, $"{stage} + {step}");
                if (row.Count == 1) to.ShouldBe(row[0].To);
            }
        }
    }

    [Fact]
    public void TryMove_UndefinedStageOrStep_Refused()
    {
        WorkflowRules.TryMove((CaseStage)0, WorkflowStep.Relisted, out _).ShouldBeFalse();
        WorkflowRules.TryMove(CaseStage.AwaitingConversation, (WorkflowStep)99, out _).ShouldBeFalse();
    }

    [Fact]
    public void Transitions_EveryStageReachableFromListing()
    {
        Reachable(CaseStage.AwaitingConversation).ShouldBe(Enum.GetValues<CaseStage>(), ignoreOrder: true);
    }

    [Fact]
    public void Transitions_EveryStageCanReachClosed_NoDeadEnds()
    {
        foreach (var stage in Enum.GetValues<CaseStage>())
        {
            WorkflowRules.StepsFrom(stage).ShouldNotBeEmpty($"{stage} has no way out");
            Reachable(stage).ShouldContain(CaseStage.Closed);
        }
    }

    [Fact]
    public void StepsFrom_Closed_OnlyRelisted()
    {
        WorkflowRules.StepsFrom(CaseStage.Closed).ShouldBe([WorkflowStep.Relisted]);
    }

    [Fact]
    public void StepsFrom_EveryOpenStage_CanWithdrawButNotRelist()
    {
        foreach (var stage in OpenStages)
        {
            WorkflowRules.StepsFrom(stage).ShouldContain(WorkflowStep.Withdrawn);
            WorkflowRules.StepsFrom(stage).ShouldNotContain(WorkflowStep.Relisted);
        }
    }

    [Fact]
    public void StepsFrom_InTableOrder()
    {
        WorkflowRules.StepsFrom(CaseStage.AwaitingConversation)
            .ShouldBe([WorkflowStep.ConversationNoFurtherSupport, WorkflowStep.ConversationEscalated, WorkflowStep.Withdrawn]);
        WorkflowRules.StepsFrom(CaseStage.ActionsInProgress)
            .ShouldBe([WorkflowStep.FollowUpClosed, WorkflowStep.FollowUpBackToPanel, WorkflowStep.Withdrawn]);
    }

    [Fact]
    public void RefusalFor_FromAwaitingConversation_SaysWhatIsWrongAndListsEveryPossibleStep()
    {
        WorkflowRules.RefusalFor(CaseStage.AwaitingConversation, WorkflowStep.TriageAdviceGiven).ShouldBe(
            "You cannot record a triage decision giving advice and closing the case: this case is awaiting a reflective practice conversation."
            + " From here you can record a conversation with no further support needed, or record a conversation and escalate to the panel team,"
            + " or withdraw the case from the process.");
    }

    [Fact]
    public void RefusalFor_FromClosed_OffersOnlyRelisting()
    {
        WorkflowRules.RefusalFor(CaseStage.Closed, WorkflowStep.PanelDiscussed).ShouldBe(
            "You cannot record the panel's discussion and actions: this case is closed. From here you can start the process again for a newly listed month.");
    }

    [Fact]
    public void RefusalFor_EveryRefusedPair_NamesStepStageAndOnlyTheAllowedSteps()
    {
        foreach (var stage in Enum.GetValues<CaseStage>())
        {
            foreach (var step in Enum.GetValues<WorkflowStep>().Where(s => !WorkflowRules.TryMove(stage, s, out _)))
            {
                var refusal = WorkflowRules.RefusalFor(stage, step);
                refusal.ShouldStartWith($"You cannot {step.Describe()}: this case is {stage.Describe()}.");
                var offered = refusal[refusal.IndexOf(" From here you can ", StringComparison.Ordinal)..];
                foreach (var other in Enum.GetValues<WorkflowStep>())
                {
                    offered.Contains(other.Describe(), StringComparison.Ordinal)
                        .ShouldBe(WorkflowRules.TryMove(stage, other, out _), $"{stage}: offering '{other}' in: {refusal}");
                }
            }
        }
    }

    private static HashSet<CaseStage> Reachable(CaseStage from)
    {
        var seen = new HashSet<CaseStage> { from };
        var queue = new Queue<CaseStage>([from]);
        while (queue.TryDequeue(out var stage))
        {
            foreach (var row in WorkflowRules.Transitions.Where(t => t.From == stage))
            {
                if (seen.Add(row.To)) queue.Enqueue(row.To);
            }
        }
        return seen;
    }
}
