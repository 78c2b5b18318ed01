using System.Collections.Frozen;
using ComplexCases.Application.Access;
using ComplexCases.Application.Audit;
using ComplexCases.Application.Notifications;
using ComplexCases.Application.Workflow;
using ComplexCases.Data;
using ComplexCases.Data.Workflow;
using ComplexCases.Domain.Audit;
using ComplexCases.Domain.Panels;
using ComplexCases.Domain.People;
using ComplexCases.Domain.Workflow;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Application.Panels;

public sealed record MeetingSummary(long Id, string RegionCode, DateOnly HeldOn, string Chair, PanelMeetingStatus Status, int Invited, int Attended,
    int Cases, int Discussed);

/// <summary>An invited directory member, and whether they attended.</summary>
public sealed record MeetingMember(long MemberId, string Name, Agency Agency, string JobTitle, bool Active, bool Attended);

/// <summary>A case on a meeting's agenda: who, where it is in the process, and the expertise it needs.</summary>
public sealed record AgendaCase(CaseListing Listing, bool Discussed, IReadOnlySet<Agency> Needs)
{
    public string Crn => Listing.Crn;
    public CaseStage Stage => (CaseStage)Listing.Stage;
}

/// <summary>A meeting with its members and agenda, and its expertise gap: before it against the invitations, after it against attendance.</summary>
public sealed record MeetingDetails(PanelMeetingRecord Meeting, IReadOnlyList<MeetingMember> Members, IReadOnlyList<AgendaCase> Agenda)
{
    public PanelMeetingStatus Status => (PanelMeetingStatus)Meeting.Status;

    public bool IsHeld => Status != PanelMeetingStatus.Scheduled;

    public IReadOnlyDictionary<string, IReadOnlySet<Agency>> NeedsByCase =>
        Agenda.ToFrozenDictionary(a => a.Crn, a => a.Needs, StringComparer.Ordinal);

    public IReadOnlySet<Agency> Needed => Agenda.SelectMany(a => a.Needs).ToFrozenSet();

    /// <summary>Needed expertise nobody invited has.</summary>
    public ExpertiseGap NotInvited => ExpertiseGap.Between(NeedsByCase, Members.Select(m => m.Agency));

    /// <summary>Needed expertise nobody present had; null before the meeting is held.</summary>
    public ExpertiseGap? NotPresent => IsHeld ? ExpertiseGap.Between(NeedsByCase, Members.Where(m => m.Attended).Select(m => m.Agency)) : null;
}

/// <summary>A case the panel team could put on a meeting's agenda.</summary>
public sealed record AgendaCandidate(CaseListing Listing, IReadOnlySet<Agency> Needs, bool OnAgenda, bool Discussed);

/// <summary>
/// Multi-agency panel meetings: scheduling, invitations, agenda, attendance and closing the follow-up. The panel team of a
/// region manages its meetings; each change checks the meeting's version (a save from an out-of-date page is refused with a
/// conflict message) and is audited in the same transaction.
/// </summary>
public sealed class PanelMeetings(ComplexCasesDbContext db, WorkflowSettings settings, TimeProvider clock)
{
    /// <summary>How far from today a meeting may be scheduled (either way: a meeting already held can be recorded).</summary>
    public const int MaxDaysFromToday = 366;

    public DateOnly Today => WorkingCalendar.UkDate(clock.GetUtcNow());

    public IReadOnlyList<MeetingSummary> List(StaffUser user) =>
        [.. PanelScope.Visible(db, user).AsNoTracking()
            .OrderByDescending(m => m.HeldOn).ThenByDescending(m => m.Id)
            .Select(m => new MeetingSummary(m.Id, m.RegionCode, m.HeldOn, m.Chair, (PanelMeetingStatus)m.Status, m.Members.Count,
                m.Members.Count(x => x.Attended), m.Agenda.Count, m.Agenda.Count(a => a.Discussed)))];

