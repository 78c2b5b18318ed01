using System.Collections.Frozen;
using ComplexCases.Application.Access;
using ComplexCases.Application.Audit;
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

/// <summary>An invited directory member, and whether they attended or sent apologies.</summary>
public sealed record MeetingMember(long MemberId, string Name, Agency Agency, string JobTitle, bool Active, bool Attended)
{
    public bool Apologies { get; init; }
}

/// <summary>When and where a meeting is held: start time (England and Wales), and a venue, a video link or both.</summary>
public sealed record MeetingPlace(string? StartsAt, string? Venue, string? VideoLink);

/// <summary>What attendance records besides who of the directory came: apologies, the agenda cases' staff, guests, written input.</summary>
public sealed record AttendanceExtras(
    IReadOnlyCollection<long> Apologies, IReadOnlyCollection<long> StaffAttended, IReadOnlyCollection<long> StaffApologies, string? Guests, string? WrittenInput);

/// <summary>A case on a meeting's agenda: who, where it is in the process, and the expertise it needs.</summary>
public sealed record AgendaCase(CaseListing Listing, bool Discussed, IReadOnlySet<Agency> Needs)
{
    public string Crn => Listing.Crn;
    public CaseStage Stage => (CaseStage)Listing.Stage;
}

/// <summary>A meeting with its members and agenda, and its expertise gap: before it against the invitations, after it against attendance.</summary>
public sealed record MeetingDetails(PanelMeetingRecord Meeting, IReadOnlyList<MeetingMember> Members, IReadOnlyList<AgendaCase> Agenda)
{
    /// <summary>The practitioners and SPOs invited because a case of theirs is on the agenda.</summary>
    public IReadOnlyList<PanelMeetingStaffRecord> Staff { get; init; } = [];

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
public sealed class PanelMeetings(ComplexCasesDbContext db, WorkflowSettings settings, AuditLog audit, IPanelNotices notices, TimeProvider clock)
{
    /// <summary>How far from today a meeting may be scheduled (either way: a meeting already held can be recorded).</summary>
    public const int MaxDaysFromToday = 366;

    public DateOnly Today => WorkingCalendar.UkDate(clock.GetUtcNow());

    public IReadOnlyList<MeetingSummary> List(StaffUser user) =>
        [.. PanelScope.Visible(db, user).AsNoTracking()
            .OrderByDescending(m => m.HeldOn).ThenByDescending(m => m.Id)
            .Select(m => new MeetingSummary(m.Id, m.RegionCode, m.HeldOn, m.Chair, (PanelMeetingStatus)m.Status, m.Members.Count,
                m.Members.Count(x => x.Attended), m.Agenda.Count, m.Agenda.Count(a => a.Discussed)))];

    /// <summary>The user's meetings still to come (today or later, not yet held), soonest first: a panel member's invitations, the panel team's region.</summary>
    public IReadOnlyList<PanelMeetingRecord> Upcoming(StaffUser user, int max = 5)
    {
        var today = Today;
        return [.. PanelScope.Visible(db, user).AsNoTracking().Include(m => m.Agenda)
            .Where(m => m.Status == (int)PanelMeetingStatus.Scheduled && m.HeldOn >= today)
            .OrderBy(m => m.HeldOn).ThenBy(m => m.Id).Take(max)];
    }

    /// <summary>
    /// The region's cases awaiting a panel that the user manages, each with the date of the scheduled meeting whose agenda has it
    /// (null when it is on none yet): the panel team's to-do list. Those on no agenda first.
    /// </summary>
    public IReadOnlyList<(CaseListing Listing, DateOnly? OnAgendaFor)> AwaitingPanel(StaffUser user)
    {
        if (PanelScope.ManagedRegion(user) is not { } region) return [];
        var crns = db.Workflows.AsNoTracking().Where(w => w.RegionCode == region && w.Stage == (int)CaseStage.AwaitingPanel).Select(w => w.Crn).ToList();
        var listings = PanelExpertise.Listings(db, crns);
        var onAgenda = OnOtherAgendas(0, crns);
        return [.. listings.Values.Where(l => CaseAccess.Can(user, Permission.ManagePanels, l.Facts))
            .Select(l => (l, onAgenda.TryGetValue(l.Crn, out var on) ? on : (DateOnly?)null))
            .OrderBy(x => x.Item2 is not null).ThenBy(x => x.Item2).ThenBy(x => x.l.Crn, StringComparer.Ordinal)];
    }

