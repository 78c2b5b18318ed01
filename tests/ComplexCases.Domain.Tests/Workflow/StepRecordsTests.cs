using ComplexCases.Domain.Panels;
using ComplexCases.Domain.Workflow;

namespace ComplexCases.Domain.Tests.Workflow;

/// <summary>Asserts on <see cref="Validated{T}"/>: one record, or errors on exactly the named fields.</summary>
internal static class ValidatedAssertions
{
    public static T ShouldSucceed<T>(this Validated<T> result) where T : class
    {
        result.Errors.ShouldBeEmpty(string.Join(" | ", result.Errors));
        result.Succeeded.ShouldBeTrue();
        return result.Value.ShouldNotBeNull();
    }

    /// <summary>Fails on <paramref name="field"/> alone, with exactly <paramref name="message"/>.</summary>
    public static void ShouldFailOn<T>(this Validated<T> result, string field, string message) where T : class
    {
        result.Succeeded.ShouldBeFalse();
        result.Value.ShouldBeNull();
        result.Errors.ShouldBe([new FieldError(field, message)]);
    }
}

public class ConversationTests
{
    private static readonly DateOnly ListedOn = new(2024, 6, 14);
    private static readonly DateOnly Today = new(2024, 6, 28);

    private static Validated<Conversation> Create(DateOnly? heldOn = null, string? practitioner = "Alex Green", string? spo = "Jo Patel",
        string? discussed = "Housing and engagement", IEnumerable<BlockageCategory>? blockages = null, string? blockageDetail = null,
        bool noDate = false) =>
        Conversation.Create(noDate ? null : heldOn ?? new DateOnly(2024, 6, 20), practitioner, spo, discussed, blockages, blockageDetail, ListedOn, Today);

    [Fact]
    public void Create_Valid_TrimmedRecord()
    {
        var conversation = Create(practitioner: "  Alex Green ", discussed: " Housing \n",
            blockages: [BlockageCategory.Accommodation, BlockageCategory.Other, BlockageCategory.Accommodation], blockageDetail: " landlord ")
            .ShouldSucceed();

        conversation.HeldOn.ShouldBe(new DateOnly(2024, 6, 20));
        conversation.Practitioner.ShouldBe("Alex Green");
        conversation.Spo.ShouldBe("Jo Patel");
        conversation.Discussed.ShouldBe("Housing");
        conversation.Blockages.ShouldBe([BlockageCategory.Accommodation, BlockageCategory.Other], ignoreOrder: true);
        conversation.BlockageDetail.ShouldBe("landlord");
    }

    [Fact]
    public void Create_NoBlockages_DetailOptional()
    {
        var conversation = Create(blockages: null, blockageDetail: null).ShouldSucceed();

        conversation.Blockages.ShouldBeEmpty();
        conversation.BlockageDetail.ShouldBe("");
    }

    [Fact]
    public void Create_HeldOnTheListDateOrToday_Accepted()
    {
        Create(heldOn: ListedOn).ShouldSucceed();
        Create(heldOn: Today).ShouldSucceed();
    }

    [Fact]
    public void Create_NoDate_Refused()
    {
        Create(noDate: true).ShouldFailOn("heldOn", "Enter the date of the conversation");
    }

    [Fact]
    public void Create_InTheFuture_Refused()
    {
        Create(heldOn: Today.AddDays(1)).ShouldFailOn("heldOn", "The date of the conversation must be today or in the past");
    }

