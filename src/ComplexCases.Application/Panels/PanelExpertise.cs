using System.Collections.Frozen;
using ComplexCases.Application.Access;
using ComplexCases.Application.Workflow;
using ComplexCases.Data;
using ComplexCases.Data.Workflow;
using ComplexCases.Domain.Panels;
using ComplexCases.Domain.Workflow;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Application.Panels;

/// <summary>A case in the process as its latest listing shows it: who, where, and the criteria it meets.</summary>
public sealed record CaseListing(
    string Crn, long WorkflowId, int Stage, int Version, string? Forename, string? Surname, string PduCode, string? PduName,
    string? PractitionerName, byte MetMask, CaseFacts Facts)
{
    /// <summary>The blockages named by the conversation that escalated it this time round (none when it was not escalated).</summary>
    public IReadOnlySet<BlockageCategory> Blockages { get; init; } = FrozenSet<BlockageCategory>.Empty;
}

/// <summary>How often each agency's expertise was needed at this region's meetings but not invited, or not there.</summary>
public sealed record AgencyGap(Agency Agency, int MeetingsNeeding, int NotInvited, int HeldMeetingsNeeding, int NotPresent);

/// <summary>One meeting's needed expertise and what was missing: before it (invitations) and, once held, at it (attendance).</summary>
public sealed record MeetingGap(long MeetingId, DateOnly HeldOn, PanelMeetingStatus Status, int Cases, IReadOnlySet<Agency> Needed,
    IReadOnlySet<Agency> NotInvited, IReadOnlySet<Agency>? NotPresent);

public sealed record ExpertiseReport(IReadOnlyList<AgencyGap> Agencies, IReadOnlyList<MeetingGap> Meetings)
{
    public int HeldMeetings => Meetings.Count(m => m.NotPresent is not null);
}

/// <summary>
/// The expertise each case needs at panel (the rules in <c>definitions/panel-expertise.json</c> applied to the criteria its
/// latest listing meets) and the gaps of meetings: as recorded with each meeting's changes, or (meetings from before that
/// record was kept) computed from its invitations and attendance.
/// </summary>
public sealed class PanelExpertise(ComplexCasesDbContext db, WorkflowSettings settings)
{
    public ExpertiseRules Rules => settings.Expertise;

    public IReadOnlySet<Agency> NeededFor(byte metMask) => settings.Expertise.NeededFor(metMask);

    /// <summary>The expertise a case needs: from the criteria it meets and the blockages its escalation named.</summary>
    public IReadOnlySet<Agency> NeededFor(CaseListing listing) => settings.Expertise.NeededFor(listing.MetMask, listing.Blockages);

    /// <summary>The cases' latest listings, by CRN (one query; cases without a workflow are left out).</summary>
    public IReadOnlyDictionary<string, CaseListing> Listings(IReadOnlyCollection<string> crns) => Listings(db, crns);

    internal static IReadOnlyDictionary<string, CaseListing> Listings(ComplexCasesDbContext db, IReadOnlyCollection<string> crns)
    {
        if (crns.Count == 0) return FrozenDictionary<string, CaseListing>.Empty;
        var wanted = crns.Distinct(StringComparer.Ordinal).ToList();
        var listings = (from w in db.Workflows.AsNoTracking()
                where wanted.Contains(w.Crn)
                join c in db.ListedCases.AsNoTracking() on new { RunId = w.LatestRunId, w.Crn } equals new { c.RunId, c.Crn }
                select new CaseListing(w.Crn, w.Id, w.Stage, w.Version, c.Forename, c.Surname, w.PduCode, c.PduName, c.PractitionerName,
                    c.MetMask, new CaseFacts(w.Crn, w.PduCode, w.RegionCode, w.TeamCode, w.PractitionerCode, w.SpoCode, w.LimitedAccess)))
            .ToList();
        var blockages = EscalatedBlockages(db, [.. listings.Select(l => l.WorkflowId)]);
        return listings.Select(l => blockages.TryGetValue(l.WorkflowId, out var b) ? l with { Blockages = b } : l)
            .ToFrozenDictionary(l => l.Crn, StringComparer.Ordinal);
    }

