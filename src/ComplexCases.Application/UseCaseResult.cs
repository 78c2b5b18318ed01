using System.Diagnostics.CodeAnalysis;
using ComplexCases.Domain.Workflow;

namespace ComplexCases.Application;

/// <summary>
/// How a use case ended: the one vocabulary for every use case (screening, workflow steps, panels, quality reviews, reads),
/// mapped to HTTP once for the pages (ResultToPage) and once for the API (ResultToHttp), and to exit codes by the CLI.
/// </summary>
public enum UseCaseStatus
{
    Ok,
    /// <summary>Bad arguments, an unreadable or invalid extract or definition, a form field: the user can fix it.</summary>
    Invalid,
    /// <summary>No such thing, or not the user's to see: the two look the same, so a guessed id learns nothing.</summary>
    NotFound,
    /// <summary>The user may see it but not do this to it.</summary>
    Forbidden,
    /// <summary>Someone else saved first: nothing was changed; <see cref="UseCaseResult{T}.Conflict"/> says who and when.</summary>
    Conflict,
    /// <summary>Anything else; nothing was stored.</summary>
    Failed,
}

/// <summary>Who saved first, and when, if known; the message says it in words.</summary>
public sealed record UseCaseConflict(string? By, DateTimeOffset? At);

public sealed class UseCaseResult<T>
{
    /// <summary>The field of an error about the whole form (a conflict, a refused step) rather than one input.</summary>
    public const string FormField = "";

    private UseCaseResult(UseCaseStatus status, T? value, IReadOnlyList<FieldError> errors, UseCaseConflict? conflict = null)
    {
        Status = status;
        Value = value;
        Errors = errors;
        Conflict = conflict;
    }

    public UseCaseStatus Status { get; }

    /// <summary>The value on success; after a conflict, the latest state when the use case read it (else default).</summary>
    public T? Value { get; }

    /// <summary>Why it did not succeed, by field (<see cref="FormField"/> for the whole request); empty on success.</summary>
    public IReadOnlyList<FieldError> Errors { get; }

    /// <summary>Set for <see cref="UseCaseStatus.Conflict"/>.</summary>
    public UseCaseConflict? Conflict { get; }

    /// <summary>The first error's message (the only one, for most failures).</summary>
    public string? Error => Errors.Count == 0 ? null : Errors[0].Message;

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Status == UseCaseStatus.Ok;

    public static UseCaseResult<T> Ok(T value) => new(UseCaseStatus.Ok, value, []);

    public static UseCaseResult<T> Invalid(string error) => Invalid(FormField, error);

    public static UseCaseResult<T> Invalid(string field, string message) => Invalid([new FieldError(field, message)]);

    public static UseCaseResult<T> Invalid(IReadOnlyList<FieldError> errors) =>
        errors.Count == 0 ? throw new ArgumentException("An invalid result names at least one error.", nameof(errors)) : new(UseCaseStatus.Invalid, default, errors);

    public static UseCaseResult<T> NotFound(string message = "Not found.") => new(UseCaseStatus.NotFound, default, [new FieldError(FormField, message)]);

    public static UseCaseResult<T> Forbidden(string message) => new(UseCaseStatus.Forbidden, default, [new FieldError(FormField, message)]);

    /// <param name="latest">The state as it is now, when the use case has read it (so the caller need not read it again).</param>
    public static UseCaseResult<T> Conflicted(string message, string? by = null, DateTimeOffset? at = null, T? latest = default) =>
        new(UseCaseStatus.Conflict, latest, [new FieldError(FormField, message)], new UseCaseConflict(by, at));

    public static UseCaseResult<T> Failed(string error) => new(UseCaseStatus.Failed, default, [new FieldError(FormField, error)]);

    /// <summary>The same failure for a use case of another value (the latest state, if any, is dropped).</summary>
    public UseCaseResult<TOther> ErrorAs<TOther>() =>
        Succeeded ? throw new InvalidOperationException("Not an error.") : new(Status, default, Errors, Conflict);
}