    [Fact]
    public void Create_BeforeTheCaseWasListed_Refused()
    {
        Create(heldOn: ListedOn.AddDays(-1)).ShouldFailOn("heldOn", "The date of the conversation must be on or after the date of the list, 14 June 2024");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Create_BlankNames_Refused(string? blank)
    {
        Create(practitioner: blank).ShouldFailOn("practitioner", "Enter the practitioner's name");
        Create(spo: blank).ShouldFailOn("spo", "Enter the SPO's name");
        Create(discussed: blank).ShouldFailOn("discussed", "Enter what was discussed");
    }

    [Fact]
    public void Create_TooLong_RefusedWithTheLimit()
    {
        Create(practitioner: new string('a', 128)).ShouldSucceed();
        Create(practitioner: new string('a', 129)).ShouldFailOn("practitioner", "The practitioner's name must be 128 characters or fewer");
        Create(spo: new string('a', 129)).ShouldFailOn("spo", "The SPO's name must be 128 characters or fewer");
        Create(discussed: new string('a', Conversation.MaxText)).ShouldSucceed();
        Create(discussed: new string('a', Conversation.MaxText + 1)).ShouldFailOn("discussed", "What was discussed must be 4000 characters or fewer");
        Create(blockageDetail: new string('a', Conversation.MaxText + 1))
            .ShouldFailOn("blockageDetail", "The blockages must be 4000 characters or fewer");
    }

    [Fact]
    public void Create_OtherBlockageWithoutDetail_Refused()
    {
        Create(blockages: [BlockageCategory.Other], blockageDetail: "  ").ShouldFailOn("blockageDetail", "Enter the blockages");
    }

    [Fact]
    public void Create_ListedBlockagesWithoutDetail_Accepted()
    {
        Create(blockages: [BlockageCategory.Workload, BlockageCategory.RiskManagement]).ShouldSucceed().BlockageDetail.ShouldBe("");
    }

    [Fact]
    public void Create_UnknownBlockageCategory_Refused()
    {
        Create(blockages: [BlockageCategory.Accommodation, (BlockageCategory)42]).ShouldFailOn("blockages", "Choose blockages from the list");
    }

    [Fact]
    public void Create_SeveralProblems_EveryOneReported()
    {
        var result = Conversation.Create(null, "", " ", null, [BlockageCategory.Other], null, ListedOn, Today);

        result.Succeeded.ShouldBeFalse();
        result.Errors.Select(e => e.Field).ShouldBe(["heldOn", "practitioner", "spo", "discussed", "blockageDetail"]);
    }

    [Fact]
    public void BlockageLabels_EveryCategoryDistinct()
    {
        var categories = Enum.GetValues<BlockageCategory>();
        categories.Select(c => c.Label()).Distinct().Count().ShouldBe(categories.Length);
        Should.Throw<ArgumentOutOfRangeException>(() => ((BlockageCategory)0).Label());
    }
}

public class EscalationTests
{
    [Fact]
    public void Create_Valid_Trimmed()
    {
        var escalation = Escalation.Create(" No accommodation ", "Housing referral", " A housing lead at panel ").ShouldSucceed();

        escalation.ShouldBe(new Escalation("No accommodation", "Housing referral", "A housing lead at panel"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" \t")]
    public void Create_EachBlankField_NamedAlone(string? blank)
    {
        Escalation.Create(blank, "tried", "asked").ShouldFailOn("blockage", "Enter the blockage");
        Escalation.Create("blockage", blank, "asked").ShouldFailOn("tried", "Enter what has been tried");
        Escalation.Create("blockage", "tried", blank).ShouldFailOn("supportAsked", "Enter what support is asked for");
    }

    [Fact]
    public void Create_TooLong_Refused()
    {
        var tooLong = new string('x', Conversation.MaxText + 1);

        Escalation.Create(tooLong, "tried", "asked").ShouldFailOn("blockage", "The blockage must be 4000 characters or fewer");
        Escalation.Create("blockage", tooLong, "asked").ShouldFailOn("tried", "What has been tried must be 4000 characters or fewer");
        Escalation.Create("blockage", "tried", tooLong).ShouldFailOn("supportAsked", "What support is asked for must be 4000 characters or fewer");
    }
}

public class ConversationRecordTests
{
    private static readonly DateOnly ListedOn = new(2024, 6, 14);
    private static readonly DateOnly Today = new(2024, 6, 28);

    private static Validated<Conversation> Record(string? spoUserName = "jo.patel", string? spoName = "Jo Patel", string? personsView = "Wants stable housing first") =>
        Conversation.Record(new DateOnly(2024, 6, 20), "Alex Green", spoUserName, spoName, personsView, "Housing", [], null, ListedOn, Today);

    [Fact]
    public void Record_SpoByAccountAndPersonsView_Kept()
    {
        var conversation = Record().ShouldSucceed();

        conversation.SpoUserName.ShouldBe("jo.patel");
        conversation.Spo.ShouldBe("Jo Patel");
        conversation.PersonsView.ShouldBe("Wants stable housing first");
    }

    [Fact]
    public void Record_NoSpoChosen_Refused() => Record(spoUserName: " ", spoName: null).ShouldFailOn("spo", "Choose the SPO who held the conversation");

    [Fact]
    public void Record_AccountThatIsNotAnSpoForTheCase_Refused() =>
        Record(spoName: null).ShouldFailOn("spo", "Choose an SPO from the list: that account is not an SPO for this case");

    [Fact]
    public void Record_PersonsViewMissing_Refused() => Record(personsView: "  ").ShouldFailOn("personsView", "Enter the person's own view");

