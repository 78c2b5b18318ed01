using ComplexCases.Application.Access;
using ComplexCases.Application.Lists;
using ComplexCases.Application.Tests.Access;
using ComplexCases.Data;
using ComplexCases.Data.Screening;
using ComplexCases.Domain.Definitions;
using ComplexCases.Domain.Screening;
using ComplexCases.TestSupport.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Application.Tests.Lists;

/// <summary>
/// Two runs of varied list rows in a real database (SQLite or PostgreSQL, by TestDatabases): every status, change, mask, nulls where allowed, names that
/// SQLite and .NET order differently unless care is taken, limited-access cases, two PDUs. The second run re-places
/// and re-flags people, moves some to the other PDU and drops others, so the first run's rows are often not their
/// people's current facts.
/// </summary>
public sealed class VariedListDatabase : IDisposable
{
    public static readonly string[] Pdus = ["PDU1", "PDU2"];

    // Ordinal UTF-16 puts U+FF21 (fullwidth A) after a surrogate pair (U+1D49C); SQLite's BINARY puts it before.
    private static readonly string?[] Surnames = [null, "", "Adams", "adams", "Zoë", "Ödön", "Ａrcher", "𝒜lpha", "\uE000x", "Brown", "Brown"];
    private static readonly string?[] Teams = [null, "TEAM1", "TEAM2", "TEAM3"];
    private static readonly string?[] Staff = [null, "STAFF1", "STAFF2", "STAFF3", "STAFF4"];

    private readonly ITestDatabase _db = TestDatabases.Create();

    public VariedListDatabase()
    {
        var random = new Random(20240901);
        using var db = _db.Open();
        var runs = new[] { Run(new DateOnly(2024, 8, 1)), Run(new DateOnly(2024, 9, 1)) };
        db.Runs.AddRange(runs);
        db.SaveChanges();
        foreach (var run in runs)
        {
            var later = run == runs[1];
            for (var i = 0; i < 240; i++)
            {
                if (later && i % 11 == 0) continue;
                var team = Teams[random.Next(Teams.Length)];
                var practitioner = Staff[random.Next(Staff.Length)];
                var change = (ListChange)random.Next(1, 4);
                db.ListedCases.Add(new ListedCase
                {
                    RunId = run.Id,
                    // Not inserted in CRN order, so nothing depends on insertion order.
                    Crn = $"E{(i * 7919) % 1000:D6}",
                    PduCode = Pdus[(later && i % 7 == 0 ? i + 1 : i) % 2],
                    PduName = i % 5 == 0 ? null : "PDU " + Pdus[i % 2],
                    RegionCode = i % 3 == 0 ? null : "REG1",
                    Status = change == ListChange.Left ? (byte)random.Next(0, 3) : (byte)random.Next(1, 3),
                    Score = (short)random.Next(0, 10),
                    MetMask = (byte)random.Next(0, 256),
                    UnknownMask = (byte)random.Next(0, 256),
                    Change = (byte)change,
                    MonthsListed = random.Next(1, 6),
                    Forename = random.Next(4) == 0 ? null : "Forename" + i,
                    Surname = Surnames[random.Next(Surnames.Length)],
                    TeamCode = team,
                    // Some teams and practitioners without a name: the filter lists show the code instead.
                    TeamName = team is null || random.Next(4) == 0 ? null : "Team " + team,
                    PractitionerCode = practitioner,
                    PractitionerName = practitioner is null || random.Next(4) == 0 ? null : Surnames[random.Next(Surnames.Length)] + " " + practitioner,
                    SpoCode = Staff[random.Next(Staff.Length)],
                    SpoName = "Spo",
                    LimitedAccess = random.Next(8) == 0,
                    EvidenceJson = "[]",
                });
            }
        }
        db.SaveChanges();
        RunIds = [.. runs.Select(r => r.Id)];
    }

    public IReadOnlyList<int> RunIds { get; }

    public ComplexCasesDbContext Open() => _db.Open();

    public void Dispose() => _db.Dispose();

