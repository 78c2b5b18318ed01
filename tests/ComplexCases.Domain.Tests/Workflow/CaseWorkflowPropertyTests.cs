using ComplexCases.Domain.People;
using ComplexCases.Domain.Workflow;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ComplexCases.Domain.Tests.Workflow;

public class CaseWorkflowPropertyTests
{
    private static readonly WorkingCalendar Calendar = ShippedFiles.Calendar;
    private static readonly DateOnly ListDate = new(2024, 1, 5);

    /// <summary>Which list date a step is given: a later list than the case's, the same list, or none.</summary>
    public enum ListDateGiven { Later, Same, None }

    public sealed record Attempt(WorkflowStep Step, ListDateGiven ListDate, int DaysLater)
    {
        public override string ToString() => $"{Step} ({ListDate}, +{DaysLater}d)";
    }

    private static readonly Gen<Attempt> Attempts =
        from step in Gen.Frequency(
            (12, Gen.Elements(Enum.GetValues<WorkflowStep>())),
            (1, Gen.Elements((WorkflowStep)0, (WorkflowStep)10)))
        from listDate in Gen.Frequency((4, Gen.Constant(ListDateGiven.Later)), (1, Gen.Constant(ListDateGiven.Same)), (1, Gen.Constant(ListDateGiven.None)))
        from daysLater in Gen.Choose(0, 5)
        select new Attempt(step, listDate, daysLater);

    private static HashSet<CaseStage> ReachableFromListing()
    {
        var seen = new HashSet<CaseStage> { CaseStage.AwaitingConversation };
        for (var grew = true; grew;)
        {
            grew = false;
            foreach (var row in WorkflowRules.Transitions.Where(t => seen.Contains(t.From))) grew |= seen.Add(row.To);
        }
        return seen;
    }

    [Property(MaxTest = 300)]
    public Property Take_AnySequenceOfSteps_StaysOnTheTableAndRecordsOnlyWhatSucceeded()
    {
        var reachable = ReachableFromListing();
        var table = WorkflowRules.Transitions.ToHashSet();

        return Prop.ForAll(Attempts.ArrayOf().ToArbitrary(), attempts =>
        {
            var workflow = CaseWorkflow.Listed(Crn.Parse("X000001"), ListDate, Timescales.Default, Calendar);
            var at = new DateTimeOffset(2024, 1, 8, 9, 0, 0, TimeSpan.Zero);
            var succeeded = 0;

            foreach (var attempt in attempts)
            {
                at = at.AddDays(attempt.DaysLater).AddMinutes(1);
                var today = DateOnly.FromDateTime(at.UtcDateTime);
                DateOnly? listedOn = attempt.ListDate switch
                {
                    ListDateGiven.Later => (today > workflow.ListedOn ? today : workflow.ListedOn).AddDays(1),
                    ListDateGiven.Same => workflow.ListedOn,
                    _ => null,
                };
                var expectMove = WorkflowRules.TryMove(workflow.Stage, attempt.Step, out var expectedStage)
                    && (attempt.Step != WorkflowStep.Relisted || attempt.ListDate == ListDateGiven.Later);

                var before = workflow;
                var result = workflow.Take(attempt.Step, "tester", at, attempt.ToString(), Timescales.Default, Calendar, listedOn);

                result.Succeeded.ShouldBe(expectMove, $"{attempt} from {before.Stage}: {result.Refusal}");
                (result.Refusal is null).ShouldBe(expectMove);
                before.History.Length.ShouldBe(succeeded, "a case once returned never changes");
                if (!result.Succeeded) continue;

                workflow = result.Workflow!;
                succeeded++;
                workflow.Stage.ShouldBe(expectedStage);
                var last = workflow.History[^1];
                table.ShouldContain((last.From, last.Step, last.To));
                (last.From, last.Step, last.At).ShouldBe((before.Stage, attempt.Step, at));
                reachable.ShouldContain(workflow.Stage);
                (workflow.ConversationDue is not null).ShouldBe(workflow.Stage == CaseStage.AwaitingConversation);
                (workflow.TriageDue is not null).ShouldBe(workflow.Stage == CaseStage.AwaitingTriage);
                (workflow.FollowUpDue is not null).ShouldBe(workflow.Stage == CaseStage.ActionsInProgress);
                if (workflow.DueOn is { } due) due.ShouldBeGreaterThan(today);
            }

            workflow.History.Length.ShouldBe(succeeded);
            for (var i = 0; i < workflow.History.Length; i++)
            {
                workflow.History[i].From.ShouldBe(i == 0 ? CaseStage.AwaitingConversation : workflow.History[i - 1].To);
            }
            if (succeeded > 0) workflow.History[^1].To.ShouldBe(workflow.Stage);
        });
    }
}
