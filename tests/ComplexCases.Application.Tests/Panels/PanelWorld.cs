using ComplexCases.Application.Access;
using ComplexCases.Application.Audit;
using ComplexCases.Application.Notifications;
using ComplexCases.Application.Panels;
using ComplexCases.Application.Workflow;
using ComplexCases.Data;
using ComplexCases.Data.Accounts;
using ComplexCases.Data.Audit;
using ComplexCases.Data.Screening;
using ComplexCases.Data.Workflow;
using ComplexCases.Domain.Audit;
using ComplexCases.Domain.Definitions;
using ComplexCases.Domain.Panels;
using ComplexCases.Domain.Screening;
using ComplexCases.Domain.Workflow;
using ComplexCases.TestSupport.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace ComplexCases.Application.Tests.Panels;

/// <summary>
/// A real database (SQLite or PostgreSQL, by TestDatabases) with one stored run, cases placed in the process at the stage a test needs, a panel directory and
/// accounts. Today is Monday 2 March 2026 (England and Wales), 10:00.
/// </summary>
internal sealed class PanelWorld : IDisposable
{
    public const string Region = "EOE";
    public const string OtherRegion = "LDN";

    private readonly ITestDatabase _database = TestDatabases.Create();
    private readonly List<ComplexCasesDbContext> _contexts = [];

