using System.Data.Common;
using System.Text;
using ComplexCases.Data;
using ComplexCases.Data.Providers;
using ComplexCases.Data.Screening;
using ComplexCases.Domain.Audit;
using ComplexCases.Domain.People;
using ComplexCases.TestSupport.Data;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Application.Tests.Providers;

/// <summary>
/// A provider's store operations, reached as the application reaches them: through the interfaces a context carries
/// (<see cref="StoreServices"/>), against a real database. Every provider passes the same tests (one subclass each).
/// </summary>
public abstract class StoreTests : IDisposable
{
    protected static readonly DateTimeOffset Monday = new(2024, 9, 2, 9, 0, 0, TimeSpan.Zero);

    /// <summary>A context on the test's own database, migrated.</summary>
    protected abstract ComplexCasesDbContext Open();

    /// <summary>A connection of the reader's own to the same database, open.</summary>
    protected abstract DbConnection OpenConnection();

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected abstract void Dispose(bool disposing);

    [Fact]
    public void PersonResultWriter_WritesEveryRowInTheTransaction_AndTheReaderGivesThemBackByCrn()
    {
        using var db = Open();
        var runId = AddRun(db);
        PersonResultRow[] rows =
        [
            new(Crn.Parse("X000002"), "PDU2", MetMask: 0b101, UnknownMask: 0b010, Score: 7, Status: 2),
            new(Crn.Parse("X000001"), "PDU1", MetMask: 0b001, UnknownMask: 0, Score: 3, Status: 0),
            new(Crn.Parse("X000003"), "PDU1", MetMask: 0, UnknownMask: 0b100, Score: 0, Status: 1),
        ];
        var reported = new List<int>();

        using (var transaction = db.Database.BeginTransaction())
        {
            db.PersonResultWriter().Write(db, runId, rows, new InlineProgress<int>(reported.Add));
            transaction.Commit();
        }

        reported[^1].ShouldBe(rows.Length);
        using var connection = OpenConnection();
        var stored = db.PersonResultReader().Read(connection, runId);
        stored.Crns.Select(c => c.ToString()).ShouldBe(["X000001", "X000002", "X000003"]);
        stored.MetMasks.ShouldBe(new byte[] { 0b001, 0b101, 0 });
        stored.UnknownMasks.ShouldBe(new byte[] { 0, 0b010, 0b100 });
        stored.Scores.ShouldBe(new short[] { 3, 7, 0 });
        stored.Statuses.ShouldBe(new byte[] { 0, 2, 1 });
        stored.PduIndexes.Select(i => stored.Pdus[i]).ShouldBe(["PDU1", "PDU2", "PDU1"]);
        db.PersonResultReader().Crns(db, runId).Select(c => c.ToString()).Order(StringComparer.Ordinal)
            .ShouldBe(["X000001", "X000002", "X000003"]);
    }

    [Fact]
    public void PersonResultWriter_RolledBack_LeavesNothing()
    {
        using var db = Open();
        var runId = AddRun(db);

        using (var transaction = db.Database.BeginTransaction())
        {
            db.PersonResultWriter().Write(db, runId, [new(Crn.Parse("X000001"), "PDU1", 1, 0, 1, 0)]);
            transaction.Rollback();
        }

        db.PersonResults.Count().ShouldBe(0);
    }

    [Fact]
    public void PersonResultWriter_ManyRowsAndNonAsciiCodes_AllComeBackAsWritten()
    {
        // More rows than one write buffer holds (the PostgreSQL writer sends its COPY bytes in 64 KB pieces), and a PDU
        // code whose UTF-8 is longer than its characters.
        using var db = Open();
        var runId = AddRun(db);
        var rows = Enumerable.Range(0, 20_000)
            .Select(i => new PersonResultRow(Crn.FromValue(i * 7), i % 3 == 0 ? "PDŪ" + (i % 10) : "PDU" + (i % 10),
                (byte)(i % 64), (byte)(i % 5), (short)(i % 300 - 100), (byte)(i % 3)))
            .ToArray();

        using (var transaction = db.Database.BeginTransaction())
        {
            db.PersonResultWriter().Write(db, runId, rows);
            transaction.Commit();
        }

        using var connection = OpenConnection();
        var stored = db.PersonResultReader().Read(connection, runId);
        stored.Crns.Length.ShouldBe(rows.Length);
        var byCrn = rows.ToDictionary(r => r.Crn);
        for (var i = 0; i < stored.Crns.Length; i++)
        {
            var expected = byCrn[stored.Crns[i]];
            (stored.Pdus[stored.PduIndexes[i]], stored.MetMasks[i], stored.UnknownMasks[i], stored.Scores[i], stored.Statuses[i])
                .ShouldBe((expected.PduCode, expected.MetMask, expected.UnknownMask, expected.Score, expected.Status));
        }
    }

