namespace ComplexCases.Domain.Insight;

/// <summary>How far two raters agreed beyond chance on the same cases: Cohen's kappa, with a reading in plain words.</summary>
/// <param name="Pairs">How many cases both rated.</param>
/// <param name="Observed">The share of cases on which they gave the same answer (p<sub>o</sub>); null with no pairs.</param>
/// <param name="Chance">The share they would agree on by chance, from each rater's own mix of answers (p<sub>e</sub>).</param>
/// <param name="Kappa">(p<sub>o</sub> − p<sub>e</sub>) / (1 − p<sub>e</sub>); null when undefined (no pairs, or chance agreement is total).</param>
/// <param name="Reading">What the figure says, in words (Landis and Koch's bands), or why there is no figure.</param>
public sealed record AgreementResult(int Pairs, double? Observed, double? Chance, double? Kappa, string Reading)
{
    /// <summary>Enough pairs to read the kappa (at least <see cref="Agreement.MinimumPairs"/>) and it is defined.</summary>
    public bool Conclusive => Kappa is not null && Cases >= Agreement.MinimumPairs;

    /// <summary>How many double-reviewed cases the pairs come from (the pairs themselves unless pooled over questions).</summary>
    public int Cases { get; init; } = Pairs;
}

/// <summary>
/// Cohen's kappa for two raters and nominal answers (Cohen 1960), pure: p<sub>o</sub> is the share of pairs that agree,
/// p<sub>e</sub> = Σ<sub>k</sub> (share of the first rater answering k) × (share of the second answering k), and
/// κ = (p<sub>o</sub> − p<sub>e</sub>) / (1 − p<sub>e</sub>). When both raters gave one and the same answer to every case,
/// p<sub>e</sub> = 1 and κ is undefined (0/0): the reading says they agreed on every case but that kappa cannot tell
/// agreement from chance. Fewer than <see cref="MinimumPairs"/> pairs: the figure is given but the reading says there are
/// too few double reviews to conclude (a handful of pairs moves κ by tenths).
/// </summary>
public static class Agreement
{
    /// <summary>Below this many pairs the kappa is not read: too few double reviews to conclude.</summary>
    public const int MinimumPairs = 10;

    /// <param name="pairs">Each case's two answers, the first QDO's first.</param>
    /// <param name="cases">How many double-reviewed cases the pairs come from, when pooled over several questions (each case
    /// then gives one pair per question); the minimum for a reading counts cases, not pairs. Default: one pair per case.</param>
    public static AgreementResult CohensKappa<T>(IEnumerable<(T First, T Second)> pairs, int? cases = null) where T : notnull
    {
        var list = pairs.ToList();
        var n = list.Count;
        var units = cases ?? n;
        if (n == 0) return new AgreementResult(0, null, null, null, "No case has been reviewed by two QDOs yet.");
        var first = list.GroupBy(p => p.First).ToDictionary(g => g.Key, g => g.Count());
        var second = list.GroupBy(p => p.Second).ToDictionary(g => g.Key, g => g.Count());
        var observed = (double)list.Count(p => EqualityComparer<T>.Default.Equals(p.First, p.Second)) / n;
        var chance = first.Sum(f => (double)f.Value / n * second.GetValueOrDefault(f.Key) / n);
        if (1 - chance < 1e-12)
            return new AgreementResult(n, observed, chance, null,
                "Both QDOs gave the same single answer to every case: they agreed every time, but with only one answer in use kappa is undefined (agreement cannot be told from chance).")
            { Cases = units };
        var kappa = (observed - chance) / (1 - chance);
        var reading = units < MinimumPairs
            ? $"Too few double reviews to conclude ({units}; at least {MinimumPairs} are needed)."
            : $"{Band(kappa)} agreement beyond chance (Landis and Koch).";
        return new AgreementResult(n, observed, chance, kappa, reading) { Cases = units };
    }

    /// <summary>
    /// Landis and Koch's (1977) bands: below 0 poor, 0–0.20 slight, 0.21–0.40 fair, 0.41–0.60 moderate, 0.61–0.80
    /// substantial, 0.81–1 almost perfect.
    /// </summary>
    public static string Band(double kappa) => kappa switch
    {
        < 0 => "Poor",
        <= 0.20 => "Slight",
        <= 0.40 => "Fair",
        <= 0.60 => "Moderate",
        <= 0.80 => "Substantial",
        _ => "Almost perfect",
    };
}