    private static ScreeningRun Run(DateOnly asOf) => new()
    {
        AsOf = asOf, DefinitionId = "pilot-2024", DefinitionVersion = 1, ExtractSha256 = new string('0', 64), RunBy = "test",
        CompletedAt = new DateTimeOffset(asOf.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
    };
}

public sealed class MonthlyListQueryTests(VariedListDatabase data) : IClassFixture<VariedListDatabase>
{
    public static TheoryData<string> Viewers => new() { "head of PDU1", "practitioner STAFF1", "spo of TEAM1", "analyst named for limited", "everything" };

    [Theory]
    [MemberData(nameof(Viewers))]
    public void Run_EveryFilterSortAndPage_MatchesTheListAsTheDatabaseComputesIt(string viewer)
    {
        var scope = Scope(viewer);
        using var db = data.Open();
        using var cache = new MonthlyListCache();
        var compared = 0;
        foreach (var request in Requests())
        {
            var expected = SqlReference.Run(db, request, scope);
            var actual = MonthlyListQuery.Run(db, request, scope, cache);

            Describe(actual).ShouldBe(Describe(expected), customMessage: request.ToString());
            compared++;
        }
        compared.ShouldBeGreaterThan(1000);
    }

    [Fact]
    public void Run_WithoutACache_GivesTheSameList()
    {
        using var db = data.Open();
        var request = new MonthlyListRequest("PDU1") { Sort = MonthlyListSort.Surname, PageSize = 200 };

        Describe(MonthlyListQuery.Run(db, request, scope: null)).ShouldBe(Describe(SqlReference.Run(db, request, scope: null)));
    }

    [Fact]
    public void Run_WithATieBreak_OrdersEqualScoresByItsKeyNotByCrn()
    {
        using var db = data.Open();
        // A stand-in for the pseudonym: any key whose order differs from the CRNs'.
        Func<string, string> key = crn => new([.. crn.Reverse()]);
        var request = new MonthlyListRequest("PDU1") { Sort = MonthlyListSort.ScoreDescending, PageSize = 200, TieBreak = key };

        var rows = MonthlyListQuery.Run(db, request, Scope("everything"))!.Rows;

        var ties = rows.Zip(rows.Skip(1)).Where(p => p.First.Score == p.Second.Score).ToList();
        ties.Count.ShouldBeGreaterThan(1);
        ties.Where(p => string.CompareOrdinal(key(p.First.Crn), key(p.Second.Crn)) >= 0).ShouldBeEmpty();
        ties.Count(p => string.CompareOrdinal(p.First.Crn, p.Second.Crn) > 0).ShouldBeGreaterThan(0, "the key's order must differ from the CRNs' somewhere");
        rows.Select(r => r.Score).ShouldBe(rows.Select(r => r.Score).OrderByDescending(s => s));
    }

    [Fact]
    public void Run_SameRunAndPduAgain_IsServedFromTheCache()
    {
        using var db = data.Open();
        using var cache = new MonthlyListCache();

        MonthlyListQuery.Run(db, new MonthlyListRequest("PDU1"), Scope("everything"), cache);
        MonthlyListQuery.Run(db, new MonthlyListRequest("PDU1") { Page = 2, Sort = MonthlyListSort.Surname }, Scope("head of PDU1"), cache);
        cache.Count.ShouldBe(1);

        MonthlyListQuery.Run(db, new MonthlyListRequest("PDU2"), Scope("everything"), cache);
        MonthlyListQuery.Run(db, new MonthlyListRequest("PDU1") { RunId = data.RunIds[0] }, Scope("everything"), cache);
        cache.Count.ShouldBe(3);
    }

    [Fact]
    public void Run_ListLargerThanTheCache_IsStillRightButNotKept()
    {
        using var db = data.Open();
        using var cache = new MonthlyListCache(maxRows: 10);
        var request = new MonthlyListRequest("PDU1") { Sort = MonthlyListSort.ScoreDescending };

        var list = MonthlyListQuery.Run(db, request, Scope("everything"), cache);

        Describe(list).ShouldBe(Describe(SqlReference.Run(db, request, Scope("everything"))));
        cache.Count.ShouldBe(0);
    }

