using ComplexCases.Application.Access;
using ComplexCases.Application.Quality;
using ComplexCases.Application.Workflow;
using ComplexCases.Domain.Workflow;

namespace ComplexCases.Web.Demo;

/// <summary>
/// The demo's QDO reviews, made as the process goes: a few working days after a conversation is recorded, a QDO of the region
/// reviews it (up to <see cref="PerMonth"/> a month, the demo practitioner's own always, by the <c>qdo</c> account so the
/// feedback shows on their page), and every answer agrees with that record (a conversation held after its due date is not
/// "within the timescale"; one that named no blockage did not identify them). Two QDOs share the work: the <c>qdo</c> account
/// and a colleague from the generated data (no account, like the cases' own practitioners). A review the double-review rule
/// samples (<see cref="SecondReview"/>, the site's own share) gets its second, independent review from the other QDO three
/// working days later; on the subjective items the two sometimes differ, so the agreement page has a kappa to read. Those
/// sampled in the last days are still awaiting their second today, as in a service in use.
/// </summary>
internal sealed class DemoReviews
{
    /// <summary>A cap for the first months, when the backlog is worked through; later months have fewer conversations than this.</summary>
    public const int PerMonth = 40;

    private readonly IServiceProvider _services;
    private readonly DemoStaff _staff;
    private readonly DemoProcess _process;
    private readonly WorkingCalendar _calendar;
    private readonly double _share;
    private readonly StaffUser _colleague;
    private readonly Dictionary<(int Year, int Month), int> _perMonth = [];
    private readonly HashSet<string> _reviewed = new(StringComparer.Ordinal);
    private int _planned;

    private DemoReviews(IServiceProvider services, DemoStaff staff, DemoProcess process, WorkingCalendar calendar, double share)
    {
        (_services, _staff, _process, _calendar, _share) = (services, staff, process, calendar, share);
        _colleague = new StaffUser("demo-qdo-colleague", "Demo QDO colleague", [Role.Qdo]) { RegionCode = staff.Qdo.RegionCode };
    }

    /// <summary>First reviews recorded (second reviews not counted).</summary>
    public int Reviews { get; private set; }

    /// <summary>Second reviews recorded.</summary>
    public int SecondReviews { get; private set; }

    /// <summary>Reviews every conversation <paramref name="process"/> records from now on, in its queue.</summary>
    public static DemoReviews Attach(IServiceProvider services, DemoStaff staff, DemoProcess process, WorkflowSettings settings, QualitySettings quality)
    {
        var reviews = new DemoReviews(services, staff, process, settings.Calendar, quality.SecondReviewShare);
        process.ConversationRecorded = reviews.Plan;
        return reviews;
    }

    private void Plan(ConversationHeld conversation)
    {
        var month = (conversation.HeldOn.Year, conversation.HeldOn.Month);
        var taken = _perMonth.GetValueOrDefault(month);
        var own = conversation.PractitionerCode == _staff.Practitioner.StaffCode;
        if (taken >= PerMonth && !own) return;
        _perMonth[month] = taken + 1;
        var reviewer = own || _planned++ % 2 == 0 ? _staff.Qdo : _colleague;
        var on = _calendar.AddWorkingDays(conversation.HeldOn, 3 + taken % 5);
        _process.PlanStep(on, 13, "quality review", () => Review(reviewer, conversation, on, second: false));
    }

    /// <summary>
    /// Today's review, whatever the day: the <c>qdo</c> account reviews the newest conversation not yet reviewed (the
    /// demo practitioner's first), so their page and the case show a review of today; if the rule samples it, its second
    /// review is still to come.
    /// </summary>
    public void Finish(IReadOnlyDictionary<string, ConversationHeld> conversations, DateOnly today)
    {
        var next = conversations.Values.Where(c => !_reviewed.Contains(c.Crn) && c.HeldOn <= today)
            .OrderByDescending(c => c.PractitionerCode == _staff.Practitioner.StaffCode).ThenByDescending(c => c.HeldOn).ThenBy(c => c.Crn, StringComparer.Ordinal)
            .FirstOrDefault();
        if (next is null) return;
        Review(_staff.Qdo, next, today, second: false);
    }

