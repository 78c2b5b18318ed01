namespace ComplexCases.Domain.Evaluation;

/// <summary>
/// The area under the ROC curve of an integer score: the probability that a random case with the outcome scores
/// higher than a random case without, ties counting one half (Mann–Whitney U / (n₁·n₀)). Scores are small whole
/// numbers (weights of met criteria), so cases are counted per score value — one pass, any number of people — and
/// U is kept doubled as an exact whole number.
/// </summary>
public sealed class ScoreHistogram
{
    private readonly Dictionary<int, (long With, long Without)> _counts = [];

    public long WithOutcome { get; private set; }
    public long WithoutOutcome { get; private set; }

    public void Add(int score, bool outcome, long count = 1)
    {
        _counts.TryGetValue(score, out var c);
        _counts[score] = outcome ? (c.With + count, c.Without) : (c.With, c.Without + count);
        if (outcome) WithOutcome += count; else WithoutOutcome += count;
    }

    public void Add(ScoreHistogram other)
    {
        foreach (var (score, c) in other._counts)
        {
            if (c.With > 0) Add(score, true, c.With);
            if (c.Without > 0) Add(score, false, c.Without);
        }
    }

    /// <summary>Score values in ascending order with their counts, for an ROC curve.</summary>
    public IEnumerable<(int Score, long With, long Without)> Counts() =>
        _counts.OrderBy(kv => kv.Key).Select(kv => (kv.Key, kv.Value.With, kv.Value.Without));

    /// <summary>2U: for each case with the outcome, 2 per lower-scoring case without it and 1 per tie.</summary>
    public decimal TwiceU()
    {
        decimal twiceU = 0;
        long withoutBelow = 0;
        foreach (var (_, with, without) in Counts())
        {
            twiceU += with * ((2m * withoutBelow) + without);
            withoutBelow += without;
        }
        return twiceU;
    }

    /// <summary>Null when either group is empty (the probability is then undefined).</summary>
    public double? Auc()
    {
        if (WithOutcome == 0 || WithoutOutcome == 0) return null;
        return (double)(TwiceU() / (2m * WithOutcome * WithoutOutcome));
    }

    /// <summary>
    /// The ROC curve as (false-positive rate, true-positive rate) points, from listing nobody (0, 0) down through
    /// each score as the threshold ("score ≥ s"), to listing everyone (1, 1).
    /// </summary>
    public IReadOnlyList<(int Threshold, double FalsePositiveRate, double TruePositiveRate)> Roc()
    {
        var points = new List<(int, double, double)>();
        if (WithOutcome == 0 || WithoutOutcome == 0) return points;
        long tp = 0, fp = 0;
        foreach (var (score, with, without) in Counts().Reverse())
        {
            tp += with;
            fp += without;
            points.Add((score, (double)fp / WithoutOutcome, (double)tp / WithOutcome));
        }
        return points;
    }
}

public static class Auc
{
    /// <summary>AUC of paired scores and outcomes (e.g. a hand-built case); see <see cref="ScoreHistogram"/>.</summary>
    public static double? Of(IReadOnlyList<int> scores, IReadOnlyList<bool> outcomes)
    {
        if (scores.Count != outcomes.Count) throw new ArgumentException("One outcome per score.", nameof(outcomes));
        var histogram = new ScoreHistogram();
        for (var i = 0; i < scores.Count; i++) histogram.Add(scores[i], outcomes[i]);
        return histogram.Auc();
    }
}
