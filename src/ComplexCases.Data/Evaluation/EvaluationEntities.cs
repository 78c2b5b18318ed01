using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Data.Evaluation;

/// <summary>
/// One outcome (outcomes.md): a person, a date and a type. The three together are the key, so an outcome
/// imported twice (in one file or two) is stored, and counted, once.
/// </summary>
public sealed class StoredOutcome
{
    public const string Table = "outcomes";

    public required string Crn { get; set; }
    public DateOnly OccurredOn { get; set; }
    /// <summary><see cref="Domain.Evaluation.OutcomeType"/>.</summary>
    public byte Type { get; set; }
    /// <summary>The import that first brought it: what an evaluation can tell has changed since it last ran.</summary>
    public int ImportId { get; set; }
}

/// <summary>One outcome file imported: what it held and what it added.</summary>
public sealed class OutcomeImport
{
    public int Id { get; set; }
    public required string FileName { get; set; }
    public required string FileSha256 { get; set; }
    public int RowsRead { get; set; }
    public int RowsAccepted { get; set; }
    public int RowsRejected { get; set; }
    /// <summary>Accepted rows repeating an earlier row of the file.</summary>
    public int Duplicates { get; set; }
    /// <summary>Distinct outcomes not already stored.</summary>
    public int Added { get; set; }
    public DateTimeOffset ImportedAt { get; set; }
    public required string ImportedBy { get; set; }
}

/// <summary>
/// What a run screened, kept so the month can be screened again under another definition without its extract:
/// every screened person's records, compressed, in parts (format in Application/Evaluation/RunInputsCodec). Only what the
/// screener reads is kept — no names, dates of birth or free text.
/// </summary>
public sealed class RunInputs
{
    public const string Table = "run_inputs";

    public int RunId { get; set; }
    /// <summary>0, 1, …: a run is kept in parts of a few thousand people, so that no step holds a whole month's bytes.</summary>
    public int Part { get; set; }
    /// <summary>Version of the encoding, so that a later one can still read older runs.</summary>
    public int Format { get; set; }
    public int People { get; set; }
    public int Records { get; set; }
    public required byte[] Data { get; set; }
}

/// <summary>The tables of the definitions lab (issue 14).</summary>
public static class EvaluationModel
{
    public static void Configure(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Entity<StoredOutcome>(outcome =>
        {
            outcome.ToTable(StoredOutcome.Table);
            outcome.HasKey(o => new { o.Crn, o.OccurredOn, o.Type });
            outcome.Property(o => o.Crn).HasMaxLength(7);
            outcome.HasIndex(o => o.OccurredOn);
            outcome.HasOne<OutcomeImport>().WithMany().HasForeignKey(o => o.ImportId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<OutcomeImport>(import =>
        {
            import.ToTable("outcome_imports");
            import.Property(i => i.FileName).HasMaxLength(256);
            import.Property(i => i.FileSha256).HasMaxLength(64);
            import.Property(i => i.ImportedBy).HasMaxLength(128);
        });
        builder.Entity<RunInputs>(inputs =>
        {
            inputs.ToTable(RunInputs.Table);
            inputs.HasKey(i => new { i.RunId, i.Part });
            inputs.HasOne<Screening.ScreeningRun>().WithMany().HasForeignKey(i => i.RunId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
