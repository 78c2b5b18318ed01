using ComplexCases.Domain.Workflow;

namespace ComplexCases.Domain.Tests.Workflow;

public class QualityReviewTests
{
    private static readonly DateOnly Today = new(2024, 9, 2);

    private static Dictionary<ChecklistItem, ChecklistAnswer?> AllAnswered() =>
        Checklist.Items.ToDictionary(item => item, item => (ChecklistAnswer?)(item == ChecklistItem.PersonsVoice ? ChecklistAnswer.NotMet : ChecklistAnswer.Met));

    private static Validated<QualityReview> Create(IReadOnlyDictionary<ChecklistItem, ChecklistAnswer?>? answers = null, string? feedback = "Good work",
        string? peer = null, DateOnly? reviewedOn = null, bool noDate = false, string? wentWell = "Timely and thorough", DateOnly? conversationOn = null) =>
        QualityReview.Create(noDate ? null : reviewedOn ?? new DateOnly(2024, 8, 30), answers ?? AllAnswered(), wentWell, feedback, peer, Today, conversationOn);

    [Fact]
    public void Create_WhatWentWellKeptApartFromWhatToTry()
    {
        var review = Create(wentWell: " Risk considered throughout ", feedback: " Record the person's view ").ShouldSucceed();

        review.WentWell.ShouldBe("Risk considered throughout");
        review.Feedback.ShouldBe("Record the person's view");
    }

    [Fact]
    public void Create_WhatWentWellRequired_WhenCollected_AndNotAskedOfCallersThatDoNotCollectIt()
    {
        Create(wentWell: null).ShouldSucceed().WentWell.ShouldBe("");
        Create(wentWell: " ").ShouldFailOn("wentWell", "Enter what went well");
        Create(wentWell: new string('x', Conversation.MaxText + 1)).ShouldFailOn("wentWell", "What went well must be 4000 characters or fewer");
    }

    [Fact]
    public void Create_BeforeTheConversationItReviews_Refused()
    {
        var conversation = new DateOnly(2024, 8, 20);

        Create(reviewedOn: conversation, conversationOn: conversation).ShouldSucceed();
        Create(reviewedOn: conversation.AddDays(-1), conversationOn: conversation)
            .ShouldFailOn("reviewedOn", "The date of the review must be on or after the conversation it reviews, 20 August 2024");
    }

    [Fact]
    public void Create_AnswersGivenInAnyOrder_EachKeptAgainstItsItem()
    {
        var answers = Checklist.Items.Reverse().ToDictionary(item => item, item => (ChecklistAnswer?)(item == ChecklistItem.RiskConsidered ? ChecklistAnswer.NotMet : ChecklistAnswer.Met));

        var review = Create(answers).ShouldSucceed();

        review.Answers.Where(a => a.Value == ChecklistAnswer.NotMet).Select(a => a.Key).ShouldBe([ChecklistItem.RiskConsidered]);
    }

    [Fact]
    public void Create_AllAnswered_Valid()
    {
        var review = Create(feedback: " Good work ", peer: " Discussed at peer group ").ShouldSucceed();

        review.ReviewedOn.ShouldBe(new DateOnly(2024, 8, 30));
        review.Answers.Count.ShouldBe(7);
        review.Answers[ChecklistItem.PersonsVoice].ShouldBe(ChecklistAnswer.NotMet);
        review.Answers[ChecklistItem.RiskConsidered].ShouldBe(ChecklistAnswer.Met);
        review.Feedback.ShouldBe("Good work");
        review.PeerSupportNotes.ShouldBe("Discussed at peer group");
    }

    [Fact]
    public void Create_PeerSupportNotesOptional()
    {
        Create(peer: null).ShouldSucceed().PeerSupportNotes.ShouldBe("");
    }

    public static TheoryData<ChecklistItem> Items() => [.. Enum.GetValues<ChecklistItem>()];

    [Theory]
    [MemberData(nameof(Items))]
    public void Create_OneAnswerMissing_NamesThatItemWithItsQuestion(ChecklistItem item)
    {
        var answers = AllAnswered();
        answers.Remove(item);

        Create(answers).ShouldFailOn($"answers[{item}]", $"Answer: {item.Question()}");
    }

    [Theory]
    [MemberData(nameof(Items))]
    public void Create_OneAnswerNullOrUnknown_NamesThatItem(ChecklistItem item)
    {
        var answers = AllAnswered();
        answers[item] = null;
        Create(answers).ShouldFailOn($"answers[{item}]", $"Answer: {item.Question()}");

        answers[item] = (ChecklistAnswer)0;
        Create(answers).ShouldFailOn($"answers[{item}]", $"Answer: {item.Question()}");
    }

    [Fact]
    public void Create_NothingAnswered_EveryItemNamed()
    {
        var result = Create(new Dictionary<ChecklistItem, ChecklistAnswer?>());

        result.Succeeded.ShouldBeFalse();
        result.Errors.Select(e => e.Field).ShouldBe(Checklist.Items.Select(i => $"answers[{i}]"));
    }

    [Fact]
    public void Create_ExtraUnknownItem_Ignored()
    {
        var answers = AllAnswered();
        answers[(ChecklistItem)99] = ChecklistAnswer.Met;

        Create(answers).ShouldSucceed().Answers.Keys.ShouldBe(Checklist.Items, ignoreOrder: true);
    }

    [Fact]
    public void Create_Dates()
    {
        Create(reviewedOn: Today).ShouldSucceed();
        Create(reviewedOn: Today.AddDays(1)).ShouldFailOn("reviewedOn", "The date of the review must be today or in the past");
        Create(noDate: true).ShouldFailOn("reviewedOn", "Enter the date of the review");
    }

    [Fact]
    public void Create_Feedback()
    {
        Create(feedback: "  ").ShouldFailOn("feedback", "Enter what to try next");
        Create(feedback: new string('x', Conversation.MaxText + 1)).ShouldFailOn("feedback", "What to try next must be 4000 characters or fewer");
        Create(peer: new string('x', Conversation.MaxText + 1)).ShouldFailOn("peerSupportNotes", "Peer-support notes must be 4000 characters or fewer");
    }
}
