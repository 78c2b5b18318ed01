using ComplexCases.Application.Access;
using ComplexCases.Application.Cases;
using ComplexCases.Application.Tests.Access;
using ComplexCases.Data.Screening;
using ComplexCases.Domain.People;
using ComplexCases.Domain.Screening;
using ComplexCases.TestSupport.Data;

namespace ComplexCases.Application.Tests.Cases;

/// <summary>
/// A person screened in fifteen months of a real database: the case page reads the newest months only (so a view after ten
/// years costs what it did after one), says that earlier months exist, and gives every month when asked.
/// </summary>
public sealed class CaseHistoryTests : IDisposable
{
    private const string Crn = "X123456";
    private static readonly DateOnly First = new(2025, 1, 1);

    private readonly ITestDatabase _database = TestDatabases.Create();

    public CaseHistoryTests()
    {
        using var db = _database.Open();
        var runs = Enumerable.Range(0, 15).Select(m => new ScreeningRun
        {
            AsOf = First.AddMonths(m), DefinitionId = "pilot-2024", DefinitionVersion = 1, ExtractSha256 = new string('0', 64), RunBy = "test",
            CompletedAt = new DateTimeOffset(First.AddMonths(m).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
        }).ToList();
        db.Runs.AddRange(runs);
        db.SaveChanges();
        // The score rises by one a month, so each month is told apart by it.
        db.PersonResults.AddRange(runs.Select((r, m) => new PersonResult { RunId = r.Id, Crn = Crn, PduCode = "PDU1", Score = (short)m, Status = (byte)ScreeningStatus.Complex }));
        var facts = AccessGrid.Cases[0] with { Crn = Crn, LimitedAccess = false };
        var listed = AccessGrid.ToListedCase(facts, runs[^1].Id);
        listed.Status = (byte)ScreeningStatus.Complex;
        listed.Change = (byte)ListChange.Continuing;
        db.ListedCases.Add(listed);
        db.SaveChanges();
    }

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task WithALimit_TheNewestMonthsComeNewestFirst_AndEarlierMonthsAreSaidToExist()
    {
        using var db = _database.Open();

        var details = await CaseQuery.RunAsync(db, Domain.People.Crn.Parse(Crn), runId: null, historyMonths: 12);

        details.ShouldNotBeNull();
        details.History.Select(h => (int)h.Score).ToList().ShouldBe([.. Enumerable.Range(3, 12).Reverse()]);
        details.History[0].AsOf.ShouldBe(First.AddMonths(14));
        details.EarlierMonths.ShouldBeTrue();
    }

    [Fact]
    public async Task WithoutALimit_EveryMonthComes_AndNoneIsSaidToBeMissing()
    {
        using var db = _database.Open();

        var details = await CaseQuery.RunAsync(db, Domain.People.Crn.Parse(Crn), runId: null);

        details!.History.Count.ShouldBe(15);
        details.History[^1].AsOf.ShouldBe(First);
        details.EarlierMonths.ShouldBeFalse();
    }

    [Fact]
    public async Task ALimitAsLongAsTheHistory_SaysNothingIsMissing()
    {
        using var db = _database.Open();

        var details = await CaseQuery.RunAsync(db, Domain.People.Crn.Parse(Crn), runId: null, historyMonths: 15);

        details!.History.Count.ShouldBe(15);
        details.EarlierMonths.ShouldBeFalse();
    }
}
