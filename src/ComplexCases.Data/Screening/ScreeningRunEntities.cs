namespace ComplexCases.Data.Screening;

/// <summary>One stored screening run: the extract it read, the definition it used, and its totals.</summary>
public sealed class ScreeningRun
{
    public int Id { get; set; }
    public DateOnly AsOf { get; set; }
    public required string DefinitionId { get; set; }
    public int DefinitionVersion { get; set; }
    public int Threshold { get; set; }
    /// <summary>Fingerprint of the extract's files; with AsOf and definition it recognises a re-run.</summary>
    public required string ExtractSha256 { get; set; }
    public int RowsRead { get; set; }
    public int RowsAccepted { get; set; }
    public int RowsRejected { get; set; }
    public int People { get; set; }
    public int Complex { get; set; }
    public int PossiblyComplex { get; set; }
    public int Left { get; set; }
    /// <summary>
    /// People named by a rejected row of their registrations, assessments, sentences or OPD screenings: their records
    /// are incomplete, so criteria those records feed read unknown rather than not met (criteria.md).
    /// </summary>
    public int IncompleteRecordsPeople { get; set; }
    /// <summary>Of those, the people for whom at least one criterion reads unknown because of it.</summary>
    public int IncompleteRecordsCriteriaUnknown { get; set; }
    /// <summary>Of those, the people listed as possibly complex only because of it.</summary>
    public int IncompleteRecordsListed { get; set; }
    /// <summary>False for a run stored before these counts were made (its three counts are then 0, not measured).</summary>
    public bool IncompleteRecordsCounted { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset CompletedAt { get; set; }
    /// <summary>Who or what ran it (user name, or "cli").</summary>
    public required string RunBy { get; set; }
    public List<RunFile> Files { get; set; } = [];
}

/// <summary>Row counts per extract file, reconciled: read = accepted + rejected.</summary>
public sealed class RunFile
{
    public int RunId { get; set; }
    public required string FileName { get; set; }
    public bool Present { get; set; }
    public int RowsRead { get; set; }
    public int RowsAccepted { get; set; }
    public int RowsRejected { get; set; }
}

/// <summary>A row the importer rejected, with where and why (value masked where personal).</summary>
public sealed class RejectedRow
{
    public long Id { get; set; }
    public int RunId { get; set; }
    public required string FileName { get; set; }
    public int Line { get; set; }
    public required string Column { get; set; }
    public required string Reason { get; set; }
    public required string Detail { get; set; }
    public required string Value { get; set; }
}

/// <summary>
/// Every person's criterion outcomes in every run, as bit masks over criterion ids: small enough to keep
/// for a national caseload each month, and enough to compare definitions and months later.
/// Written in bulk by a provider-specific writer, never tracked by EF.
/// </summary>
public sealed class PersonResult
{
    public const string Table = "person_results";

    public int RunId { get; set; }
    public required string Crn { get; set; }
    public required string PduCode { get; set; }
    public byte MetMask { get; set; }
    public byte UnknownMask { get; set; }
    public short Score { get; set; }
    /// <summary><see cref="Domain.Screening.ScreeningStatus"/>.</summary>
    public byte Status { get; set; }
}

/// <summary>
/// A person on a run's list (complex, possibly complex, or left since the previous run) with what the
/// list and case page show: names and allocation as extracted, the change, and the evidence.
/// </summary>
public sealed class ListedCase
{
    public int RunId { get; set; }
    public required string Crn { get; set; }
    public required string PduCode { get; set; }
    public string? PduName { get; set; }
    public string? RegionCode { get; set; }
    /// <summary><see cref="Domain.Screening.ScreeningStatus"/>; for a person who left, their status now (usually not listed).</summary>
    public byte Status { get; set; }
    public short Score { get; set; }
    public byte MetMask { get; set; }
    public byte UnknownMask { get; set; }
    /// <summary><see cref="Domain.Screening.ListChange"/>.</summary>
    public byte Change { get; set; }
    /// <summary>Consecutive runs listed up to and including this one (for a person who left: up to the previous run).</summary>
    public int MonthsListed { get; set; }
    public string? Forename { get; set; }
    public string? Surname { get; set; }
    public string? TeamCode { get; set; }
    public string? TeamName { get; set; }
    public string? PractitionerCode { get; set; }
    public string? PractitionerName { get; set; }
    public string? SpoCode { get; set; }
    public string? SpoName { get; set; }
    public bool LimitedAccess { get; set; }
    /// <summary>Per-criterion explanation as JSON (criterion, outcome, reason, evidence).</summary>
    public required string EvidenceJson { get; set; }
}

/// <summary>A definition as it was used, so a past run can be explained and reproduced.</summary>
public sealed class StoredDefinition
{
    public required string Id { get; set; }
    public int Version { get; set; }
    public required string Title { get; set; }
    public int Threshold { get; set; }
    public required string Json { get; set; }
    public required string Sha256 { get; set; }
    /// <summary>Who saved it in the service (a user name), <c>run</c> for a file first stored by a screening run; null for rows stored before authors were kept.</summary>
    public string? CreatedBy { get; set; }
    /// <summary>When it was stored; null for rows stored before this was kept.</summary>
    public DateTimeOffset? CreatedAt { get; set; }
}

/// <summary>
/// A decision to use a stored definition version for the monthly lists that feed the Complex Case process, from a month
/// on, with the reason given. Never changed or deleted: a later decision supersedes it.
/// </summary>
public sealed class DefinitionAdoption
{
    public const string Table = "definition_adoptions";

    public int Id { get; set; }
    public required string DefinitionId { get; set; }
    public int DefinitionVersion { get; set; }
    /// <summary>The first day of the first month whose screening run it governs.</summary>
    public DateOnly EffectiveFrom { get; set; }
    public required string Reason { get; set; }
    public required string AdoptedBy { get; set; }
    public DateTimeOffset AdoptedAt { get; set; }
}

/// <summary>The values of one <see cref="PersonResult"/>, for bulk writers.</summary>
public readonly record struct PersonResultRow(Domain.People.Crn Crn, string PduCode, byte MetMask, byte UnknownMask, short Score, byte Status);
