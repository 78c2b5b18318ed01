using System.Text.Json;
using System.Text.Json.Serialization;
using ComplexCases.Domain.Screening;
using ComplexCases.Web.Runs;

namespace ComplexCases.Web.Api;

/// <summary>Enums on the wire as snake_case strings (<c>possibly_complex</c>, <c>not_met</c>), as in outputs and query strings.</summary>
public sealed class SnakeCaseEnumConverter<T>() : JsonStringEnumConverter<T>(JsonNamingPolicy.SnakeCaseLower)
    where T : struct, Enum;

/// <summary>One PDU's monthly list for one run: counts, one page of rows, and paging.</summary>
public sealed record MonthlyListResponse(
    ApiRunRef Run,
    string PduCode,
    string? PduName,
    // False when the caller sees pseudonyms: crn is then a pseudonym and every name is null.
    bool NamesShown,
    ListCounts Counts,
    Paging Paging,
    IReadOnlyList<MonthlyListRowResponse> Rows,
    IReadOnlyList<CodeAndName> Teams,
    IReadOnlyList<CodeAndName> Practitioners);

public sealed record ApiRunRef(int Id, DateOnly AsOf, string DefinitionId, int DefinitionVersion);

/// <summary>Counts over the caller's whole visible list (not only the page): per status (excluding those who left) and per change.</summary>
public sealed record ListCounts(int Complex, int PossiblyComplex, int New, int Continuing, int Left);

public sealed record Paging(int Page, int PageSize, int TotalMatching, int PageCount);

public sealed record CodeAndName(string Code, string? Name);

public sealed record MonthlyListRowResponse(
    // The CRN, or its pseudonym (P-…) when pseudonymised.
    string Crn,
    bool Pseudonymised,
    string? Forename,
    string? Surname,
    string? TeamName,
    string? PractitionerName,
    string? SpoName,
    [property: JsonConverter(typeof(SnakeCaseEnumConverter<ScreeningStatus>))] ScreeningStatus Status,
    [property: JsonConverter(typeof(SnakeCaseEnumConverter<ListChange>))] ListChange Change,
    int Score,
    IReadOnlyList<string> CriteriaMet,
    IReadOnlyList<string> CriteriaUnknown,
    int MonthsListed,
    bool LimitedAccess);

/// <summary>One person as listed in one run: who, why (each criterion with its evidence), and month by month.</summary>
public sealed record CaseResponse(
    string Crn,
    string? Forename,
    string? Surname,
    string PduCode,
    string? PduName,
    string? TeamCode,
    string? TeamName,
    string? PractitionerName,
    string? SpoName,
    bool LimitedAccess,
    ApiRunRef Run,
    [property: JsonConverter(typeof(SnakeCaseEnumConverter<ScreeningStatus>))] ScreeningStatus Status,
    int Score,
    [property: JsonConverter(typeof(SnakeCaseEnumConverter<ListChange>))] ListChange Change,
    int MonthsListed,
    IReadOnlyList<ExplanationResponse> Explanation,
    // Criteria that could not be decided because data is missing or stale.
    IReadOnlyList<string> NeedsAttention,
    IReadOnlyList<CaseMonthResponse> History);

public sealed record ExplanationResponse(
    string Criterion,
    string Label,
    [property: JsonConverter(typeof(SnakeCaseEnumConverter<CriterionOutcome>))] CriterionOutcome Outcome,
    string Reason,
    EvidenceResponse? Evidence);

// Rejected: true when the evidence is a row the importer rejected (Value then says why); null otherwise.
public sealed record EvidenceResponse(string File, int Line, string Key, DateOnly? Date, string Value, bool? Rejected = null);

public sealed record CaseMonthResponse(
    int RunId,
    DateOnly AsOf,
    [property: JsonConverter(typeof(SnakeCaseEnumConverter<ScreeningStatus>))] ScreeningStatus Status,
    int Score,
    IReadOnlyList<string> CriteriaMet,
    IReadOnlyList<string> CriteriaUnknown,
    // Null when the person was not on that run's list.
    [property: JsonConverter(typeof(SnakeCaseEnumConverter<ListChange>))] ListChange? Change);

