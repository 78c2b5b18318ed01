using ComplexCases.Application.Access;
using ComplexCases.Application.Cases;
using ComplexCases.Application.Lists;
using ComplexCases.Application.Tests.Access;
using ComplexCases.Data;
using ComplexCases.Data.Screening;
using ComplexCases.Domain.People;
using ComplexCases.Domain.Screening;
using ComplexCases.TestSupport.Data;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Application.Tests.Lists;

/// <summary>
/// The access grid's people in three runs of a real database (SQLite or PostgreSQL, by TestDatabases), moved and re-flagged from run to run: run 1 lists every
/// grid case; run 2 most of them, each with another grid case's placement and limited-access flag; run 3 a third of them,
/// re-placed again. Each person's latest listing (their current facts) is worked out here independently of the code.
/// </summary>
public sealed class MovingCasesDatabase : IDisposable
{
    public static readonly string[] Pdus = ["PDU1", "PDU2"];

    private readonly ITestDatabase _db = TestDatabases.Create();

    public MovingCasesDatabase()
    {
        using var db = _db.Open();
        var runs = new[] { Run(new DateOnly(2024, 7, 1)), Run(new DateOnly(2024, 8, 1)), Run(new DateOnly(2024, 9, 1)) };
        db.Runs.AddRange(runs);
        db.SaveChanges();
        var grid = AccessGrid.Cases;
        var listings = new List<(int RunId, CaseFacts Facts)>();
        for (var i = 0; i < grid.Count; i++)
        {
            var crn = grid[i].Crn;
            listings.Add((runs[0].Id, grid[i]));
            if (i % 4 != 0) listings.Add((runs[1].Id, grid[(i * 5 + 7) % grid.Count] with { Crn = crn }));
            if (i % 3 == 0) listings.Add((runs[2].Id, grid[(i * 11 + 1) % grid.Count] with { Crn = crn }));
        }
        foreach (var (runId, facts) in listings)
        {
            var listed = AccessGrid.ToListedCase(facts, runId);
            listed.Status = (byte)ScreeningStatus.Complex;
            listed.Change = (byte)ListChange.Continuing;
            db.ListedCases.Add(listed);
        }
        db.SaveChanges();
        RunIds = [.. runs.Select(r => r.Id)];
        Listings = listings;
        Current = listings.GroupBy(l => l.Facts.Crn).ToDictionary(g => g.Key, g => g.MaxBy(l => l.RunId).Facts, StringComparer.Ordinal);
    }

    public IReadOnlyList<int> RunIds { get; }

    /// <summary>Every listing: the run and the facts stored in it.</summary>
    public IReadOnlyList<(int RunId, CaseFacts Facts)> Listings { get; }

    /// <summary>Each person's facts in the highest run listing them.</summary>
    public IReadOnlyDictionary<string, CaseFacts> Current { get; }

    /// <summary>The CRNs of a run's list for a PDU (as stored that month) the user may reach now with the permission.</summary>
    public IReadOnlyList<string> Expected(StaffUser user, Permission permission, int runId, string pdu) =>
        [.. Listings.Where(l => l.RunId == runId && l.Facts.PduCode == pdu && CaseAccess.Can(user, permission, Current[l.Facts.Crn]))
            .Select(l => l.Facts.Crn).Order(StringComparer.Ordinal)];

    public ComplexCasesDbContext Open() => _db.Open();

    public void Dispose() => _db.Dispose();

    private static ScreeningRun Run(DateOnly asOf) => new()
    {
        AsOf = asOf, DefinitionId = "pilot-2024", DefinitionVersion = 1, ExtractSha256 = new string('0', 64), RunBy = "test",
        CompletedAt = new DateTimeOffset(asOf.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
    };
}

/// <summary>An old month's list, counts and download show exactly the people whose case page opens for the user now.</summary>
public sealed class OldListAccessTests(MovingCasesDatabase data) : IClassFixture<MovingCasesDatabase>
{
    private static readonly Permission[] ListPermissions = [Permission.ViewMonthlyList, Permission.ViewCaseNames, Permission.DownloadList];

    [Fact]
    public void Data_MovesPeopleSoThatTheMonthsRowsAndTheirCurrentFactsDisagree()
    {
        var oldRows = data.Listings.Where(l => l.RunId == data.RunIds[0]).ToList();

        oldRows.Count(l => l.Facts != data.Current[l.Facts.Crn]).ShouldBeGreaterThan(100);
        oldRows.Count(l => !l.Facts.LimitedAccess && data.Current[l.Facts.Crn].LimitedAccess).ShouldBeGreaterThan(10);
        oldRows.Count(l => l.Facts.LimitedAccess && !data.Current[l.Facts.Crn].LimitedAccess).ShouldBeGreaterThan(10);
        oldRows.Count(l => l.Facts.PduCode != data.Current[l.Facts.Crn].PduCode).ShouldBeGreaterThan(10);
        // Judged on the month's rows, some grid user would be shown someone they may no longer reach.
        AccessGrid.Users.Any(u => oldRows.Any(l => CaseAccess.CanSee(u, l.Facts) && !CaseAccess.CanSee(u, data.Current[l.Facts.Crn]))).ShouldBeTrue();
    }