    /// <summary>The meeting with its members and agenda, or null when there is none the user may see.</summary>
    public MeetingDetails? Find(StaffUser user, long id)
    {
        var meeting = PanelScope.Visible(db, user).AsNoTracking().Include(m => m.Members).Include(m => m.Agenda).AsSplitQuery()
            .SingleOrDefault(m => m.Id == id);
        return meeting is null ? null : Details(meeting);
    }

    public static bool MayManage(StaffUser user, PanelMeetingRecord meeting) => PanelScope.MayManage(user, meeting.RegionCode);

    public PanelResult<PanelMeetingRecord> Schedule(StaffUser user, DateOnly? heldOn, string? chair)
    {
        if (PanelScope.ManagedRegion(user) is not { } region) return PanelResult<PanelMeetingRecord>.NotFound();
        var errors = new List<FieldError>();
        var today = Today;
        if (heldOn is not { } day) errors.Add(new("HeldOn", "Enter the date of the meeting"));
        else if (Math.Abs(day.DayNumber - today.DayNumber) > MaxDaysFromToday) errors.Add(new("HeldOn", "The date of the meeting must be within a year of today"));
        var name = (chair ?? "").Trim();
        if (name.Length == 0) errors.Add(new("Chair", "Enter the name of the chair"));
        else if (name.Length > PanelDirectory.MaxName) errors.Add(new("Chair", $"The chair's name must be {PanelDirectory.MaxName} characters or fewer"));
        if (errors.Count > 0) return PanelResult<PanelMeetingRecord>.Invalid(errors);

        var meeting = new PanelMeetingRecord
        {
            RegionCode = region, HeldOn = heldOn!.Value, Chair = name, Status = (int)PanelMeetingStatus.Scheduled, CreatedBy = user.Id,
            CreatedAt = clock.GetUtcNow(),
        };
        using var transaction = db.Database.BeginTransaction();
        var gap = RecordGap(meeting);
        db.PanelMeetings.Add(meeting);
        db.SaveChanges();
        Audit(user.Id, meeting, gap, "scheduled", [], d => d.Add("heldOn", meeting.HeldOn).Add("region", region));
        transaction.Commit();
        return PanelResult<PanelMeetingRecord>.Ok(meeting);
    }

    /// <summary>Makes the invitations exactly <paramref name="memberIds"/> (active members of the region's directory); only before the meeting.</summary>
    public PanelResult<PanelMeetingRecord> Invite(StaffUser user, long id, int expectedVersion, IReadOnlyCollection<long> memberIds) =>
        Change(user, id, expectedVersion, "invitations", meeting =>
        {
            if (meeting.Status != (int)PanelMeetingStatus.Scheduled)
                return Refused("MemberIds", "The meeting has been held, so its invitations can no longer change. Record who attended instead.");
            var wanted = memberIds.ToHashSet();
            var valid = db.PanelMembers.AsNoTracking().Where(m => wanted.Contains(m.Id) && m.RegionCode == meeting.RegionCode && m.Active)
                .Select(m => m.Id).ToHashSet();
            if (!wanted.SetEquals(valid)) return Refused("MemberIds", "Choose members from this region's panel directory");
            meeting.Members.RemoveAll(x => !wanted.Contains(x.MemberId));
            foreach (var memberId in wanted.Where(w => meeting.Members.All(x => x.MemberId != w)))
                meeting.Members.Add(new PanelMeetingMemberRecord { MeetingId = meeting.Id, MemberId = memberId });
            return Applied(d => d.Add("invited", meeting.Members.Count), notifyInvited: true);
        });

