using System.Text.Json.Nodes;
using ComplexCases.Application.Access;
using ComplexCases.Application.Storage;
using ComplexCases.Application.Workflow;
using ComplexCases.Data;
using ComplexCases.Data.Workflow;
using ComplexCases.Domain.Panels;
using ComplexCases.Domain.People;
using ComplexCases.Domain.Screening;
using ComplexCases.Domain.Workflow;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Application.Panels;

/// <summary>A step's record as the panel sees it: when, by whom, and the one part the panel needs.</summary>
public sealed record PanelCaseRecord<T>(DateTimeOffset At, string ByName, WorkflowStep Step, T Record, long? MeetingId);

/// <summary>
/// The panel's view of a case on an agenda, as pre-reading: who, where and who supervises; the criteria met with the reason
/// and record behind each; the expertise needed; this time round the conversation that escalated it (its reflective notes only
/// for the panel team), the escalation, triage and panel records; the months it was listed and earlier panels; and the actions
/// with every update.
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

    /// <summary>Pre-reading: the criteria met, each with the reason and the record behind it.</summary>
    public IReadOnlyList<CriterionExplanation> Evidence { get; init; } = [];

    /// <summary>
    /// Pre-reading: the conversation that escalated the case this time round. The panel team reads all of it; a panel member from
    /// another agency reads its date, blockages and the person's own view, not the practitioner and SPO's reflective notes.
    /// </summary>
    public Conversation? Conversation { get; init; }

    /// <summary>Whether <see cref="Conversation"/> carries the reflective notes (the panel team) or not (a panel member).</summary>
    public bool ConversationInFull { get; init; }

    /// <summary>Pre-reading: the case's months on the operational definition's lists, newest first (date, score).</summary>
    public IReadOnlyList<(DateOnly AsOf, int Score)> Listings { get; init; } = [];

    /// <summary>Pre-reading: the other panel meetings whose agenda had the case (date, whether it was discussed), newest first.</summary>
    public IReadOnlyList<(long MeetingId, DateOnly HeldOn, bool Discussed)> EarlierPanels { get; init; } = [];

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
    public PanelCaseView? Find(StaffUser user, long meetingId, Crn crn)
    {
        var crnText = crn.ToString();
        var meeting = PanelScope.Visible(db, user).AsNoTracking().SingleOrDefault(m => m.Id == meetingId);
        if (meeting is null) return null;
        var item = db.PanelAgendaItems.AsNoTracking().SingleOrDefault(a => a.MeetingId == meetingId && a.Crn == crnText);
        if (item is null) return null;
        var workflow = db.Workflows.AsNoTracking().Include(w => w.Events).SingleOrDefault(w => w.Id == item.WorkflowId);
        if (workflow is null || !PanelScope.MayOpenCase(user, WorkflowRecords.Facts(workflow))) return null;
        var listed = db.ListedCases.AsNoTracking().SingleOrDefault(c => c.RunId == workflow.LatestRunId && c.Crn == crnText);
        if (listed is null) return null;

        var listing = new CaseListing(crnText, workflow.Id, workflow.Stage, workflow.Version, listed.Forename, listed.Surname, workflow.PduCode,
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
        var escalating = events.Skip(start + 1).Where(e => e.Step == (int)WorkflowStep.ConversationEscalated)
            .Select(e => StepDetails.FromJson(e.DetailsJson).Conversation).LastOrDefault(c => c is not null);
        var inFull = PanelScope.MayManage(user, meeting.RegionCode);
        var operational = Definitions.OperationalDefinition.RunIds(db, settings.DefinitionId);
        var listings = (from c in db.ListedCases.AsNoTracking()
                        join r in db.Runs.AsNoTracking() on c.RunId equals r.Id
                        where c.Crn == crnText && operational.Contains(r.Id) && c.Status == (byte)ScreeningStatus.Complex
                        select new { r.AsOf, c.Score }).ToList()
            .OrderByDescending(x => x.AsOf).Select(x => (x.AsOf, (int)x.Score)).Distinct().ToList();
        var earlier = (from a in db.PanelAgendaItems.AsNoTracking()
                       join m in db.PanelMeetings.AsNoTracking() on a.MeetingId equals m.Id
                       where a.Crn == crnText && a.MeetingId != meetingId
                       select new { m.Id, m.HeldOn, a.Discussed }).ToList()
            .OrderByDescending(x => x.HeldOn).Select(x => (x.Id, x.HeldOn, x.Discussed)).ToList();
        return new PanelCaseView(meeting, listing, item.Discussed, workflow.FollowUpDue, met, settings.Expertise.NeededFor(listed.MetMask, blockages),
            Records(current, d => d.Escalation),
            Records(current, d => d.Triage),
            discussions,
            caseActions)
        {
            ActionUpdates = actions.UpdatesOf([.. caseActions.Select(a => a.Action.Id)]),
            Evidence = [.. EvidenceJson.Deserialize(listed.EvidenceJson).Where(e => e.Outcome == CriterionOutcome.Met)],
            Conversation = escalating is null ? null : inFull ? escalating : escalating with { Discussed = "", BlockageDetail = "" },
            ConversationInFull = inFull,
            Listings = listings,
            EarlierPanels = earlier,
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