    private void Review(StaffUser reviewer, ConversationHeld conversation, DateOnly on, bool second)
    {
        using var scope = _services.CreateScope();
        var reviews = scope.ServiceProvider.GetRequiredService<QualityReviews>();
        var answers = Answers(conversation, second);
        var result = reviews.Record(reviewer, Domain.People.Crn.Parse(conversation.Crn), new QualityReviewRequest(on,
            answers.ToDictionary(a => a.Key, a => (ChecklistAnswer?)a.Value), Feedback(conversation),
            "Suggested a peer-support session with another practitioner in the team on recording the person's voice.")
        {
            WentWell = WentWell(conversation),
        });
        if (!result.Succeeded) throw new InvalidOperationException($"Demo quality review of {conversation.Crn}: {string.Join("; ", result.Errors.Select(e => e.Message))}");
        if (second)
        {
            SecondReviews++;
            return;
        }
        Reviews++;
        _reviewed.Add(conversation.Crn);
        if (!SecondReview.Sampled(result.Value!.Id, _share)) return;
        var other = reviewer.Id == _staff.Qdo.Id ? _colleague : _staff.Qdo;
        var secondOn = _calendar.AddWorkingDays(on, 3);
        _process.PlanStep(secondOn, 15, "second quality review", () => Review(other, conversation, secondOn, second: true));
    }

    /// <summary>
    /// The checklist as the record answers it. Risk and the actions' specificity are judgements: they vary from case to case,
    /// and a second QDO judges some of them differently (a fixed rule of the case, so the same seed gives the same reviews).
    /// </summary>
    public static IReadOnlyDictionary<ChecklistItem, ChecklistAnswer> Answers(ConversationHeld conversation, bool second = false)
    {
        var n = conversation.Crn.Sum(c => c);
        var risk = n % 6 == 5 ? ChecklistAnswer.PartlyMet : ChecklistAnswer.Met;
        var actions = n % 4 == 0 ? ChecklistAnswer.Met : n % 4 == 3 ? ChecklistAnswer.NotMet : ChecklistAnswer.PartlyMet;
        if (second && n % 3 == 0) actions = actions == ChecklistAnswer.PartlyMet ? ChecklistAnswer.Met : ChecklistAnswer.PartlyMet;
        if (second && n % 7 == 2) risk = ChecklistAnswer.PartlyMet;
        return new Dictionary<ChecklistItem, ChecklistAnswer>
        {
            [ChecklistItem.ConversationTimely] = conversation.Timely ? ChecklistAnswer.Met : ChecklistAnswer.NotMet,
            [ChecklistItem.ConversationRecorded] = ChecklistAnswer.Met,
            [ChecklistItem.RiskConsidered] = risk,
            [ChecklistItem.BlockagesIdentified] = conversation.NamedBlockages ? ChecklistAnswer.Met : ChecklistAnswer.PartlyMet,
            [ChecklistItem.EscalationAppropriate] = conversation.Escalated || n % 5 != 1 ? ChecklistAnswer.Met : ChecklistAnswer.PartlyMet,
            [ChecklistItem.ActionsSpecific] = actions,
            [ChecklistItem.PersonsVoice] = conversation.PersonsView ? ChecklistAnswer.Met : ChecklistAnswer.NotMet,
        };
    }

    /// <summary>What went well, said first.</summary>
    private static string WentWell(ConversationHeld conversation) =>
        (conversation.Timely ? "The conversation was held within the timescale and considered risk throughout." : "The conversation considered risk throughout.")
        + (conversation.Escalated ? " Escalating was the right call given the blockages described." : "")
        + (conversation.PersonsView ? " The person's own view of their situation is recorded in their words." : "");

    /// <summary>What to try next.</summary>
    private static string Feedback(ConversationHeld conversation) =>
        (conversation.Timely ? "" : $"It was held on {conversation.HeldOn:d MMMM yyyy}, after it was due on {conversation.DueBy:d MMMM yyyy}: plan it into the first weeks of the month. ")
        + (conversation.PersonsView ? "" : "Record the person's own view of their situation next time. ")
        + "Make each action specific, owned and dated.";
}
