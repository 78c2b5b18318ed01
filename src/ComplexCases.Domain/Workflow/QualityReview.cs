using System.Collections.Frozen;

namespace ComplexCases.Domain.Workflow;

/// <summary>What a QDO checks on a sampled case. Values are stored: never renumber.</summary>
public enum ChecklistItem
{
    ConversationTimely = 1,
    ConversationRecorded = 2,
    RiskConsidered = 3,
    BlockagesIdentified = 4,
    EscalationAppropriate = 5,
    ActionsSpecific = 6,
    PersonsVoice = 7,
}

/// <summary>A checklist answer. Values are stored: never renumber.</summary>
public enum ChecklistAnswer
{
    Met = 1,
    PartlyMet = 2,
    NotMet = 3,
    NotApplicable = 4,
}

public static class Checklist
{
    public static IReadOnlyList<ChecklistItem> Items { get; } = Enum.GetValues<ChecklistItem>();

    public static string Question(this ChecklistItem item) => item switch
    {
        ChecklistItem.ConversationTimely => "Was the reflective conversation held within the timescale?",
        ChecklistItem.ConversationRecorded => "Does the record show what was discussed and agreed?",
        ChecklistItem.RiskConsidered => "Were risk of serious harm and risk to self considered?",
        ChecklistItem.BlockagesIdentified => "Were challenges and blockages identified clearly?",
        ChecklistItem.EscalationAppropriate => "Was the decision to escalate, or not, appropriate?",
        ChecklistItem.ActionsSpecific => "Are actions specific, owned and dated?",
        ChecklistItem.PersonsVoice => "Is the person's own view of their situation recorded?",
        _ => throw new ArgumentOutOfRangeException(nameof(item), item, null),
    };

    public static string Label(this ChecklistAnswer answer) => answer switch
    {
        ChecklistAnswer.Met => "Met",
        ChecklistAnswer.PartlyMet => "Partly met",
        ChecklistAnswer.NotMet => "Not met",
        ChecklistAnswer.NotApplicable => "Not applicable",
        _ => throw new ArgumentOutOfRangeException(nameof(answer), answer, null),
    };
}

/// <summary>
/// A QDO's review of one case's practice against the checklist, with feedback to the practitioner: what went well first
/// (<see cref="WentWell"/>), then what to try (<see cref="Feedback"/>), as feedback is given in supervision.
/// </summary>
public sealed record QualityReview(
    DateOnly ReviewedOn, IReadOnlyDictionary<ChecklistItem, ChecklistAnswer> Answers, string Feedback, string PeerSupportNotes)
{
    /// <summary>What went well: empty only on reviews recorded before it was asked for.</summary>
    public string WentWell { get; init; } = "";

    /// <param name="wentWell">What went well; null when the caller does not collect it (then it is not required).</param>
    /// <param name="conversationOn">The date of the conversation reviewed, if one is recorded: a review cannot come before it.</param>
    public static Validated<QualityReview> Create(DateOnly? reviewedOn, IReadOnlyDictionary<ChecklistItem, ChecklistAnswer?> answers,
        string? wentWell, string? feedback, string? peerSupportNotes, DateOnly today, DateOnly? conversationOn = null)
    {
        var checks = new Checks();
        var day = checks.Date("reviewedOn", "the date of the review", reviewedOn, notAfter: today, notBefore: conversationOn,
            after: "the conversation it reviews");
        // Required whenever the caller collects it (the review form always does, so it is never skipped there); null means a
        // caller written before it was asked for, whose reviews show their feedback alone.
        var well = checks.Text("wentWell", "what went well", wentWell, Conversation.MaxText, required: wentWell is not null);
        foreach (var item in Checklist.Items)
        {
            if (!answers.TryGetValue(item, out var answer) || answer is not { } a || !Enum.IsDefined(a))
                checks.Add($"answers[{item}]", $"Answer: {item.Question()}");
        }
        var text = checks.Text("feedback", "what to try next", feedback, Conversation.MaxText);
        var peer = checks.Text("peerSupportNotes", "peer-support notes", peerSupportNotes, Conversation.MaxText, required: false);
        return checks.Result(() => new QualityReview(
            day, Checklist.Items.ToFrozenDictionary(item => item, item => answers[item]!.Value), text, peer) { WentWell = well });
    }
}