    public PanelWorld()
    {
        // Migrated once here; every later context skips the migration check (pooled, foreign keys on, as the web app runs).
        using var db = _database.Open();
        var run = new ScreeningRun
        {
            AsOf = new DateOnly(2026, 2, 1), DefinitionId = "pilot-2024", DefinitionVersion = 1, Threshold = 6, ExtractSha256 = new string('a', 64),
            RunBy = "test", StartedAt = Clock.GetUtcNow(), CompletedAt = Clock.GetUtcNow(),
        };
        db.Runs.Add(run);
        db.SaveChanges();
        RunId = run.Id;
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero));

    public DateOnly Today { get; } = new(2026, 3, 2);

    public WorkflowSettings Settings { get; } = Compose.ShippedSettings;

    public int RunId { get; }

    public string ConnectionString => _database.ConnectionString;

    /// <summary>A context the world disposes of (tests open several to act as different requests).</summary>
    public ComplexCasesDbContext Db()
    {
        var db = Open();
        _contexts.Add(db);
        return db;
    }

    private ComplexCasesDbContext Open() => new(_database.PooledOptions());

    public StaffUser PanelTeam { get; } = new("panel-team", "Pat Panel", [Role.PanelTeam]) { RegionCode = Region };

    public StaffUser Qdo { get; } = new("qdo", "Quinn Quality", [Role.Qdo]) { RegionCode = Region };

    public static StaffUser Practitioner(string id = "practitioner") => new(id, "Alex Practitioner", [Role.Practitioner]) { StaffCode = "STAFF1", RegionCode = Region };

    /// <summary>A panel member as the web app resolves them on each request: their agenda cases loaded from the panel records.</summary>
    public StaffUser Member(string userName)
    {
        using var db = Open();
        return new StaffUser(userName, "Member " + userName, [Role.PanelMember]) { RegionCode = Region, PanelAgendaCrns = PanelAgenda.CrnsFor(db, userName) };
    }

    public PanelMeetings Meetings(ComplexCasesDbContext db) => new(db, Settings, new AuditLog(Clock), new PanelNotices(db, Compose.Notifications(db, Clock)), Clock);

    public PanelDiscussions Discussions(ComplexCasesDbContext db) => new(db, Compose.Workflows(db, Settings, Clock), new AuditLog(Clock), Clock);

    public CaseActions Actions(ComplexCasesDbContext db) => new(db, new AuditLog(Clock), Clock);

    public PanelExpertise Expertise(ComplexCasesDbContext db) => new(db, Settings);

    public PanelCases Cases(ComplexCasesDbContext db) => new(db, Settings, Actions(db));

    public static int Mask(params CriterionId[] met) => met.Aggregate(0, (mask, c) => mask | (1 << (int)c));

    /// <summary>A listed case in the process at <paramref name="stage"/>, meeting <paramref name="met"/>.</summary>
    public string AddCase(string crn, CaseStage stage, CriterionId[] met, string region = Region, bool limitedAccess = false)
    {
        using var db = Open();
        db.ListedCases.Add(new ListedCase
        {
            RunId = RunId, Crn = crn, PduCode = region + "PDU", PduName = "Test PDU", RegionCode = region, Status = (byte)ScreeningStatus.Complex,
            Score = 7, MetMask = (byte)Mask(met), Forename = "Sam", Surname = "Synthetic" + crn[^2..], PractitionerCode = "STAFF1",
            PractitionerName = "Alex Practitioner", LimitedAccess = limitedAccess,
            EvidenceJson = Storage.EvidenceJson.Serialize([.. met.Select(c => new CriterionExplanation(c, "Criterion " + c.ToKey(), CriterionOutcome.Met, "secret reason", null))]),
        });
        db.Workflows.Add(new CaseWorkflowRecord
        {
            Crn = crn, PduCode = region + "PDU", RegionCode = region, PractitionerCode = "STAFF1", LimitedAccess = limitedAccess, LatestRunId = RunId,
            Stage = (int)stage, ListedOn = new DateOnly(2026, 2, 1), UpdatedAt = Clock.GetUtcNow(),
        });
        db.SaveChanges();
        return crn;
    }

    public long AddMember(string name, Agency agency, string? userName = null, string region = Region)
    {
        using var db = Open();
        var member = new PanelMemberRecord { Name = name, Agency = (int)agency, JobTitle = "Lead", RegionCode = region, UserName = userName };
        db.PanelMembers.Add(member);
        db.SaveChanges();
        return member.Id;
    }

    /// <summary>A local account in the region; <paramref name="staffCode"/> places a practitioner on their cases.</summary>
    public void AddAccount(string userName, Role role, string? staffCode = null, string? email = null) => AddAccount(userName, [role], staffCode, email);

    /// <summary>A local account with these roles, named for these limited-access cases (the administrator's account claims).</summary>
    public void AddAccount(string userName, Role[] roles, string? staffCode = null, string? email = null, params string[] limitedAccess)
    {
        using var db = Open();
        var account = new StaffAccount
        {
            UserName = userName, NormalizedUserName = userName.ToUpperInvariant(), DisplayName = userName, Roles = string.Join(',', roles),
            StaffCode = staffCode, RegionCode = Region, Email = email,
        };
        db.Users.Add(account);
        foreach (var crn in limitedAccess)
            db.UserClaims.Add(new IdentityUserClaim<string> { UserId = account.Id, ClaimType = StaffAccounts.LimitedAccessClaim, ClaimValue = crn });
        db.SaveChanges();
    }

    /// <summary>
    /// The case on a newer month's list, changed by <paramref name="change"/> (placement, limited access). Only the list: the
    /// workflow keeps its facts, as when the case is no longer complex and the intake does not refresh it.
    /// </summary>
    public void Relist(string crn, Action<ListedCase> change)
    {
        using var db = Open();
        var latest = db.ListedCases.AsNoTracking().Where(c => c.Crn == crn).OrderByDescending(c => c.RunId).First();
        var run = new ScreeningRun
        {
            AsOf = db.Runs.AsNoTracking().Max(r => r.AsOf).AddMonths(1), DefinitionId = "pilot-2024", DefinitionVersion = 1, Threshold = 6,
            ExtractSha256 = new string('b', 64), RunBy = "test", StartedAt = Clock.GetUtcNow(), CompletedAt = Clock.GetUtcNow(),
        };
        db.Runs.Add(run);
        db.SaveChanges();
        latest.RunId = run.Id;
        change(latest);
        db.ListedCases.Add(latest);
        db.SaveChanges();
    }

    /// <summary>The stored notifications of a kind, oldest first.</summary>
    public List<NotificationRecord> Notifications(Domain.Notifications.NotificationKind kind)
    {
        using var db = Open();
        return [.. db.Notifications.AsNoTracking().Where(n => n.Kind == (int)kind).OrderBy(n => n.Id)];
    }

    /// <summary>A meeting scheduled by the panel team for <paramref name="heldOn"/>, with these members invited and cases on its agenda.</summary>
    public long Meeting(DateOnly heldOn, long[] invited, string[] agenda)
    {
        using var db = Open();
        var meetings = Meetings(db);
        var meeting = meetings.Schedule(PanelTeam, heldOn, "Chris Chair").Value!;
        if (invited.Length > 0) meetings.Invite(PanelTeam, meeting.Id, meeting.Version, invited).Succeeded.ShouldBeTrue();
        if (agenda.Length > 0) meetings.SetAgenda(PanelTeam, meeting.Id, Version(meeting.Id), agenda).Errors.ShouldBeEmpty();
        return meeting.Id;
    }

    public int Version(long meetingId)
    {
        using var db = Open();
        return db.PanelMeetings.AsNoTracking().Single(m => m.Id == meetingId).Version;
    }

    public int CaseVersion(string crn)
    {
        using var db = Open();
        return db.Workflows.AsNoTracking().Single(w => w.Crn == crn).Version;
    }

    public CaseWorkflowRecord Workflow(string crn)
    {
        using var db = Open();
        return db.Workflows.AsNoTracking().Include(w => w.Events).Single(w => w.Crn == crn);
    }

    public List<StoredAuditEvent> Audit(string eventType)
    {
        using var db = Open();
        return [.. db.AuditEvents.AsNoTracking().Where(e => e.EventType == eventType).OrderBy(e => e.Sequence)];
    }

    public bool AuditIntact()
    {
        using var db = Open();
        return AuditLog.Verify(db).Intact;
    }

    /// <summary>Holds the meeting (attendance recorded by the panel team) once its day has come.</summary>
    public void Hold(long meetingId, params long[] attended)
    {
        using var db = Open();
        Meetings(db).RecordAttendance(PanelTeam, meetingId, Version(meetingId), attended).Errors.ShouldBeEmpty();
    }

    public static ActionInput Action(string description, string owner = "Jo Owner", Agency agency = Agency.Probation, string? account = null, DateOnly? due = null) =>
        new(description, owner, agency, account, due ?? new DateOnly(2026, 4, 1));

    public void Dispose()
    {
        foreach (var db in _contexts) db.Dispose();
        _database.Dispose();
    }
}
