using ComplexCases.Data.Audit;
using ComplexCases.Data.Screening;
using ComplexCases.Domain.Audit;
using ComplexCases.Domain.People;

namespace ComplexCases.Data.Tests;

/// <summary>Rows for the round-trip tests, the same on each provider.</summary>
internal static class RoundTripData
{
    /// <summary>A start time with ticks below the microsecond, which PostgreSQL's timestamp would drop.</summary>
    public static readonly DateTimeOffset At = new DateTimeOffset(2026, 12, 5, 10, 0, 0, TimeSpan.Zero).AddTicks(1_234_567);

    /// <summary>A chain of audit entries as the application writes them (each hashed over its time to the tick).</summary>
    public static List<StoredAuditEvent> AuditChain(int count)
    {
        var events = new List<StoredAuditEvent>();
        var head = AuditChainHead.Genesis;
        for (var i = 0; i < count; i++)
        {
            var subjects = AuditSubjects.Of(Crn.Parse("A000001"), Crn.Parse($"Z{i:D6}"));
            var entry = new AuditEntry(At.AddMinutes(i), "ann.spo", AuditAction.Consultation, "case.viewed", "case management", subjects, $$"""{"n":{{i}}}""");
            var e = AuditEvent.Next(head, entry);
            head = e.AsHead();
            events.Add(StoredAuditEvent.From(e));
        }
        return events;
    }

    public static ScreeningRun Run(string definitionId) => new()
    {
        AsOf = new DateOnly(2026, 12, 1),
        DefinitionId = definitionId,
        DefinitionVersion = 3,
        Threshold = 4,
        ExtractSha256 = new string('a', 64),
        RowsRead = 10,
        RowsAccepted = 9,
        RowsRejected = 1,
        People = 3,
        Complex = 1,
        PossiblyComplex = 1,
        IncompleteRecordsCounted = true,
        StartedAt = At,
        // Written with the offset of British Summer Time: the same instant must come back.
        CompletedAt = new DateTimeOffset(2026, 6, 1, 11, 0, 5, TimeSpan.FromHours(1)),
        RunBy = "cli",
        Files = [new RunFile { FileName = "people.csv", Present = true, RowsRead = 10, RowsAccepted = 9, RowsRejected = 1 }],
    };

    public static ListedCase Listed(int runId, string crn, string pduCode, string? surname) => new()
    {
        RunId = runId,
        Crn = crn,
        PduCode = pduCode,
        Surname = surname,
        Status = 1,
        Score = 5,
        MetMask = 0b1011,
        MonthsListed = 1,
        EvidenceJson = "[]",
    };
}
