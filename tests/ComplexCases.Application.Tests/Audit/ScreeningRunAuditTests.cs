using System.Text.Json;
using ComplexCases.Application.Audit;
using ComplexCases.Application.Screening;
using ComplexCases.Application.Tests.Screening;
using ComplexCases.Domain.Audit;
using ComplexCases.TestSupport.Data;
using ComplexCases.TestSupport.Extracts;
using Microsoft.Extensions.Time.Testing;

namespace ComplexCases.Application.Tests.Audit;

/// <summary>The screening run's audit entries (docs/audit-events.md): written in the run's transaction, or not at all.</summary>
public sealed class ScreeningRunAuditTests : IDisposable
{
    private static readonly DateOnly August = new(2024, 8, 1);
    private static readonly DateOnly September = new(2024, 9, 1);

    private readonly ITestDatabase _db = TestDatabases.Create();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2024, 9, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly List<IDisposable> _cleanup = [];
    private readonly string _out = Path.Combine(Path.GetTempPath(), "complexcases-out-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        foreach (var item in _cleanup) item.Dispose();
        _db.Dispose();
        if (Directory.Exists(_out)) Directory.Delete(_out, recursive: true);
    }

    [Fact]
    public void Run_Stored_WritesOneCollectionEntryForEveryoneScreened()
    {
        var extract = Extract(e => e.WithComplexPerson("E000001").WithOrdinaryPerson("E000003").WithOrdinaryPerson("E000002"));

        var report = Screen(extract, September).Value!;

        var entry = Entries().ShouldHaveSingleItem();
        entry.Sequence.ShouldBe(1);
        entry.Action.ShouldBe(AuditAction.Collection);
        entry.EventType.ShouldBe("screening.run");
        entry.Actor.ShouldBe("cli");
        entry.Purpose.ShouldBe("monthly complex case screening");
        entry.OccurredAt.ShouldBe(_clock.GetUtcNow());
        entry.Subjects.ToText().ShouldBe("E000001,E000002,E000003");
        using var details = JsonDocument.Parse(entry.Details);
        var d = details.RootElement;
        d.GetProperty("runId").GetInt32().ShouldBe(report.RunId);
        d.GetProperty("asOf").GetString().ShouldBe("2024-09-01");
        d.GetProperty("definitionId").GetString().ShouldBe("pilot-2024");
        d.GetProperty("definitionVersion").GetInt32().ShouldBe(1);
        d.GetProperty("definitionSha256").GetString().ShouldBe(report.Definition.Sha256);
        d.GetProperty("extractSha256").GetString().ShouldBe(report.Extract.Sha256);
        d.GetProperty("people").GetInt32().ShouldBe(3);
        Verify().Intact.ShouldBeTrue();
    }

    [Fact]
    public void Run_ByAUser_RecordsThemAsTheActor()
    {
        Screen(Extract(e => e.WithComplexPerson("E000001")), September, r => r with { RunBy = "alex.analyst" }).Succeeded.ShouldBeTrue();

        Entries().ShouldHaveSingleItem().Actor.ShouldBe("alex.analyst");
    }

    [Fact]
    public void Run_MonthAfterMonth_ChainsTheEntries()
    {
        Screen(Extract(e => e.WithComplexPerson("E000001")), August).Succeeded.ShouldBeTrue();
        Screen(Extract(e => e.WithComplexPerson("E000001").WithComplexPerson("E000002")), September).Succeeded.ShouldBeTrue();

        var entries = Entries();
        entries.Select(e => e.Sequence).ShouldBe([1, 2, 3]);
        entries[1].PreviousHash.ShouldBe(entries[0].Hash);
        entries[2].PreviousHash.ShouldBe(entries[1].Hash);
        Verify().IntactEntries.ShouldBe(3);
    }

    [Fact]
    public void Run_AfterAPreviousMonth_RecordsTheCombinationWithThatMonthsList()
    {
        var august = Screen(Extract(e => e.WithComplexPerson("E000001").WithComplexPerson("E000002").WithOrdinaryPerson("E000003")), August).Value!;
        var september = Screen(Extract(e => e.WithComplexPerson("E000001").WithOrdinaryPerson("E000002").WithComplexPerson("E000003")), September).Value!;

        var entries = Entries();
        entries.Select(e => (e.Action, e.EventType)).ShouldBe([
            (AuditAction.Collection, "screening.run"), (AuditAction.Collection, "screening.run"), (AuditAction.Combination, "screening.run_combined")]);
        var combination = entries[2];
        // E000001 continues, E000002 left; E000003 is new, so no earlier listing of theirs was used.
        combination.Subjects.ToText().ShouldBe("E000001,E000002");
        using var details = JsonDocument.Parse(combination.Details);
        details.RootElement.GetProperty("runId").GetInt32().ShouldBe(september.RunId);
        details.RootElement.GetProperty("previousRunId").GetInt32().ShouldBe(august.RunId);
        details.RootElement.GetProperty("continuing").GetInt32().ShouldBe(1);
        details.RootElement.GetProperty("left").GetInt32().ShouldBe(1);
    }

