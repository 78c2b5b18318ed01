using ComplexCases.Domain.Evaluation;
using ComplexCases.Extracts.Reading;

namespace ComplexCases.Extracts.Outcomes;

/// <summary>An outcome file that was read: its distinct outcomes and a full account of the rows not accepted.</summary>
/// <param name="Outcomes">Distinct outcomes, ordered by CRN, date and type.</param>
/// <param name="Duplicates">Accepted rows that repeat an earlier row exactly (same CRN, date and type): counted once.</param>
public sealed record OutcomesReadResult(
    string FileName,
    string Sha256,
    int RowsRead,
    int RowsAccepted,
    int Duplicates,
    IReadOnlyList<OutcomeRecord> Outcomes,
    IReadOnlyList<Rejection> Rejections,
    IReadOnlyList<ExtractWarning> Warnings)
{
    public int RowsRejected => Rejections.Count;
}

/// <summary>
/// Reads an outcome file (outcomes.md) with the extract's rules: UTF-8, RFC 4180, header names case-insensitive and
/// trimmed, every rejected row reported with file, line, column and reason. A CRN never screened is accepted.
/// </summary>
public static class OutcomesReader
{
    /// <summary>Never throws for bad input: a file that cannot be read as a whole comes back as an <see cref="ExtractError"/>.</summary>
    public static (OutcomesReadResult? Result, ExtractError? Error) Read(string path, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(path) || !File.Exists(path))
            return (null, new ExtractError(null, $"outcome file not found: {path}"));
        var full = Path.GetFullPath(path);
        using var file = new OutcomesFile(Path.GetFileName(full));
        var error = file.Open(Path.GetDirectoryName(full)!, progress: null) ?? file.ReadRows(cancellationToken);
        if (error is not null) return (null, error);

        var distinct = file.Records.Distinct().Order(Comparer<OutcomeRecord>.Create(Compare)).ToList();
        return (new OutcomesReadResult(file.FileName, file.Sha256!, file.RowsRead, file.RowsAccepted, file.RowsAccepted - distinct.Count,
            distinct, [.. file.Rejections], [.. file.Warnings]), null);
    }

    private static int Compare(OutcomeRecord a, OutcomeRecord b)
    {
        var c = a.Crn.CompareTo(b.Crn);
        if (c == 0) c = a.OccurredOn.CompareTo(b.OccurredOn);
        return c != 0 ? c : a.Type.CompareTo(b.Type);
    }
}
