using ComplexCases.Domain.People;
using ComplexCases.Domain.Workflow;

namespace ComplexCases.Domain.Tests.Workflow;

public class CaseWorkflowTests
{
    private static readonly WorkingCalendar Calendar = ShippedFiles.Calendar;
    private static readonly Timescales Defaults = Timescales.Default;
    private static readonly Crn Crn = Crn.Parse("E123456");

    /// <summary>Friday 14 June 2024: no bank holiday for the next 20 working days.</summary>
    private static readonly DateOnly ListDate = new(2024, 6, 14);

    private static DateTimeOffset On(int year, int month, int day, int hour = 10) => new(year, month, day, hour, 0, 0, TimeSpan.Zero);

    private static CaseWorkflow Listed(DateOnly? on = null) => CaseWorkflow.Listed(Crn, on ?? ListDate, Defaults, Calendar);

    private static CaseWorkflow Take(CaseWorkflow workflow, WorkflowStep step, DateTimeOffset at, DateOnly? listedOn = null)
    {
        var result = workflow.Take(step, "Sam Smith", at, $"notes for {step}", Defaults, Calendar, listedOn);
        result.Refusal.ShouldBeNull();
        result.Succeeded.ShouldBeTrue();
        return result.Workflow.ShouldNotBeNull();
    }

    private static WorkflowResult Try(CaseWorkflow workflow, WorkflowStep step, string by = "Sam Smith", string? notes = null,
        DateOnly? listedOn = null) =>
        workflow.Take(step, by, On(2024, 6, 20), notes, Defaults, Calendar, listedOn);

    private static void ShouldBeRefused(WorkflowResult result, string refusal)
    {
        result.Succeeded.ShouldBeFalse();
        result.Workflow.ShouldBeNull();
        result.Refusal.ShouldBe(refusal);
    }

    /// <summary>A case in <paramref name="stage"/> as the store gives it back, with the move that brought it there (if any).</summary>
    private static CaseWorkflow InStage(CaseStage stage)
    {
        var at = On(2024, 6, 19);
        WorkflowTransition Arrived(WorkflowStep step, CaseStage from) => new(step, from, stage, "Earlier Person", at, "earlier");
        return stage switch
        {
            CaseStage.AwaitingConversation => CaseWorkflow.Restore(Crn, stage, ListDate, new(2024, 7, 12), null, null, []),
            CaseStage.AwaitingTriage => CaseWorkflow.Restore(Crn, stage, ListDate, null, new(2024, 7, 3), null,
                [Arrived(WorkflowStep.ConversationEscalated, CaseStage.AwaitingConversation)]),
            CaseStage.AwaitingPanel => CaseWorkflow.Restore(Crn, stage, ListDate, null, null, null,
                [Arrived(WorkflowStep.TriageReferredToPanel, CaseStage.AwaitingTriage)]),
            CaseStage.ActionsInProgress => CaseWorkflow.Restore(Crn, stage, ListDate, null, null, new(2024, 8, 14),
                [Arrived(WorkflowStep.PanelDiscussed, CaseStage.AwaitingPanel)]),
            CaseStage.Closed => CaseWorkflow.Restore(Crn, stage, ListDate, null, null, null,
                [Arrived(WorkflowStep.ConversationNoFurtherSupport, CaseStage.AwaitingConversation)]),
            _ => throw new ArgumentOutOfRangeException(nameof(stage)),
        };
    }

    public static TheoryData<CaseStage, WorkflowStep> EveryStageAndStep()
    {
        var data = new TheoryData<CaseStage, WorkflowStep>();
        foreach (var stage in Enum.GetValues<CaseStage>())
        {
            foreach (var step in Enum.GetValues<WorkflowStep>()) data.Add(stage, step);
        }
        return data;
    }

    // ---- the state machine, pair by pair ----