    [Fact]
    public void PersonResultWriter_Cancelled_StoresNothing_AndTheConnectionGoesOnWorking()
    {
        using var db = Open();
        var runId = AddRun(db);
        var rows = Enumerable.Range(0, 1_000).Select(i => new PersonResultRow(Crn.FromValue(i), "PDU1", 1, 0, 1, 0)).ToArray();

        using (var transaction = db.Database.BeginTransaction())
        {
            Should.Throw<OperationCanceledException>(() => db.PersonResultWriter().Write(db, runId, rows, cancellationToken: new CancellationToken(canceled: true)));
            transaction.Rollback();
        }
        db.PersonResults.Count().ShouldBe(0);

        // The abandoned COPY left the connection usable: the next run's write goes through.
        using (var transaction = db.Database.BeginTransaction())
        {
            db.PersonResultWriter().Write(db, runId, rows);
            transaction.Commit();
        }
        db.PersonResults.Count().ShouldBe(rows.Length);
    }

    [Fact]
    public void AuditChain_AppendsAfterTheHead_AndGivesTheEntriesBackInSequence()
    {
        using var db = Open();
        var chain = db.AuditChain();
        chain.Head(db).ShouldBe(AuditChainHead.Genesis);

        AuditEvent first, second;
        using (var transaction = db.Database.BeginTransaction())
        {
            first = chain.Append(db, Entry("first", Monday));
            second = chain.Append(db, Entry("second", Monday.AddMinutes(1)));
            transaction.Commit();
        }

        first.Sequence.ShouldBe(1);
        second.Sequence.ShouldBe(2);
        second.PreviousHash.ShouldBe(first.Hash);
        chain.Head(db).ShouldBe(new AuditChainHead(2, second.Hash));
        var verifier = new AuditChainVerifier();
        foreach (var row in chain.InSequence(db)) verifier.Check(row.ToAuditEvent()).ShouldBeTrue();
        verifier.Result.Intact.ShouldBeTrue();
        chain.InSequence(db).Select(e => e.Details).ShouldBe(["first", "second"]);
    }

    [Fact]
    public void AuditChain_AppendRolledBackWithItsChange_LeavesTheHeadWhereItWas()
    {
        using var db = Open();
        var chain = db.AuditChain();
        using (var transaction = db.Database.BeginTransaction())
        {
            chain.Append(db, Entry("kept", Monday));
            transaction.Commit();
        }
        var head = chain.Head(db);

        using (var transaction = db.Database.BeginTransaction())
        {
            chain.Append(db, Entry("dropped", Monday.AddMinutes(1)));
            transaction.Rollback();
        }

        chain.Head(db).ShouldBe(head);
    }

    [Fact]
    public void AuditChain_SeveralAppendsInOneTransaction_ThenOneRolledBack_ThenMore_VerifyAsOneChain()
    {
        // A group commit appends many entries in one transaction; after a rolled-back batch the next one must follow
        // the stored head, not the dropped batch's last entry.
        using var db = Open();
        var chain = db.AuditChain();
        using (var transaction = db.Database.BeginTransaction())
        {
            for (var i = 0; i < 5; i++) chain.Append(db, Entry($"batch 1 entry {i}", Monday.AddSeconds(i)));
            transaction.Commit();
        }
        using (var transaction = db.Database.BeginTransaction())
        {
            for (var i = 0; i < 3; i++) chain.Append(db, Entry($"dropped {i}", Monday.AddMinutes(1).AddSeconds(i)));
            transaction.Rollback();
        }
        using (var transaction = db.Database.BeginTransaction())
        {
            for (var i = 0; i < 4; i++) chain.Append(db, Entry($"batch 2 entry {i}", Monday.AddMinutes(2).AddSeconds(i)));
            transaction.Commit();
        }
        chain.Append(db, Entry("on its own", Monday.AddMinutes(3)));

        var stored = chain.InSequence(db).ToList();
        stored.Select(e => e.Sequence).ShouldBe(Enumerable.Range(1, 10).Select(i => (long)i));
        stored.Select(e => e.Details).ShouldNotContain(d => d.StartsWith("dropped", StringComparison.Ordinal));
        var verifier = new AuditChainVerifier();
        foreach (var row in stored) verifier.Check(row.ToAuditEvent()).ShouldBeTrue();
        verifier.Result.Intact.ShouldBeTrue();
    }

