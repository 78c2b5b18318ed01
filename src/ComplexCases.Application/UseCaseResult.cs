using System.Diagnostics.CodeAnalysis;

namespace ComplexCases.Application;

/// <summary>How a use case ended: a value, or an error a user caused (invalid input) or could not cause (failure).</summary>
public enum UseCaseStatus
{
    Ok,
    /// <summary>Bad arguments, an unreadable or invalid extract or definition: the user can fix it.</summary>
    Invalid,
    /// <summary>Anything else; nothing was stored.</summary>
    Failed,
}

public sealed class UseCaseResult<T>
{
    private UseCaseResult(UseCaseStatus status, T? value, string? error)
    {
        Status = status;
        Value = value;
        Error = error;
    }

    public UseCaseStatus Status { get; }
    public T? Value { get; }
    public string? Error { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Status == UseCaseStatus.Ok;

    public static UseCaseResult<T> Ok(T value) => new(UseCaseStatus.Ok, value, null);
    public static UseCaseResult<T> Invalid(string error) => new(UseCaseStatus.Invalid, default, error);
    public static UseCaseResult<T> Failed(string error) => new(UseCaseStatus.Failed, default, error);

    public UseCaseResult<TOther> ErrorAs<TOther>() => Status switch
    {
        UseCaseStatus.Invalid => UseCaseResult<TOther>.Invalid(Error!),
        UseCaseStatus.Failed => UseCaseResult<TOther>.Failed(Error!),
        _ => throw new InvalidOperationException("Not an error."),
    };
}
