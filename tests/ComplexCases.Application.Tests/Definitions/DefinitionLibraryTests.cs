using ComplexCases.Application.Access;
using ComplexCases.Application.Audit;
using ComplexCases.Application.Definitions;
using ComplexCases.Application.Tests.Workflow;
using ComplexCases.Data;
using ComplexCases.Data.Screening;
using ComplexCases.TestSupport.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace ComplexCases.Application.Tests.Definitions;

/// <summary>
/// Definitions written in the service: saved as immutable, numbered versions with every problem named by its JSON path,
/// and adopted for the monthly lists with a reason, audited in the same transaction. One subclass per database engine.
/// </summary>
public abstract class DefinitionLibraryTests : IDisposable
{
    private static readonly DateOnly October = new(2024, 10, 1);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2024, 9, 10, 9, 0, 0, TimeSpan.Zero));
    private static readonly StaffUser Analyst = new("ann.analyst", "Ann Analyst", [Role.Analyst]);
    private static readonly StaffUser Head = new("hal.head", "Hal Head", [Role.HeadOfPdu]);
    private static readonly string Pilot = File.ReadAllText(DefinitionFile.PilotPath);

    protected abstract ComplexCasesDbContext Open();

    /// <summary>Runs a statement on the test's database outside EF, e.g. to try what the database refuses.</summary>
    protected abstract void Execute(string sql);

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected abstract void Dispose(bool disposing);

    private DefinitionLibrary Library(ComplexCasesDbContext db) => new(db, new AuditLog(_clock), _clock);

    private static string PilotWith(int threshold) => Pilot.Replace("\"threshold\": 6", $"\"threshold\": {threshold}", StringComparison.Ordinal);

    [Fact]
    public void Save_EveryProblem_NamedByItsJsonPath_NothingStored()
    {
        using var db = Open();
        var json = Pilot.Replace("\"threshold\": 6", "\"threshold\": 0", StringComparison.Ordinal)
            .Replace("\"id\": \"ipp\"", "\"id\": \"ipq\"", StringComparison.Ordinal)
            .Replace("\"alcoholScoreThreshold\": 4", "\"alcoholScoreThreshold\": \"four\"", StringComparison.Ordinal);

        var result = Library(db).Save(Analyst, json);

        result.Status.ShouldBe(UseCaseStatus.Invalid);
        result.Errors.ShouldAllBe(e => e.Field == DefinitionLibrary.JsonField);
        result.Errors.Select(e => e.Message).ShouldContain(m => m.StartsWith("threshold: ", StringComparison.Ordinal));
        result.Errors.Select(e => e.Message).ShouldContain(m => m.StartsWith("criteria[7].id: unknown criterion 'ipq'", StringComparison.Ordinal));
        result.Errors.Select(e => e.Message).ShouldContain(m => m.StartsWith("criteria[6].parameters.alcoholScoreThreshold: ", StringComparison.Ordinal));
        db.Definitions.Count().ShouldBe(0);
        db.AuditEvents.Count().ShouldBe(0);
    }

    [Fact]
    public void Save_SameIdAgain_TakesTheNextVersion_AfterTheShippedFile_AndVersionsNeverChange()
    {
        using var db = Open();
        var library = Library(db);

        var first = library.Save(Analyst, PilotWith(5));
        var second = library.Save(Analyst, PilotWith(4));

        // pilot-2024 ships as version 1, so the first version saved in the service is 2, whatever the text says.
        first.Value!.Definition.Version.ShouldBe(2);
        second.Value!.Definition.Version.ShouldBe(3);
        second.Value.Changes.ShouldBe("Threshold from 5 to 4");
        var stored = db.Definitions.AsNoTracking().OrderBy(d => d.Version).ToList();
        stored.Select(d => (d.Version, d.Threshold, d.CreatedBy)).ShouldBe([(2, 5, "ann.analyst"), (3, 4, "ann.analyst")]);
        DefinitionFile.FromJson(stored[0].Json).File!.Definition.Version.ShouldBe(2);
        stored[0].CreatedAt.ShouldBe(_clock.GetUtcNow());
        var audited = db.AuditEvents.AsNoTracking().OrderBy(e => e.Sequence).ToList();
        audited.Select(e => e.EventType).ShouldBe([AuditEventTypes.DefinitionSaved, AuditEventTypes.DefinitionSaved]);
        audited[1].Details.ShouldContain("\"definitionVersion\":3");
        audited[1].Details.ShouldContain("\"previousVersion\":2");

        // The same content again is not a new version; and the database refuses to change a stored one.
        var again = library.Save(Analyst, PilotWith(4));
        again.Status.ShouldBe(UseCaseStatus.Invalid);
        again.Error.ShouldBe("This is the same as pilot-2024 version 3: nothing would change, so there is nothing to save");
        Should.Throw<Exception>(() => Execute("UPDATE definitions SET \"Threshold\" = 1 WHERE \"Version\" = 2"));
        db.Definitions.AsNoTracking().Single(d => d.Version == 2).Threshold.ShouldBe(5);
    }

    [Fact]
    public void Save_WithoutTheWritersPermission_IsForbidden()
    {
        using var db = Open();

        Library(db).Save(Head, PilotWith(5)).Status.ShouldBe(UseCaseStatus.Forbidden);
        Library(db).Adopt(Analyst, "pilot-2024@1", October, "because").Status.ShouldBe(UseCaseStatus.Forbidden);

        db.Definitions.Count().ShouldBe(0);
    }

    [Fact]
    public void Adopt_WithoutAReason_IsRefusedWithThePreciseError_AndNothingIsStoredOrAudited()
    {
        using var db = Open();
        Library(db).Save(Analyst, PilotWith(5)).Succeeded.ShouldBeTrue();
        var before = db.AuditEvents.Count();

        var result = Library(db).Adopt(Head, "pilot-2024@2", October, "   ");

        result.Status.ShouldBe(UseCaseStatus.Invalid);
        result.Errors.Single().Field.ShouldBe(DefinitionLibrary.ReasonField);
        result.Error.ShouldBe("Enter the reason for adopting this definition: it is kept with the decision");
        db.DefinitionAdoptions.Count().ShouldBe(0);
        db.AuditEvents.Count().ShouldBe(before);
        // A month already listed (this one) cannot be chosen.
        Library(db).Adopt(Head, "pilot-2024@2", new DateOnly(2024, 9, 1), "better").Errors.Single().Field.ShouldBe(DefinitionLibrary.EffectiveFromField);
    }

    [Fact]
    public void Adopt_IsStoredAndAudited_AndDecidesWhichRunsFeedTheProcessFromThatMonth()
    {
        using var db = Open();
        Library(db).Save(Analyst, PilotWith(5)).Succeeded.ShouldBeTrue();

        var adopted = Library(db).Adopt(Head, "pilot-2024@2", October, "  The lab showed threshold 5 finds more recalls  ");

        adopted.Succeeded.ShouldBeTrue();
        var decision = db.DefinitionAdoptions.AsNoTracking().Single();
        (decision.DefinitionId, decision.DefinitionVersion, decision.EffectiveFrom, decision.Reason, decision.AdoptedBy)
            .ShouldBe(("pilot-2024", 2, October, "The lab showed threshold 5 finds more recalls", "hal.head"));
        var entry = db.AuditEvents.AsNoTracking().OrderBy(e => e.Sequence).Last();
        (entry.EventType, entry.Actor, entry.Action).ShouldBe((AuditEventTypes.DefinitionAdopted, "hal.head", "alteration"));
        entry.Details.ShouldContain("\"effectiveFrom\":\"2024-10-01\"");
        entry.Details.ShouldContain("\"reason\":\"The lab showed threshold 5 finds more recalls\"");
        Should.Throw<Exception>(() => Execute("DELETE FROM definition_adoptions"));

        // September keeps the configured definition; from October only the adopted version feeds the process.
        OperationalDefinition.For(db, new DateOnly(2024, 9, 2), "pilot-2024").ShouldBe(new OperationalChoice("pilot-2024", null, null));
        OperationalDefinition.For(db, new DateOnly(2024, 11, 4), "pilot-2024").ShouldBe(new OperationalChoice("pilot-2024", 2, decision.Id));
        var intake = Compose.Intake(WorkflowData.Settings, _clock);
        var oldVersion = WorkflowData.Run(db, October, "E200001");
        intake.TakeIn(db, oldVersion.Id).Entered.ShouldBeEmpty();
        var newVersion = AdoptedRun(db, October, "E200002");
        intake.TakeIn(db, newVersion.Id).Entered.Select(w => w.Crn).ShouldBe(["E200002"]);
        OperationalDefinition.RunIds(db, "pilot-2024").ShouldBe([newVersion.Id]);
    }

    [Fact]
    public void Adopt_ALaterDecisionForTheSameMonth_Supersedes()
    {
        using var db = Open();
        var library = Library(db);
        library.Save(Analyst, PilotWith(5)).Succeeded.ShouldBeTrue();
        library.Save(Analyst, PilotWith(4)).Succeeded.ShouldBeTrue();

        library.Adopt(Head, "pilot-2024@2", October, "first thoughts").Succeeded.ShouldBeTrue();
        library.Adopt(Head, "pilot-2024@3", October, "on reflection").Succeeded.ShouldBeTrue();

        OperationalDefinition.For(db, October, "pilot-2024").DefinitionVersion.ShouldBe(3);
        library.Adoptions().Select(a => a.Reason).ShouldBe(["on reflection", "first thoughts"]);
    }

    private static ScreeningRun AdoptedRun(ComplexCasesDbContext db, DateOnly asOf, string crn)
    {
        var run = WorkflowData.Run(db, asOf, crn);
        db.Runs.Where(r => r.Id == run.Id).ExecuteUpdate(s => s.SetProperty(r => r.DefinitionVersion, 2));
        return db.Runs.AsNoTracking().Single(r => r.Id == run.Id);
    }
}

public sealed class SqliteDefinitionLibraryTests : DefinitionLibraryTests
{
    private readonly TestDatabase _database = new();

    protected override ComplexCasesDbContext Open() => _database.Open();

    protected override void Execute(string sql) => _database.Execute(sql);

    protected override void Dispose(bool disposing)
    {
        if (disposing) _database.Dispose();
    }
}

public sealed class PostgresDefinitionLibraryTests : DefinitionLibraryTests
{
    private readonly PostgresTestDatabase _database = new();

    protected override ComplexCasesDbContext Open() => _database.Open();

    protected override void Execute(string sql) => _database.Execute(sql);

    protected override void Dispose(bool disposing)
    {
        if (disposing) _database.Dispose();
    }
}
