using System.Collections.Immutable;
using ComplexCases.Domain.People;

namespace ComplexCases.Domain.Workflow;

/// <summary>One move recorded on a case: who took which step, when, and what they wrote.</summary>
public sealed record WorkflowTransition(WorkflowStep Step, CaseStage From, CaseStage To, string By, DateTimeOffset At, string Notes);

/// <summary>The outcome of asking a case to take a step: the moved case, or why it was refused (the case is unchanged).</summary>
public sealed record WorkflowResult(CaseWorkflow? Workflow, string? Refusal)
{
    public bool Succeeded => Workflow is not null;
}

/// <summary>
/// A listed case's way through the process: its stage, the dates it is due by, and every move so far.
/// Immutable: <see cref="Take"/> returns a new value, and a refused step changes nothing.
/// </summary>
public sealed record CaseWorkflow
{
    public const int MaxNotesLength = 4000;

    private CaseWorkflow(Crn crn, CaseStage stage, DateOnly listedOn, ImmutableArray<WorkflowTransition> history)
    {
        Crn = crn;
        Stage = stage;
        ListedOn = listedOn;
        History = history;
    }

    public Crn Crn { get; }

    public CaseStage Stage { get; private init; }

    /// <summary>The date of the monthly list that (last) brought the case into the process.</summary>
    public DateOnly ListedOn { get; private init; }

    /// <summary>When the reflective practice conversation is due (while awaiting it).</summary>
    public DateOnly? ConversationDue { get; private init; }

    /// <summary>When triage is due (while awaiting it).</summary>
    public DateOnly? TriageDue { get; private init; }

    /// <summary>When the panel's follow-up review is due (while actions are in progress).</summary>
    public DateOnly? FollowUpDue { get; private init; }

    public ImmutableArray<WorkflowTransition> History { get; private init; }

    public bool IsOpen => Stage != CaseStage.Closed;

    /// <summary>The date the current stage's step is due, if it has one.</summary>
    public DateOnly? DueOn => Stage switch
    {
        CaseStage.AwaitingConversation => ConversationDue,
        CaseStage.AwaitingTriage => TriageDue,
        CaseStage.ActionsInProgress => FollowUpDue,
        _ => null,
    };

    public bool IsOverdue(DateOnly today) => DueOn is { } due && today > due;

    /// <summary>A case newly listed: its conversation is due <see cref="Timescales.ConversationWorkingDays"/> working days after the list.</summary>
    public static CaseWorkflow Listed(Crn crn, DateOnly listedOn, Timescales timescales, WorkingCalendar calendar) =>
        new(crn, CaseStage.AwaitingConversation, listedOn, [])
        {
            ConversationDue = calendar.AddWorkingDays(listedOn, timescales.ConversationWorkingDays),
        };

    /// <summary>Rebuilds a stored case (the store keeps stage, dates and history as recorded).</summary>
    public static CaseWorkflow Restore(Crn crn, CaseStage stage, DateOnly listedOn, DateOnly? conversationDue, DateOnly? triageDue,
        DateOnly? followUpDue, IEnumerable<WorkflowTransition> history)
    {
        if (!Enum.IsDefined(stage)) throw new ArgumentOutOfRangeException(nameof(stage), stage, "Not a stage.");
        return new(crn, stage, listedOn, [.. history])
        {
            ConversationDue = conversationDue,
            TriageDue = triageDue,
            FollowUpDue = followUpDue,
        };
    }

    /// <summary>
    /// Takes <paramref name="step"/> if the state machine allows it from the current stage. <paramref name="listedOn"/>
    /// is needed only for <see cref="WorkflowStep.Relisted"/> (the new month's list date).
    /// </summary>
    public WorkflowResult Take(WorkflowStep step, string by, DateTimeOffset at, string? notes, Timescales timescales,
        WorkingCalendar calendar, DateOnly? listedOn = null)
    {
        if (!Enum.IsDefined(step)) return new(null, $"{(int)step} is not a workflow step.");
        if (string.IsNullOrWhiteSpace(by)) return new(null, "Who took the step must be recorded.");
        var text = (notes ?? "").Trim();
        if (text.Length > MaxNotesLength) return new(null, $"Notes must be {MaxNotesLength} characters or fewer (these are {text.Length}).");
        if (!WorkflowRules.TryMove(Stage, step, out var to)) return new(null, WorkflowRules.RefusalFor(Stage, step));

        var today = WorkingCalendar.UkDate(at);
        var moved = this with
        {
            Stage = to,
            History = History.Add(new WorkflowTransition(step, Stage, to, by.Trim(), at, text)),
            ConversationDue = null,
            TriageDue = null,
            FollowUpDue = null,
        };
        switch (step)
        {
            case WorkflowStep.Relisted:
                if (listedOn is not { } newList) return new(null, "A relisted case needs the date of the list it is on.");
                if (newList <= ListedOn) return new(null, $"A case can re-enter only from a later list than {ListedOn:yyyy-MM-dd}.");
                moved = moved with { ListedOn = newList, ConversationDue = calendar.AddWorkingDays(newList, timescales.ConversationWorkingDays) };
                break;
            case WorkflowStep.ConversationEscalated:
                moved = moved with { TriageDue = calendar.AddWorkingDays(today, timescales.TriageWorkingDays) };
                break;
            case WorkflowStep.PanelDiscussed:
                moved = moved with { FollowUpDue = calendar.AddWorkingDays(today, timescales.FollowUpWorkingDays) };
                break;
        }
        return new(moved, null);
    }

    public bool Equals(CaseWorkflow? other) =>
        other is not null && Crn == other.Crn && Stage == other.Stage && ListedOn == other.ListedOn
        && ConversationDue == other.ConversationDue && TriageDue == other.TriageDue && FollowUpDue == other.FollowUpDue
        && History.SequenceEqual(other.History);

    public override int GetHashCode() => HashCode.Combine(Crn, Stage, ListedOn, History.Length);
}
