using ComplexCases.Domain.Evaluation;

namespace ComplexCases.Domain.Tests.Evaluation;

public class CohenKappaTests
{
    [Fact]
    public void Of_TwoByTwo_KnownValue()
    {
        // The worked example of Wikipedia's "Cohen's kappa": 50 grant proposals, both yes 20, A yes B no 5, A no B yes 10, both no 15.
        // pₒ = 35/50 = 0.7; pₑ = 0.5·0.6 + 0.5·0.4 = 0.5; κ = 0.2/0.5 = 0.4.
        CohenKappa.Of(new long[,] { { 20, 5 }, { 10, 15 } })!.Value.ShouldBe(0.4, 1e-12);
    }

    [Fact]
    public void Of_ThreeCategories_ByHand()
    {
        // 100 items. Agreement 75 + 4 + 10 = 0.89. First rater's shares .80/.10/.10, second's .80/.05/.15:
        // pₑ = .64 + .005 + .015 = .66. κ = (.89 − .66)/(1 − .66) = .23/.34 = 0.676.
        var kappa = CohenKappa.Of(new long[,] { { 75, 1, 4 }, { 5, 4, 1 }, { 0, 0, 10 } })!.Value;

        Math.Round(kappa, 3).ShouldBe(0.676);
    }

    [Fact]
    public void Of_PerfectAgreement_One_AndAgreementNoBetterThanChance_Zero()
    {
        CohenKappa.Of(["met", "not met", "met"], ["met", "not met", "met"]).ShouldBe(1.0);
        // Each rater says yes half the time, independently: pₒ = pₑ = 0.5.
        CohenKappa.Of(new long[,] { { 25, 25 }, { 25, 25 } }).ShouldBe(0.0);
    }

    [Fact]
    public void Of_NothingRated_OrOneCategoryOnly_Null()
    {
        CohenKappa.Of(new long[,] { { 0, 0 }, { 0, 0 } }).ShouldBeNull();
        CohenKappa.Of(["met", "met"], ["met", "met"]).ShouldBeNull();
    }
}
