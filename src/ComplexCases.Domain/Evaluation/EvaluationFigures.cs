namespace ComplexCases.Domain.Evaluation;

/// <summary>
/// How a definition's list compares with outcomes (outcomes.md, "The figures"), from the counts of a cohort of
/// person-months and the histogram of their scores.
/// </summary>
public sealed record EvaluationFigures
{
    /// <summary>A figure with fewer person-months than this in its numerator or denominator is flagged.</summary>
    public const int TooFew = 5;

    public required long PersonMonths { get; init; }
    public required long Listed { get; init; }
    public required long Outcomes { get; init; }
    public required long ListedWithOutcome { get; init; }
    public required Proportion RateListed { get; init; }
    public required Proportion RateUnlisted { get; init; }
    public double? Precision { get; init; }
    public double? Recall { get; init; }
    public double? Auc { get; init; }
    /// <summary>Names of the figures too small to conclude from (camelCase, as in the report).</summary>
    public required IReadOnlyList<string> TooFewToConclude { get; init; }
    public required IReadOnlyList<(int Threshold, double FalsePositiveRate, double TruePositiveRate)> Roc { get; init; }

    public static EvaluationFigures Compute(long personMonths, long listed, ScoreHistogram scores, long listedWithOutcome)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var outcomes = scores.WithOutcome;
        if (scores.WithOutcome + scores.WithoutOutcome != personMonths)
            throw new ArgumentException("Every person-month must be in the score histogram.", nameof(scores));
        if (listed > personMonths || listedWithOutcome > listed || listedWithOutcome > outcomes)
            throw new ArgumentException("Counts are inconsistent.");
        var unlisted = personMonths - listed;
        var unlistedWithOutcome = outcomes - listedWithOutcome;
        var flagged = new List<string>();
        void Flag(string name, params long[] parts)
        {
            if (parts.Any(p => p < TooFew)) flagged.Add(name);
        }
        Flag("rateListed", listedWithOutcome, listed);
        Flag("rateUnlisted", unlistedWithOutcome, unlisted);
        Flag("precision", listedWithOutcome, listed);
        Flag("recall", listedWithOutcome, outcomes);
        Flag("auc", outcomes, personMonths - outcomes);
        return new EvaluationFigures
        {
            PersonMonths = personMonths,
            Listed = listed,
            Outcomes = outcomes,
            ListedWithOutcome = listedWithOutcome,
            RateListed = Wilson.Interval(listedWithOutcome, listed),
            RateUnlisted = Wilson.Interval(unlistedWithOutcome, unlisted),
            Precision = listed == 0 ? null : (double)listedWithOutcome / listed,
            Recall = outcomes == 0 ? null : (double)listedWithOutcome / outcomes,
            Auc = scores.Auc(),
            TooFewToConclude = flagged,
            Roc = scores.Roc(),
        };
    }

    /// <summary>What the numbers allow one to say, in words (outcomes.md: "the service says so in words").</summary>
    public string Summary()
    {
        if (PersonMonths == 0) return "No person-months: no stored screening run falls inside the follow-up limit, so nothing can be concluded.";
        if (TooFewToConclude.Count == 0) return "Every figure rests on at least 5 person-months in its numerator and denominator.";
        return $"Too few to conclude: {string.Join(", ", TooFewToConclude)} rest{(TooFewToConclude.Count == 1 ? "s" : "")} on fewer than {TooFew} person-months "
            + "in a numerator or denominator; they are shown but should not be relied on.";
    }
}
