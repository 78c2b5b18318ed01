namespace ComplexCases.Synthetic.Tests;

public class CaseloadPlanTests
{
    [Theory]
    [InlineData(0UL)]
    [InlineData(0xDEADBEEFUL)]
    public void Permute_EveryNumberBelow900000_BijectionWithinRange(ulong key)
    {
        var seen = new bool[900_000];
        for (var n = 0; n < seen.Length; n++)
        {
            var x = CaseloadPlan.Permute(n, key);
            x.ShouldBeInRange(0, 899_999);
            seen[x].ShouldBeFalse();
            seen[x] = true;
        }
    }
}
