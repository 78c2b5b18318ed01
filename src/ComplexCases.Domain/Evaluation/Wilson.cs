namespace ComplexCases.Domain.Evaluation;

/// <summary>A proportion with its Wilson score interval; all three are null when there are no trials.</summary>
public readonly record struct Proportion(double? Value, double? Low, double? High)
{
    public static Proportion Of(long successes, long trials) => Wilson.Interval(successes, trials);
}

/// <summary>
/// The Wilson score interval for a binomial proportion (outcomes.md: 95%, z = 1.959964). Unlike the normal
/// ("Wald") interval it stays inside [0, 1] and is honest for small counts and rates near 0, which is where
/// a rare outcome among a few listed people always is.
/// </summary>
public static class Wilson
{
    public const double Z95 = 1.959964;

    public static Proportion Interval(long successes, long trials, double z = Z95)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfNegative(trials);
        if (successes > trials) throw new ArgumentOutOfRangeException(nameof(successes), successes, "More successes than trials.");
        if (trials == 0) return new Proportion(null, null, null);
        double n = trials;
        var p = successes / n;
        var z2 = z * z;
        var denominator = 1 + (z2 / n);
        var centre = (p + (z2 / (2 * n))) / denominator;
        var half = z * Math.Sqrt((p * (1 - p) / n) + (z2 / (4 * n * n))) / denominator;
        // Rounding can put the ends a hair outside [0, 1] at p = 0 or 1; the interval never is.
        return new Proportion(p, Math.Max(0, centre - half), Math.Min(1, centre + half));
    }
}
