using ComplexCases.Domain.Workflow;

namespace ComplexCases.Application.Panels;

/// <summary>How a panel change ended. Not found also covers "not yours to see", so a guessed id learns nothing.</summary>
public enum PanelOutcome
{
    Ok,
    /// <summary>The input was wrong; <see cref="PanelResult{T}.Errors"/> names each field.</summary>
    Invalid,
    NotFound,
    /// <summary>Someone else saved first: nothing was changed, and the message says so.</summary>
    Conflict,
}

/// <summary>A panel use case's value, or the field errors (or conflict message) a form shows.</summary>
public sealed record PanelResult<T>(PanelOutcome Outcome, T? Value, IReadOnlyList<FieldError> Errors)
{
    /// <summary>The field of an error about the whole form (a conflict, a refused step) rather than one input.</summary>
    public const string FormField = "";

    public bool Succeeded => Outcome == PanelOutcome.Ok;

    public static PanelResult<T> Ok(T value) => new(PanelOutcome.Ok, value, []);

    public static PanelResult<T> Invalid(IReadOnlyList<FieldError> errors) => new(PanelOutcome.Invalid, default, errors);

    public static PanelResult<T> Invalid(string field, string message) => Invalid([new FieldError(field, message)]);

    public static PanelResult<T> NotFound() => new(PanelOutcome.NotFound, default, [new FieldError(FormField, "Not found.")]);

    public static PanelResult<T> Conflict(string message) => new(PanelOutcome.Conflict, default, [new FieldError(FormField, message)]);

    public PanelResult<TOther> ErrorAs<TOther>() =>
        Succeeded ? throw new InvalidOperationException("Not an error.") : new(Outcome, default, Errors);
}