    /// <summary>The meeting with its members and agenda, or null when there is none the user may see.</summary>
    public MeetingDetails? Find(StaffUser user, long id)
    {
        var meeting = PanelScope.Visible(db, user).AsNoTracking().Include(m => m.Members).Include(m => m.Agenda).AsSplitQuery()
            .SingleOrDefault(m => m.Id == id);
        return meeting is null ? null : Details(meeting);
    }

    public static bool MayManage(StaffUser user, PanelMeetingRecord meeting) => PanelScope.MayManage(user, meeting.RegionCode);

    /// <summary>
    /// Schedules a meeting in the user's region. With <paramref name="place"/> (as the page always sends it) the start time and a
    /// venue or video link are required; without it (older callers) they are left to be added when the meeting is rescheduled.
    /// </summary>
    public UseCaseResult<PanelMeetingRecord> Schedule(StaffUser user, DateOnly? heldOn, string? chair, MeetingPlace? place = null)
    {
        if (PanelScope.ManagedRegion(user) is not { } region) return UseCaseResult<PanelMeetingRecord>.NotFound();
        var errors = new List<FieldError>();
        CheckDate(heldOn, errors);
        var (startsAt, venue, link) = place is null ? (null, null, null) : CheckPlace(place, errors);
        var name = (chair ?? "").Trim();
        if (name.Length == 0) errors.Add(new("Chair", "Enter the name of the chair"));
        else if (name.Length > PanelDirectory.MaxName) errors.Add(new("Chair", $"The chair's name must be {PanelDirectory.MaxName} characters or fewer"));
        if (errors.Count > 0) return UseCaseResult<PanelMeetingRecord>.Invalid(errors);

        var meeting = new PanelMeetingRecord
        {
            RegionCode = region, HeldOn = heldOn!.Value, Chair = name, Status = (int)PanelMeetingStatus.Scheduled, CreatedBy = user.Id,
            CreatedAt = clock.GetUtcNow(), StartsAt = startsAt, Venue = venue, VideoLink = link,
        };
        using var transaction = db.Database.BeginTransaction();
        var gap = RecordGap(meeting);
        db.PanelMeetings.Add(meeting);
        db.SaveChanges();
        Audit(user.Id, meeting, gap, "scheduled", [], d => d.Add("heldOn", meeting.HeldOn).Add("region", region));
        transaction.Commit();
        return UseCaseResult<PanelMeetingRecord>.Ok(meeting);
    }

    public const int MaxVenue = 200;
    public const int MaxVideoLink = 500;
    public const int MaxGuests = 2000;
    public const int MaxWrittenInput = 4000;

    /// <summary>The first working day on or after <paramref name="day"/> (a meeting cannot be held at a weekend or on a bank holiday).</summary>
    public DateOnly NextWorkingDay(DateOnly day)
    {
        while (!IsWorkingDay(day)) day = day.AddDays(1);
        return day;
    }

    /// <summary>Weekends and bank holidays are not working days; past the calendar's holiday list only weekends are known.</summary>
    private bool IsWorkingDay(DateOnly day)
    {
        try
        {
            return settings.Calendar.IsWorkingDay(day);
        }
        catch (InvalidOperationException)
        {
            return day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
        }
    }

    private void CheckDate(DateOnly? heldOn, List<FieldError> errors)
    {
        if (heldOn is not { } day) errors.Add(new("HeldOn", "Enter the date of the meeting"));
        else if (Math.Abs(day.DayNumber - Today.DayNumber) > MaxDaysFromToday) errors.Add(new("HeldOn", "The date of the meeting must be within a year of today"));
        else if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            errors.Add(new("HeldOn", $"{day:dddd d MMMM yyyy} is a weekend: choose a working day"));
        else if (!IsWorkingDay(day)) errors.Add(new("HeldOn", $"{day:d MMMM yyyy} is a bank holiday: choose a working day"));
    }

