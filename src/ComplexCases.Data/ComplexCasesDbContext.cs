using ComplexCases.Data.Audit;
using ComplexCases.Data.Screening;
using ComplexCases.Data.Accounts;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Data;

/// <summary>
/// The one database context. Provider-neutral: the provider and its migrations assembly are chosen
/// where the options are built (see ComplexCases.Data.Sqlite), so PostgreSQL can follow without changes here.
/// </summary>
public sealed class ComplexCasesDbContext(DbContextOptions<ComplexCasesDbContext> options) : IdentityDbContext<StaffAccount>(options)
{
    public DbSet<ScreeningRun> Runs => Set<ScreeningRun>();
    public DbSet<RunFile> RunFiles => Set<RunFile>();
    public DbSet<RejectedRow> RejectedRows => Set<RejectedRow>();
    public DbSet<PersonResult> PersonResults => Set<PersonResult>();
    public DbSet<ListedCase> ListedCases => Set<ListedCase>();
    public DbSet<StoredDefinition> Definitions => Set<StoredDefinition>();
    public DbSet<StoredAuditEvent> AuditEvents => Set<StoredAuditEvent>();

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
            row.HasIndex(r => r.RunId);
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
    }
}
