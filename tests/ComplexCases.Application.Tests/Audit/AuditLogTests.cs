using ComplexCases.Application.Audit;
using ComplexCases.Domain.Audit;
using ComplexCases.Domain.People;
using ComplexCases.TestSupport.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace ComplexCases.Application.Tests.Audit;

public sealed class AuditLogTests : IDisposable
{
    private readonly ITestDatabase _db = TestDatabases.Create();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2024, 9, 2, 9, 0, 0, TimeSpan.Zero));

    public void Dispose() => _db.Dispose();

    [Fact]
    public void Append_EmptyLog_WritesEntryOneFromGenesisAtTheClocksTime()
    {
        using var db = _db.Open();

        var e = Log().Append(db, CaseViewed("E000001"));

        e.Sequence.ShouldBe(1);
        e.PreviousHash.ShouldBe(AuditHash.Genesis);
        e.OccurredAt.ShouldBe(_clock.GetUtcNow());
        _db.Count("audit_events").ShouldBe(1);
    }

    [Fact]
    public void Append_SeveralEntries_ChainVerifiesAndEveryFieldReadsBackAsWritten()
    {
        using (var db = _db.Open())
        {
            Log().Append(db, CaseViewed("E000001"));
            _clock.Advance(TimeSpan.FromTicks(1_234_567));
            Log().Append(db, new AuditEntryRequest("pat.practitioner", AuditAction.Disclosure, AuditEventTypes.ListDownloaded, "team meeting — allocation review")
            {
                Subjects = AuditSubjects.Of(Crn.Parse("E000003"), Crn.Parse("E000002")),
                Details = new AuditDetails().Add("recipient", "Norwich 1 team").Add("format", "xlsx").ToString(),
            });
            Log().Append(db, CaseViewed("E000002"));
        }

        using var reopened = _db.Open();
        var result = AuditLog.Verify(reopened);
        result.Intact.ShouldBeTrue();
        result.IntactEntries.ShouldBe(3);
        AuditLog.Head(reopened).ShouldBe(result.Head);
        var second = reopened.AuditEvents.Single(e => e.Sequence == 2).ToAuditEvent();
        second.OccurredAt.ShouldBe(new DateTimeOffset(2024, 9, 2, 9, 0, 0, TimeSpan.Zero).AddTicks(1_234_567));
        second.Actor.ShouldBe("pat.practitioner");
        second.Action.ShouldBe(AuditAction.Disclosure);
        second.Purpose.ShouldBe("team meeting — allocation review");
        second.Subjects.ToText().ShouldBe("E000002,E000003");
        second.Details.ShouldBe("""{"recipient":"Norwich 1 team","format":"xlsx"}""");
    }

    [Fact]
    public void Append_CallersTransactionRolledBack_WritesNothing()
    {
        using (var db = _db.Open())
        {
            Log().Append(db, CaseViewed("E000001"));
            using var transaction = db.Database.BeginTransaction();
            Log().Append(db, CaseViewed("E000002"));
            transaction.Rollback();
        }

        _db.Count("audit_events").ShouldBe(1);
        using var reopened = _db.Open();
        reopened.AuditEvents.Single().SubjectCrns.ShouldBe("E000001");
    }

    [Fact]
    public void Append_InTheCallersTransaction_CommitsWithTheChange()
    {
        using (var db = _db.Open())
        {
            using var transaction = db.Database.BeginTransaction();
            db.Definitions.Add(new Data.Screening.StoredDefinition { Id = "d", Version = 1, Title = "t", Threshold = 6, Json = "{}", Sha256 = new string('a', 64) });
            db.SaveChanges();
            Log().Append(db, new AuditEntryRequest("admin", AuditAction.Alteration, AuditEventTypes.DefinitionSaved, "new definition"));
            transaction.Commit();
        }

        _db.Count("definitions").ShouldBe(1);
        _db.Count("audit_events").ShouldBe(1);
    }

    [Fact]
    public void Update_OfAnEntry_IsRefusedByTheDatabase()
    {
        Append(2);

        var error = Should.Throw<DbException>(() => _db.Execute("UPDATE audit_events SET \"Actor\" = 'someone.else' WHERE \"Sequence\" = 1;"));

        error.Message.ShouldContain("append-only");
        using var db = _db.Open();
        db.AuditEvents.Single(e => e.Sequence == 1).Actor.ShouldBe("cli");
    }

    [Fact]
    public void Delete_OfAnEntry_IsRefusedByTheDatabase()
    {
        Append(2);

        var error = Should.Throw<DbException>(() => _db.Execute("DELETE FROM audit_events WHERE \"Sequence\" = 2;"));

        error.Message.ShouldContain("append-only");
        _db.Count("audit_events").ShouldBe(2);
    }

    [Theory]
    [InlineData("Actor = 'someone.else'")]
    [InlineData("Purpose = 'curiosity'")]
    [InlineData("Action = 'disclosure'")]
    [InlineData("OccurredAtUtc = '2024-09-01 09:00:00'")]
    [InlineData("Details = '{\"page\":9}'")]
    public void Verify_FieldChangedThroughSqlWithTheTriggerDropped_HashMismatchAtThatEntry(string change)
    {
        Append(4);
        _db.Execute($"{DropTrigger("audit_events_no_update")} UPDATE audit_events SET {Assignment(change)} WHERE \"Sequence\" = 3;");

        using var db = _db.Open();
        var result = AuditLog.Verify(db);

        result.Break.ShouldNotBeNull();
        result.Break.Sequence.ShouldBe(3);
        result.Break.Kind.ShouldBe(AuditChainBreakKind.HashMismatch);
        result.IntactEntries.ShouldBe(2);
    }

    [Fact]
    public void Verify_EntryDeletedThroughSqlWithTheTriggerDropped_SequenceGapAtTheNextEntry()
    {
        Append(4);
        _db.Execute($"{DropTrigger("audit_events_no_delete")} DELETE FROM audit_events WHERE \"Sequence\" = 2;");

        using var db = _db.Open();
        var result = AuditLog.Verify(db);

        result.Break!.Sequence.ShouldBe(3);
        result.Break.Kind.ShouldBe(AuditChainBreakKind.SequenceGap);
        result.Break.ToString().ShouldBe("entry 3: sequence gap: expected entry 2 next (entry 2 is missing)");
    }

    [Fact]
    public void Verify_SubjectListEditedToANonCrn_MalformedAtThatEntry()
    {
        Append(3);
        _db.Execute($"{DropTrigger("audit_events_no_update")} UPDATE audit_events SET \"SubjectCrns\" = 'redacted' WHERE \"Sequence\" = 2;");

        using var db = _db.Open();
        var result = AuditLog.Verify(db);

        result.Break!.Sequence.ShouldBe(2);
        result.Break.Kind.ShouldBe(AuditChainBreakKind.Malformed);
        result.Break.Reason.ShouldContain("not a CRN");
    }

    [Fact]
    public void Verify_ThousandsOfEntries_IntactInSequenceOrder()
    {
        using (var db = _db.Open())
        {
            using var transaction = db.Database.BeginTransaction();
            for (var i = 0; i < 3000; i++)
            {
                Log().Append(db, CaseViewed($"E{i:D6}"));
                _clock.Advance(TimeSpan.FromSeconds(1));
            }
            transaction.Commit();
        }

        using var reopened = _db.Open();
        var result = AuditLog.Verify(reopened);

        result.Intact.ShouldBeTrue();
        result.IntactEntries.ShouldBe(3000);
    }

    [Fact]
    public void Verify_EmptyLog_IsIntact()
    {
        using var db = _db.Open();

        var result = AuditLog.Verify(db);

        result.Intact.ShouldBeTrue();
        result.IntactEntries.ShouldBe(0);
    }

    private AuditLog Log() => new(_clock);

    private void Append(int count)
    {
        using var db = _db.Open();
        for (var i = 1; i <= count; i++)
        {
            Log().Append(db, CaseViewed($"E{i:D6}"));
            _clock.Advance(TimeSpan.FromMinutes(1));
        }
    }

    private static AuditEntryRequest CaseViewed(string crn) =>
        new("cli", AuditAction.Consultation, AuditEventTypes.CaseViewed, "supervision") { Subjects = AuditSubjects.Of(Crn.Parse(crn)) };

    private string DropTrigger(string name) => _db.Engine == "postgres" ? $"DROP TRIGGER {name} ON audit_events;" : $"DROP TRIGGER {name};";

    /// <summary>
    /// "Column = value" with the column quoted (PostgreSQL keeps its mixed case). The time is text on SQLite and ticks on
    /// PostgreSQL, so there it moves by a second instead.
    /// </summary>
    private string Assignment(string change)
    {
        var column = change[..change.IndexOf(' ', StringComparison.Ordinal)];
        if (column == "OccurredAtUtc" && _db.Engine == "postgres") return "\"OccurredAtUtc\" = \"OccurredAtUtc\" + 10000000";
        return $"\"{column}\"{change[column.Length..]}";
    }
}