    /// <summary>The cases the meeting's agenda could hold: those on it, and the region's cases awaiting panel not on another meeting's agenda.</summary>
    public IReadOnlyList<AgendaCandidate> Candidates(StaffUser user, long id)
    {
        var meeting = db.PanelMeetings.AsNoTracking().Include(m => m.Agenda).SingleOrDefault(m => m.Id == id);
        if (meeting is null || !MayManage(user, meeting)) return [];
        var waiting = db.Workflows.AsNoTracking()
            .Where(w => w.RegionCode == meeting.RegionCode && w.Stage == (int)CaseStage.AwaitingPanel)
            .Select(w => w.Crn).ToList();
        var elsewhere = OnOtherAgendas(meeting.Id, waiting);
        var crns = waiting.Where(c => !elsewhere.ContainsKey(c)).Concat(meeting.Agenda.Select(a => a.Crn)).Distinct(StringComparer.Ordinal).ToList();
        var listings = PanelExpertise.Listings(db, crns);
        return [.. crns.Where(listings.ContainsKey).Select(c => listings[c])
            .Where(l => CaseAccess.Can(user, Permission.ManagePanels, l.Facts))
            .Select(l => new AgendaCandidate(l, settings.Expertise.NeededFor(l.MetMask, l.Blockages), meeting.Agenda.Any(a => a.Crn == l.Crn),
                meeting.Agenda.Any(a => a.Crn == l.Crn && a.Discussed)))
            .OrderByDescending(c => c.OnAgenda).ThenBy(c => c.Listing.Surname, StringComparer.Ordinal).ThenBy(c => c.Listing.Crn, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Makes the agenda exactly <paramref name="crns"/>. A case can be added only while it is awaiting panel, in the meeting's
    /// region, managed by the user, and not already on another meeting's agenda waiting to be discussed; only before the meeting.
    /// </summary>
    public PanelResult<PanelMeetingRecord> SetAgenda(StaffUser user, long id, int expectedVersion, IReadOnlyCollection<string> crns)
    {
        var removed = new List<string>();
        return Change(user, id, expectedVersion, "agenda", meeting =>
        {
            if (meeting.Status != (int)PanelMeetingStatus.Scheduled)
                return Refused("Crns", "The meeting has been held, so its agenda can no longer change.");
            var wanted = crns.Distinct(StringComparer.Ordinal).ToList();
            var added = wanted.Where(c => meeting.Agenda.All(a => a.Crn != c)).ToList();
            var errors = new List<FieldError>();
            var listings = PanelExpertise.Listings(db, added);
            var elsewhere = OnOtherAgendas(meeting.Id, added);
            foreach (var crn in added)
            {
                if (!listings.TryGetValue(crn, out var listing) || listing.Stage != (int)CaseStage.AwaitingPanel
                    || listing.Facts.RegionCode != meeting.RegionCode || !CaseAccess.Can(user, Permission.ManagePanels, listing.Facts))
                    errors.Add(new("Crns", $"{Shown(crn)} is not a case in this region awaiting panel"));
                else if (elsewhere.TryGetValue(crn, out var other))
                    errors.Add(new("Crns", $"{crn} is already on the agenda of the meeting on {other:d MMMM yyyy}"));
            }
            if (meeting.Agenda.Any(a => a.Discussed && !wanted.Contains(a.Crn)))
                errors.Add(new("Crns", "A case the panel has discussed cannot be taken off the agenda"));
            if (errors.Count > 0) return new(errors, null, []);
            removed.AddRange(meeting.Agenda.Where(a => !wanted.Contains(a.Crn)).Select(a => a.Crn));
            meeting.Agenda.RemoveAll(a => removed.Contains(a.Crn));
            foreach (var crn in added)
                meeting.Agenda.Add(new PanelAgendaItemRecord { MeetingId = meeting.Id, WorkflowId = listings[crn].WorkflowId, Crn = crn });
            return Applied(d => d.Add("cases", meeting.Agenda.Count).Add("added", added.Count).Add("removed", removed.Count), removed, notifyInvited: true);
        });
    }

    /// <summary>Records who of those invited attended, and marks the meeting held (from its date; corrections allowed until the follow-up closes).</summary>
    public PanelResult<PanelMeetingRecord> RecordAttendance(StaffUser user, long id, int expectedVersion, IReadOnlyCollection<long> attended) =>
        Change(user, id, expectedVersion, "attendance", meeting =>
        {
            if (meeting.Status == (int)PanelMeetingStatus.FollowUpClosed)
                return Refused(PanelResult<PanelMeetingRecord>.FormField, "The meeting's follow-up is closed, so its record can no longer change.");
            if (meeting.HeldOn > Today)
                return Refused("Attended", $"Attendance can be recorded from the day of the meeting, {meeting.HeldOn:d MMMM yyyy}");
            var present = attended.ToHashSet();
            if (!present.IsSubsetOf(meeting.Members.Select(x => x.MemberId)))
                return Refused("Attended", "Choose from the members invited to this meeting");
            foreach (var invite in meeting.Members) invite.Attended = present.Contains(invite.MemberId);
            meeting.Status = (int)PanelMeetingStatus.Held;
            return Applied(d => d.Add("attended", present.Count).Add("invited", meeting.Members.Count));
        });

    /// <summary>Closes the meeting's follow-up by hand (the panel team decides it is done): panel members' access to its cases ends.</summary>
    public PanelResult<PanelMeetingRecord> CloseFollowUp(StaffUser user, long id, int expectedVersion) =>
        Change(user, id, expectedVersion, "follow_up_closed", meeting =>
        {
            if (meeting.Status != (int)PanelMeetingStatus.Held)
                return Refused(PanelResult<PanelMeetingRecord>.FormField, meeting.Status == (int)PanelMeetingStatus.Scheduled
                    ? "The meeting has not been held yet: record who attended first."
                    : "The meeting's follow-up is already closed.");
            meeting.Status = (int)PanelMeetingStatus.FollowUpClosed;
            return Applied(d => d.Add("by", "panel team"));
        });

    /// <summary>
    /// Closes the follow-up of every held meeting (of a region, or all) whose agenda cases are all past it: each discussed case
    /// has had its follow-up review (closed, back to panel) or was withdrawn since the discussion, and each case not discussed
    /// was withdrawn. Idempotent; called when panel pages are shown, so access ends without a separate job.
    /// </summary>
    public IReadOnlyList<long> CloseFinishedFollowUps(string? regionCode = null)
    {
        var held = db.PanelMeetings.AsNoTracking().Include(m => m.Agenda)
            .Where(m => m.Status == (int)PanelMeetingStatus.Held && (regionCode == null || m.RegionCode == regionCode))
            .ToList();
        if (held.Count == 0) return [];
        var workflowIds = held.SelectMany(m => m.Agenda).Select(a => a.WorkflowId).Distinct().ToList();
        int[] after = [(int)WorkflowStep.FollowUpClosed, (int)WorkflowStep.FollowUpBackToPanel, (int)WorkflowStep.Withdrawn];
        var events = db.WorkflowEvents.AsNoTracking()
            .Where(e => workflowIds.Contains(e.WorkflowId) && (e.Step == (int)WorkflowStep.PanelDiscussed || after.Contains(e.Step)))
            .Select(e => new { e.WorkflowId, e.Step, e.At, e.Id, e.MeetingId })
            .ToList();
        var finished = held.Where(m => m.Agenda.Count > 0 && m.Agenda.All(item =>
        {
            var discussion = events.Where(e => e.WorkflowId == item.WorkflowId && e.Step == (int)WorkflowStep.PanelDiscussed && e.MeetingId == m.Id)
                .OrderBy(e => e.At).ThenBy(e => e.Id).LastOrDefault();
            return item.Discussed && discussion is not null
                ? events.Any(e => e.WorkflowId == item.WorkflowId && after.Contains(e.Step) && (e.At > discussion.At || (e.At == discussion.At && e.Id > discussion.Id)))
                : events.Any(e => e.WorkflowId == item.WorkflowId && e.Step == (int)WorkflowStep.Withdrawn && e.At >= m.CreatedAt);
        })).ToList();

        var closed = new List<long>();
        foreach (var meeting in finished)
        {
            var result = Change(null, meeting.Id, meeting.Version, "follow_up_closed", m =>
            {
                if (m.Status != (int)PanelMeetingStatus.Held) return Refused(PanelResult<PanelMeetingRecord>.FormField, "Not held.");
                m.Status = (int)PanelMeetingStatus.FollowUpClosed;
                return Applied(d => d.Add("by", "every agenda case has had its follow-up"));
            });
            // A conflict means someone changed the meeting meanwhile; the next sweep looks again.
            if (result.Succeeded) closed.Add(meeting.Id);
        }
        return closed;
    }

    /// <summary>The conflict message: nothing was saved, and why.</summary>
    public const string ConflictMessage =
        "This meeting was changed by someone else while you were working on it, so your changes have not been saved. "
        + "Check the meeting as it is now, then try again if still needed.";

    internal MeetingDetails Details(PanelMeetingRecord meeting)
    {
        var memberIds = meeting.Members.Select(x => x.MemberId).ToList();
        var members = db.PanelMembers.AsNoTracking().Where(p => memberIds.Contains(p.Id)).ToDictionary(p => p.Id);
        var listings = PanelExpertise.Listings(db, [.. meeting.Agenda.Select(a => a.Crn)]);
        return new MeetingDetails(meeting,
            [.. meeting.Members.Select(x => (invite: x, member: members[x.MemberId]))
                .Select(p => new MeetingMember(p.member.Id, p.member.Name, (Agency)p.member.Agency, p.member.JobTitle, p.member.Active, p.invite.Attended))
                .OrderBy(m => m.Agency).ThenBy(m => m.Name, StringComparer.Ordinal)],
            [.. meeting.Agenda.Where(a => listings.ContainsKey(a.Crn))
                .Select(a => new AgendaCase(listings[a.Crn], a.Discussed, settings.Expertise.NeededFor(listings[a.Crn].MetMask, listings[a.Crn].Blockages)))
                .OrderBy(a => a.Listing.Surname, StringComparer.Ordinal).ThenBy(a => a.Crn, StringComparer.Ordinal)]);
    }

    /// <summary>Of these cases, those on another meeting's agenda still to be discussed (a scheduled meeting), with its date.</summary>
    private Dictionary<string, DateOnly> OnOtherAgendas(long meetingId, IReadOnlyCollection<string> crns) =>
        (from item in db.PanelAgendaItems.AsNoTracking()
         join other in db.PanelMeetings.AsNoTracking() on item.MeetingId equals other.Id
         where crns.Contains(item.Crn) && item.MeetingId != meetingId && !item.Discussed && other.Status == (int)PanelMeetingStatus.Scheduled
         select new { item.Crn, other.HeldOn })
        .ToList()
        .GroupBy(x => x.Crn, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.Min(x => x.HeldOn), StringComparer.Ordinal);

    /// <param name="NotifyInvited">Tell the invited members: newly invited ones, and those already told whose agenda changed.</param>
    private sealed record Outcome(IReadOnlyList<FieldError> Errors, Action<AuditDetails>? Details, IReadOnlyList<string> AlsoConcerned, bool NotifyInvited = false);

    private static Outcome Refused(string field, string message) => new([new FieldError(field, message)], null, []);

    private static Outcome Applied(Action<AuditDetails> details, IReadOnlyList<string>? alsoConcerned = null, bool notifyInvited = false) =>
        new([], details, alsoConcerned ?? [], notifyInvited);

    /// <summary>
    /// One change to a meeting: load it, check the user manages it and the version they saw, apply, bump the version, save and
    /// audit in one transaction. A null user is the system (closing follow-ups).
    /// </summary>
    private PanelResult<PanelMeetingRecord> Change(StaffUser? user, long id, int expectedVersion, string change, Func<PanelMeetingRecord, Outcome> apply)
    {
        var meeting = db.PanelMeetings.Include(m => m.Members).Include(m => m.Agenda).AsSplitQuery().SingleOrDefault(m => m.Id == id);
        if (meeting is null || (user is not null && !MayManage(user, meeting)))
        {
            db.ChangeTracker.Clear();
            return PanelResult<PanelMeetingRecord>.NotFound();
        }
        if (meeting.Version != expectedVersion)
        {
            db.ChangeTracker.Clear();
            return PanelResult<PanelMeetingRecord>.Conflict(ConflictMessage);
        }
        var outcome = apply(meeting);
        if (outcome.Errors.Count > 0)
        {
            db.ChangeTracker.Clear();
            return PanelResult<PanelMeetingRecord>.Invalid(outcome.Errors);
        }
        // The version is the meeting's, so any change to its invitations or agenda also updates the row and is checked.
        meeting.Version++;
        using var transaction = db.Database.BeginTransaction();
        var gap = RecordGap(meeting);
        try
        {
            db.SaveChanges();
        }
        catch (DbUpdateConcurrencyException)
        {
            transaction.Rollback();
            db.ChangeTracker.Clear();
            return PanelResult<PanelMeetingRecord>.Conflict(ConflictMessage);
        }
        Audit(user?.Id ?? WorkflowIntake.SystemActor, meeting, gap, change, outcome.AlsoConcerned, outcome.Details);
        // Invitations go out with the save, not at the next sweep, in its transaction and under the same user; the sweep makes
        // the same drafts (same keys) as a safety net.
        if (outcome.NotifyInvited) new NotificationCentre(db, clock).PanelInvitations(meeting.Id, Today, user?.Id ?? WorkflowIntake.SystemActor);
        transaction.Commit();
        return PanelResult<PanelMeetingRecord>.Ok(meeting);
    }

    /// <summary>
    /// The meeting's expertise gap as the change leaves it, set on the meeting (saved with the change) so the gap report shows each
    /// meeting as it was, whatever later listings of its cases say.
    /// </summary>
    private MeetingDetails RecordGap(PanelMeetingRecord meeting)
    {
        var details = Details(meeting);
        meeting.NeededExpertise = PanelExpertise.Keys(details.Needed);
        meeting.NotInvitedExpertise = PanelExpertise.Keys(details.NotInvited.Missing);
        meeting.NotPresentExpertise = details.NotPresent is { } gap ? PanelExpertise.Keys(gap.Missing) : null;
        return details;
    }

    /// <summary>Audits a change with the agenda's people and the meeting's expertise gap as it now stands (before and, once held, at the meeting).</summary>
    private void Audit(string actor, PanelMeetingRecord meeting, MeetingDetails details, string change, IReadOnlyList<string> alsoConcerned, Action<AuditDetails>? more)
    {
        var text = new AuditDetails().Add("meetingId", meeting.Id).Add("change", change).Add("version", meeting.Version)
            .Add("status", ((PanelMeetingStatus)meeting.Status).ToString());
        more?.Invoke(text);
        text.Add("notInvited", PanelExpertise.Keys(details.NotInvited.Missing));
        if (details.NotPresent is { } absent) text.Add("notPresent", PanelExpertise.Keys(absent.Missing));
        new AuditLog(clock).Append(db, new AuditEntryRequest(actor, AuditAction.Alteration, AuditEventTypes.PanelMeetingChanged,
            $"Complex Case Panel: meeting {change.Replace('_', ' ')}")
        {
            Subjects = AuditSubjects.Of(meeting.Agenda.Select(a => a.Crn).Concat(alsoConcerned).Select(Crn.Parse)),
            Details = text.ToString(),
        });
    }

    private static string Shown(string crn) => Crn.TryParse(crn, out var parsed) && parsed.ToString() == crn ? crn : "That";
}