    [Fact]
    public void CodePointOrder_OrdersTextAsSqliteDoes()
    {
        string?[] values = [null, "", "a", "B", "b", "Zoë", "Ödön", "Ａ", "𝒜", "\uE000", "\uFFFD", "ab", "中", "😀", "z"];
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE t (v TEXT)";
            create.ExecuteNonQuery();
        }
        foreach (var value in values)
        {
            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO t VALUES ($v)";
            insert.Parameters.AddWithValue("$v", (object?)value ?? DBNull.Value);
            insert.ExecuteNonQuery();
        }
        var sqlite = new List<string?>();
        using (var select = connection.CreateCommand())
        {
            select.CommandText = "SELECT v FROM t ORDER BY v";
            using var reader = select.ExecuteReader();
            while (reader.Read()) sqlite.Add(reader.IsDBNull(0) ? null : reader.GetString(0));
        }

        var sorted = values.ToList();
        sorted.Sort(CodePointOrder.Compare);

        sorted.ShouldBe(sqlite);
        CodePointOrder.Compare("Ａ", "𝒜").ShouldBeLessThan(0);
        string.CompareOrdinal("Ａ", "𝒜").ShouldBeGreaterThan(0);
    }

    private CaseFilter? Scope(string viewer) => viewer switch
    {
        "head of PDU1" => CaseFilter.For(Users.Create(Role.HeadOfPdu), Permission.ViewMonthlyList),
        "practitioner STAFF1" => CaseFilter.For(Users.Create(Role.Practitioner), Permission.ViewMonthlyList),
        "spo of TEAM1" => CaseFilter.For(Users.Create(Role.Spo, u => u with { StaffCode = "STAFF3" }), Permission.ViewMonthlyList),
        "analyst named for limited" => CaseFilter.For(Users.Create(Role.Analyst).NamedFor(LimitedCrns()), Permission.ViewMonthlyList),
        "everything" => null,
        _ => throw new ArgumentOutOfRangeException(nameof(viewer), viewer, null),
    };

    // A few limited-access CRNs, every other one, so named and unnamed ones both occur.
    private string[] LimitedCrns()
    {
        using var db = data.Open();
        return [.. db.ListedCases.Where(c => c.LimitedAccess).Select(c => c.Crn).Distinct().OrderBy(c => c).AsEnumerable().Where((_, i) => i % 2 == 0).Take(4)];
    }

    private static readonly (int Page, int Size)[] Pages = [(1, 25), (2, 10), (1, 200), (99, 25)];

    private IEnumerable<MonthlyListRequest> Requests()
    {
        var filters = new List<Func<MonthlyListRequest, MonthlyListRequest>>
        {
            r => r,
            r => r with { Status = ScreeningStatus.Complex },
            r => r with { Status = ScreeningStatus.PossiblyComplex },
            r => r with { Change = ListChange.New },
            r => r with { Change = ListChange.Continuing },
            r => r with { Change = ListChange.Left },
            r => r with { TeamCode = "TEAM1" },
            r => r with { TeamCode = "NOSUCH" },
            r => r with { PractitionerCode = "STAFF2" },
            r => r with { Criterion = CriterionId.Ipp },
            r => r with { Criterion = CriterionId.Rosh, Status = ScreeningStatus.Complex, TeamCode = "TEAM2" },
        };
        int?[] runs = [null, data.RunIds[0], 999];
        foreach (var pdu in VariedListDatabase.Pdus.Append("NOPDU"))
        foreach (var run in runs)
        foreach (var filter in filters)
        foreach (var sort in Enum.GetValues<MonthlyListSort>())
        foreach (var (page, size) in Pages)
            yield return filter(new MonthlyListRequest(pdu) { RunId = run, Sort = sort, Page = page, PageSize = size });
    }

    private static string Describe(MonthlyList? list) => list is null
        ? "none"
        : string.Join("\n",
            $"run {list.Run.Id} {list.Run.AsOf} pdu {list.PduCode} {list.PduName} page {list.Page}/{list.PageCount} of {list.PageSize} total {list.TotalMatching}",
            $"counts {list.Complex} {list.PossiblyComplex} {list.New} {list.Continuing} {list.Left}",
            $"teams {string.Join(", ", list.Teams)}",
            $"practitioners {string.Join(", ", list.Practitioners)}",
            string.Join("\n", list.Rows));

