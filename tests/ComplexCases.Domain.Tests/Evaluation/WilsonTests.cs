using ComplexCases.Domain.Evaluation;

namespace ComplexCases.Domain.Tests.Evaluation;

public class WilsonTests
{
    /// <summary>
    /// Newcombe (1998), "Two-sided confidence intervals for the single proportion", Statistics in Medicine 17:857–872,
    /// Table II, method 3 (score interval without continuity correction), to the four places published.
    /// </summary>
    [Theory]
    [InlineData(81, 263, 0.2553, 0.3662)]
    [InlineData(15, 148, 0.0624, 0.1605)]
    [InlineData(0, 20, 0.0000, 0.1611)]
    [InlineData(1, 29, 0.0061, 0.1718)]
    public void Interval_NewcombesExamples_AsPublished(int successes, int trials, double low, double high)
    {
        var p = Wilson.Interval(successes, trials);

        p.Value.ShouldBe((double)successes / trials);
        Math.Round(p.Low!.Value, 4).ShouldBe(low);
        Math.Round(p.High!.Value, 4).ShouldBe(high);
    }

    [Fact]
    public void Interval_NoSuccesses_UpperEndIsZSquaredOverNPlusZSquared()
    {
        // With p̂ = 0 the upper end simplifies to z²/(n + z²): 3.84146/13.84146 for n = 10.
        var p = Wilson.Interval(0, 10);

        p.Low.ShouldBe(0);
        p.High!.Value.ShouldBe(1.959964 * 1.959964 / (10 + (1.959964 * 1.959964)), 1e-12);
    }

    [Fact]
    public void Interval_AllSuccesses_MirrorsNone()
    {
        var none = Wilson.Interval(0, 7);
        var all = Wilson.Interval(7, 7);

        all.High.ShouldBe(1);
        all.Low!.Value.ShouldBe(1 - none.High!.Value, 1e-12);
    }

    [Fact]
    public void Interval_NoTrials_AllNull()
    {
        Wilson.Interval(0, 0).ShouldBe(new Proportion(null, null, null));
    }

    [Fact]
    public void Interval_MoreSuccessesThanTrials_Refused()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => Wilson.Interval(3, 2));
    }
}