    /// <summary>Per workflow, the blockages of the conversation that escalated it since it (last) entered the process.</summary>
    private static Dictionary<long, IReadOnlySet<BlockageCategory>> EscalatedBlockages(ComplexCasesDbContext db, List<long> workflowIds)
    {
        int[] steps = [(int)WorkflowStep.ConversationEscalated, (int)WorkflowStep.Relisted];
        var events = db.WorkflowEvents.AsNoTracking().Where(e => workflowIds.Contains(e.WorkflowId) && steps.Contains(e.Step))
            .Select(e => new { e.WorkflowId, e.Step, e.At, e.Id, e.DetailsJson }).ToList();
        var result = new Dictionary<long, IReadOnlySet<BlockageCategory>>();
        foreach (var history in events.GroupBy(e => e.WorkflowId))
        {
            IReadOnlySet<BlockageCategory>? found = null;
            foreach (var e in history.OrderBy(e => e.At).ThenBy(e => e.Id))
                found = e.Step == (int)WorkflowStep.Relisted ? null : StepDetails.FromJson(e.DetailsJson).Conversation?.Blockages;
            if (found is { Count: > 0 }) result[history.Key] = found;
        }
        return result;
    }

    /// <summary>Each case's needed expertise, by CRN.</summary>
    public IReadOnlyDictionary<string, IReadOnlySet<Agency>> NeedsByCase(IReadOnlyCollection<string> crns) =>
        Listings(crns).Values.ToFrozenDictionary(l => l.Crn, NeededFor, StringComparer.Ordinal);

    /// <summary>The gap report across the meetings the user may see, newest first.</summary>
    public ExpertiseReport Report(StaffUser user)
    {
        var meetings = PanelScope.Visible(db, user).AsNoTracking()
            .Include(m => m.Members).Include(m => m.Agenda)
            .OrderByDescending(m => m.HeldOn).ThenByDescending(m => m.Id)
            .AsSplitQuery()
            .ToList();
        var memberIds = meetings.SelectMany(m => m.Members).Select(x => x.MemberId).Distinct().ToList();
        var agencyOf = db.PanelMembers.AsNoTracking().Where(p => memberIds.Contains(p.Id)).ToDictionary(p => p.Id, p => (Agency)p.Agency);
        var needs = NeedsByCase([.. meetings.SelectMany(m => m.Agenda).Select(a => a.Crn)]);

        var rows = new List<MeetingGap>();
        foreach (var meeting in meetings)
        {
            if (meeting.NeededExpertise is { } needed && meeting.NotInvitedExpertise is { } notInvited)
            {
                // As recorded with the meeting's last change: later listings of its cases do not rewrite its history.
                var held = meeting.Status != (int)PanelMeetingStatus.Scheduled;
                rows.Add(new MeetingGap(meeting.Id, meeting.HeldOn, (PanelMeetingStatus)meeting.Status, meeting.Agenda.Count,
                    FromKeys(needed), FromKeys(notInvited), held ? FromKeys(meeting.NotPresentExpertise ?? "") : null));
                continue;
            }
            var byCase = meeting.Agenda.Where(a => needs.ContainsKey(a.Crn)).ToDictionary(a => a.Crn, a => needs[a.Crn], StringComparer.Ordinal);
            var invited = meeting.Members.Select(x => agencyOf[x.MemberId]);
            var wasHeld = meeting.Status != (int)PanelMeetingStatus.Scheduled;
            var present = meeting.Members.Where(x => x.Attended).Select(x => agencyOf[x.MemberId]);
            rows.Add(new MeetingGap(meeting.Id, meeting.HeldOn, (PanelMeetingStatus)meeting.Status, meeting.Agenda.Count,
                byCase.Values.SelectMany(n => n).ToFrozenSet(),
                ExpertiseGap.Between(byCase, invited).Missing,
                wasHeld ? ExpertiseGap.Between(byCase, present).Missing : null));
        }
        var agencies = Agencies.All.Select(agency => new AgencyGap(agency,
                rows.Count(r => r.Needed.Contains(agency)),
                rows.Count(r => r.NotInvited.Contains(agency)),
                rows.Count(r => r.NotPresent is not null && r.Needed.Contains(agency)),
                rows.Count(r => r.NotPresent?.Contains(agency) == true)))
            .ToList();
        return new ExpertiseReport(agencies, rows);
    }

    private static FrozenSet<Agency> FromKeys(string keys) =>
        keys.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(k => Agencies.TryParse(k, out var a) ? a : (Agency?)null).OfType<Agency>().ToFrozenSet();

    /// <summary>Agency keys for audit details, e.g. <c>mental_health,adult_social_care</c> (empty when none).</summary>
    public static string Keys(IEnumerable<Agency> agencies) => string.Join(',', agencies.Order().Select(a => a.ToKey()));
}