    /// <summary>The list as computed in SQL before the cache (the previous implementation, kept as the oracle), scoped by
    /// <see cref="CurrentFacts.PermittedNow"/>.</summary>
    private static class SqlReference
    {
        public static MonthlyList? Run(ComplexCasesDbContext db, MonthlyListRequest request, CaseFilter? scope)
        {
            var run = request.RunId is { } id
                ? db.Runs.AsNoTracking().FirstOrDefault(r => r.Id == id)
                : db.Runs.AsNoTracking().OrderByDescending(r => r.AsOf).ThenByDescending(r => r.Id).FirstOrDefault();
            if (run is null) return null;

            var all = db.ListedCases.AsNoTracking().Where(c => c.RunId == run.Id && c.PduCode == request.PduCode);
            // Scoped on each person's latest listing, as the case page is (not on this run's row).
            if (scope is not null) all = all.PermittedNow(db, scope);

            // In CRN order, the order a run's rows are stored in (the old query relied on that storage order).
            var summary = all.OrderBy(c => c.Crn).Select(c => new { c.Status, c.Change, c.TeamCode, c.TeamName, c.PractitionerCode, c.PractitionerName, c.PduName }).ToList();
            var counts = summary.GroupBy(c => new { c.Status, c.Change }).Select(g => new { g.Key.Status, g.Key.Change, Count = g.Count() }).ToList();
            var teams = summary.Where(c => c.TeamCode != null).Select(c => (Code: c.TeamCode!, Name: c.TeamName ?? c.TeamCode!)).Distinct()
                .OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
            var practitioners = summary.Where(c => c.PractitionerCode != null).Select(c => (Code: c.PractitionerCode!, Name: c.PractitionerName ?? c.PractitionerCode!)).Distinct()
                .OrderBy(p => p.Name, StringComparer.Ordinal).ToList();

            var filtered = all;
            if (request.Change is { } change) filtered = filtered.Where(c => c.Change == (byte)change);
            if (request.Status is { } status) filtered = filtered.Where(c => c.Status == (byte)status && c.Change != (byte)ListChange.Left);
            if (request.TeamCode is { } team) filtered = filtered.Where(c => c.TeamCode == team);
            if (request.PractitionerCode is { } practitioner) filtered = filtered.Where(c => c.PractitionerCode == practitioner);
            if (request.Criterion is { } criterion)
            {
                var bit = (byte)(1 << (int)criterion);
                filtered = filtered.Where(c => (c.MetMask & bit) != 0);
            }

            var total = filtered.Count();
            filtered = request.Sort switch
            {
                // NULL first, as SQLite's ascending ORDER BY puts it (PostgreSQL's puts it last): the lists' order.
                MonthlyListSort.Surname => filtered.OrderBy(c => c.Surname != null).ThenBy(c => c.Surname).ThenBy(c => c.Crn),
                MonthlyListSort.ScoreDescending => filtered.OrderByDescending(c => c.Score).ThenBy(c => c.Crn),
                MonthlyListSort.Practitioner => filtered.OrderBy(c => c.PractitionerName != null).ThenBy(c => c.PractitionerName).ThenBy(c => c.Crn),
                MonthlyListSort.MonthsListedDescending => filtered.OrderByDescending(c => c.MonthsListed).ThenBy(c => c.Crn),
                _ => filtered.OrderBy(c => c.Crn),
            };
            var page = Math.Max(1, request.Page);
            var rows = filtered.Skip((page - 1) * request.PageSize).Take(request.PageSize)
                .Select(c => new MonthlyListRow(c.Crn, c.Forename, c.Surname, c.TeamName, c.PractitionerName, c.SpoName,
                    (ScreeningStatus)c.Status, (ListChange)c.Change, c.Score, c.MetMask, c.UnknownMask, c.MonthsListed, c.LimitedAccess))
                .ToList();
            var pduName = summary.Select(c => c.PduName).FirstOrDefault(n => n is not null);

            int Count(Func<byte, byte, bool> match) => counts.Where(c => match(c.Status, c.Change)).Sum(c => c.Count);
            return new MonthlyList(run, request.PduCode, pduName, rows, total, page, request.PageSize,
                Count((s, c) => s == (byte)ScreeningStatus.Complex && c != (byte)ListChange.Left),
                Count((s, c) => s == (byte)ScreeningStatus.PossiblyComplex && c != (byte)ListChange.Left),
                Count((_, c) => c == (byte)ListChange.New),
                Count((_, c) => c == (byte)ListChange.Continuing),
                Count((_, c) => c == (byte)ListChange.Left),
                teams, practitioners);
        }
    }
}
