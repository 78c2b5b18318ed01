using ComplexCases.Application.Access;
using ComplexCases.Application.Lists;
using ComplexCases.Application.Screening;
using ComplexCases.Application.Tests.Screening;
using ComplexCases.Data.Screening;
using ComplexCases.Domain.Screening;
using ComplexCases.TestSupport.Data;
using ComplexCases.TestSupport.Extracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace ComplexCases.Application.Tests.Lists;

/// <summary>A cached list must never outlive the run it was read from (real databases of the run's engine, real screening runs).</summary>
public sealed class MonthlyListCacheTests : IDisposable
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
    public void Run_AfterTheRunIsReplaced_ShowsTheReplacementNotTheCachedList()
    {
        using var cache = new MonthlyListCache();
        var september = Extract(e => e.WithComplexPerson("E000001").WithComplexPerson("E000002"));
        var first = Screen(september, September);
        var before = List(cache);
        before.Run.Id.ShouldBe(first.RunId);
        before.Rows.Select(r => (r.Crn, r.Change, r.MonthsListed)).ShouldBe([("E000001", ListChange.New, 1), ("E000002", ListChange.New, 1)]);

        // August stored late, then September re-run with --replace: September's list is now compared with August's.
        Screen(Extract(e => e.WithComplexPerson("E000001")), August);
        _clock.Advance(TimeSpan.FromMinutes(5));
        var replaced = Screen(september, September, replace: true);
        var after = List(cache);

        replaced.Replaced.ShouldBeTrue();
        after.Run.Id.ShouldBe(replaced.RunId);
        after.Rows.Select(r => (r.Crn, r.Change, r.MonthsListed)).ShouldBe([("E000001", ListChange.Continuing, 2), ("E000002", ListChange.New, 1)]);
        after.New.ShouldBe(1);
        after.Continuing.ShouldBe(1);
        using var db = _db.Open();
        MonthlyListQuery.Run(db, new MonthlyListRequest("EOENFK") { RunId = first.RunId }, scope: null, cache).ShouldBeNull();
    }

    [Fact]
    public void Run_SameRunIdInAnotherDatabase_IsReadFromThatDatabase()
    {
        using var cache = new MonthlyListCache();
        using var one = TestDatabases.Create();
        using var other = TestDatabases.Create();
        Store(one, "E000001", completedAt: new DateTimeOffset(2024, 9, 2, 9, 0, 0, TimeSpan.Zero));
        Store(other, "E000002", completedAt: new DateTimeOffset(2024, 9, 2, 9, 30, 0, TimeSpan.Zero));
        var request = new MonthlyListRequest("EOENFK");

        using var first = one.Open();
        using var second = other.Open();
        var fromOne = MonthlyListQuery.Run(first, request, scope: null, cache)!;
        var fromOther = MonthlyListQuery.Run(second, request, scope: null, cache)!;

        fromOther.Run.Id.ShouldBe(fromOne.Run.Id);
        fromOne.Rows.ShouldHaveSingleItem().Crn.ShouldBe("E000001");
        fromOther.Rows.ShouldHaveSingleItem().Crn.ShouldBe("E000002");
    }

    [Fact]
    public void Run_OlderListCached_FollowsEachLaterRunsLimitedAccessFlag()
    {
        using var cache = new MonthlyListCache();
        var user = new StaffUser("p001", "Pat Practitioner", [Role.Practitioner]) { StaffCode = "P001" };
        var practitioner = CaseFilter.For(user, Permission.ViewMonthlyList);
        var named = CaseFilter.For(user with { LimitedAccessCrns = new HashSet<string> { "E000001" } }, Permission.ViewMonthlyList);
        var august = Screen(Extract(e => e.WithComplexPerson("E000001").WithComplexPerson("E000002")), August).RunId;
        Crns(cache, august, practitioner).ShouldBe(["E000001", "E000002"]);

        // September marks E000001 limited-access: August's cached list must stop showing them to the unnamed practitioner.
        var september = Screen(Extract(e => e.WithComplexPerson("E000001", lao: "Y").WithComplexPerson("E000002")), September).RunId;
        Crns(cache, august, practitioner).ShouldBe(["E000002"]);
        Crns(cache, august, named).ShouldBe(["E000001", "E000002"]);

        // A later run (a corrected September extract) lifts the flag but moves E000002 to another practitioner.
        _clock.Advance(TimeSpan.FromMinutes(5));
        var corrected = Screen(Extract(e => e.WithComplexPerson("E000001").WithComplexPerson("E000002", practitioner: "P002")), September).RunId;
        Crns(cache, august, practitioner).ShouldBe(["E000001"]);
        Crns(cache, august, named).ShouldBe(["E000001"]);

        // Runs deleted: each person's latest listing falls back to the runs that remain.
        Delete(corrected);
        Crns(cache, august, practitioner).ShouldBe(["E000002"]);
        Delete(september);
        Crns(cache, august, practitioner).ShouldBe(["E000001", "E000002"]);
        cache.Count.ShouldBe(1);
    }

    private void Delete(int runId)
    {
        using var db = _db.Open();
        db.Runs.Where(r => r.Id == runId).ExecuteDelete();
    }

    private IReadOnlyList<string> Crns(MonthlyListCache cache, int runId, CaseFilter? scope)
    {
        using var db = _db.Open();
        return [.. MonthlyListQuery.Run(db, new MonthlyListRequest("EOENFK") { RunId = runId }, scope, cache)!.Rows.Select(r => r.Crn)];
    }

    private MonthlyList List(MonthlyListCache cache)
    {
        using var db = _db.Open();
        return MonthlyListQuery.Run(db, new MonthlyListRequest("EOENFK"), scope: null, cache).ShouldNotBeNull();
    }

    private static void Store(ITestDatabase database, string crn, DateTimeOffset completedAt)
    {
        using var db = database.Open();
        var run = new ScreeningRun
        {
            AsOf = September, DefinitionId = "pilot-2024", DefinitionVersion = 1, ExtractSha256 = new string('0', 64), RunBy = "test", CompletedAt = completedAt,
        };
        db.Runs.Add(run);
        db.SaveChanges();
        db.ListedCases.Add(new ListedCase { RunId = run.Id, Crn = crn, PduCode = "EOENFK", Status = (byte)ScreeningStatus.Complex, Change = (byte)ListChange.New, EvidenceJson = "[]" });
        db.SaveChanges();
    }

    private string Extract(Func<ExtractFolderBuilder, ExtractFolderBuilder> build)
    {
        var builder = new ExtractFolderBuilder();
        _cleanup.Add(builder);
        return build(builder).Build();
    }

    private ScreeningReport Screen(string extract, DateOnly asOf, bool replace = false)
    {
        var request = new ScreenRequest(extract, asOf, _out) { Database = _db.Target, WriteWorkbooks = false, Replace = replace };
        var result = Compose.Screening(_clock).Run(request);
        result.Succeeded.ShouldBeTrue(result.Error);
        return result.Value!;
    }
}