    /// <summary>Checks a start time (e.g. 14:30 or 2:30pm) and that there is a venue or a video link (an https address).</summary>
    private static (TimeOnly? StartsAt, string? Venue, string? VideoLink) CheckPlace(MeetingPlace place, List<FieldError> errors)
    {
        TimeOnly? startsAt = null;
        var time = (place.StartsAt ?? "").Trim().ToLowerInvariant().Replace(" ", "", StringComparison.Ordinal).Replace('.', ':');
        if (time.Length == 0) errors.Add(new("StartsAt", "Enter the start time, for example 14:30"));
        else if (TimeOnly.TryParseExact(time, ["H:mm", "HH:mm", "h:mmtt", "htt", "hh:mmtt"], System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.None, out var parsed)) startsAt = parsed;
        else errors.Add(new("StartsAt", "Enter the start time as a time of day, for example 14:30 or 2:30pm"));
        var venue = (place.Venue ?? "").Trim();
        var link = (place.VideoLink ?? "").Trim();
        if (venue.Length > MaxVenue) errors.Add(new("Venue", $"The venue must be {MaxVenue} characters or fewer"));
        if (link.Length > MaxVideoLink) errors.Add(new("VideoLink", $"The video link must be {MaxVideoLink} characters or fewer"));
        else if (link.Length > 0 && !(Uri.TryCreate(link, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps))
            errors.Add(new("VideoLink", "Enter the video link as a full https:// address"));
        if (venue.Length == 0 && link.Length == 0) errors.Add(new("Venue", "Enter where the meeting is held, a video link, or both"));
        return (startsAt, venue.Length == 0 ? null : venue, link.Length == 0 ? null : link);
    }

    /// <summary>
    /// Moves a meeting that has not been held to another date, time or place. Its agenda, invitations and history stay; everyone
    /// invited (directory members with an account, and the agenda cases' practitioners and SPOs) is told where and when it now is.
    /// </summary>
    public UseCaseResult<PanelMeetingRecord> Reschedule(StaffUser user, long id, int expectedVersion, DateOnly? heldOn, MeetingPlace place)
    {
        var was = (On: default(DateOnly), At: (TimeOnly?)null, Venue: (string?)null, Link: (string?)null);
        return Change(user, id, expectedVersion, "rescheduled", meeting =>
        {
            if (meeting.Status != (int)PanelMeetingStatus.Scheduled)
                return Refused("HeldOn", "The meeting has been held, so it can no longer be moved.");
            var errors = new List<FieldError>();
            CheckDate(heldOn, errors);
            var (startsAt, venue, link) = CheckPlace(place, errors);
            if (errors.Count > 0) return new(errors, null, []);
            was = (meeting.HeldOn, meeting.StartsAt, meeting.Venue, meeting.VideoLink);
            if (was == (heldOn!.Value, startsAt, venue, link)) return Refused("HeldOn", "Nothing has changed: give the new date, time or place.");
            (meeting.HeldOn, meeting.StartsAt, meeting.Venue, meeting.VideoLink) = (heldOn.Value, startsAt, venue, link);
            return Applied(d => d.Add("from", was.On).Add("to", meeting.HeldOn)
                .Add("fromTime", was.At?.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture) ?? "")
                .Add("toTime", meeting.StartsAt?.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture) ?? ""),
                notifyInvited: true, notifyMoved: true);
        });
    }

