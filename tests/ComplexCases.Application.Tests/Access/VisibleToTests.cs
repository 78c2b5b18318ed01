using ComplexCases.Application.Access;
using ComplexCases.Data;
using ComplexCases.Data.Screening;
using ComplexCases.TestSupport.Data;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Application.Tests.Access;

/// <summary>The grid's cases in a real database (SQLite or PostgreSQL, by TestDatabases), in two runs (the second holds only the first case).</summary>
public sealed class GridDatabase : IDisposable
{
    private readonly ITestDatabase _db = TestDatabases.Create();

    public GridDatabase()
    {
        using var db = _db.Open();
        var runs = new[] { Run(new DateOnly(2024, 8, 1)), Run(new DateOnly(2024, 9, 1)) };
        db.Runs.AddRange(runs);
        db.SaveChanges();
        db.ListedCases.AddRange(AccessGrid.Cases.Select(c => AccessGrid.ToListedCase(c, runs[0].Id)));
        db.ListedCases.Add(AccessGrid.ToListedCase(AccessGrid.Cases[0], runs[1].Id));
        db.SaveChanges();
        FirstRunId = runs[0].Id;
    }

    public int FirstRunId { get; }

    public ComplexCasesDbContext Open() => _db.Open();

    public void Dispose() => _db.Dispose();

    private static ScreeningRun Run(DateOnly asOf) =>
        new() { AsOf = asOf, DefinitionId = "pilot-2024", DefinitionVersion = 1, ExtractSha256 = new string('0', 64), RunBy = "test" };
}

public sealed class VisibleToTests(GridDatabase grid) : IClassFixture<GridDatabase>
{
    [Fact]
    public void Grid_CoversEveryRuleAndOutcome()
    {
        AccessGrid.Cases.Count.ShouldBe(324);
        AccessGrid.Users.Count.ShouldBe(228);
        var outcomes = AccessGrid.Users.SelectMany(u => AccessGrid.Cases.Select(c => CaseAccess.CanSee(u, c))).ToList();
        outcomes.ShouldContain(true);
        outcomes.ShouldContain(false);
    }

    [Fact]
    public void Matches_EveryGridUserCaseAndPermission_AgreesWithCan()
    {
        var disagreements =
            from permission in Permissions.CaseScoped
            from user in AccessGrid.Users
            let filter = CaseFilter.For(user, permission)
            from c in AccessGrid.Cases
            where filter.Matches(c) != CaseAccess.Can(user, permission, c)
            select $"{permission} {AccessGrid.Describe(user)} {c}";

        disagreements.Take(5).ShouldBeEmpty();
    }

    [Fact]
    public void ToPredicate_CompiledInMemory_AgreesWithCan()
    {
        var listed = AccessGrid.Cases.Select(c => AccessGrid.ToListedCase(c, 1)).ToList();
        foreach (var permission in Permissions.CaseScoped)
        {
            foreach (var user in AccessGrid.Users)
            {
                var predicate = CaseFilter.For(user, permission).ToPredicate().Compile();
                var expected = AccessGrid.Cases.Where(c => CaseAccess.Can(user, permission, c)).Select(c => c.Crn);
                listed.Where(predicate).Select(c => c.Crn).ShouldBe(expected, ignoreOrder: true, customMessage: $"{permission} {AccessGrid.Describe(user)}");
            }
        }
    }

    [Fact]
    public void VisibleTo_EveryGridUserInTheDatabase_ReturnsExactlyTheCasesCanSeeAllows()
    {
        using var db = grid.Open();
        foreach (var user in AccessGrid.Users)
        {
            var visible = db.ListedCases.AsNoTracking().Where(c => c.RunId == grid.FirstRunId).VisibleTo(user).Select(c => c.Crn).ToList();

            var expected = AccessGrid.Cases.Where(c => CaseAccess.CanSee(user, c)).Select(c => c.Crn);
            visible.ShouldBe(expected, ignoreOrder: true, customMessage: AccessGrid.Describe(user));
        }
    }

    [Fact]
    public void PermittedTo_EveryCasePermissionAndGridUserInTheDatabase_ReturnsExactlyTheCasesCanAllows()
    {
        using var db = grid.Open();
        foreach (var permission in Permissions.CaseScoped)
        {
            foreach (var user in AccessGrid.Users)
            {
                var permitted = db.ListedCases.AsNoTracking().Where(c => c.RunId == grid.FirstRunId)
                    .PermittedTo(user, permission).Select(c => c.Crn).ToList();

                var expected = AccessGrid.Cases.Where(c => CaseAccess.Can(user, permission, c)).Select(c => c.Crn);
                permitted.ShouldBe(expected, ignoreOrder: true, customMessage: $"{permission} {AccessGrid.Describe(user)}");
            }
        }
    }

    [Fact]
    public void VisibleTo_ComposedWithOtherConditions_NarrowsTheirResult()
    {
        using var db = grid.Open();
        var practitioner = Users.Create(Role.Practitioner, u => u with { StaffCode = "STAFF1" });

        var inPdu = db.ListedCases.AsNoTracking().Where(c => c.RunId == grid.FirstRunId && c.PduCode == "PDU2").VisibleTo(practitioner).ToList();

        inPdu.ShouldNotBeEmpty();
        inPdu.ShouldAllBe(c => c.PduCode == "PDU2" && c.PractitionerCode == "STAFF1" && !c.LimitedAccess);
        db.ListedCases.AsNoTracking().VisibleTo(practitioner).Count(c => c.Crn == AccessGrid.Cases[0].Crn).ShouldBe(2);
    }

    [Fact]
    public void VisibleTo_UserWithNoScope_ReturnsNothing()
    {
        using var db = grid.Open();

        db.ListedCases.VisibleTo(Users.Create(Role.Administrator)).Any().ShouldBeFalse();
        db.ListedCases.VisibleTo(Users.Create(Role.PanelMember).NamedFor(AccessGrid.Cases[1].Crn)).Any().ShouldBeFalse();
    }

    [Fact]
    public void VisibleTo_Sql_SendsCodesAndCrnsAsParameters()
    {
        using var db = grid.Open();
        var user = Users.Create([Role.Spo, Role.HeadOfPdu], u => u.InTeams("TEAM1", "TEAM2").NamedFor("E000001", "E000003"));

        var query = db.ListedCases.VisibleTo(user).ToQueryString();

        var sql = query[query.IndexOf("SELECT", StringComparison.Ordinal)..];
        sql.ShouldNotContain("'STAFF1'");
        sql.ShouldNotContain("'TEAM1'");
        sql.ShouldNotContain("'PDU1'");
        sql.ShouldNotContain("'E000001'");
        sql.ShouldContain("\"LimitedAccess\"");
    }

    [Fact]
    public void VisibleTo_SingleScope_IsOneComparisonAndTheLimitedAccessTest()
    {
        using var db = grid.Open();

        var sql = db.ListedCases.VisibleTo(Users.Create(Role.HeadOfPdu)).ToQueryString();

        var where = sql[sql.IndexOf("WHERE", StringComparison.Ordinal)..];
        where.ShouldContain("\"PduCode\" =");
        where.ShouldNotContain("PractitionerCode");
        where.ShouldNotContain("RegionCode");
    }
}