    [Fact]
    public void CurrentFacts_OfEveryRunsPeople_AreTheirLatestListing_InMemoryAndInSql()
    {
        using var db = data.Open();
        foreach (var runId in data.RunIds)
        {
            var listed = data.Listings.Where(l => l.RunId == runId).Select(l => l.Facts).ToList();

            var inMemory = CurrentFacts.OfListed(db, runId, listed);
            var inSql = db.ListedCases.AsNoTracking().Latest().Select(CaseFacts.FromListedCase).ToList()
                .Where(f => inMemory.ContainsKey(f.Crn)).ToDictionary(f => f.Crn, StringComparer.Ordinal);

            inMemory.Count.ShouldBe(listed.Count);
            foreach (var facts in listed)
            {
                inMemory[facts.Crn].ShouldBe(data.Current[facts.Crn]);
                inSql[facts.Crn].ShouldBe(data.Current[facts.Crn]);
            }
        }
    }

    [Fact]
    public void MonthlyList_EveryGridUserRunAndPdu_ShowsAndCountsExactlyThePeopleTheyMayReachNow()
    {
        using var db = data.Open();
        using var cache = new MonthlyListCache();
        var compared = 0;
        foreach (var permission in ListPermissions)
        foreach (var user in AccessGrid.Users)
        foreach (var runId in data.RunIds)
        foreach (var pdu in MovingCasesDatabase.Pdus)
        {
            var list = MonthlyListQuery.Run(db, new MonthlyListRequest(pdu) { RunId = runId, PageSize = 1_000 }, CaseFilter.For(user, permission), cache)!;

            var expected = data.Expected(user, permission, runId, pdu);
            var message = $"{permission} run {runId} {pdu} {AccessGrid.Describe(user)}";
            list.Rows.Select(r => r.Crn).ShouldBe(expected, message);
            list.TotalMatching.ShouldBe(expected.Count, message);
            (list.Complex + list.PossiblyComplex + list.Left).ShouldBe(expected.Count, message);
            list.Continuing.ShouldBe(expected.Count, message);
            compared++;
        }
        compared.ShouldBe(ListPermissions.Length * AccessGrid.Users.Count * 3 * 2);
    }

    [Fact]
    public void Download_EveryGridUserOfAnOldRun_HoldsExactlyThePeopleTheyMayReachNow()
    {
        using var db = data.Open();
        using var cache = new MonthlyListCache();
        var oldest = data.RunIds[0];
        foreach (var user in AccessGrid.Users)
        foreach (var pdu in MovingCasesDatabase.Pdus)
        {
            var download = DownloadList.Run(db, pdu, oldest, CaseFilter.For(user, Permission.DownloadList), DownloadFormat.Csv, cache);

            var expected = data.Expected(user, Permission.DownloadList, oldest, pdu);
            var message = $"{pdu} {AccessGrid.Describe(user)}";
            if (expected.Count == 0) download.ShouldBeNull(message);
            else download!.Value.Crns.ShouldBe(expected, message);
        }
    }

    [Fact]
    public void PermittedNow_InTheDatabase_AgreesWithTheListsJudgementInMemory()
    {
        using var db = data.Open();
        foreach (var permission in ListPermissions)
        foreach (var user in AccessGrid.Users)
        {
            var permitted = db.ListedCases.AsNoTracking().Where(c => c.RunId == data.RunIds[0])
                .PermittedNowTo(db, user, permission).Select(c => c.Crn).ToList();

            var expected = MovingCasesDatabase.Pdus.SelectMany(pdu => data.Expected(user, permission, data.RunIds[0], pdu));
            permitted.ShouldBe(expected, ignoreOrder: true, customMessage: $"{permission} {AccessGrid.Describe(user)}");
        }
    }

    [Fact]
    public async Task OldListRow_ForAGridUser_OpensOnTheCasePage_AndNoOtherRowOfThatMonthDoes()
    {
        using var db = data.Open();
        using var cache = new MonthlyListCache();
        var oldest = data.RunIds[0];
        // Every 17th grid user (role sets of every kind, each placement, named and not): each asks for every person of the month.
        foreach (var user in AccessGrid.Users.Where((_, i) => i % 17 == 0))
        {
            var shown = MovingCasesDatabase.Pdus
                .SelectMany(pdu => MonthlyListQuery.Run(db, new MonthlyListRequest(pdu) { RunId = oldest, PageSize = 1_000 }, CaseFilter.For(user, Permission.ViewCaseNames), cache)!.Rows)
                .Select(r => r.Crn).ToHashSet(StringComparer.Ordinal);

            var opens = new List<string>();
            foreach (var l in data.Listings.Where(l => l.RunId == oldest))
                if (await CaseQuery.RunAsync(db, Crn.Parse(l.Facts.Crn), oldest, q => q.PermittedTo(user, Permission.ViewCaseNames)) is not null)
                    opens.Add(l.Facts.Crn);

            opens.ShouldBe(shown, ignoreOrder: true, customMessage: AccessGrid.Describe(user));
        }
    }
}
