using ComplexCases.Domain.Workflow;

namespace ComplexCases.Domain.Tests.Workflow;

public class QualityReviewTests
{
    private static readonly DateOnly Today = new(2024, 9, 2);

    private static Dictionary<ChecklistItem, ChecklistAnswer?> AllAnswered() =>
        Checklist.Items.ToDictionary(item => item, item => (ChecklistAnswer?)(item == ChecklistItem.PersonsVoice ? ChecklistAnswer.NotMet : ChecklistAnswer.Met));

    private static Validated<QualityReview> Create(IReadOnlyDictionary<ChecklistItem, ChecklistAnswer?>? answers = null, string? feedback = "Good work",
        string? peer = null, DateOnly? reviewedOn = null, bool noDate = false) =>
        QualityReview.Create(noDate ? null : reviewedOn ?? new DateOnly(2024, 8, 30), answers ?? AllAnswered(), feedback, peer, Today);

    [Fact]
    public void Checklist_SevenItemsInOrder_EachWithAQuestion()
    {
        Checklist.Items.ShouldBe(Enum.GetValues<ChecklistItem>());
        Checklist.Items.Count.ShouldBe(7);
        Checklist.Items.Select(i => i.Question()).Distinct().Count().ShouldBe(7);
        Checklist.Items.ShouldAllBe(i => i.Question().EndsWith('?'));
        Enum.GetValues<ChecklistAnswer>().Select(a => a.Label()).ShouldBe(["Met", "Partly met", "Not met", "Not applicable"]);
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
        Create(feedback: "  ").ShouldFailOn("feedback", "Enter feedback for the practitioner");
        Create(feedback: new string('x', Conversation.MaxText + 1)).ShouldFailOn("feedback", "Feedback for the practitioner must be 4000 characters or fewer");
        Create(peer: new string('x', Conversation.MaxText + 1)).ShouldFailOn("peerSupportNotes", "Peer-support notes must be 4000 characters or fewer");
    }
}
