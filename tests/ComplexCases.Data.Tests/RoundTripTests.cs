using ComplexCases.Data.Accounts;
using ComplexCases.Data.Screening;
using ComplexCases.Data.Workflow;
using ComplexCases.Domain.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Data.Tests;

/// <summary>
/// The main entities written and read back through the shared context, on each provider (the subclasses): what one
/// database stores, the other must store the same way.
/// </summary>
public abstract class RoundTripTests
{
    /// <summary>A context on a migrated database; a new one each call, so reads never come from the change tracker.</summary>
    protected abstract ComplexCasesDbContext Open();

    [Fact]
    public void An_account_with_its_claims_and_lockout_comes_back()
    {
        var lockoutEnd = new DateTimeOffset(2027, 7, 1, 9, 30, 0, TimeSpan.FromHours(1));
        string id;
        using (var db = Open())
        {
            var account = new StaffAccount
            {
                UserName = "ann.spo", NormalizedUserName = "ANN.SPO", DisplayName = "Ann Example", Roles = "spo,practitioner",
                StaffCode = "N01A001", TeamCodes = "N01T1,N01T2", PduCode = "N01", RegionCode = "N1", LockoutEnd = lockoutEnd,
            };
            db.Users.Add(account);
            db.UserClaims.Add(new IdentityUserClaim<string> { UserId = account.Id, ClaimType = "team", ClaimValue = "N01T1" });
            db.SaveChanges();
            id = account.Id;
        }
        using (var db = Open())
        {
            var account = db.Users.AsNoTracking().Single(a => a.NormalizedUserName == "ANN.SPO");
            account.Id.ShouldBe(id);
            (account.DisplayName, account.Roles, account.TeamCodes, account.PduCode).ShouldBe(("Ann Example", "spo,practitioner", "N01T1,N01T2", "N01"));
            account.LockoutEnd.ShouldBe(lockoutEnd);
            db.UserClaims.Single(c => c.UserId == id).ClaimValue.ShouldBe("N01T1");
        }
    }

    [Fact]
    public void A_screening_run_with_its_files_results_list_and_rejected_rows_comes_back()
    {
        int runId;
        using (var db = Open())
        {
            var run = RoundTripData.Run("round-trip");
            db.Runs.Add(run);
            db.SaveChanges();
            runId = run.Id;
            db.PersonResults.AddRange(
                new PersonResult { RunId = runId, Crn = "B000002", PduCode = "N01", MetMask = 0xFF, UnknownMask = 0x80, Score = 7, Status = 1 },
                new PersonResult { RunId = runId, Crn = "A000001", PduCode = "N02", MetMask = 0, UnknownMask = 0, Score = -1, Status = 0 });
            db.ListedCases.Add(RoundTripData.Listed(runId, "B000002", "N01", "O'Brien"));
            db.RejectedRows.Add(new RejectedRow { RunId = runId, FileName = "people.csv", Line = 7, Column = "crn", Reason = "invalid", Detail = "not a CRN", Value = "X***" });
            db.SaveChanges();
        }
        using (var db = Open())
        {
            var run = db.Runs.AsNoTracking().Include(r => r.Files).Single(r => r.Id == runId);
            run.AsOf.ShouldBe(new DateOnly(2026, 12, 1));
            // PostgreSQL keeps microseconds, SQLite the tick: the same instant to within a microsecond.
            run.StartedAt.ShouldBe(RoundTripData.At, TimeSpan.FromMicroseconds(1));
            run.CompletedAt.ShouldBe(new DateTimeOffset(2026, 6, 1, 10, 0, 5, TimeSpan.Zero));
            run.Files.Single().RowsAccepted.ShouldBe(9);
            var results = db.PersonResults.AsNoTracking().Where(r => r.RunId == runId).OrderBy(r => r.Crn).ToList();
            results.Select(r => (r.Crn, r.PduCode, r.MetMask, r.UnknownMask, r.Score, r.Status))
                .ShouldBe([("A000001", "N02", (byte)0, (byte)0, (short)-1, (byte)0), ("B000002", "N01", (byte)0xFF, (byte)0x80, (short)7, (byte)1)]);
            db.ListedCases.AsNoTracking().Single(c => c.RunId == runId).Surname.ShouldBe("O'Brien");
            db.RejectedRows.AsNoTracking().Single(r => r.RunId == runId).Line.ShouldBe(7);

            // Deleting a run takes its rows with it, as the foreign keys say.
            db.Runs.Where(r => r.Id == runId).ExecuteDelete();
            db.PersonResults.Count(r => r.RunId == runId).ShouldBe(0);
            db.ListedCases.Count(r => r.RunId == runId).ShouldBe(0);
        }
    }

