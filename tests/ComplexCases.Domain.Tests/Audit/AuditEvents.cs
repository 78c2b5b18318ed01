using ComplexCases.Domain.Audit;
using ComplexCases.Domain.People;

namespace ComplexCases.Domain.Tests.Audit;

/// <summary>Audit entries and chains with defaults, for the tests to vary one thing at a time.</summary>
internal static class AuditEvents
{
    public static readonly DateTimeOffset Start = new(2024, 9, 2, 9, 0, 0, TimeSpan.Zero);

    public static AuditEntry Entry(int n = 0, string actor = "cli", AuditAction action = AuditAction.Consultation,
        string eventType = "case.viewed", string purpose = "supervision", string details = "", params string[] crns) =>
        new(Start.AddMinutes(n), actor, action, eventType, purpose, AuditSubjects.Of(crns.Select(Crn.Parse)), details);

    /// <summary>A chain of <paramref name="count"/> entries, each a case viewed by a different user.</summary>
    public static List<AuditEvent> Chain(int count)
    {
        var chain = new List<AuditEvent>();
        var head = AuditChainHead.Genesis;
        for (var i = 0; i < count; i++)
        {
            var e = AuditEvent.Next(head, Entry(i, actor: $"user{i}", details: $$"""{"page":{{i}}}""", crns: $"E{i:D6}"));
            chain.Add(e);
            head = e.AsHead();
        }
        return chain;
    }

    /// <summary>The stored form of <paramref name="e"/> with its entry replaced but its hashes kept, as an edit in the database would leave it.</summary>
    public static AuditEvent Tampered(AuditEvent e, AuditEntry entry) => AuditEvent.Restore(e.Sequence, entry, e.PreviousHash, e.Hash);

    public static AuditEvent Renumbered(AuditEvent e, long sequence) => AuditEvent.Restore(sequence, e.Entry, e.PreviousHash, e.Hash);
}