    [Fact]
    public void AuditChain_AppendMany_ChainsTheBatchAfterTheHead_AsAppendingOneByOneWould_AndKeepsSubjectsAndNulls()
    {
        // A group commit's batch: one call, possibly one statement, but the same chain as appending each in turn.
        using var db = Open();
        var chain = db.AuditChain();
        var single = chain.Append(db, Entry("before", Monday));
        var withCrn = new AuditEntry(Monday.AddSeconds(1).AddTicks(3), "viewer", AuditAction.Consultation, "case.viewed", "why",
            AuditSubjects.Of([Crn.Parse("X123456")]), "run=4");
        var withCount = new AuditEntry(Monday.AddSeconds(2), "exporter", AuditAction.Disclosure, "export.downloaded", "export",
            AuditSubjects.Of(Enumerable.Range(0, AuditSubjects.InlineLimit + 1).Select(i => Crn.Parse($"A{i:000000}"))), "");

        IReadOnlyList<AuditEvent> batch;
        using (var transaction = db.Database.BeginTransaction())
        {
            batch = chain.AppendMany(db, [withCrn, withCount, Entry("third", Monday.AddSeconds(3))]);
            transaction.Commit();
        }
        var after = chain.AppendMany(db, [Entry("own transaction", Monday.AddSeconds(4))]);

        batch.Select(e => e.Sequence).ShouldBe([2L, 3L, 4L]);
        batch[0].PreviousHash.ShouldBe(single.Hash);
        batch[1].PreviousHash.ShouldBe(batch[0].Hash);
        after.Single().PreviousHash.ShouldBe(batch[2].Hash);
        chain.AppendMany(db, []).ShouldBeEmpty();
        var stored = chain.InSequence(db).ToList();
        stored.Select(e => e.Sequence).ShouldBe([1L, 2L, 3L, 4L, 5L]);
        stored[1].SubjectCrns.ShouldBe("X123456");
        stored[2].SubjectCrns.ShouldBeNull();
        stored[2].SubjectCount.ShouldBe(AuditSubjects.InlineLimit + 1);
        stored[1].OccurredAtUtc.Ticks.ShouldBe(withCrn.OccurredAt.UtcTicks);
        stored.Select(e => e.ToAuditEvent().Hash).ShouldBe([single.Hash, .. batch.Select(e => e.Hash), after.Single().Hash]);
        var verifier = new AuditChainVerifier();
        foreach (var row in stored) verifier.Check(row.ToAuditEvent()).ShouldBeTrue();
        verifier.Result.Intact.ShouldBeTrue();
    }

    [Fact]
    public void BulkInserter_TakesTheMappingFromTheModel_AndBindsAUtf8ColumnFromBytes()
    {
        using var db = Open();
        var runId = AddRun(db);
        var evidence = new Dictionary<string, byte[]>
        {
            ["X000001"] = Encoding.UTF8.GetBytes("""[{"criterion":"one"}]"""),
            ["X000002"] = Encoding.UTF8.GetBytes("""[{"criterion":"Zoë"}]"""),
        };

        using (var transaction = db.Database.BeginTransaction())
        {
            db.BulkInserter().Insert(db, new[] { Rejected(runId, 4), Rejected(runId, 9) });
            db.BulkInserter().Insert(db, evidence.Keys.Select(crn => Listed(runId, crn)),
                new Utf8Column<ListedCase>(nameof(ListedCase.EvidenceJson), c => evidence[c.Crn]));
            transaction.Commit();
        }

        db.RejectedRows.AsNoTracking().OrderBy(r => r.Line).Select(r => r.Line).ToList().ShouldBe([4, 9]);
        db.ListedCases.AsNoTracking().OrderBy(c => c.Crn).Select(c => c.EvidenceJson).ToList()
            .ShouldBe(["""[{"criterion":"one"}]""", """[{"criterion":"Zoë"}]"""]);
    }

    [Fact]
    public void RunInputs_WritesPartsFromOneReusedBuffer_AndReadsThemBackInOrder()
    {
        using var db = Open();
        var runId = AddRun(db);
        var buffer = new byte[3];

        using (var transaction = db.Database.BeginTransaction())
        {
            db.RunInputs().Write(db, runId, Parts(buffer));
            transaction.Commit();
        }

        using var connection = OpenConnection();
        db.RunInputs().Read(connection, runId).Select(p => (p.Format, string.Join(',', p.Data))).ToList()
            .ShouldBe([(1, "0,0,0"), (1, "1,1,1"), (1, "2,2,2")]);
    }

    /// <summary>Each part's data in the same buffer, overwritten for the next: the store must write a part before asking for another.</summary>
    private static IEnumerable<RunInputsPart> Parts(byte[] buffer)
    {
        for (var part = 0; part < 3; part++)
        {
            Array.Fill(buffer, (byte)part);
            yield return new RunInputsPart(part, Format: 1, People: 10, Records: 20, buffer);
        }
    }

    protected static int AddRun(ComplexCasesDbContext db)
    {
        var run = new ScreeningRun
        {
            AsOf = new DateOnly(2024, 9, 1), DefinitionId = "pilot", DefinitionVersion = 1, ExtractSha256 = "sha", RunBy = "test",
            StartedAt = Monday, CompletedAt = Monday,
        };
        db.Runs.Add(run);
        db.SaveChanges();
        return run.Id;
    }

    protected static AuditEntry Entry(string details, DateTimeOffset at) =>
        new(at, "analyst", AuditAction.Consultation, "list.viewed", "testing the chain", AuditSubjects.None, details);

    private static RejectedRow Rejected(int runId, int line) => new()
    {
        RunId = runId, FileName = "people.csv", Line = line, Column = "crn", Reason = "missing", Detail = "", Value = "",
    };

    private static ListedCase Listed(int runId, string crn) => new()
    {
        RunId = runId, Crn = crn, PduCode = "PDU1", EvidenceJson = "",
    };
}
