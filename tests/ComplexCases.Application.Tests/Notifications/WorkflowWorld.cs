using ComplexCases.Application.Access;
using ComplexCases.Application.Audit;
using ComplexCases.Application.Notifications;
using ComplexCases.Application.Quality;
using ComplexCases.Application.Workflow;
using ComplexCases.Data;
using ComplexCases.Data.Accounts;
using ComplexCases.Data.Screening;
using ComplexCases.Data.Workflow;
using ComplexCases.Domain.Screening;
using ComplexCases.Domain.Workflow;
using ComplexCases.TestSupport.Data;
using Microsoft.Extensions.Time.Testing;

namespace ComplexCases.Application.Tests.Notifications;

/// <summary>
/// A real SQLite database with accounts, listed cases and workflows written directly (no screening), and a fake clock set to
/// a time in England and Wales, for notification and quality-review tests.
/// </summary>
internal sealed class WorkflowWorld : IDisposable
{
    public const string RegionA = "EOE";
    public const string RegionB = "LON";
    public const string PduA = "EOENFK";
    public const string PduB = "LONCAM";

    private readonly TestDatabase _database = new();
    private int _nextCrn = 1;

    public WorkflowWorld(DateTimeOffset now)
    {
        Clock = new FakeTimeProvider(now);
        Db = _database.Open();
    }

    public FakeTimeProvider Clock { get; }

    public ComplexCasesDbContext Db { get; }

    public WorkflowSettings Settings { get; } = Compose.ShippedSettings;

    /// <summary>A fresh context on the same database, as a new request would have.</summary>
    public ComplexCasesDbContext Open() => _database.Open();

    public NotificationCentre Centre(ComplexCasesDbContext? db = null) => Compose.Notifications(db ?? Db, Clock);

    public ReminderSweep Sweep(ComplexCasesDbContext? db = null) => Compose.Sweep(db ?? Db, Settings, Clock);

    public QualityReviews Reviews(int sampleSize = 10, ComplexCasesDbContext? db = null, double secondReviewShare = QualitySettings.DefaultSecondReviewShare) =>
        new(db ?? Db, Settings, new QualitySettings(sampleSize) { SecondReviewShare = secondReviewShare }, new AuditLog(Clock), Compose.Notifications(db ?? Db, Clock), Clock);

    /// <summary>UK midday on <paramref name="day"/>.</summary>
    public void SetDay(DateOnly day) => Clock.SetUtcNow(new DateTimeOffset(day.ToDateTime(new TimeOnly(11, 0)), TimeSpan.Zero));

    public StaffUser Account(string userName, Role role, string? staffCode = null, string? region = RegionA, string? pdu = PduA, string? teams = null,
        string? email = null)
    {
        var account = new StaffAccount
        {
            UserName = userName, NormalizedUserName = userName.ToUpperInvariant(), DisplayName = $"Test {userName}", Roles = role.ToString(),
            StaffCode = staffCode, TeamCodes = teams, PduCode = pdu, RegionCode = region, Email = email,
        };
        Db.Users.Add(account);
        Db.SaveChanges();
        return StaffDirectory.ToStaffUser(account)!;
    }

    public string NextCrn() => $"X{_nextCrn++:D6}";

    public CaseWorkflowRecord Workflow(CaseStage stage = CaseStage.AwaitingConversation, string? crn = null, string practitioner = "P1", string spo = "S1",
        string region = RegionA, string pdu = PduA, DateOnly? listedOn = null, DateOnly? conversationDue = null, DateOnly? triageDue = null,
        bool limited = false, int runId = 0)
    {
        var record = new CaseWorkflowRecord
        {
            Crn = crn ?? NextCrn(), PduCode = pdu, RegionCode = region, TeamCode = "T1", PractitionerCode = practitioner, SpoCode = spo,
            LimitedAccess = limited, LatestRunId = runId, Stage = (int)stage, ListedOn = listedOn ?? new DateOnly(2025, 6, 2),
            ConversationDue = conversationDue, TriageDue = triageDue, UpdatedAt = Clock.GetUtcNow(),
        };
        Db.Workflows.Add(record);
        Db.SaveChanges();
        return record;
    }

    public ScreeningRun Run(DateOnly asOf, string? definitionId = null)
    {
        var run = new ScreeningRun
        {
            AsOf = asOf, DefinitionId = definitionId ?? Settings.DefinitionId, DefinitionVersion = 1, Threshold = 6,
            ExtractSha256 = Guid.NewGuid().ToString("N"), RunBy = "test", StartedAt = Clock.GetUtcNow(), CompletedAt = Clock.GetUtcNow(),
        };
        Db.Runs.Add(run);
        Db.SaveChanges();
        return run;
    }