    [Fact]
    public void A_workflow_with_events_meeting_and_action_comes_back_and_a_stale_save_is_refused()
    {
        long workflowId;
        using (var db = Open())
        {
            var workflow = new CaseWorkflowRecord
            {
                Crn = "C000003", PduCode = "N01", LatestRunId = 1, Stage = 2, ListedOn = new DateOnly(2026, 12, 1),
                ConversationDue = new DateOnly(2026, 12, 15), Version = 1, UpdatedAt = RoundTripData.At,
                Events = [new WorkflowEventRecord { Step = 1, FromStage = 1, ToStage = 2, By = "ann.spo", ByName = "Ann", At = RoundTripData.At, Notes = "Spoke to them.", DetailsJson = "{}" }],
            };
            db.Workflows.Add(workflow);
            db.SaveChanges();
            workflowId = workflow.Id;
            var meeting = new PanelMeetingRecord { RegionCode = "N1", HeldOn = new DateOnly(2026, 12, 20), StartsAt = new TimeOnly(14, 30), Chair = "Chair", CreatedBy = "panel.admin", CreatedAt = RoundTripData.At, Version = 1 };
            meeting.Agenda.Add(new PanelAgendaItemRecord { WorkflowId = workflowId, Crn = "C000003" });
            db.PanelMeetings.Add(meeting);
            db.CaseActions.Add(new CaseActionRecord { WorkflowId = workflowId, Crn = "C000003", Description = "Refer", OwnerName = "Bob", DueOn = new DateOnly(2027, 1, 10), Notes = "", UpdatedBy = "Ann", UpdatedAt = RoundTripData.At, Version = 1 });
            db.SaveChanges();
        }
        using (var db = Open())
        {
            var workflow = db.Workflows.AsNoTracking().Include(w => w.Events).Single(w => w.Id == workflowId);
            (workflow.Crn, workflow.Stage, workflow.ConversationDue).ShouldBe(("C000003", 2, new DateOnly(2026, 12, 15)));
            workflow.Events.Single().Notes.ShouldBe("Spoke to them.");
            var meeting = db.PanelMeetings.AsNoTracking().Include(m => m.Agenda).Single(m => m.Agenda.Any(a => a.WorkflowId == workflowId));
            meeting.StartsAt.ShouldBe(new TimeOnly(14, 30));
            db.CaseActions.AsNoTracking().Single(a => a.WorkflowId == workflowId).DueOn.ShouldBe(new DateOnly(2027, 1, 10));
        }

        // Two people open the case; the first saves; the second's save, made from the older version, is refused.
        using var first = Open();
        using var second = Open();
        var mine = first.Workflows.Single(w => w.Id == workflowId);
        var theirs = second.Workflows.Single(w => w.Id == workflowId);
        mine.Stage = 3; mine.Version++;
        first.SaveChanges();
        theirs.Stage = 4; theirs.Version++;
        Should.Throw<DbUpdateConcurrencyException>(() => second.SaveChanges());
    }

    [Fact]
    public void Audit_entries_come_back_to_the_tick_so_the_chain_verifies_and_searches_by_time_work()
    {
        var written = RoundTripData.AuditChain(3);
        using (var db = Open())
        {
            db.AuditEvents.AddRange(written);
            db.SaveChanges();
        }
        using (var db = Open())
        {
            var read = db.AuditEvents.AsNoTracking().OrderBy(e => e.Sequence).ToList();
            read.Select(e => e.OccurredAtUtc).ShouldBe(written.Select(e => e.OccurredAtUtc));
            var chain = AuditChain.Verify(read.Select(e => e.ToAuditEvent()));
            chain.Intact.ShouldBeTrue(chain.Break?.ToString());
            chain.IntactEntries.ShouldBe(3);

            var from = written[1].OccurredAtUtc;
            db.AuditEvents.Where(e => e.OccurredAtUtc >= from).Select(e => e.Sequence).Order().ToList().ShouldBe([2L, 3L]);
            db.AuditEvents.Where(e => e.SubjectCrns != null && EF.Functions.Like(e.SubjectCrns, "%Z000001%")).Select(e => e.Sequence).ToList().ShouldBe([2L]);
        }
    }

    [Fact]
    public void A_notification_is_stored_once_per_dedup_key()
    {
        using var db = Open();
        NotificationRecord Notification() => new() { RecipientUserName = "ann.spo", Kind = 1, Title = "Due", Body = "…", Link = "/cases/C000003", CreatedAt = RoundTripData.At, DedupKey = "due:ann.spo:C000003:2026-12" };
        db.Notifications.Add(Notification());
        db.SaveChanges();
        using var other = Open();
        other.Notifications.Add(Notification());
        Should.Throw<DbUpdateException>(() => other.SaveChanges());
    }
}
