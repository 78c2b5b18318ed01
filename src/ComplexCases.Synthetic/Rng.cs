namespace ComplexCases.Synthetic;

/// <summary>
/// SplitMix64: a tiny, fast, seedable generator. Every slot, person and month gets its own stream derived
/// from the seed, so output never depends on thread scheduling or on the order things are visited.
/// </summary>
internal struct Rng
{
    private ulong _state;

    public Rng(ulong seed) => _state = seed;

    public Rng(ulong a, ulong b) => _state = Mix(a, b);

    public Rng(ulong a, ulong b, ulong c) => _state = Mix(Mix(a, b), c);

    public ulong NextULong()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [0, <paramref name="maxExclusive"/>).</summary>
    public int Next(int maxExclusive) => (int)(((NextULong() >> 32) * (ulong)maxExclusive) >> 32);

    /// <summary>Uniform in [<paramref name="min"/>, <paramref name="maxInclusive"/>].</summary>
    public int Between(int min, int maxInclusive) => min + Next(maxInclusive - min + 1);

    public bool Chance(double probability) => NextDouble() < probability;

    /// <summary>Standard normal by inverse CDF: no transcendental call in the central 95%, one draw per value.</summary>
    public double NextNormal() => Normal.Quantile(((NextULong() >> 11) + 0.5) * (1.0 / (1UL << 53)));

    /// <summary>Index drawn with probability proportional to cumulative weights (last element = total).</summary>
    public int Pick(ReadOnlySpan<double> cumulative)
    {
        var x = NextDouble() * cumulative[^1];
        for (var i = 0; i < cumulative.Length - 1; i++)
        {
            if (x < cumulative[i]) return i;
        }
        return cumulative.Length - 1;
    }

    public static ulong Mix(ulong a, ulong b)
    {
        var z = a ^ ((b + 0x9E3779B97F4A7C15UL) * 0xD6E8FEB86659FD93UL);
        z = (z ^ (z >> 32)) * 0xD6E8FEB86659FD93UL;
        z = (z ^ (z >> 32)) * 0xD6E8FEB86659FD93UL;
        return z ^ (z >> 32);
    }
}

internal static class Normal
{
    /// <summary>Inverse standard normal CDF (Acklam's rational approximation, relative error below 1.2e-9).</summary>
    public static double Quantile(double p)
    {
        if (p <= 0) return double.NegativeInfinity;
        if (p >= 1) return double.PositiveInfinity;
        ReadOnlySpan<double> a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00];
        ReadOnlySpan<double> b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01];
        ReadOnlySpan<double> c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00];
        ReadOnlySpan<double> d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00];
        const double low = 0.02425;
        double q, r;
        if (p < low)
        {
            q = Math.Sqrt(-2 * Math.Log(p));
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        if (p > 1 - low)
        {
            q = Math.Sqrt(-2 * Math.Log(1 - p));
            return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        q = p - 0.5;
        r = q * q;
        return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    }
}
