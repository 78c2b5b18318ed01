using ComplexCases.Application.Screening;
using ComplexCases.Data.Screening;
using ComplexCases.Extracts.Reading;

namespace ComplexCases.Application.Tests.Screening;

/// <summary>The figures a month is reconciled on, and when they refuse it.</summary>
public sealed class ReconciliationTests
{
    private static readonly ReconciliationLimits Limits = ReconciliationLimits.Default;

    private static readonly ScreeningRun August = new()
    {
        Id = 4, AsOf = new DateOnly(2024, 8, 1), DefinitionId = "pilot-2024", ExtractSha256 = "x", RunBy = "cli",
        People = 3000, Complex = 15, PossiblyComplex = 45,
    };

    [Fact]
    public void Check_MonthLikeTheLast_RefusesNothing()
    {
        var result = Reconciliation.Check(Files(people: 2950, registrations: 4200), 2950, 58, August, PreviousFiles(), Limits);

        result.Refuses.ShouldBeFalse(result.Message);
        result.Figures.ShouldContain(f => f.What == "people screened" && f.Previous == "3,000" && f.Now == "2,950" && f.Change == "-1.7%");
    }

    [Fact]
    public void Check_PeopleDownByMoreThanTheLimit_Refuses()
    {
        var result = Reconciliation.Check(Files(people: 2600, registrations: 4200), 2600, 58, August, PreviousFiles(), Limits);

        result.Breaches.Select(b => b.What).ShouldBe(["people screened", "people.csv rows"]);
        result.Message.ShouldContain("people screened: 2,600 (was 3,000, -13.3%; limit -10%)");
    }

    [Fact]
    public void Check_PeopleDownWithinAWiderConfiguredLimit_RefusesNothing()
    {
        var result = Reconciliation.Check(Files(people: 2600, registrations: 4200), 2600, 58, August, PreviousFiles(),
            Limits with { MaxPeopleDropPercent = 20, MaxFileRowsDropPercent = 20 });

        result.Refuses.ShouldBeFalse(result.Message);
    }

    [Fact]
    public void Check_ListedCountDoubled_Refuses()
    {
        var result = Reconciliation.Check(Files(people: 3000, registrations: 4200), 3000, 130, August, PreviousFiles(), Limits);

        result.Breaches.ShouldHaveSingleItem().What.ShouldBe("people listed");
    }

    [Fact]
    public void Check_FirstMonthWithManyRejectedRows_IsNotRefused_ButNobodyScreenedIs()
    {
        Reconciliation.Check(Files(people: 3000, registrations: 4200, registrationsRejected: 900), 3000, 60, null, [], Limits).Refuses.ShouldBeFalse();

        var nobody = Reconciliation.Check(Files(people: 3000, peopleRejected: 3000, registrations: 0), 0, 0, null, [], Limits);

        nobody.Refuses.ShouldBeTrue();
        nobody.Message.ShouldContain("people screened: 0: people.csv has all 3,000 rows rejected (limit at least 1)");
        nobody.Message.ShouldContain("(no earlier month to compare with)");
    }

    [Fact]
    public void Check_SmallFiles_AreNotJudgedOnShares()
    {
        var small = ScreeningRunWith(people: 10);

        var result = Reconciliation.Check(Files(people: 5, registrations: 3, registrationsRejected: 2), 5, 1, small,
            [new RunFile { FileName = ExtractFiles.People, Present = true, RowsRead = 10, RowsAccepted = 10 }], Limits);

        result.Refuses.ShouldBeFalse(result.Message);
    }

    private static ScreeningRun ScreeningRunWith(int people) => new()
    {
        Id = 1, AsOf = new DateOnly(2024, 8, 1), DefinitionId = "pilot-2024", ExtractSha256 = "x", RunBy = "cli", People = people,
    };

    private static List<FileReport> Files(int people, int registrations, int peopleRejected = 0, int registrationsRejected = 0) =>
    [
        new(ExtractFiles.People, true, people, people - peopleRejected, peopleRejected),
        new(ExtractFiles.Staff, false, 0, 0, 0),
        new(ExtractFiles.Registrations, true, registrations, registrations - registrationsRejected, registrationsRejected),
    ];

    private static List<RunFile> PreviousFiles() =>
    [
        new() { FileName = ExtractFiles.People, Present = true, RowsRead = 3000, RowsAccepted = 3000 },
        new() { FileName = ExtractFiles.Registrations, Present = true, RowsRead = 4250, RowsAccepted = 4250 },
    ];
}
