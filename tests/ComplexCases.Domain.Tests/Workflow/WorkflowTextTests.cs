using System.Text.RegularExpressions;
using ComplexCases.Domain.Workflow;

namespace ComplexCases.Domain.Tests.Workflow;

public class WorkflowTextTests
{
    [Fact]
    public void StoredValues_NeverRenumbered()
    {
        Enum.GetValues<CaseStage>().Select(s => (s, (int)s)).ShouldBe(
        [
            (CaseStage.AwaitingConversation, 1), (CaseStage.AwaitingTriage, 2), (CaseStage.AwaitingPanel, 3),
            (CaseStage.ActionsInProgress, 4), (CaseStage.Closed, 5),
        ]);
        Enum.GetValues<WorkflowStep>().Select(s => (s, (int)s)).ShouldBe(
        [
            (WorkflowStep.ConversationNoFurtherSupport, 1), (WorkflowStep.ConversationEscalated, 2), (WorkflowStep.TriageAdviceGiven, 3),
            (WorkflowStep.TriageReferredToPanel, 4), (WorkflowStep.PanelDiscussed, 5), (WorkflowStep.FollowUpClosed, 6),
            (WorkflowStep.FollowUpBackToPanel, 7), (WorkflowStep.Withdrawn, 8), (WorkflowStep.Relisted, 9),
        ]);
    }

    [Fact]
    public void StepKeys_KebabCaseUniqueAndRoundTrip()
    {
        var steps = Enum.GetValues<WorkflowStep>();
        steps.Select(s => s.ToKey()).Distinct().Count().ShouldBe(steps.Length);
        foreach (var step in steps)
        {
            step.ToKey().ShouldMatch("^[a-z]+(-[a-z]+)*$");
            WorkflowText.TryParseStep(step.ToKey(), out var parsed).ShouldBeTrue();
            parsed.ShouldBe(step);
        }
        WorkflowStep.ConversationEscalated.ToKey().ShouldBe("conversation-escalated");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Relisted")]
    [InlineData("CONVERSATION-ESCALATED")]
    [InlineData(" relisted")]
    [InlineData("9")]
    public void TryParseStep_NotAKey_False(string? key)
    {
        WorkflowText.TryParseStep(key, out var step).ShouldBeFalse();
        step.ShouldBe(default);
    }

    [Fact]
    public void Describe_And_Label_EveryValueHasDistinctText()
    {
        var stages = Enum.GetValues<CaseStage>();
        stages.Select(s => s.Describe()).Distinct().Count().ShouldBe(stages.Length);
        stages.Select(s => s.Label()).Distinct().Count().ShouldBe(stages.Length);
        var steps = Enum.GetValues<WorkflowStep>();
        steps.Select(s => s.Describe()).Distinct().Count().ShouldBe(steps.Length);
        steps.ShouldAllBe(s => !string.IsNullOrWhiteSpace(s.Describe()));
    }

    [Fact]
    public void StepDescriptions_NoneContainsAnother_SoRefusalsCanBeReadUnambiguously()
    {
        var texts = Enum.GetValues<WorkflowStep>().Select(s => s.Describe()).ToList();
        foreach (var a in texts)
        {
            texts.Where(b => b != a).ShouldAllBe(b => !b.Contains(a, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Text_UndefinedValues_Throw()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => ((CaseStage)0).Describe());
        Should.Throw<ArgumentOutOfRangeException>(() => ((CaseStage)6).Label());
        Should.Throw<ArgumentOutOfRangeException>(() => ((WorkflowStep)0).Describe());
        Should.Throw<ArgumentOutOfRangeException>(() => ((WorkflowStep)10).ToKey());
    }

    [Fact]
    public void Labels_Capitalised_DescriptionsReadMidSentence()
    {
        foreach (var stage in Enum.GetValues<CaseStage>())
        {
            char.IsUpper(stage.Label()[0]).ShouldBeTrue();
            Regex.IsMatch(stage.Describe(), "^[a-z]").ShouldBeTrue("descriptions follow 'this case is …'");
        }
    }
}