    [Fact]
    public void Record_StoredAndReadBack_KeepsAccountAndView()
    {
        var conversation = Record().ShouldSucceed();
        var json = System.Text.Json.JsonSerializer.Serialize(conversation);

        json.ShouldContain("jo.patel");
        json.ShouldContain("Wants stable housing first");
    }
}

public class TriageDateTests
{
    private static readonly DateOnly Today = new(2024, 7, 10);
    private static readonly DateOnly Escalated = new(2024, 7, 1);

    private static Validated<Triage> Create(DateOnly heldOn) =>
        Triage.Create(heldOn, ["Chris Lee"], "Needs a housing lead", "Contact the council", referToPanel: false, Today, Escalated);

    [Fact]
    public void Create_BeforeTheConversationThatEscalated_Refused() =>
        Create(Escalated.AddDays(-1)).ShouldFailOn("heldOn",
            "The date of the triage meeting must be on or after the conversation that escalated the case, 1 July 2024");

    [Fact]
    public void Create_OnTheDayOfTheConversationOrLater_UpToToday_Accepted()
    {
        Create(Escalated).ShouldSucceed();
        Create(Today).ShouldSucceed();
        Create(Today.AddDays(1)).ShouldFailOn("heldOn", "The date of the triage meeting must be today or in the past");
    }
}

public class TriageTests
{
    private static readonly DateOnly Today = new(2024, 7, 10);

    private static Validated<Triage> Create(IEnumerable<string>? attendees = null, string? rationale = "Needs a housing lead",
        string? advice = "Contact the council", bool referToPanel = false, DateOnly? heldOn = null, bool noDate = false) =>
        Triage.Create(noDate ? null : heldOn ?? new DateOnly(2024, 7, 8), attendees ?? ["Chris Lee", "Dana Shah"], rationale, advice, referToPanel, Today);

    [Fact]
    public void Create_AdviceGiven_Valid()
    {
        var triage = Create().ShouldSucceed();

        triage.HeldOn.ShouldBe(new DateOnly(2024, 7, 8));
        triage.Attendees.ShouldBe(["Chris Lee", "Dana Shah"]);
        triage.Rationale.ShouldBe("Needs a housing lead");
        triage.Advice.ShouldBe("Contact the council");
    }

    [Fact]
    public void Create_ClosingWithAdvice_AdviceRequired()
    {
        Create(advice: " ", referToPanel: false).ShouldFailOn("advice", "Enter the advice given");
    }

    [Fact]
    public void Create_ReferringToPanel_AdviceOptional()
    {
        Create(advice: null, referToPanel: true).ShouldSucceed().Advice.ShouldBe("");
        Create(advice: "Ask for a MAPPA review", referToPanel: true).ShouldSucceed().Advice.ShouldBe("Ask for a MAPPA review");
    }

    [Fact]
    public void Create_AdviceTooLong_RefusedEvenWhenOptional()
    {
        Create(advice: new string('x', Conversation.MaxText + 1), referToPanel: true)
            .ShouldFailOn("advice", "The advice given must be 4000 characters or fewer");
    }

    [Fact]
    public void Create_AttendeesTrimmedBlanksDroppedDuplicatesRemoved()
    {
        Create(attendees: [" Chris Lee ", "", "Chris Lee", "Dana Shah", "   "]).ShouldSucceed().Attendees.ShouldBe(["Chris Lee", "Dana Shah"]);
    }

    [Fact]
    public void Create_NoAttendees_Refused()
    {
        Create(attendees: []).ShouldFailOn("attendees", "Enter who attended the triage meeting");
        Create(attendees: [" ", ""]).ShouldFailOn("attendees", "Enter who attended the triage meeting");
        Triage.Create(new DateOnly(2024, 7, 8), null, "why", "advice", false, Today).ShouldFailOn("attendees", "Enter who attended the triage meeting");
    }

    [Fact]
    public void Create_TooManyAttendees_Refused()
    {
        Create(attendees: Enumerable.Range(1, Triage.MaxAttendees).Select(i => $"Person {i}")).ShouldSucceed();
        Create(attendees: Enumerable.Range(1, Triage.MaxAttendees + 1).Select(i => $"Person {i}")).ShouldFailOn("attendees", "Enter at most 30 attendees");
    }

    [Fact]
    public void Create_AttendeeNameTooLong_Refused()
    {
        Create(attendees: ["Chris Lee", new string('a', 128)]).ShouldSucceed();
        Create(attendees: ["Chris Lee", new string('a', 129)]).ShouldFailOn("attendees", "Each attendee's name must be 128 characters or fewer");
    }

