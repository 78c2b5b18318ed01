using ComplexCases.Data.Audit;
using ComplexCases.Data.Screening;
using ComplexCases.Data.Accounts;
using ComplexCases.Data.Workflow;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Data;

/// <summary>
/// The one database context. Provider-neutral: the provider and its migrations assembly are chosen
/// where the options are built (see ComplexCases.Data.Sqlite), so PostgreSQL can follow without changes here.
/// </summary>
public sealed class ComplexCasesDbContext(DbContextOptions<ComplexCasesDbContext> options)
    : IdentityDbContext<StaffAccount>(options), IDataProtectionKeyContext
{
    public DbSet<ScreeningRun> Runs => Set<ScreeningRun>();
    public DbSet<RunFile> RunFiles => Set<RunFile>();
    public DbSet<RejectedRow> RejectedRows => Set<RejectedRow>();
    public DbSet<PersonResult> PersonResults => Set<PersonResult>();
    public DbSet<ListedCase> ListedCases => Set<ListedCase>();
    public DbSet<StoredDefinition> Definitions => Set<StoredDefinition>();
    public DbSet<DefinitionAdoption> DefinitionAdoptions => Set<DefinitionAdoption>();
    public DbSet<StoredAuditEvent> AuditEvents => Set<StoredAuditEvent>();
    public DbSet<CaseWorkflowRecord> Workflows => Set<CaseWorkflowRecord>();
    public DbSet<WorkflowEventRecord> WorkflowEvents => Set<WorkflowEventRecord>();
    public DbSet<PanelMemberRecord> PanelMembers => Set<PanelMemberRecord>();
    public DbSet<PanelMeetingRecord> PanelMeetings => Set<PanelMeetingRecord>();
    public DbSet<PanelMeetingMemberRecord> PanelMeetingMembers => Set<PanelMeetingMemberRecord>();
    public DbSet<PanelAgendaItemRecord> PanelAgendaItems => Set<PanelAgendaItemRecord>();
    public DbSet<CaseActionRecord> CaseActions => Set<CaseActionRecord>();
    public DbSet<QualityReviewRecord> QualityReviews => Set<QualityReviewRecord>();
    public DbSet<QualityReviewReplyRecord> QualityReviewReplies => Set<QualityReviewReplyRecord>();
    public DbSet<CaseActionUpdateRecord> CaseActionUpdates => Set<CaseActionUpdateRecord>();
    public DbSet<PanelMeetingStaffRecord> PanelMeetingStaff => Set<PanelMeetingStaffRecord>();
    public DbSet<NotificationRecord> Notifications => Set<NotificationRecord>();
    public DbSet<Evaluation.StoredOutcome> Outcomes => Set<Evaluation.StoredOutcome>();
    public DbSet<Evaluation.OutcomeImport> OutcomeImports => Set<Evaluation.OutcomeImport>();
    public DbSet<Evaluation.RunInputs> RunInputs => Set<Evaluation.RunInputs>();
    public DbSet<ScreeningRequest> ScreeningRequests => Set<ScreeningRequest>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    /// <summary>
    /// ASP.NET Core data-protection keys (cookies, antiforgery tokens), shared by every instance of the web application
    /// that uses this database, instead of a folder on one machine.
    /// </summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        var modelBuilder = builder;
        modelBuilder.Entity<StaffAccount>(account =>
        {
            account.Property(a => a.DisplayName).HasMaxLength(128);
            account.Property(a => a.Roles).HasMaxLength(256);
            account.Property(a => a.StaffCode).HasMaxLength(32);
            account.Property(a => a.TeamCodes).HasMaxLength(512);
            account.Property(a => a.PduCode).HasMaxLength(16);
            account.Property(a => a.RegionCode).HasMaxLength(16);
        });
        modelBuilder.Entity<ScreeningRun>(run =>
        {
            run.ToTable("screening_runs");
            run.Property(r => r.DefinitionId).HasMaxLength(64);
            run.Property(r => r.ExtractSha256).HasMaxLength(64);
            run.Property(r => r.RunBy).HasMaxLength(128);
            run.HasIndex(r => new { r.DefinitionId, r.AsOf });
            run.HasIndex(r => new { r.ExtractSha256, r.AsOf, r.DefinitionId, r.DefinitionVersion });
            run.HasMany(r => r.Files).WithOne().HasForeignKey(f => f.RunId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<RunFile>(file =>
        {
            file.ToTable("run_files");
            file.HasKey(f => new { f.RunId, f.FileName });
            file.Property(f => f.FileName).HasMaxLength(64);
        });
        modelBuilder.Entity<RejectedRow>(row =>
        {
            row.ToTable("rejected_rows");
            row.Property(r => r.FileName).HasMaxLength(64);
            row.Property(r => r.Column).HasMaxLength(64);
            row.Property(r => r.Reason).HasMaxLength(64);
            // The run page counts and pages a run's rejected rows, all or one file's, in file and line order.
            row.HasIndex(r => new { r.RunId, r.FileName, r.Line });
            row.HasOne<ScreeningRun>().WithMany().HasForeignKey(r => r.RunId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<PersonResult>(result =>
        {
            result.ToTable(PersonResult.Table);
            result.HasKey(r => new { r.RunId, r.Crn });
            result.Property(r => r.RunId).HasColumnName("run_id");
            result.Property(r => r.Crn).HasColumnName("crn").HasMaxLength(7);
            result.Property(r => r.PduCode).HasColumnName("pdu_code").HasMaxLength(16);
            result.Property(r => r.MetMask).HasColumnName("met_mask");
            result.Property(r => r.UnknownMask).HasColumnName("unknown_mask");
            result.Property(r => r.Score).HasColumnName("score");
            result.Property(r => r.Status).HasColumnName("status");
            // No index on CRN alone: a person's history is one primary-key seek per run, and every extra
            // index would be maintained for all 240,000 rows of each national run.
            result.HasOne<ScreeningRun>().WithMany().HasForeignKey(r => r.RunId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<ListedCase>(listed =>
        {
            listed.ToTable("listed_cases");
            listed.HasKey(c => new { c.RunId, c.Crn });
            listed.Property(c => c.Crn).HasMaxLength(7);
            listed.Property(c => c.PduCode).HasMaxLength(16);
            listed.HasIndex(c => new { c.RunId, c.PduCode });
            listed.HasIndex(c => c.Crn);
            listed.HasOne<ScreeningRun>().WithMany().HasForeignKey(c => c.RunId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<StoredDefinition>(definition =>
        {
            definition.ToTable("definitions");
            definition.HasKey(d => new { d.Id, d.Version });
            definition.Property(d => d.Id).HasMaxLength(64);
            definition.Property(d => d.Sha256).HasMaxLength(64);
            definition.Property(d => d.CreatedBy).HasMaxLength(256);
        });
        modelBuilder.Entity<DefinitionAdoption>(adoption =>
        {
            adoption.ToTable(DefinitionAdoption.Table);
            adoption.HasKey(a => a.Id);
            adoption.Property(a => a.DefinitionId).HasMaxLength(64);
            adoption.Property(a => a.Reason).HasMaxLength(2000);
            adoption.Property(a => a.AdoptedBy).HasMaxLength(256);
            adoption.HasIndex(a => a.EffectiveFrom);
            adoption.HasOne<StoredDefinition>().WithMany().HasForeignKey(a => new { a.DefinitionId, a.DefinitionVersion }).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<StoredAuditEvent>(audit =>
        {
            audit.ToTable(StoredAuditEvent.Table);
            audit.HasKey(e => e.Sequence);
            audit.Property(e => e.Sequence).ValueGeneratedNever();
            audit.Property(e => e.Actor).HasMaxLength(Domain.Audit.AuditEntry.MaxActorLength);
            audit.Property(e => e.Action).HasMaxLength(16);
            audit.Property(e => e.EventType).HasMaxLength(Domain.Audit.AuditEntry.MaxEventTypeLength);
            audit.Property(e => e.Purpose).HasMaxLength(Domain.Audit.AuditEntry.MaxPurposeLength);
            audit.Property(e => e.SubjectsSha256).HasMaxLength(64);
            audit.Property(e => e.Details).HasMaxLength(Domain.Audit.AuditEntry.MaxDetailsLength);
            audit.Property(e => e.PreviousHash).HasMaxLength(64);
            audit.Property(e => e.Hash).HasMaxLength(64);
            // The admin search filters by time and by user; search by person scans SubjectCrns.
            audit.HasIndex(e => e.OccurredAtUtc);
            audit.HasIndex(e => e.Actor);
        });
        ConfigureWorkflow(modelBuilder);
        Evaluation.EvaluationModel.Configure(modelBuilder);
    }

    private static void ConfigureWorkflow(ModelBuilder modelBuilder)
    {
        const int Code = 32, Name = 128, Text = 4000;
        modelBuilder.Entity<CaseWorkflowRecord>(workflow =>
        {
            workflow.ToTable("case_workflows");
            workflow.Property(w => w.Crn).HasMaxLength(7);
            workflow.HasIndex(w => w.Crn).IsUnique();
            workflow.Property(w => w.PduCode).HasMaxLength(16);
            workflow.Property(w => w.RegionCode).HasMaxLength(16);
            workflow.Property(w => w.TeamCode).HasMaxLength(Code);
            workflow.Property(w => w.PractitionerCode).HasMaxLength(Code);
            workflow.Property(w => w.SpoCode).HasMaxLength(Code);
            workflow.Property(w => w.Version).IsConcurrencyToken();
            // The PDU progress view and reminders read open cases of a PDU by stage.
            workflow.HasIndex(w => new { w.PduCode, w.Stage });
            workflow.HasIndex(w => w.PractitionerCode);
            workflow.HasMany(w => w.Events).WithOne().HasForeignKey(e => e.WorkflowId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<WorkflowEventRecord>(e =>
        {
            e.ToTable("workflow_events");
            e.Property(x => x.By).HasMaxLength(Name);
            e.Property(x => x.ByName).HasMaxLength(Name);
            e.Property(x => x.Notes).HasMaxLength(Text);
            e.Property(x => x.ConfirmedBy).HasMaxLength(256);
            e.Property(x => x.ConfirmedByName).HasMaxLength(Name);
            e.HasIndex(x => new { x.WorkflowId, x.At });
        });
        modelBuilder.Entity<PanelMemberRecord>(member =>
        {
            member.ToTable("panel_members");
            member.Property(m => m.Name).HasMaxLength(Name);
            member.Property(m => m.JobTitle).HasMaxLength(Name);
            member.Property(m => m.Email).HasMaxLength(256);
            member.Property(m => m.UserName).HasMaxLength(256);
            member.Property(m => m.RegionCode).HasMaxLength(16);
            member.HasIndex(m => m.UserName);
        });
        modelBuilder.Entity<PanelMeetingRecord>(meeting =>
        {
            meeting.ToTable("panel_meetings");
            meeting.Property(m => m.RegionCode).HasMaxLength(16);
            meeting.Property(m => m.Chair).HasMaxLength(Name);
            meeting.Property(m => m.CreatedBy).HasMaxLength(Name);
            meeting.Property(m => m.NeededExpertise).HasMaxLength(400);
            meeting.Property(m => m.NotInvitedExpertise).HasMaxLength(400);
            meeting.Property(m => m.NotPresentExpertise).HasMaxLength(400);
            meeting.Property(m => m.Venue).HasMaxLength(200);
            meeting.Property(m => m.VideoLink).HasMaxLength(500);
            meeting.Property(m => m.Guests).HasMaxLength(2000);
            meeting.Property(m => m.WrittenInput).HasMaxLength(Text);
            meeting.HasMany<PanelMeetingStaffRecord>().WithOne().HasForeignKey(x => x.MeetingId).OnDelete(DeleteBehavior.Cascade);
            meeting.Property(m => m.Version).IsConcurrencyToken();
            meeting.HasIndex(m => new { m.RegionCode, m.HeldOn });
            meeting.HasMany(m => m.Members).WithOne().HasForeignKey(x => x.MeetingId).OnDelete(DeleteBehavior.Cascade);
            meeting.HasMany(m => m.Agenda).WithOne().HasForeignKey(x => x.MeetingId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<PanelMeetingMemberRecord>(invite =>
        {
            invite.ToTable("panel_meeting_members");
            invite.HasKey(x => new { x.MeetingId, x.MemberId });
            invite.HasOne<PanelMemberRecord>().WithMany().HasForeignKey(x => x.MemberId).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<PanelMeetingStaffRecord>(staff =>
        {
            staff.ToTable("panel_meeting_staff");
            staff.Property(x => x.UserName).HasMaxLength(256);
            staff.Property(x => x.DisplayName).HasMaxLength(Name);
            staff.Property(x => x.Crn).HasMaxLength(7);
            staff.Property(x => x.Role).HasMaxLength(16);
            staff.HasIndex(x => new { x.MeetingId, x.UserName, x.Crn, x.Role }).IsUnique();
            staff.HasIndex(x => x.UserName);
        });
        modelBuilder.Entity<PanelAgendaItemRecord>(item =>
        {
            item.ToTable("panel_agenda_items");
            item.HasKey(x => new { x.MeetingId, x.WorkflowId });
            item.Property(x => x.Crn).HasMaxLength(7);
            item.HasIndex(x => x.Crn);
            item.HasOne<CaseWorkflowRecord>().WithMany().HasForeignKey(x => x.WorkflowId).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<CaseActionRecord>(action =>
        {
            action.ToTable("case_actions");
            action.Property(a => a.Crn).HasMaxLength(7);
            action.Property(a => a.Description).HasMaxLength(1000);
            action.Property(a => a.OwnerName).HasMaxLength(Name);
            action.Property(a => a.OwnerUserName).HasMaxLength(256);
            action.Property(a => a.Notes).HasMaxLength(Text);
            action.Property(a => a.UpdatedBy).HasMaxLength(Name);
            action.Property(a => a.Version).IsConcurrencyToken();
            action.HasIndex(a => a.WorkflowId);
            action.HasIndex(a => new { a.OwnerUserName, a.Status });
            action.HasIndex(a => new { a.Status, a.DueOn });
            action.HasOne<CaseWorkflowRecord>().WithMany().HasForeignKey(a => a.WorkflowId).OnDelete(DeleteBehavior.Restrict);
            action.HasMany(a => a.Updates).WithOne().HasForeignKey(u => u.ActionId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<CaseActionUpdateRecord>(update =>
        {
            update.ToTable("case_action_updates");
            update.Property(u => u.By).HasMaxLength(256);
            update.Property(u => u.ByName).HasMaxLength(Name);
            update.Property(u => u.Note).HasMaxLength(Text);
            update.HasIndex(u => new { u.ActionId, u.At });
        });
        modelBuilder.Entity<QualityReviewRecord>(review =>
        {
            review.ToTable("quality_reviews");
            review.Property(r => r.Crn).HasMaxLength(7);
            review.Property(r => r.ReviewerUserName).HasMaxLength(256);
            review.Property(r => r.ReviewerName).HasMaxLength(Name);
            review.Property(r => r.Feedback).HasMaxLength(Text);
            review.Property(r => r.PeerSupportNotes).HasMaxLength(Text);
            review.Property(r => r.WentWell).HasMaxLength(Text);
            review.Property(r => r.ReadBy).HasMaxLength(256);
            review.HasMany(r => r.Replies).WithOne().HasForeignKey(x => x.ReviewId).OnDelete(DeleteBehavior.Cascade);
            review.HasIndex(r => r.WorkflowId);
            review.HasOne<CaseWorkflowRecord>().WithMany().HasForeignKey(r => r.WorkflowId).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<QualityReviewReplyRecord>(reply =>
        {
            reply.ToTable("quality_review_replies");
            reply.Property(x => x.By).HasMaxLength(256);
            reply.Property(x => x.ByName).HasMaxLength(Name);
            reply.Property(x => x.Text).HasMaxLength(Text);
            reply.HasIndex(x => x.ReviewId);
        });
        modelBuilder.Entity<NotificationRecord>(notification =>
        {
            notification.ToTable("notifications");
            notification.Property(n => n.RecipientUserName).HasMaxLength(256);
            notification.Property(n => n.Title).HasMaxLength(200);
            notification.Property(n => n.Body).HasMaxLength(Text);
            notification.Property(n => n.Link).HasMaxLength(512);
            notification.Property(n => n.LastEmailError).HasMaxLength(512);
            notification.Property(n => n.DedupKey).HasMaxLength(256);
            notification.HasIndex(n => n.DedupKey).IsUnique();
            notification.HasIndex(n => new { n.RecipientUserName, n.ReadAt });
            notification.HasIndex(n => n.EmailedAt);
        });
        modelBuilder.Entity<ScreeningRequest>(request =>
        {
            request.ToTable("screening_requests");
            request.Property(r => r.OwnerId).HasMaxLength(256);
            request.Property(r => r.DefinitionId).HasMaxLength(128);
            request.Property(r => r.Stage).HasMaxLength(200);
            request.Property(r => r.Error).HasMaxLength(Text);
            request.Property(r => r.AcceptReason).HasMaxLength(Text);
            request.Property(r => r.ClaimedBy).HasMaxLength(256);
            // The worker's claim reads the oldest queued one; recovery, those running.
            request.HasIndex(r => new { r.Status, r.QueuedTicks });
            request.Property(r => r.Source).HasMaxLength(256);
            request.HasIndex(r => r.Source).IsUnique();
        });
        modelBuilder.Entity<ApiToken>(token =>
        {
            token.ToTable("api_tokens");
            token.Property(t => t.AccountId).HasMaxLength(450);
            token.Property(t => t.Name).HasMaxLength(100);
            token.Property(t => t.SecretSha256).HasMaxLength(64);
            token.Property(t => t.Hint).HasMaxLength(16);
            token.Property(t => t.RevokedBy).HasMaxLength(256);
            // Every API call looks its token up by the hash.
            token.HasIndex(t => t.SecretSha256).IsUnique();
            token.HasIndex(t => new { t.AccountId, t.Name }).IsUnique();
            // Deleted with the account (erasure of an account leaves no tokens behind).
            token.HasOne<StaffAccount>().WithMany().HasForeignKey(t => t.AccountId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
