using System.Text.Json;
using ComplexCases.Application.Screening;
using ComplexCases.Domain.Screening;
using ComplexCases.TestSupport.Data;
using ComplexCases.TestSupport.Extracts;
using Microsoft.Extensions.Time.Testing;

namespace ComplexCases.Application.Tests.Screening;

public sealed class ScreenExtractTests : IDisposable
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
    public void Run_FirstMonth_StoresRunListAndEveryPersonsOutcome()
    {
        var extract = Extract(e => e.WithStaffTeam().WithComplexPerson("E000001").WithOrdinaryPerson("E000002").WithOrdinaryPerson("E000003"));

        var result = Screen(extract, September);

        result.Succeeded.ShouldBeTrue(result.Error);
        var report = result.Value!;
        report.People.ShouldBe(3);
        report.Complex.ShouldBe(1);
        var listed = report.Cases.ShouldHaveSingleItem();
        listed.Crn.ShouldBe("E000001");
        listed.Change.ShouldBe(ListChange.New);
        listed.MonthsListed.ShouldBe(1);
        listed.PractitionerName.ShouldBe("Pat Practitioner");
        listed.SpoName.ShouldBe("Sam Senior");
        listed.Met.ShouldBe(["rosh", "mental_health", "self_harm", "mappa", "opd", "ipp"]);
        _db.Count("screening_runs").ShouldBe(1);
        _db.Count("person_results").ShouldBe(3);
        _db.Count("listed_cases").ShouldBe(1);
        _db.Count("run_files").ShouldBe(6);
        using var db = _db.Open();
        var run = db.Runs.Single();
        run.DefinitionId.ShouldBe("pilot-2024");
        run.DefinitionVersion.ShouldBe(1);
        run.ExtractSha256.Length.ShouldBe(64);
        run.CompletedAt.ShouldBe(_clock.GetUtcNow());
        var evidence = JsonDocument.Parse(db.ListedCases.Single().EvidenceJson).RootElement;
        evidence.GetArrayLength().ShouldBe(8);
        evidence[0].GetProperty("evidence").GetProperty("file").GetString().ShouldBe("registrations.csv");
        db.PersonResults.Single(p => p.Crn == "E000001").MetMask.ShouldBe((byte)0b1011_0111);
    }

    [Fact]
    public void Run_NextMonth_MarksNewContinuingAndLeft()
    {
        Screen(Extract(e => e.WithComplexPerson("E000001").WithComplexPerson("E000002").WithComplexPerson("E000004")), August).Succeeded.ShouldBeTrue();

        // E000002 stays supervised but no longer meets six; E000004 has left supervision; E000003 is newly complex.
        var september = Screen(Extract(e => e.WithComplexPerson("E000001").WithOrdinaryPerson("E000002").WithComplexPerson("E000003")), September);

        september.Succeeded.ShouldBeTrue(september.Error);
        var cases = september.Value!.Cases.ToDictionary(c => c.Crn);
        cases["E000001"].Change.ShouldBe(ListChange.Continuing);
        cases["E000001"].MonthsListed.ShouldBe(2);
        cases["E000003"].Change.ShouldBe(ListChange.New);
        cases["E000002"].Change.ShouldBe(ListChange.Left);
        cases["E000002"].StatusText.ShouldBe("left");
        cases["E000004"].Change.ShouldBe(ListChange.Left);
        september.Value.Left.ShouldBe(2);
        september.Value.Cases.Select(c => c.Crn).ShouldBe(["E000001", "E000002", "E000003", "E000004"]);
    }

    [Fact]
    public void Run_SameExtractDateAndDefinition_IsRecognisedAndNotStoredTwice()
    {
        var extract = Extract(e => e.WithComplexPerson("E000001"));
        var first = Screen(extract, September).Value!;

        var again = Screen(extract, September);

        again.Value!.AlreadyStored.ShouldBeTrue();
        again.Value.RunId.ShouldBe(first.RunId);
        _db.Count("screening_runs").ShouldBe(1);
        _db.Count("person_results").ShouldBe(1);
    }

    [Fact]
    public void Run_WithReplace_ReplacesTheStoredRun()
    {
        var extract = Extract(e => e.WithComplexPerson("E000001").WithOrdinaryPerson("E000002"));
        var first = Screen(extract, September).Value!;

        var replaced = Screen(extract, September, r => r with { Replace = true });

        replaced.Value!.Replaced.ShouldBeTrue();
        replaced.Value.RunId.ShouldNotBe(first.RunId);
        _db.Count("screening_runs").ShouldBe(1);
        _db.Count("person_results").ShouldBe(2);
    }

    [Fact]
    public void Run_RejectedRows_AreStoredAndCountsReconcile()
    {
        var extract = Extract(e => e.WithComplexPerson("E000001").WithRegistration("E999999", "RHRH", "2024-01-01").WithSentence("E000001", "2", "IPP", "not-a-date"));

        var report = Screen(extract, September).Value!;

        report.Extract.RowsRejected.ShouldBe(2);
        report.Extract.RowsRead.ShouldBe(report.Extract.RowsAccepted + report.Extract.RowsRejected);
        _db.Count("rejected_rows").ShouldBe(2);
        File.ReadAllLines(Path.Combine(_out, "rejected.csv")).Length.ShouldBe(3);
    }

    [Fact]
    public void Run_InvalidDefinition_IsAUserErrorAndStoresNothing()
    {
        var extract = Extract(e => e.WithComplexPerson("E000001"));
        var definition = Path.Combine(_db.Folder, "bad.json");
        File.WriteAllText(definition, """{ "id": "x", "title": "t", "version": 1, "effectiveFrom": "2024-01-01", "threshold": 0, "criteria": [ { "id": "nope" } ] }""");

        var result = Screen(extract, September, r => r with { DefinitionPath = definition });

        result.Status.ShouldBe(UseCaseStatus.Invalid);
        result.Error!.ShouldContain("criteria[0].id: unknown criterion 'nope'");
        result.Error!.ShouldContain("threshold: 0 is out of range");
        _db.Count("screening_runs").ShouldBe(0);
        Directory.Exists(_out).ShouldBeFalse();
    }

    [Fact]
    public void Run_ChangedDefinitionWithTheSameVersion_IsRefused()
    {
        var extract = Extract(e => e.WithComplexPerson("E000001"));
        Screen(extract, August).Succeeded.ShouldBeTrue();
        var changed = Path.Combine(_db.Folder, "changed.json");
        File.WriteAllText(changed, File.ReadAllText(Application.Definitions.DefinitionFile.PilotPath).Replace("\"threshold\": 6", "\"threshold\": 5", StringComparison.Ordinal));

        var result = Screen(extract, September, r => r with { DefinitionPath = changed });

        result.Status.ShouldBe(UseCaseStatus.Invalid);
        result.Error!.ShouldContain("definition pilot-2024 version 1 differs");
        _db.Count("screening_runs").ShouldBe(1);
    }

    [Fact]
    public void Run_SameDefinitionReformatted_IsTheSameDefinition()
    {
        var extract = Extract(e => e.WithComplexPerson("E000001"));
        Screen(extract, August).Succeeded.ShouldBeTrue();
        var reformatted = Path.Combine(_db.Folder, "reformatted.json");
        File.WriteAllText(reformatted, System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Application.Definitions.DefinitionFile.PilotPath))!.ToJsonString());

        var result = Screen(extract, September, r => r with { DefinitionPath = reformatted });

        result.Succeeded.ShouldBeTrue(result.Error);
    }

    [Fact]
    public void Run_ListsCannotBeMovedIntoPlace_SaysTheRunWasStored()
    {
        Directory.CreateDirectory(_out);
        File.WriteAllText(Path.Combine(_out, "lists"), "a file where the lists folder should go");
        var extract = Extract(e => e.WithComplexPerson("E000001"));

        var result = Screen(extract, September);

        result.Status.ShouldBe(UseCaseStatus.Failed);
        result.Error!.ShouldContain("was stored, but its lists could not be written");
        _db.Count("screening_runs").ShouldBe(1);
    }

    [Fact]
    public void Run_MissingPeopleFile_IsAUserErrorAndStoresNothing()
    {
        var extract = Extract(e => e.WithComplexPerson("E000001").WithoutFile(ExtractFolderBuilder.People));

        var result = Screen(extract, September);

        result.Status.ShouldBe(UseCaseStatus.Invalid);
        result.Error!.ShouldContain("people.csv");
        _db.Count("screening_runs").ShouldBe(0);
    }

    [Fact]
    public void Run_FailureWhileStoringPersonResults_StoresNothingAndWritesNoLists()
    {
        Screen(Extract(e => e.WithComplexPerson("E000001")), August).Succeeded.ShouldBeTrue();
        Directory.Delete(_out, recursive: true);
        // A real database fault part-way through the bulk insert of person results.
        _db.InjectFault("person_results", "injected fault", crn: "E000003");
        var extract = Extract(e => e.WithComplexPerson("E000001").WithOrdinaryPerson("E000002").WithOrdinaryPerson("E000003").WithOrdinaryPerson("E000004"));

        var result = Screen(extract, September);

        result.Status.ShouldBe(UseCaseStatus.Failed);
        result.Error!.ShouldContain("nothing was stored");
        _db.Count("screening_runs").ShouldBe(1);
        _db.Count("person_results").ShouldBe(1);
        _db.Count("listed_cases").ShouldBe(1);
        _db.Count("definitions").ShouldBe(1);
        // The output folder did not exist before this run: a failed run leaves no new (empty) folder behind.
        Directory.Exists(_out).ShouldBeFalse();
    }

    [Fact]
    public void Run_AfterAFailedRun_SucceedsWhenTheFaultIsGone()
    {
        _db.InjectFault("person_results", "injected fault");
        var extract = Extract(e => e.WithComplexPerson("E000001"));
        Screen(extract, September).Status.ShouldBe(UseCaseStatus.Failed);
        _db.RemoveFault("person_results");

        var result = Screen(extract, September);

        result.Succeeded.ShouldBeTrue(result.Error);
        _db.Count("screening_runs").ShouldBe(1);
        _db.Count("person_results").ShouldBe(1);
    }

    [Fact]
    public void Run_WithNoDefinitionGiven_UsesTheVersionAdoptedForItsMonth_AndAGivenFileStillWins()
    {
        // August with the shipped pilot; a version with threshold 5 saved and adopted from October.
        Screen(Extract(e => e.WithComplexPerson("E000001")), August).Succeeded.ShouldBeTrue();
        using (var db = _db.Open())
        {
            var library = new ComplexCases.Application.Definitions.DefinitionLibrary(db, new ComplexCases.Application.Audit.AuditLog(_clock), _clock);
            var pilot = File.ReadAllText(ComplexCases.Application.Definitions.DefinitionFile.PilotPath).Replace("\"threshold\": 6", "\"threshold\": 5", StringComparison.Ordinal);
            library.Save(new ComplexCases.Application.Access.StaffUser("ann", "Ann", [ComplexCases.Application.Access.Role.Analyst]), pilot).Succeeded.ShouldBeTrue();
            library.Adopt(new ComplexCases.Application.Access.StaffUser("hal", "Hal", [ComplexCases.Application.Access.Role.HeadOfPdu]), "pilot-2024@2", new DateOnly(2024, 10, 1), "lab results")
                .Succeeded.ShouldBeTrue();
        }

        var september = Screen(Extract(e => e.WithComplexPerson("E000001")), September);
        var october = Screen(Extract(e => e.WithComplexPerson("E000001")), new DateOnly(2024, 10, 1));
        var givenFile = Screen(Extract(e => e.WithComplexPerson("E000001").WithOrdinaryPerson("E000009")), new DateOnly(2024, 10, 1),
            r => r with { DefinitionPath = ComplexCases.Application.Definitions.DefinitionFile.PilotPath });

        september.Value!.Definition.Definition.Version.ShouldBe(1);
        october.Succeeded.ShouldBeTrue(october.Error);
        october.Value!.Definition.Definition.Version.ShouldBe(2);
        october.Value.Definition.Definition.Threshold.ShouldBe(5);
        givenFile.Succeeded.ShouldBeTrue(givenFile.Error);
        givenFile.Value!.Definition.Definition.Version.ShouldBe(1);
    }

    [Fact]
    public void Run_WithAStoredVersionGiven_UsesIt_WhateverIsAdopted_AndOneNotStoredIsRefused()
    {
        using (var db = _db.Open())
        {
            var library = new ComplexCases.Application.Definitions.DefinitionLibrary(db, new ComplexCases.Application.Audit.AuditLog(_clock), _clock);
            var pilot = File.ReadAllText(ComplexCases.Application.Definitions.DefinitionFile.PilotPath).Replace("\"threshold\": 6", "\"threshold\": 5", StringComparison.Ordinal);
            library.Save(new ComplexCases.Application.Access.StaffUser("ann", "Ann", [ComplexCases.Application.Access.Role.Analyst]), pilot).Succeeded.ShouldBeTrue();
        }

        // Nothing is adopted for September: with no definition given it would be the shipped pilot, version 1.
        var stored = Screen(Extract(e => e.WithComplexPerson("E000001")), September,
            r => r with { StoredDefinition = new ComplexCases.Application.Definitions.DefinitionVersionRef("pilot-2024", 2) });
        var missing = Screen(Extract(e => e.WithComplexPerson("E000001")), September,
            r => r with { StoredDefinition = new ComplexCases.Application.Definitions.DefinitionVersionRef("pilot-2024", 9) });

        stored.Succeeded.ShouldBeTrue(stored.Error);
        (stored.Value!.Definition.Definition.Version, stored.Value.Definition.Definition.Threshold).ShouldBe((2, 5));
        missing.Succeeded.ShouldBeFalse();
        missing.Error.ShouldBe("the definition pilot-2024 version 9 is not stored in this database");
    }

    private string Extract(Func<ExtractFolderBuilder, ExtractFolderBuilder> build)
    {
        var builder = new ExtractFolderBuilder();
        _cleanup.Add(builder);
        return build(builder).Build();
    }

    private UseCaseResult<ScreeningReport> Screen(string extract, DateOnly asOf, Func<ScreenRequest, ScreenRequest>? adjust = null)
    {
        var request = new ScreenRequest(extract, asOf, _out) { Database = _db.Target, WriteWorkbooks = false };
        return Compose.Screening(_clock).Run(adjust is null ? request : adjust(request));
    }
}
