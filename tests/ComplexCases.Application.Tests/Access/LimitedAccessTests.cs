using ComplexCases.Application.Access;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Application.Tests.Access;

/// <summary>The limited-access rule is written once: its in-memory form and its WHERE clause agree on every grid case.</summary>
public sealed class LimitedAccessTests(GridDatabase grid) : IClassFixture<GridDatabase>
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    public void OpenTo_InSql_AgreesWithOpens_InMemory(int namedFor)
    {
        var crns = AccessGrid.Cases.Where(c => c.LimitedAccess).Select(c => c.Crn).Take(namedFor).ToHashSet(StringComparer.Ordinal);
        using var db = grid.Open();

        var inSql = db.ListedCases.Where(c => c.RunId == grid.FirstRunId).Where(LimitedAccess.OpenTo(crns)).Select(c => c.Crn).ToList();

        var inMemory = AccessGrid.Cases.Where(c => LimitedAccess.Opens(crns, c)).Select(c => c.Crn);
        inSql.Order(StringComparer.Ordinal).ShouldBe(inMemory.Order(StringComparer.Ordinal));
        AccessGrid.Cases.ShouldContain(c => c.LimitedAccess && !crns.Contains(c.Crn));
    }

    [Fact]
    public void Opens_NamedOnly_ForLimitedAccessCases()
    {
        var limited = AccessGrid.Cases.First(c => c.LimitedAccess);
        var open = AccessGrid.Cases.First(c => !c.LimitedAccess);
        var named = new HashSet<string>(StringComparer.Ordinal) { limited.Crn };

        LimitedAccess.Opens(named, limited).ShouldBeTrue();
        LimitedAccess.Opens(new HashSet<string>(), limited).ShouldBeFalse();
        LimitedAccess.Opens(new HashSet<string>(), open).ShouldBeTrue();
    }

    [Fact]
    public void OpenTo_NobodyNamed_TestsOnlyTheFlag()
    {
        using var db = grid.Open();

        var sql = db.ListedCases.Where(LimitedAccess.OpenTo(new HashSet<string>())).ToQueryString();

        var where = sql[sql.IndexOf("WHERE", StringComparison.Ordinal)..];
        where.ShouldContain("\"LimitedAccess\"");
        where.ShouldNotContain("\"Crn\"");
    }
}
