using System.Diagnostics.CodeAnalysis;

namespace ComplexCases.Extracts.Reading;

/// <summary>Either the extract that was read, or the one fatal problem that stopped the read.</summary>
public sealed class ExtractReadOutcome
{
    private ExtractReadOutcome(ExtractReadResult? result, ExtractError? error)
    {
        Result = result;
        Error = error;
    }

    [MemberNotNullWhen(true, nameof(Result))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Result is not null;

    public ExtractReadResult? Result { get; }

    public ExtractError? Error { get; }

    public static ExtractReadOutcome Success(ExtractReadResult result) => new(result ?? throw new ArgumentNullException(nameof(result)), null);

    public static ExtractReadOutcome Failure(ExtractError error) => new(null, error ?? throw new ArgumentNullException(nameof(error)));

    public override string ToString() => Succeeded ? $"Read {Result.RowsRead} rows ({Result.RowsRejected} rejected)" : Error.Message;
}

/// <summary>A problem that stops the whole read. <see cref="Message"/> is one line for the user.</summary>
/// <param name="File">The file concerned (e.g. <c>people.csv</c>), or null when it is the folder itself.</param>
public sealed record ExtractError(string? File, string Message);
