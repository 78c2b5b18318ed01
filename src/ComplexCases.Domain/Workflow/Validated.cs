namespace ComplexCases.Domain.Workflow;

/// <summary>A problem with one field of a record, named as the form names it, with a message a user can act on.</summary>
public sealed record FieldError(string Field, string Message);

/// <summary>A value that passed every check, or every check it failed.</summary>
public sealed record Validated<T>(T? Value, IReadOnlyList<FieldError> Errors) where T : class
{
    public bool Succeeded => Value is not null;

    public static Validated<T> Ok(T value) => new(value, []);
}

/// <summary>Collects field errors while a record is built.</summary>
internal sealed class Checks
{
    private readonly List<FieldError> _errors = [];

    public IReadOnlyList<FieldError> Errors => _errors;

    public string Text(string field, string label, string? value, int max, bool required = true)
    {
        var text = (value ?? "").Trim();
        if (required && text.Length == 0) _errors.Add(new(field, $"Enter {label}"));
        else if (text.Length > max) _errors.Add(new(field, $"{Capitalise(label)} must be {max} characters or fewer"));
        return text;
    }

    /// <param name="after">What <paramref name="notBefore"/> is, in words ("the list date"), so the message says why the date is refused.</param>
    public DateOnly Date(string field, string label, DateOnly? value, DateOnly? notAfter = null, DateOnly? notBefore = null, string? after = null)
    {
        if (value is not { } day)
        {
            _errors.Add(new(field, $"Enter {label}"));
            return default;
        }
        if (notAfter is { } latest && day > latest) _errors.Add(new(field, $"{Capitalise(label)} must be today or in the past"));
        if (notBefore is { } earliest && day < earliest)
            _errors.Add(new(field, $"{Capitalise(label)} must be on or after {(after is null ? "" : after + ", ")}{earliest:d MMMM yyyy}"));
        return day;
    }

    public void Add(string field, string message) => _errors.Add(new(field, message));

    public Validated<T> Result<T>(Func<T> build) where T : class => _errors.Count == 0 ? Validated<T>.Ok(build()) : new(null, _errors);

    private static string Capitalise(string label) => label.Length == 0 ? label : char.ToUpperInvariant(label[0]) + label[1..];
}