    /// <summary>Makes the invitations exactly <paramref name="memberIds"/> (active members of the region's directory); only before the meeting.</summary>
    public UseCaseResult<PanelMeetingRecord> Invite(StaffUser user, long id, int expectedVersion, IReadOnlyCollection<long> memberIds) =>
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
    public UseCaseResult<PanelMeetingRecord> SetAgenda(StaffUser user, long id, int expectedVersion, IReadOnlyCollection<string> crns)
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
            InviteCaseStaff(meeting, added, removed);
            return Applied(d => d.Add("cases", meeting.Agenda.Count).Add("added", added.Count).Add("removed", removed.Count), removed, notifyInvited: true);
        });
    }

    /// <summary>Records who of those invited attended, and marks the meeting held (from its date; corrections allowed until the follow-up closes).</summary>
    /// <param name="extras">Apologies, the agenda cases' staff who attended or sent apologies, guests and written input; none when null.</param>
    public UseCaseResult<PanelMeetingRecord> RecordAttendance(StaffUser user, long id, int expectedVersion, IReadOnlyCollection<long> attended,
        AttendanceExtras? extras = null) =>
        Change(user, id, expectedVersion, "attendance", meeting =>
        {
            if (meeting.Status == (int)PanelMeetingStatus.FollowUpClosed)
                return Refused(UseCaseResult<PanelMeetingRecord>.FormField, "The meeting's follow-up is closed, so its record can no longer change.");
            if (meeting.HeldOn > Today)
                return Refused("Attended", $"Attendance can be recorded from the day of the meeting, {meeting.HeldOn:d MMMM yyyy}");
            var present = attended.ToHashSet();
            var apologies = (extras?.Apologies ?? []).ToHashSet();
            if (!present.IsSubsetOf(meeting.Members.Select(x => x.MemberId)) || !apologies.IsSubsetOf(meeting.Members.Select(x => x.MemberId)))
                return Refused("Attended", "Choose from the members invited to this meeting");
            if (present.Overlaps(apologies)) return Refused("Apologies", "Someone who attended did not send apologies: choose one or the other");
            var staff = db.PanelMeetingStaff.Where(x => x.MeetingId == meeting.Id).ToList();
            var staffPresent = (extras?.StaffAttended ?? []).ToHashSet();
            var staffApologies = (extras?.StaffApologies ?? []).ToHashSet();
            if (!staffPresent.IsSubsetOf(staff.Select(x => x.Id)) || !staffApologies.IsSubsetOf(staff.Select(x => x.Id)))
                return Refused("StaffAttended", "Choose from the practitioners and SPOs invited to this meeting");
            if (staffPresent.Overlaps(staffApologies)) return Refused("StaffApologies", "Someone who attended did not send apologies: choose one or the other");
            var guests = (extras?.Guests ?? "").Trim();
            var written = (extras?.WrittenInput ?? "").Trim();
            if (guests.Length > MaxGuests) return Refused("Guests", $"Guests must be {MaxGuests} characters or fewer");
            if (written.Length > MaxWrittenInput) return Refused("WrittenInput", $"Written input must be {MaxWrittenInput} characters or fewer");
            foreach (var invite in meeting.Members) (invite.Attended, invite.Apologies) = (present.Contains(invite.MemberId), apologies.Contains(invite.MemberId));
            foreach (var x in staff) (x.Attended, x.Apologies) = (staffPresent.Contains(x.Id), staffApologies.Contains(x.Id));
            (meeting.Guests, meeting.WrittenInput) = (guests.Length == 0 ? null : guests, written.Length == 0 ? null : written);
            meeting.Status = (int)PanelMeetingStatus.Held;
            return Applied(d => d.Add("attended", present.Count).Add("invited", meeting.Members.Count).Add("apologies", apologies.Count)
                .Add("staffAttended", staffPresent.Count).Add("staffApologies", staffApologies.Count)
                .Add("guests", guests.Length > 0 ? "yes" : "no").Add("writtenInput", written.Length > 0 ? "yes" : "no"));
        });

    /// <summary>
    /// Invites the practitioner and SPO (their accounts, where they may see the case) of each case added to the agenda, and
    /// withdraws the invitations of cases taken off it. They are told when the change is saved.
    /// </summary>
    private void InviteCaseStaff(PanelMeetingRecord meeting, List<string> added, List<string> removed)
    {
        if (removed.Count > 0)
            db.PanelMeetingStaff.RemoveRange(db.PanelMeetingStaff.Where(x => x.MeetingId == meeting.Id && removed.Contains(x.Crn)));
        if (added.Count == 0) return;
        var staff = StaffDirectory.Load(db);
        foreach (var workflow in db.Workflows.AsNoTracking().Where(w => added.Contains(w.Crn)).ToList())
        {
            var facts = WorkflowRecords.Facts(workflow);
            foreach (var (role, code) in new[] { ("practitioner", workflow.PractitionerCode), ("spo", workflow.SpoCode) })
            {
                foreach (var account in staff.WithStaffCode(code).Where(u => CaseAccess.CanSee(u, facts)))
                    db.PanelMeetingStaff.Add(new PanelMeetingStaffRecord
                    {
                        MeetingId = meeting.Id, UserName = account.Id, DisplayName = account.DisplayName, Crn = workflow.Crn, Role = role,
                    });
            }
        }
    }

    /// <summary>Closes the meeting's follow-up by hand (the panel team decides it is done): panel members' access to its cases ends.</summary>
    public UseCaseResult<PanelMeetingRecord> CloseFollowUp(StaffUser user, long id, int expectedVersion) =>
        Change(user, id, expectedVersion, "follow_up_closed", meeting =>
        {
            if (meeting.Status != (int)PanelMeetingStatus.Held)
                return Refused(UseCaseResult<PanelMeetingRecord>.FormField, meeting.Status == (int)PanelMeetingStatus.Scheduled
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
                if (m.Status != (int)PanelMeetingStatus.Held) return Refused(UseCaseResult<PanelMeetingRecord>.FormField, "Not held.");
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
                .Select(p => new MeetingMember(p.member.Id, p.member.Name, (Agency)p.member.Agency, p.member.JobTitle, p.member.Active, p.invite.Attended)
                {
                    Apologies = p.invite.Apologies,
                })
                .OrderBy(m => m.Agency).ThenBy(m => m.Name, StringComparer.Ordinal)],
            [.. meeting.Agenda.Where(a => listings.ContainsKey(a.Crn))
                .Select(a => new AgendaCase(listings[a.Crn], a.Discussed, settings.Expertise.NeededFor(listings[a.Crn].MetMask, listings[a.Crn].Blockages)))
                .OrderBy(a => a.Listing.Surname, StringComparer.Ordinal).ThenBy(a => a.Crn, StringComparer.Ordinal)])
        {
            Staff = [.. db.PanelMeetingStaff.AsNoTracking().Where(x => x.MeetingId == meeting.Id).ToList()
                .OrderBy(x => x.Crn, StringComparer.Ordinal).ThenByDescending(x => x.Role, StringComparer.Ordinal).ThenBy(x => x.DisplayName, StringComparer.Ordinal)],
        };
    }

    /// <summary>
    /// The meetings whose agenda has this case, for someone who may see the case (its page): when and where, whether it was
    /// discussed, and who of its staff is invited. Newest first.
    /// </summary>
    public IReadOnlyList<(PanelMeetingRecord Meeting, bool Discussed, IReadOnlyList<PanelMeetingStaffRecord> Staff)> ForCase(StaffUser user, Crn crn)
    {
        var crnText = crn.ToString();
        return ForCase(user, db.Workflows.AsNoTracking().SingleOrDefault(w => w.Crn == crnText));
    }

    /// <summary><see cref="ForCase(StaffUser, Crn)"/> on the case's workflow already read (the case page reads it once).</summary>
    internal IReadOnlyList<(PanelMeetingRecord Meeting, bool Discussed, IReadOnlyList<PanelMeetingStaffRecord> Staff)> ForCase(StaffUser user, CaseWorkflowRecord? workflow)
    {
        if (workflow is null || !CaseAccess.CanSee(user, WorkflowRecords.Facts(workflow))) return [];
        var crnText = workflow.Crn;
        var items = (from item in db.PanelAgendaItems.AsNoTracking()
                     where item.Crn == crnText
                     join meeting in db.PanelMeetings.AsNoTracking() on item.MeetingId equals meeting.Id
                     select new { meeting, item.Discussed }).ToList();
        var ids = items.Select(i => i.meeting.Id).ToList();
        var staff = db.PanelMeetingStaff.AsNoTracking().Where(x => ids.Contains(x.MeetingId) && x.Crn == crnText).ToList().ToLookup(x => x.MeetingId);
        return [.. items.OrderByDescending(i => i.meeting.HeldOn).ThenByDescending(i => i.meeting.Id)
            .Select(i => (i.meeting, i.Discussed, (IReadOnlyList<PanelMeetingStaffRecord>)[.. staff[i.meeting.Id]]))];
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
    /// <param name="NotifyMoved">The meeting moved: tell everyone invited where and when it now is.</param>
    private sealed record Outcome(IReadOnlyList<FieldError> Errors, Action<AuditDetails>? Details, IReadOnlyList<string> AlsoConcerned,
        bool NotifyInvited = false, bool NotifyMoved = false);

    private static Outcome Refused(string field, string message) => new([new FieldError(field, message)], null, []);

    private static Outcome Applied(Action<AuditDetails> details, IReadOnlyList<string>? alsoConcerned = null, bool notifyInvited = false,
        bool notifyMoved = false) =>
        new([], details, alsoConcerned ?? [], notifyInvited, notifyMoved);

    /// <summary>
    /// One change to a meeting: load it, check the user manages it and the version they saw, apply, bump the version, save and
    /// audit in one transaction. A null user is the system (closing follow-ups).
    /// </summary>
    private UseCaseResult<PanelMeetingRecord> Change(StaffUser? user, long id, int expectedVersion, string change, Func<PanelMeetingRecord, Outcome> apply)
    {
        var meeting = db.PanelMeetings.Include(m => m.Members).Include(m => m.Agenda).AsSplitQuery().SingleOrDefault(m => m.Id == id);
        if (meeting is null || (user is not null && !MayManage(user, meeting)))
        {
            db.ChangeTracker.Clear();
            return UseCaseResult<PanelMeetingRecord>.NotFound();
        }
        if (meeting.Version != expectedVersion)
        {
            db.ChangeTracker.Clear();
            return UseCaseResult<PanelMeetingRecord>.Conflicted(ConflictMessage);
        }
        var outcome = apply(meeting);
        if (outcome.Errors.Count > 0)
        {
            db.ChangeTracker.Clear();
            return UseCaseResult<PanelMeetingRecord>.Invalid(outcome.Errors);
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
            return UseCaseResult<PanelMeetingRecord>.Conflicted(ConflictMessage);
        }
        Audit(user?.Id ?? WorkflowIntake.SystemActor, meeting, gap, change, outcome.AlsoConcerned, outcome.Details);
        // Invitations go out with the save, not at the next sweep, in its transaction and under the same user; the sweep makes
        // the same drafts (same keys) as a safety net.
        var actor = user?.Id ?? WorkflowIntake.SystemActor;
        if (outcome.NotifyMoved) notices.MeetingMoved(meeting, actor);
        if (outcome.NotifyInvited) notices.InvitationsChanged(meeting.Id, Today, actor);
        if (outcome.NotifyInvited) notices.CaseStaffInvited(meeting, outcome.NotifyMoved, actor);
        transaction.Commit();
        return UseCaseResult<PanelMeetingRecord>.Ok(meeting);
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
        audit.Append(db, new AuditEntryRequest(actor, AuditAction.Alteration, AuditEventTypes.PanelMeetingChanged,
            $"Complex Case Panel: meeting {change.Replace('_', ' ')}")
        {
            Subjects = AuditSubjects.Of(meeting.Agenda.Select(a => a.Crn).Concat(alsoConcerned).Select(Crn.Parse)),
            Details = text.ToString(),
        });
    }

    private static string Shown(string crn) => Crn.TryParse(crn, out var parsed) && parsed.ToString() == crn ? crn : "That";
}