    [Theory]
    [MemberData(nameof(EveryStageAndStep))]
    public void Take_EveryStageAndStep_SucceedsExactlyWhenTheTableHasTheMove(CaseStage stage, WorkflowStep step)
    {
        var before = InStage(stage);
        var at = On(2024, 6, 20, 14);

        var result = before.Take(step, "  Pat Jones ", at, "  what happened  ", Defaults, Calendar, listedOn: new DateOnly(2024, 7, 12));

        if (WorkflowRules.TryMove(stage, step, out var to))
        {
            result.Refusal.ShouldBeNull();
            var after = result.Workflow.ShouldNotBeNull();
            after.Stage.ShouldBe(to);
            after.Crn.ShouldBe(Crn);
            after.History.Length.ShouldBe(before.History.Length + 1);
            after.History.Take(before.History.Length).ShouldBe(before.History);
            after.History[^1].ShouldBe(new WorkflowTransition(step, stage, to, "Pat Jones", at, "what happened"));
        }
        else
        {
            ShouldBeRefused(result, WorkflowRules.RefusalFor(stage, step));
            foreach (var allowed in WorkflowRules.StepsFrom(stage)) result.Refusal!.ShouldContain(allowed.Describe());
        }
        before.ShouldBe(InStage(stage), "the case asked to move is never changed");
        before.Stage.ShouldBe(stage);
        before.History.Length.ShouldBe(InStage(stage).History.Length);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    [InlineData(-1)]
    public void Take_UndefinedStep_RefusedByNumber(int value)
    {
        var listed = Listed();

        ShouldBeRefused(Try(listed, (WorkflowStep)value), $"{value} is not a workflow step.");
        listed.ShouldBe(Listed());
    }

    // ---- listing and due dates ----

    [Fact]
    public void Listed_DefaultTimescales_ConversationDueTwentyWorkingDaysAfterTheList()
    {
        var listed = Listed();

        listed.Crn.ShouldBe(Crn);
        listed.Stage.ShouldBe(CaseStage.AwaitingConversation);
        listed.ListedOn.ShouldBe(ListDate);
        listed.ConversationDue.ShouldBe(new DateOnly(2024, 7, 12)); // four whole weeks from a Friday, no bank holidays
        listed.DueOn.ShouldBe(listed.ConversationDue);
        listed.TriageDue.ShouldBeNull();
        listed.FollowUpDue.ShouldBeNull();
        listed.History.ShouldBeEmpty();
        listed.IsOpen.ShouldBeTrue();
    }

    [Fact]
    public void Listed_ThursdayBeforeEaster2024_DueDateSkipsGoodFridayAndEasterMonday()
    {
        var listed = Listed(new DateOnly(2024, 3, 28));

        new DateOnly(2024, 3, 28).DayOfWeek.ShouldBe(DayOfWeek.Thursday);
        listed.ConversationDue.ShouldBe(new DateOnly(2024, 4, 29)); // would be 25 April without the two bank holidays
    }

    [Fact]
    public void Listed_CustomTimescale_Used()
    {
        var listed = CaseWorkflow.Listed(Crn, ListDate, new Timescales(conversationWorkingDays: 5), Calendar);

        listed.ConversationDue.ShouldBe(new DateOnly(2024, 6, 21));
    }

    [Fact]
    public void Listed_DueDateBeyondTheCalendar_CountsWeekdaysThere()
    {
        // 15 December 2028 (a Friday) + 20 working days: 8 in December (Christmas and Boxing Day are listed holidays), then
        // from 1 January 2029, whose holidays are unknown, every weekday counts: New Year's Day is the 9th, 16 January the 20th.
        var listed = Listed(new DateOnly(2028, 12, 15));

        listed.ConversationDue.ShouldBe(new DateOnly(2029, 1, 16));
    }

    [Fact]
    public void ConversationEscalated_TriageDueTenWorkingDaysAfterEscalation_ConversationDueCleared()
    {
        var escalated = Take(Listed(), WorkflowStep.ConversationEscalated, On(2024, 7, 1));

        escalated.Stage.ShouldBe(CaseStage.AwaitingTriage);
        escalated.TriageDue.ShouldBe(new DateOnly(2024, 7, 15));
        escalated.DueOn.ShouldBe(escalated.TriageDue);
        escalated.ConversationDue.ShouldBeNull();
        escalated.FollowUpDue.ShouldBeNull();
    }

    [Fact]
    public void ConversationEscalated_OverEarlyMayBankHoliday_TriageDueTheDayAfter()
    {
        // Monday 22 April 2024 + 10 working days is Monday 6 May, the early May bank holiday, so Tuesday 7 May.
        var escalated = Take(Listed(new DateOnly(2024, 4, 5)), WorkflowStep.ConversationEscalated, On(2024, 4, 22));

        escalated.TriageDue.ShouldBe(new DateOnly(2024, 5, 7));
    }

    [Fact]
    public void TriageReferredToPanel_AwaitingPanelHasNoDueDate()
    {
        var referred = Take(Take(Listed(), WorkflowStep.ConversationEscalated, On(2024, 7, 1)), WorkflowStep.TriageReferredToPanel, On(2024, 7, 8));

        referred.Stage.ShouldBe(CaseStage.AwaitingPanel);
        referred.TriageDue.ShouldBeNull();
        referred.ConversationDue.ShouldBeNull();
        referred.FollowUpDue.ShouldBeNull();
        referred.DueOn.ShouldBeNull();
        referred.IsOverdue(new DateOnly(2028, 1, 1)).ShouldBeFalse();
    }

    [Fact]
    public void PanelDiscussed_FollowUpDueFortyWorkingDaysLater_OverTheAugustBankHoliday()
    {
        var discussed = Take(InStage(CaseStage.AwaitingPanel), WorkflowStep.PanelDiscussed, On(2024, 8, 1));

        discussed.Stage.ShouldBe(CaseStage.ActionsInProgress);
        discussed.FollowUpDue.ShouldBe(new DateOnly(2024, 9, 27)); // 26 August is the summer bank holiday
        discussed.DueOn.ShouldBe(discussed.FollowUpDue);
    }

    [Fact]
    public void FollowUpBackToPanel_FollowUpDueCleared_NextDiscussionSetsANewOne()
    {
        var discussed = Take(InStage(CaseStage.AwaitingPanel), WorkflowStep.PanelDiscussed, On(2024, 8, 1));
        var back = Take(discussed, WorkflowStep.FollowUpBackToPanel, On(2024, 9, 27));
        var again = Take(back, WorkflowStep.PanelDiscussed, On(2024, 10, 1));

        back.Stage.ShouldBe(CaseStage.AwaitingPanel);
        back.FollowUpDue.ShouldBeNull();
        again.FollowUpDue.ShouldBe(new DateOnly(2024, 11, 26));
        again.History.Select(t => t.Step).TakeLast(3)
            .ShouldBe([WorkflowStep.PanelDiscussed, WorkflowStep.FollowUpBackToPanel, WorkflowStep.PanelDiscussed]);
    }

    [Theory]
    [InlineData(CaseStage.AwaitingConversation)]
    [InlineData(CaseStage.AwaitingTriage)]
    [InlineData(CaseStage.AwaitingPanel)]
    [InlineData(CaseStage.ActionsInProgress)]
    public void Withdrawn_FromAnyOpenStage_ClosedWithNoDueDates(CaseStage stage)
    {
        var withdrawn = Take(InStage(stage), WorkflowStep.Withdrawn, On(2024, 6, 20));

        withdrawn.Stage.ShouldBe(CaseStage.Closed);
        withdrawn.IsOpen.ShouldBeFalse();
        withdrawn.ConversationDue.ShouldBeNull();
        withdrawn.TriageDue.ShouldBeNull();
        withdrawn.FollowUpDue.ShouldBeNull();
        withdrawn.DueOn.ShouldBeNull();
    }

    [Fact]
    public void IsOverdue_OnlyAfterTheDueDay()
    {
        var listed = Listed(); // due Friday 12 July 2024

        listed.IsOverdue(new DateOnly(2024, 7, 11)).ShouldBeFalse();
        listed.IsOverdue(new DateOnly(2024, 7, 12)).ShouldBeFalse();
        listed.IsOverdue(new DateOnly(2024, 7, 13)).ShouldBeTrue();
    }

    [Fact]
    public void IsOverdue_Closed_Never()
    {
        var closed = Take(Listed(), WorkflowStep.ConversationNoFurtherSupport, On(2024, 6, 20));

        closed.ConversationDue.ShouldBeNull();
        closed.IsOverdue(new DateOnly(2028, 12, 31)).ShouldBeFalse();
    }

    [Fact]
    public void IsOverdue_FollowsTheCurrentStagesDueDate()
    {
        var escalated = Take(Listed(), WorkflowStep.ConversationEscalated, On(2024, 7, 1)); // conversation was due 12 July; triage 15 July

        escalated.IsOverdue(new DateOnly(2024, 7, 13)).ShouldBeFalse();
        escalated.IsOverdue(new DateOnly(2024, 7, 16)).ShouldBeTrue();
    }

    // ---- relisting ----

    [Fact]
    public void Relisted_FromClosedWithALaterList_StartsAgainWithANewConversationDueDate()
    {
        var closed = Take(Listed(), WorkflowStep.ConversationNoFurtherSupport, On(2024, 6, 20));

        var relisted = Take(closed, WorkflowStep.Relisted, On(2024, 7, 12, 6), listedOn: new DateOnly(2024, 7, 12));

        relisted.Stage.ShouldBe(CaseStage.AwaitingConversation);
        relisted.ListedOn.ShouldBe(new DateOnly(2024, 7, 12));
        relisted.ConversationDue.ShouldBe(new DateOnly(2024, 8, 9));
        relisted.History.Select(t => t.Step).ShouldBe([WorkflowStep.ConversationNoFurtherSupport, WorkflowStep.Relisted]);
        closed.ListedOn.ShouldBe(ListDate, "the closed case keeps its own list date");
    }

    [Fact]
    public void Relisted_UsesTheConfiguredConversationTimescale()
    {
        var closed = Take(Listed(), WorkflowStep.ConversationNoFurtherSupport, On(2024, 6, 20));

        var result = closed.Take(WorkflowStep.Relisted, "monthly run", On(2024, 7, 12), null, new Timescales(conversationWorkingDays: 1),
            Calendar, new DateOnly(2024, 7, 12));

        result.Workflow.ShouldNotBeNull().ConversationDue.ShouldBe(new DateOnly(2024, 7, 15));
    }

    [Fact]
    public void Relisted_WithoutAListDate_Refused()
    {
        var closed = InStage(CaseStage.Closed);

        ShouldBeRefused(Try(closed, WorkflowStep.Relisted), "A relisted case needs the date of the list it is on.");
        closed.ShouldBe(InStage(CaseStage.Closed));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(-40)]
    public void Relisted_SameOrEarlierListDate_RefusedNamingTheCurrentList(int daysAfter)
    {
        var closed = InStage(CaseStage.Closed);

        ShouldBeRefused(Try(closed, WorkflowStep.Relisted, listedOn: ListDate.AddDays(daysAfter)),
            "A case can re-enter only from a later list than 2024-06-14.");
        closed.ShouldBe(InStage(CaseStage.Closed));
    }

    [Fact]
    public void Relisted_WhileOpen_RefusedEvenWithALaterList()
    {
        var listed = Listed();

        var result = Try(listed, WorkflowStep.Relisted, listedOn: new DateOnly(2024, 7, 12));

        ShouldBeRefused(result, WorkflowRules.RefusalFor(CaseStage.AwaitingConversation, WorkflowStep.Relisted));
        listed.ListedOn.ShouldBe(ListDate);
    }

    [Fact]
    public void ListDate_IgnoredByStepsOtherThanRelisted()
    {
        var escalated = Listed().Take(WorkflowStep.ConversationEscalated, "Sam", On(2024, 7, 1), null, Defaults, Calendar, new DateOnly(2025, 1, 1));

        escalated.Workflow.ShouldNotBeNull().ListedOn.ShouldBe(ListDate);
    }

    [Fact]
    public void Journey_RoundTwice_EveryMoveRecordedInOrder()
    {
        var march = new DateOnly(2024, 3, 1);
        var first = CaseWorkflow.Listed(Crn, march, Defaults, Calendar);
        first.ConversationDue.ShouldBe(new DateOnly(2024, 4, 2)); // past Good Friday and Easter Monday

        var closed = Take(first, WorkflowStep.ConversationNoFurtherSupport, On(2024, 3, 20));
        var april = Take(closed, WorkflowStep.Relisted, On(2024, 4, 5, 2), listedOn: new DateOnly(2024, 4, 5));
        april.ConversationDue.ShouldBe(new DateOnly(2024, 5, 3));

        var escalated = Take(april, WorkflowStep.ConversationEscalated, On(2024, 4, 22));
        escalated.TriageDue.ShouldBe(new DateOnly(2024, 5, 7));
        var referred = Take(escalated, WorkflowStep.TriageReferredToPanel, On(2024, 5, 2));
        var discussed = Take(referred, WorkflowStep.PanelDiscussed, On(2024, 5, 15));
        var done = Take(discussed, WorkflowStep.FollowUpClosed, On(2024, 7, 10));

        done.Stage.ShouldBe(CaseStage.Closed);
        done.ListedOn.ShouldBe(new DateOnly(2024, 4, 5));
        done.History.Select(t => (t.Step, t.From, t.To)).ShouldBe(
        [
            (WorkflowStep.ConversationNoFurtherSupport, CaseStage.AwaitingConversation, CaseStage.Closed),
            (WorkflowStep.Relisted, CaseStage.Closed, CaseStage.AwaitingConversation),
            (WorkflowStep.ConversationEscalated, CaseStage.AwaitingConversation, CaseStage.AwaitingTriage),
            (WorkflowStep.TriageReferredToPanel, CaseStage.AwaitingTriage, CaseStage.AwaitingPanel),
            (WorkflowStep.PanelDiscussed, CaseStage.AwaitingPanel, CaseStage.ActionsInProgress),
            (WorkflowStep.FollowUpClosed, CaseStage.ActionsInProgress, CaseStage.Closed),
        ]);
        done.History.Select(t => t.At).ShouldBeInOrder();
        done.History.ShouldAllBe(t => t.By == "Sam Smith");
        done.History[2].Notes.ShouldBe("notes for ConversationEscalated");

        // Each step returned a new case; the earlier ones are as they were.
        first.Stage.ShouldBe(CaseStage.AwaitingConversation);
        first.History.ShouldBeEmpty();
        escalated.Stage.ShouldBe(CaseStage.AwaitingTriage);
        escalated.History.Length.ShouldBe(3);

        // And a third time, from a later list still.
        var june = Take(done, WorkflowStep.Relisted, On(2024, 7, 12), listedOn: new DateOnly(2024, 7, 12));
        june.History.Length.ShouldBe(7);
        june.Stage.ShouldBe(CaseStage.AwaitingConversation);
    }

    // ---- who, when, notes ----

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\n")]
    [InlineData(null)]
    public void Take_BlankActor_Refused(string? by)
    {
        var listed = Listed();

        ShouldBeRefused(Try(listed, WorkflowStep.ConversationEscalated, by: by!), "Who took the step must be recorded.");
        listed.ShouldBe(Listed());
    }

    [Fact]
    public void Take_NotesNull_RecordedAsEmpty()
    {
        var moved = Try(Listed(), WorkflowStep.Withdrawn, notes: null).Workflow.ShouldNotBeNull();

        moved.History[^1].Notes.ShouldBe("");
    }

    [Fact]
    public void Take_NotesAtTheLimit_Accepted()
    {
        var notes = new string('x', CaseWorkflow.MaxNotesLength);

        Try(Listed(), WorkflowStep.Withdrawn, notes: notes).Workflow.ShouldNotBeNull().History[^1].Notes.ShouldBe(notes);
    }

    [Fact]
    public void Take_NotesOverTheLimitOnlyBySurroundingSpace_AcceptedTrimmed()
    {
        var notes = new string('x', CaseWorkflow.MaxNotesLength);

        Try(Listed(), WorkflowStep.Withdrawn, notes: "  " + notes + "\n").Workflow.ShouldNotBeNull().History[^1].Notes.ShouldBe(notes);
    }

    [Fact]
    public void Take_NotesOverTheLimit_RefusedWithTheLimitAndLength()
    {
        var listed = Listed();

        ShouldBeRefused(Try(listed, WorkflowStep.Withdrawn, notes: new string('x', CaseWorkflow.MaxNotesLength + 1)),
            "Notes must be 4000 characters or fewer (these are 4001).");
        listed.ShouldBe(Listed());
    }

    // ---- storing and comparing ----

    [Fact]
    public void Restore_EveryFieldOfAMovedCase_GivesAnEqualCase()
    {
        var moved = Take(Take(Listed(), WorkflowStep.ConversationEscalated, On(2024, 7, 1)), WorkflowStep.TriageReferredToPanel, On(2024, 7, 8));

        var restored = CaseWorkflow.Restore(moved.Crn, moved.Stage, moved.ListedOn, moved.ConversationDue, moved.TriageDue, moved.FollowUpDue,
            moved.History);

        restored.ShouldBe(moved);
        restored.GetHashCode().ShouldBe(moved.GetHashCode());
        (restored == moved).ShouldBeTrue();
    }

    [Fact]
    public void Equals_DifferentNotesInHistory_NotEqual()
    {
        var a = Try(Listed(), WorkflowStep.Withdrawn, notes: "moved away").Workflow;
        var b = Try(Listed(), WorkflowStep.Withdrawn, notes: "supervision ended").Workflow;

        a.ShouldNotBe(b);
    }

    [Fact]
    public void Restore_UndefinedStage_Throws()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => CaseWorkflow.Restore(Crn, (CaseStage)9, ListDate, null, null, null, []))
            .ParamName.ShouldBe("stage");
    }
}
