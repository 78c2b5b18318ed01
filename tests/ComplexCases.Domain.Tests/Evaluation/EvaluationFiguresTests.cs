using ComplexCases.Domain.Evaluation;

namespace ComplexCases.Domain.Tests.Evaluation;

public class EvaluationFiguresTests
{
    private static ScoreHistogram Scores(params (int Score, bool Outcome, int Count)[] groups)
    {
        var histogram = new ScoreHistogram();
        foreach (var (score, outcome, count) in groups) histogram.Add(score, outcome, count);
        return histogram;
    }

    [Fact]
    public void Compute_RatesPrecisionRecall_FromTheCounts()
    {
        // 1,000 person-months: 40 listed (score 6), 10 of them with an outcome; 960 unlisted (score 2), 48 with one.
        var figures = EvaluationFigures.Compute(1000, 40, Scores((6, true, 10), (6, false, 30), (2, true, 48), (2, false, 912)), listedWithOutcome: 10);

        figures.Outcomes.ShouldBe(58);
        figures.RateListed.ShouldBe(Wilson.Interval(10, 40));
        figures.RateUnlisted.ShouldBe(Wilson.Interval(48, 960));
        figures.RateUnlisted.Value.ShouldBe(0.05);
        figures.Precision.ShouldBe(0.25);
        figures.Recall.ShouldBe(10.0 / 58);
        // 10 with the outcome beat 912, tie 30; 48 tie 912 (2U = 10·(2·912 + 30) + 48·912) over 58 × 942 pairs.
        figures.Auc!.Value.ShouldBe(((10.0 * ((2 * 912) + 30)) + (48.0 * 912)) / (2.0 * 58 * 942), 1e-12);
        figures.TooFewToConclude.ShouldBeEmpty();
    }

    [Fact]
    public void Compute_NobodyListed_RatioOverListedIsNull_AndFlagged()
    {
        var figures = EvaluationFigures.Compute(100, 0, Scores((1, true, 7), (1, false, 93)), listedWithOutcome: 0);

        figures.RateListed.Value.ShouldBeNull();
        figures.RateListed.Low.ShouldBeNull();
        figures.Precision.ShouldBeNull();
        figures.Recall.ShouldBe(0);
        figures.RateUnlisted.Value.ShouldBe(0.07);
        figures.TooFewToConclude.ShouldBe(["rateListed", "precision", "recall"]);
        figures.Summary().ShouldContain("Too few to conclude");
    }

    [Fact]
    public void Compute_FourOutcomes_AucAndRecallFlagged_ButStillComputed()
    {
        var figures = EvaluationFigures.Compute(50, 10, Scores((6, true, 4), (6, false, 6), (0, false, 40)), listedWithOutcome: 4);

        figures.Auc!.Value.ShouldBe((4.0 * ((2 * 40) + 6)) / (2.0 * 4 * 46), 1e-12);
        figures.Recall.ShouldBe(1);
        figures.TooFewToConclude.ShouldContain("auc");
        figures.TooFewToConclude.ShouldContain("recall");
        figures.TooFewToConclude.ShouldContain("rateListed");
        figures.TooFewToConclude.ShouldContain("rateUnlisted");
    }

    [Fact]
    public void Compute_HistogramMissingPersonMonths_Refused()
    {
        Should.Throw<ArgumentException>(() => EvaluationFigures.Compute(10, 0, Scores((0, false, 9)), 0));
    }
}