    [Fact]
    public void Create_Dates()
    {
        Create(heldOn: Today).ShouldSucceed();
        Create(heldOn: Today.AddDays(1)).ShouldFailOn("heldOn", "The date of the triage meeting must be today or in the past");
        Create(noDate: true).ShouldFailOn("heldOn", "Enter the date of the triage meeting");
    }

    [Fact]
    public void Create_NoRationale_Refused()
    {
        Create(rationale: "").ShouldFailOn("rationale", "Enter the rationale for the decision");
    }
}

public class CaseActionTests
{
    private static readonly DateOnly Today = new(2024, 6, 21);

    private static Validated<CaseAction> Create(string? description = "Make a housing referral", string? owner = "Kim Ward",
        Agency? agency = Agency.Housing, DateOnly? dueOn = null, bool noDate = false) =>
        CaseAction.Create(description, owner, agency, noDate ? null : dueOn ?? new DateOnly(2024, 7, 5), Today);

    [Fact]
    public void Create_Valid_OpenAction()
    {
        Create(description: " Make a housing referral ", owner: " Kim Ward").ShouldSucceed()
            .ShouldBe(new CaseAction("Make a housing referral", "Kim Ward", Agency.Housing, new DateOnly(2024, 7, 5), ActionStatus.Open));
    }

    [Fact]
    public void Create_DueToday_Accepted()
    {
        Create(dueOn: Today).ShouldSucceed().DueOn.ShouldBe(Today);
    }

    [Fact]
    public void Create_DueInThePast_Refused()
    {
        Create(dueOn: Today.AddDays(-1)).ShouldFailOn("dueOn", "The due date must be on or after 21 June 2024");
    }

    [Fact]
    public void Create_NoDueDate_Refused()
    {
        Create(noDate: true).ShouldFailOn("dueOn", "Enter the due date");
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0)]
    [InlineData(11)]
    public void Create_NoOrUnknownAgency_Refused(int? agency)
    {
        Create(agency: (Agency?)agency).ShouldFailOn("ownerAgency", "Choose the owner's agency");
    }

    [Fact]
    public void Create_TextFields()
    {
        Create(description: " ").ShouldFailOn("description", "Enter what the action is");
        Create(description: new string('x', 1000)).ShouldSucceed();
        Create(description: new string('x', 1001)).ShouldFailOn("description", "What the action is must be 1000 characters or fewer");
        Create(owner: null).ShouldFailOn("ownerName", "Enter who owns the action");
        Create(owner: new string('x', 129)).ShouldFailOn("ownerName", "Who owns the action must be 128 characters or fewer");
    }

    [Fact]
    public void IsOverdue_OpenAndPastItsDueDate()
    {
        var action = new CaseAction("do it", "Kim", Agency.Housing, new DateOnly(2024, 7, 5), ActionStatus.Open);

        action.IsOverdue(new DateOnly(2024, 7, 5)).ShouldBeFalse();
        action.IsOverdue(new DateOnly(2024, 7, 6)).ShouldBeTrue();
        (action with { Status = ActionStatus.Done }).IsOverdue(new DateOnly(2024, 7, 6)).ShouldBeFalse();
        (action with { Status = ActionStatus.Dropped }).IsOverdue(new DateOnly(2024, 7, 6)).ShouldBeFalse();
    }
}

public class PanelDiscussionTests
{
    private static readonly CaseAction Action = new("Make a housing referral", "Kim Ward", Agency.Housing, new DateOnly(2024, 7, 5), ActionStatus.Open);

    [Fact]
    public void Create_Valid()
    {
        var discussion = PanelDiscussion.Create(" Discussed housing ", "Refer to housing", [Action]).ShouldSucceed();

        discussion.Summary.ShouldBe("Discussed housing");
        discussion.Decisions.ShouldBe("Refer to housing");
        discussion.Actions.ShouldBe([Action]);
    }

    [Fact]
    public void Create_NoActions_Refused()
    {
        PanelDiscussion.Create("summary", "decisions", []).ShouldFailOn("actions", "Add at least one action with an owner and due date");
    }

    [Fact]
    public void Create_BlankOrLongText_Refused()
    {
        PanelDiscussion.Create("", "decisions", [Action]).ShouldFailOn("summary", "Enter a summary of the discussion");
        PanelDiscussion.Create("summary", null, [Action]).ShouldFailOn("decisions", "Enter the decisions");
        PanelDiscussion.Create(new string('x', Conversation.MaxText + 1), "decisions", [Action])
            .ShouldFailOn("summary", "A summary of the discussion must be 4000 characters or fewer");
    }
}
