using ComplexCases.Domain.People;
using ComplexCases.Domain.Screening;

namespace ComplexCases.Extracts.Reading;

/// <summary>An extract that was read: the accepted caseload and a full account of what was not accepted.</summary>
/// <param name="Sha256">The extract's fingerprint (lower-case hex); see <see cref="ExtractReader"/> for how it is formed.</param>
/// <param name="Files">One report per known file, in <see cref="ExtractFiles.All"/> order, present or not.</param>
/// <param name="Rejections">Every rejected row, ordered by file (as <see cref="Files"/>) then line.</param>
public sealed record ExtractReadResult(
    Caseload Caseload,
    string Sha256,
    IReadOnlyList<FileReport> Files,
    IReadOnlyList<Rejection> Rejections,
    IReadOnlyList<ExtractWarning> Warnings)
{
    public int RowsRead => Files.Sum(f => f.RowsRead);
    public int RowsAccepted => Files.Sum(f => f.RowsAccepted);
    public int RowsRejected => Files.Sum(f => f.RowsRejected);

    public FileReport File(string fileName) =>
        Files.FirstOrDefault(f => f.FileName == fileName) ?? throw new ArgumentException($"'{fileName}' is not an extract file.", nameof(fileName));
}

/// <summary>Row counts for one file; always <c>RowsRead == RowsAccepted + RowsRejected</c>.</summary>
/// <remarks>Rows are data rows: the header and wholly blank lines are not counted.</remarks>
public sealed record FileReport(string FileName, bool Present, int RowsRead, int RowsAccepted, int RowsRejected);

/// <summary>One rejected row.</summary>
/// <param name="Line">Physical line on which the row starts (the header is line 1).</param>
/// <param name="Column">The column at fault (header name as the contract spells it); empty when the row as a whole is at fault.</param>
/// <param name="Detail">What is wrong, for a person to read; never contains an unmasked personal value.</param>
/// <param name="Value">The offending value, masked where personal, cut to 50 characters.</param>
/// <param name="Names">
/// In a file of person records: the CRN the row's <c>crn</c> cell holds, when it is well-formed and the row was rejected for
/// what it holds (not for its number of fields, nor as an orphan). Used to mark that person's records incomplete; never shown.
/// </param>
public sealed record Rejection(string File, int Line, string Column, RejectionReason Reason, string Detail, string Value, Crn? Names = null);

public enum RejectionReason
{
    MissingRequiredValue,
    MalformedValue,
    DuplicateKey,
    Orphan,
    DateOrder,
    WrongNumberOfFields,
}

/// <summary>Something worth knowing that did not stop or reject anything, e.g. an unknown column ignored.</summary>
public sealed record ExtractWarning(string File, string Message);

/// <summary>Reading progress of one file (bytes of that file).</summary>
public sealed record ExtractProgress(string File, long BytesRead, long TotalBytes);
