using ComplexCases.Application.Evaluation;

namespace ComplexCases.Application.Tests.Evaluation;

public class CountGridTests
{
    private static readonly string[] Overlap = ["Listed by A", "Listed by B", "Both", "Added", "Dropped"];

    /// <summary>Listed by B = both + added, and listed by A = both + dropped, in every row.</summary>
    private static CountGrid OverlapGrid() => new CountGrid(Overlap).RowSum(1, 2, 3).RowSum(0, 2, 4);

    [Fact]
    public void ASmallCountInARowSum_WithholdsTheSmallestOtherPart_SoItCannotBeWorkedBack()
    {
        // B adds 3: with "listed by B" (50) and "both" (47) shown, 3 = 50 - 47; so "both" goes too, and then "listed by A"
        // = both + dropped would give "both" back from the 47 and the dropped 0... unless A's 47 goes as well.
        var table = OverlapGrid().Row("Jan", [47, 50, 47, 3, 0]).Shown(total: null);

        var row = table.Rows.Single().Cells;
        row[3].Withheld.ShouldBeTrue();
        row[2].Withheld.ShouldBeTrue();
        row[0].Withheld.ShouldBeTrue();
        row[1].Withheld.ShouldBeFalse();
        row[4].Withheld.ShouldBeFalse();
    }

    [Fact]
    public void AColumnTotal_WithOneSmallMonth_WithholdsTheNextSmallestMonthToo()
    {
        var table = new CountGrid(["Entering"]).Row("Jan", [2]).Row("Feb", [30]).Row("Mar", [12]).Shown("All months");

        table.Rows.Select(r => r.Cells[0].Withheld).ShouldBe([true, false, true, false]);
        table["All months", "Entering"].Value.ShouldBe(44);
    }

    [Fact]
    public void AHiddenColumnOfFewPeople_WithholdsTheShownFigureThatWouldRevealIt()
    {
        // Listed 40 (hidden column), without the criterion 38 (shown): the 2 listed only because of it would be worked back.
        var table = new CountGrid(["Without it"], hiddenColumns: 2).RowSum(2, 0, 1).Row("MAPPA", [38, 2, 40]).Row("OPD", [30, 10, 40]).Shown(total: null);

        table.Columns.ShouldBe(["Without it"]);
        table["MAPPA", "Without it"].Withheld.ShouldBeTrue();
        table["OPD", "Without it"].Withheld.ShouldBeFalse();
    }

    [Fact]
    public void NothingSmall_NothingWithheld_AndZeroIsShown()
    {
        var table = OverlapGrid().Row("Jan", [100, 120, 100, 20, 0]).Shown("All months");

        table.Rows.SelectMany(r => r.Cells).ShouldAllBe(c => !c.Withheld);
    }
}