    [Fact]
    public void Run_PreviousMonthListedNobody_RecordsNoCombination()
    {
        Screen(Extract(e => e.WithOrdinaryPerson("E000001")), August).Succeeded.ShouldBeTrue();
        Screen(Extract(e => e.WithComplexPerson("E000001")), September).Succeeded.ShouldBeTrue();

        Entries().Select(e => e.Action).ShouldBe([AuditAction.Collection, AuditAction.Collection]);
    }

    [Fact]
    public void Run_FailureWhileStoringPersonResults_WritesNoAuditEntry()
    {
        Screen(Extract(e => e.WithComplexPerson("E000001")), August).Succeeded.ShouldBeTrue();
        _db.InjectFault("person_results", "injected fault", crn: "E000003");

        var result = Screen(Extract(e => e.WithComplexPerson("E000001").WithOrdinaryPerson("E000002").WithOrdinaryPerson("E000003")), September);

        result.Status.ShouldBe(UseCaseStatus.Failed);
        _db.Count("audit_events").ShouldBe(1);
        Verify().IntactEntries.ShouldBe(1);
    }

    [Fact]
    public void Run_AuditEntryCannotBeWritten_StoresNothing()
    {
        _db.InjectFault("audit_events", "injected fault");

        var result = Screen(Extract(e => e.WithComplexPerson("E000001")), September);

        result.Status.ShouldBe(UseCaseStatus.Failed);
        result.Error!.ShouldContain("nothing was stored");
        _db.Count("screening_runs").ShouldBe(0);
        _db.Count("person_results").ShouldBe(0);
        _db.Count("audit_events").ShouldBe(0);
    }

    [Fact]
    public void Run_SameExtractRecognised_WritesNoFurtherEntry()
    {
        var extract = Extract(e => e.WithComplexPerson("E000001"));
        Screen(extract, September).Succeeded.ShouldBeTrue();

        Screen(extract, September).Value!.AlreadyStored.ShouldBeTrue();

        _db.Count("audit_events").ShouldBe(1);
    }

    [Fact]
    public void Run_WithReplace_RecordsTheErasureOfTheReplacedRunThenTheCollection()
    {
        var extract = Extract(e => e.WithComplexPerson("E000001").WithOrdinaryPerson("E000002"));
        var first = Screen(extract, September).Value!;
        _clock.Advance(TimeSpan.FromHours(1));

        var second = Screen(extract, September, r => r with { Replace = true }).Value!;

        var entries = Entries();
        entries.Select(e => (e.Sequence, e.Action)).ShouldBe([(1, AuditAction.Collection), (2, AuditAction.Erasure), (3, AuditAction.Collection)]);
        var erasure = entries[1];
        erasure.EventType.ShouldBe("screening.run_replaced");
        erasure.Subjects.ToText().ShouldBe("E000001,E000002");
        using (var details = JsonDocument.Parse(erasure.Details))
        {
            details.RootElement.GetProperty("runId").GetInt32().ShouldBe(first.RunId);
            details.RootElement.GetProperty("replacedByRunId").GetInt32().ShouldBe(second.RunId);
        }
        using (var details = JsonDocument.Parse(entries[2].Details))
            details.RootElement.GetProperty("runId").GetInt32().ShouldBe(second.RunId);
        Verify().IntactEntries.ShouldBe(3);
    }

    // These tests are about the screening's own entries: a workflow fed by another definition keeps intake's entries out.
    private static readonly ComplexCases.Application.Workflow.WorkflowSettings ScreeningOnly =
        Compose.ShippedSettings with { DefinitionId = "not-the-screened-definition" };

    private List<AuditEvent> Entries()
    {
        using var db = _db.Open();
        return [.. db.AuditEvents.OrderBy(e => e.Sequence).AsEnumerable().Select(e => e.ToAuditEvent())];
    }

    private AuditChainResult Verify()
    {
        using var db = _db.Open();
        return AuditLog.Verify(db);
    }

    private string Extract(Func<ExtractFolderBuilder, ExtractFolderBuilder> build)
    {
        var builder = new ExtractFolderBuilder();
        _cleanup.Add(builder);
        return build(builder).Build();
    }

    private UseCaseResult<ScreeningReport> Screen(string extract, DateOnly asOf, Func<ScreenRequest, ScreenRequest>? adjust = null)
    {
        if (Directory.Exists(_out)) Directory.Delete(_out, recursive: true);
        var request = new ScreenRequest(extract, asOf, _out) { Database = _db.Target, WriteWorkbooks = false };
        return Compose.Screening(_clock, ScreeningOnly).Run(adjust is null ? request : adjust(request));
    }
}
