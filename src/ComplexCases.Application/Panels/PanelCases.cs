using System.Text.Json.Nodes;
using ComplexCases.Application.Access;
using ComplexCases.Application.Storage;
using ComplexCases.Application.Workflow;
using ComplexCases.Data;
using ComplexCases.Data.Workflow;
using ComplexCases.Domain.Panels;
using ComplexCases.Domain.Screening;
using ComplexCases.Domain.Workflow;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Application.Panels;

/// <summary>A step's record as the panel sees it: when, by whom, and the one part the panel needs.</summary>
public sealed record PanelCaseRecord<T>(DateTimeOffset At, string ByName, WorkflowStep Step, T Record, long? MeetingId);

/// <summary>
/// The panel's view of a case on an agenda: only the fields a panel needs. Who, where and who supervises; the criteria met
/// (labels, no evidence); the expertise needed; this time round the escalation, triage and panel records (never the
/// conversation's own notes); and the actions. No monthly list history.
/// </summary>
public sealed record PanelCaseView(
    PanelMeetingRecord Meeting,
    CaseListing Listing,
    bool Discussed,
    DateOnly? FollowUpDue,
    IReadOnlyList<string> CriteriaMet,
    IReadOnlySet<Agency> Needs,
    IReadOnlyList<PanelCaseRecord<Escalation>> Escalations,
    IReadOnlyList<PanelCaseRecord<Triage>> Triages,
    IReadOnlyList<PanelCaseRecord<PanelDiscussion>> Discussions,
    IReadOnlyList<ActionItem> Actions)
{
    /// <summary>Every update of each action, oldest first: the evidence a follow-up review closes on.</summary>
    public IReadOnlyDictionary<long, IReadOnlyList<CaseActionUpdateRecord>> ActionUpdates { get; init; } =
        new Dictionary<long, IReadOnlyList<CaseActionUpdateRecord>>();

    /// <summary>The date of each meeting a discussion was recorded at (a discussion is dated by its meeting, not by when it was typed up).</summary>
    public IReadOnlyDictionary<long, DateOnly> MeetingDates { get; init; } = new Dictionary<long, DateOnly>();

    /// <summary>When the panel discussed it: the meeting's date, or the day it was recorded when no meeting is known.</summary>
    public DateOnly DiscussedOn(PanelCaseRecord<PanelDiscussion> discussion) =>
        discussion.MeetingId is { } id && MeetingDates.TryGetValue(id, out var on) ? on : WorkingCalendar.UkDate(discussion.At);

    public string Crn => Listing.Crn;
    public CaseStage Stage => (CaseStage)Listing.Stage;
}

public sealed class PanelCases(ComplexCasesDbContext db, WorkflowSettings settings, CaseActions actions)
{
    /// <summary>
    /// The case as the panel sees it on this meeting, or null when the user may not see the meeting, the case is not on its
    /// agenda, or the user may not view it as a panel case (<see cref="PanelScope.MayOpenCase"/>: the panel team in their
    /// region, a panel member through <see cref="StaffUser.PanelAgendaCrns"/>).
    /// </summary>
    public PanelCaseView? Find(StaffUser user, long meetingId, string crn)
    {
        var meeting = PanelScope.Visible(db, user).AsNoTracking().SingleOrDefault(m => m.Id == meetingId);
        if (meeting is null) return null;
        var item = db.PanelAgendaItems.AsNoTracking().SingleOrDefault(a => a.MeetingId == meetingId && a.Crn == crn);
        if (item is null) return null;
        var workflow = db.Workflows.AsNoTracking().Include(w => w.Events).SingleOrDefault(w => w.Id == item.WorkflowId);
        if (workflow is null || !PanelScope.MayOpenCase(user, WorkflowRecords.Facts(workflow))) return null;
        var listed = db.ListedCases.AsNoTracking().SingleOrDefault(c => c.RunId == workflow.LatestRunId && c.Crn == crn);
        if (listed is null) return null;

        var listing = new CaseListing(crn, workflow.Id, workflow.Stage, workflow.Version, listed.Forename, listed.Surname, workflow.PduCode,
            listed.PduName, listed.PractitionerName, listed.MetMask, WorkflowRecords.Facts(workflow));
        // Labels only: the evidence behind each criterion stays on the full case page.
        var met = EvidenceJson.Deserialize(listed.EvidenceJson).Where(e => e.Outcome == CriterionOutcome.Met).Select(e => e.Label).ToList();
        // This time round only: events since the case last entered the process.
        var events = workflow.Events.OrderBy(e => e.At).ThenBy(e => e.Id).ToList();
        var start = events.FindLastIndex(e => e.Step == (int)WorkflowStep.Relisted);
        var current = events.Skip(start + 1).Select(e => (Event: e, Details: PanelParts(e.DetailsJson))).ToList();
        var caseActions = actions.ForCase(crn);
        var discussions = Records(current, d => d.Discussion);
        var meetingIds = discussions.Select(d => d.MeetingId).OfType<long>().Distinct().ToList();
        var blockages = events.Skip(start + 1).Where(e => e.Step == (int)WorkflowStep.ConversationEscalated)
            .Select(e => StepDetails.FromJson(e.DetailsJson).Conversation?.Blockages).LastOrDefault(b => b is not null) ?? new HashSet<BlockageCategory>();
        return new PanelCaseView(meeting, listing, item.Discussed, workflow.FollowUpDue, met, settings.Expertise.NeededFor(listed.MetMask, blockages),
            Records(current, d => d.Escalation),
            Records(current, d => d.Triage),
            discussions,
            caseActions)
        {
            ActionUpdates = actions.UpdatesOf([.. caseActions.Select(a => a.Action.Id)]),
            MeetingDates = db.PanelMeetings.AsNoTracking().Where(m => meetingIds.Contains(m.Id)).ToDictionary(m => m.Id, m => m.HeldOn),
        };
    }

    /// <summary>
    /// The parts of a step's record a panel may see. The conversation is removed before the JSON is read at all, so its notes
    /// never reach this view (and a stored conversation, whatever its shape, cannot break it).
    /// </summary>
    private static StepDetails PanelParts(string? json)
    {
        if (string.IsNullOrEmpty(json) || JsonNode.Parse(json) is not JsonObject record) return StepDetails.None;
        record.Remove("conversation");
        return StepDetails.FromJson(record.ToJsonString());
    }

    private static List<PanelCaseRecord<T>> Records<T>(List<(WorkflowEventRecord Event, StepDetails Details)> events, Func<StepDetails, T?> part)
        where T : class =>
        [.. events.Where(x => part(x.Details) is not null)
            .Select(x => new PanelCaseRecord<T>(x.Event.At, x.Event.ByName, (WorkflowStep)x.Event.Step, part(x.Details)!, x.Event.MeetingId))];
}
