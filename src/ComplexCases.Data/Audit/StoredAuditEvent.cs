using ComplexCases.Domain.Audit;

namespace ComplexCases.Data.Audit;

/// <summary>
/// A row of <c>audit_events</c>: one <see cref="AuditEvent"/>. Append-only — the application never updates or
/// deletes one, and the database refuses to (triggers in the AuditLog migration).
/// </summary>
public sealed class StoredAuditEvent
{
    public const string Table = "audit_events";

    /// <summary>Assigned by the writer (last + 1), never by the database: the number is part of the hash.</summary>
    public long Sequence { get; set; }
    /// <summary>UTC. A DateTime rather than a DateTimeOffset because SQLite can compare and order only the former.</summary>
    public DateTime OccurredAtUtc { get; set; }
    public required string Actor { get; set; }
    /// <summary><see cref="AuditActions.ToKey"/>: collection, consultation, disclosure, alteration, combination, erasure.</summary>
    public required string Action { get; set; }
    public required string EventType { get; set; }
    public required string Purpose { get; set; }
    public int SubjectCount { get; set; }
    public required string SubjectsSha256 { get; set; }
    /// <summary>Sorted CRNs, comma-separated; null where only count and digest are kept (<see cref="AuditSubjects"/>).</summary>
    public string? SubjectCrns { get; set; }
    public required string Details { get; set; }
    public required string PreviousHash { get; set; }
    public required string Hash { get; set; }

    public static StoredAuditEvent From(AuditEvent e) => new()
    {
        Sequence = e.Sequence,
        OccurredAtUtc = e.OccurredAt.UtcDateTime,
        Actor = e.Actor,
        Action = e.Action.ToKey(),
        EventType = e.EventType,
        Purpose = e.Purpose,
        SubjectCount = e.Subjects.Count,
        SubjectsSha256 = e.Subjects.Sha256,
        SubjectCrns = e.Subjects.ToText(),
        Details = e.Details,
        PreviousHash = e.PreviousHash,
        Hash = e.Hash,
    };

    /// <summary>The event as stored.</summary>
    /// <exception cref="FormatException">A field is not a valid value (the row was altered outside the application).</exception>
    public AuditEvent ToAuditEvent()
    {
        if (!AuditActions.TryParse(Action, out var action)) throw new FormatException($"'{Action}' is not an audit action");
        try
        {
            var entry = new AuditEntry(new DateTimeOffset(DateTime.SpecifyKind(OccurredAtUtc, DateTimeKind.Utc)), Actor, action, EventType, Purpose,
                AuditSubjects.Restore(SubjectCount, SubjectsSha256, SubjectCrns), Details);
            return AuditEvent.Restore(Sequence, entry, PreviousHash, Hash);
        }
        catch (ArgumentException ex)
        {
            throw new FormatException(ex.Message, ex);
        }
    }
}