    /// <summary>A listed case on a run, and (unless <paramref name="inProcess"/> is false) its workflow.</summary>
    public ListedCase Listed(ScreeningRun run, string region, string pdu, ScreeningStatus status = ScreeningStatus.Complex, bool limited = false,
        string practitioner = "P1", string spo = "S1", bool inProcess = true)
    {
        var listed = new ListedCase
        {
            RunId = run.Id, Crn = NextCrn(), PduCode = pdu, RegionCode = region, Status = (byte)status, Score = 6,
            Forename = "Sam", Surname = "Synthetic", TeamCode = "T1", PractitionerCode = practitioner, SpoCode = spo, LimitedAccess = limited,
            EvidenceJson = "{}",
        };
        Db.ListedCases.Add(listed);
        Db.SaveChanges();
        if (inProcess && status == ScreeningStatus.Complex)
            Workflow(crn: listed.Crn, practitioner: practitioner, spo: spo, region: region, pdu: pdu, listedOn: run.AsOf, limited: limited, runId: run.Id,
                conversationDue: Settings.Calendar.AddWorkingDays(run.AsOf, Settings.Timescales.ConversationWorkingDays));
        return listed;
    }

    /// <summary>Records a conversation on the case's workflow (held on <paramref name="heldOn"/>), as its step would store it.</summary>
    public void Conversed(string crn, DateOnly heldOn, params BlockageCategory[] blockages)
    {
        var workflow = Db.Workflows.Single(w => w.Crn == crn);
        Db.WorkflowEvents.Add(new WorkflowEventRecord
        {
            WorkflowId = workflow.Id, Step = (int)WorkflowStep.ConversationNoFurtherSupport, FromStage = (int)CaseStage.AwaitingConversation,
            ToStage = (int)CaseStage.Closed, By = "pat", ByName = "Pat", At = Clock.GetUtcNow(), Notes = "",
            DetailsJson = new StepDetails { Conversation = new Conversation(heldOn, "Pat", "Sam", "Talked", new HashSet<BlockageCategory>(blockages), "") }.ToJson(),
        });
        workflow.Stage = (int)CaseStage.Closed;
        Db.SaveChanges();
    }

    public CaseActionRecord Action(CaseWorkflowRecord workflow, string? owner, DateOnly dueOn, ActionStatus status = ActionStatus.Open)
    {
        var action = new CaseActionRecord
        {
            WorkflowId = workflow.Id, Crn = workflow.Crn, Description = "Refer to the community mental health team", OwnerName = "Test owner",
            OwnerAgency = 1, OwnerUserName = owner, DueOn = dueOn, Status = (int)status, Notes = "", UpdatedBy = "test", UpdatedAt = Clock.GetUtcNow(),
        };
        Db.CaseActions.Add(action);
        Db.SaveChanges();
        return action;
    }

    public PanelMeetingRecord Meeting(DateOnly heldOn, IEnumerable<string?> memberUserNames, IEnumerable<CaseWorkflowRecord> agenda,
        PanelMeetingStatus status = PanelMeetingStatus.Scheduled, string region = RegionA)
    {
        var members = memberUserNames.Select((user, i) => new PanelMemberRecord
        {
            Name = $"Member {i}", Agency = 1, JobTitle = "Consultant", UserName = user, RegionCode = region,
        }).ToList();
        Db.PanelMembers.AddRange(members);
        Db.SaveChanges();
        var meeting = new PanelMeetingRecord
        {
            RegionCode = region, HeldOn = heldOn, Chair = "Test chair", Status = (int)status, CreatedBy = "panel-team", CreatedAt = Clock.GetUtcNow(),
            Members = [.. members.Select(m => new PanelMeetingMemberRecord { MemberId = m.Id })],
            Agenda = [.. agenda.Select(w => new PanelAgendaItemRecord { WorkflowId = w.Id, Crn = w.Crn })],
        };
        Db.PanelMeetings.Add(meeting);
        Db.SaveChanges();
        return meeting;
    }

    public List<NotificationRecord> NotificationsOf(Domain.Notifications.NotificationKind? kind = null)
    {
        using var db = Open();
        return [.. db.Notifications.Where(n => kind == null || n.Kind == (int)kind).OrderBy(n => n.Id)];
    }

    public List<Data.Audit.StoredAuditEvent> Audit(string eventType)
    {
        using var db = Open();
        return [.. db.AuditEvents.Where(e => e.EventType == eventType).OrderBy(e => e.Sequence)];
    }

    public void Dispose()
    {
        Db.Dispose();
        _database.Dispose();
    }
}