/// <summary>A stored screening run and its totals: aggregate, no personal data.</summary>
public sealed record RunResponse(
    int Id, DateOnly AsOf, string DefinitionId, int DefinitionVersion, int Threshold,
    int RowsRead, int RowsAccepted, int RowsRejected, int People, int Complex, int PossiblyComplex, int Left,
    DateTimeOffset StartedAt, DateTimeOffset CompletedAt, string RunBy, IncompleteRecordsResponse IncompleteRecords);

/// <summary>
/// Whom a run's rejected rows affected: people a rejected row of their records names (records incomplete), those for
/// whom a criterion reads unknown instead of not met because of it, and those listed as possibly complex only because of it.
/// Counted is false for a run stored before these counts were made (the three are then 0, not measured).
/// </summary>
public sealed record IncompleteRecordsResponse(bool Counted, int People, int CriteriaUnknown, int Listed);

/// <summary>One page of a run's rejected rows, with the run's counts per file (which say what the file filter may be).</summary>
public sealed record RejectedRowsResponse(
    ApiRunRef Run,
    // Null for every file.
    string? File,
    Paging Paging,
    IReadOnlyList<RunFileResponse> Files,
    IReadOnlyList<RejectedRowResponse> Rows,
    IncompleteRecordsResponse IncompleteRecords);

public sealed record RunFileResponse(string FileName, bool Present, int RowsRead, int RowsAccepted, int RowsRejected);

public sealed record RejectedRowResponse(
    string File,
    int Line,
    // Empty when the whole row was rejected (the wrong number of fields).
    string Column,
    string Reason,
    string Detail,
    // As stored: masked where personal (a CRN as E12****, a name as its first letter).
    string Value);

/// <summary>A screening started from the browser: where it has got to, then its totals or its error.</summary>
public sealed record RunProgressResponse(
    Guid JobId,
    [property: JsonConverter(typeof(SnakeCaseEnumConverter<ScreeningJobStatus>))] ScreeningJobStatus Status,
    string Stage,
    // Of the current stage, 0 to 100.
    int Percent,
    // Runs that will go before this one (only while it is queued).
    int QueuedAhead,
    // Only once it has succeeded.
    RunProgressResult? Result,
    // Only once it has failed: what went wrong; nothing was stored. While it needs acceptance: why it was refused.
    string? Error,
    // Only while it needs acceptance: this month beside the previous one, figure by figure (accept on the page /runs/progress/{jobId}).
    IReadOnlyList<ComplexCases.Application.Screening.ReconciliationFigure>? Figures = null);

public sealed record RunProgressResult(
    int RunId, bool AlreadyStored, DateOnly AsOf, string DefinitionId, int DefinitionVersion,
    int People, int Complex, int PossiblyComplex, int RowsRejected, string Summary);

public sealed record DefinitionResponse(
    string Id, string Title, int Version, DateOnly EffectiveFrom, int Threshold, int AssessmentLookBackMonths,
    IReadOnlyList<DefinitionCriterionResponse> Criteria, int Runs, DateOnly? LastUsed);

public sealed record DefinitionCriterionResponse(string Criterion, string Label, int Weight);

/// <summary>An upload accepted and queued: poll <see cref="Location"/> for its progress and result.</summary>
public sealed record RunRequestAccepted(
    Guid JobId,
    [property: JsonConverter(typeof(SnakeCaseEnumConverter<ScreeningJobStatus>))] ScreeningJobStatus Status,
    string Location);

/// <summary>The multipart form of <c>POST /api/runs</c> (described for the OpenAPI document; read by hand within the upload limit).</summary>
public sealed class RunUploadForm
{
    /// <summary>One zip of the month's extract, or its CSV files.</summary>
    public IFormFileCollection? Files { get; init; }
    /// <summary>The screening date, yyyy-MM-dd.</summary>
    public string? AsOf { get; init; }
    /// <summary>A shipped definition's name; empty for the pilot's.</summary>
    /// <summary>Empty for the one adopted for the month of AsOf (resolved when the run starts); <c>id@version</c> for a stored version; or a shipped definition's name.</summary>
}
