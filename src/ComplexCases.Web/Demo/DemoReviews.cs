using ComplexCases.Application.Quality;
using ComplexCases.Domain.Workflow;

namespace ComplexCases.Web.Demo;

/// <summary>
/// The demo QDO's reviews: only of cases whose conversation the demo recorded, and every answer agrees with that record (a
/// conversation held after its due date is not "within the timescale"; one that named no blockage did not identify them).
/// One on time and one late where there are both, the demo practitioner's own first so the feedback shows on their page.
/// </summary>
internal static class DemoReviews
{
    public static int Seed(IServiceProvider services, DemoStaff staff, IReadOnlyDictionary<string, ConversationHeld> conversations, DateOnly today)
    {
        using var scope = services.CreateScope();
        var reviews = scope.ServiceProvider.GetRequiredService<QualityReviews>();
        var reviewable = conversations.Values.Where(c => reviews.Reviewable(staff.Qdo, Domain.People.Crn.Parse(c.Crn)) is not null).ToList();
        var own = reviewable.Where(c => reviews.Reviewable(staff.Practitioner, Domain.People.Crn.Parse(c.Crn)) is { } w && w.PractitionerCode == staff.Practitioner.StaffCode);
        var chosen = new List<ConversationHeld>();
        foreach (var candidate in own.OrderBy(c => c.Crn, StringComparer.Ordinal).Take(1)
            .Concat(reviewable.Where(c => c.Timely).OrderBy(c => c.Crn, StringComparer.Ordinal).Take(1))
            .Concat(reviewable.Where(c => !c.Timely).OrderBy(c => c.Crn, StringComparer.Ordinal).Take(1)))
        {
            if (chosen.All(c => c.Crn != candidate.Crn)) chosen.Add(candidate);
        }
        foreach (var conversation in chosen)
        {
            var answers = Answers(conversation);
            var result = reviews.Record(staff.Qdo, Domain.People.Crn.Parse(conversation.Crn), new QualityReviewRequest(today, answers.ToDictionary(a => a.Key, a => (ChecklistAnswer?)a.Value),
                Feedback(conversation), "Suggested a peer-support session with another practitioner in the team on recording the person's voice.")
            {
                WentWell = WentWell(conversation),
            });
            if (!result.Succeeded) throw new InvalidOperationException($"Demo quality review of {conversation.Crn}: {string.Join("; ", result.Errors.Select(e => e.Message))}");
        }
        return chosen.Count;
    }

    /// <summary>The checklist as the record answers it.</summary>
    public static IReadOnlyDictionary<ChecklistItem, ChecklistAnswer> Answers(ConversationHeld conversation) => new Dictionary<ChecklistItem, ChecklistAnswer>
    {
        [ChecklistItem.ConversationTimely] = conversation.Timely ? ChecklistAnswer.Met : ChecklistAnswer.NotMet,
        [ChecklistItem.ConversationRecorded] = ChecklistAnswer.Met,
        [ChecklistItem.RiskConsidered] = ChecklistAnswer.Met,
        [ChecklistItem.BlockagesIdentified] = conversation.NamedBlockages ? ChecklistAnswer.Met : ChecklistAnswer.PartlyMet,
        [ChecklistItem.EscalationAppropriate] = ChecklistAnswer.Met,
        [ChecklistItem.ActionsSpecific] = ChecklistAnswer.PartlyMet,
        [ChecklistItem.PersonsVoice] = conversation.PersonsView ? ChecklistAnswer.Met : ChecklistAnswer.NotMet,
    };

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
