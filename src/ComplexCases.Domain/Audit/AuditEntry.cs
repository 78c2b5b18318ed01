namespace ComplexCases.Domain.Audit;

/// <summary>What happened, by whom, to whom and why: an audit event before it is placed in the chain.</summary>
public sealed class AuditEntry
{
    public const int MaxActorLength = 128;
    public const int MaxEventTypeLength = 64;
    public const int MaxPurposeLength = 500;
    public const int MaxDetailsLength = 4000;

    /// <param name="occurredAt">Stored and hashed in UTC, to the tick.</param>
    /// <param name="actor">The user's id or name, or <c>cli</c>.</param>
    /// <param name="eventType">Dotted lower-case words, e.g. <c>screening.run</c>, <c>case.viewed</c>.</param>
    /// <param name="purpose">The justification given or implied, e.g. <c>monthly complex case screening</c>.</param>
    /// <param name="details">Small JSON or text, e.g. a run id or a disclosure's recipient; may be empty.</param>
    public AuditEntry(DateTimeOffset occurredAt, string actor, AuditAction action, string eventType, string purpose,
        AuditSubjects subjects, string details)
    {
        OccurredAt = occurredAt.ToUniversalTime();
        Actor = Text(actor, nameof(actor), MaxActorLength, allowEmpty: false);
        Action = Enum.IsDefined(action) ? action : throw new ArgumentOutOfRangeException(nameof(action), action, "Not an audit action.");
        EventType = IsEventType(eventType) ? eventType
            : throw new ArgumentException($"'{eventType}' is not an event type (dotted lower-case words, at most {MaxEventTypeLength} characters).", nameof(eventType));
        Purpose = Text(purpose, nameof(purpose), MaxPurposeLength, allowEmpty: false);
        Subjects = subjects ?? throw new ArgumentNullException(nameof(subjects));
        Details = details is null ? throw new ArgumentNullException(nameof(details))
            : details.Length <= MaxDetailsLength ? details
            : throw new ArgumentException($"details are {details.Length} characters; at most {MaxDetailsLength}.", nameof(details));
    }

    public DateTimeOffset OccurredAt { get; }
    public string Actor { get; }
    public AuditAction Action { get; }
    public string EventType { get; }
    public string Purpose { get; }
    public AuditSubjects Subjects { get; }
    public string Details { get; }

    private static string Text(string value, string name, int maxLength, bool allowEmpty)
    {
        ArgumentNullException.ThrowIfNull(value, name);
        if (!allowEmpty && string.IsNullOrWhiteSpace(value)) throw new ArgumentException($"{name} is empty.", name);
        if (value.Length > maxLength) throw new ArgumentException($"{name} is {value.Length} characters; at most {maxLength}.", name);
        if (value.Any(char.IsControl)) throw new ArgumentException($"{name} contains a control character.", name);
        return value;
    }

    private static bool IsEventType(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxEventTypeLength) return false;
        var words = value.Split('.');
        return words.Length >= 2 && words.All(w => w.Length > 0 && char.IsAsciiLetterLower(w[0]) && w.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'));
    }
}
