using ComplexCases.Application.Insight;

namespace ComplexCases.Application.Tests.Insight;

public class SmallCountsTests
{
    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(4, true)]
    [InlineData(5, false)]
    public void OneToFour_IsSmall_ZeroIsNot(int count, bool small) => SmallCounts.IsSmall(count).ShouldBe(small);

    [Fact]
    public void OneSmallCellInAColumn_AlsoWithholdsTheNextSmallestNonZeroCell()
    {
        var hidden = SmallCounts.Withheld([[3, 10], [9, 0], [7, 12]]);

        // Column 0: 3 is primary; with the total shown it could be worked back, so 7 (the smallest other) goes too.
        hidden.Select(r => r[0]).ShouldBe([true, false, true]);
        // Column 1: nothing small, nothing withheld; zero is shown.
        hidden.Select(r => r[1]).ShouldBe([false, false, false]);
    }

    [Fact]
    public void TwoSmallCellsInAColumn_ProtectEachOther()
    {
        var hidden = SmallCounts.Withheld([[2], [3], [40]]);

        hidden.Select(r => r[0]).ShouldBe([true, true, false]);
    }

    [Theory]
    [InlineData(10, 20, false)]
    [InlineData(3, 20, true)]   // the part is small
    [InlineData(17, 20, true)]  // the rest is small, and the whole is shown
    [InlineData(2, 4, true)]    // the whole is small
    [InlineData(0, 20, false)]
    [InlineData(20, 20, false)]
    public void Rate_WithheldWhenPartRestOrWholeIsSmall(int part, int whole, bool withheld) =>
        SmallCounts.RateWithheld(part, whole).ShouldBe(withheld);
}
