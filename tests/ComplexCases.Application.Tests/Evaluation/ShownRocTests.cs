using ComplexCases.Application.Evaluation;
using ComplexCases.Domain.Evaluation;

namespace ComplexCases.Application.Tests.Evaluation;

public class ShownRocTests
{
    private static EvaluationFigures Figures(params (int Score, int With, int Without)[] people)
    {
        var histogram = new ScoreHistogram();
        foreach (var (score, with, without) in people)
        {
            for (var i = 0; i < with; i++) histogram.Add(score, true);
            for (var i = 0; i < without; i++) histogram.Add(score, false);
        }
        var total = people.Sum(p => p.With + p.Without);
        return EvaluationFigures.Compute(total, 0, histogram, 0);
    }

    [Fact]
    public void EveryScoreWithEnoughPeople_IsAPoint_EndingAtListingEveryone()
    {
        var roc = ShownRoc.Of(Figures((9, 10, 5), (6, 10, 20), (2, 5, 50)));

        roc.Select(p => p.ScoreAtLeast).ShouldBe([9, 6, 2]);
        roc[0].TruePositiveRate.ShouldBe(0.4);
        roc[0].FalsePositiveRate.ShouldBe(5.0 / 75);
        roc[^1].TruePositiveRate.ShouldBe(1);
        roc[^1].FalsePositiveRate.ShouldBe(1);
    }

    [Fact]
    public void AScoreThatWouldGiveAwayFewerThanFivePeople_IsMergedIntoTheNextPoint()
    {
        // Score 8 holds 2 people with an outcome: a point there (and the step from it to the next) would reveal them.
        var roc = ShownRoc.Of(Figures((9, 10, 5), (8, 2, 0), (6, 10, 20), (2, 5, 50)));

        roc.Select(p => p.ScoreAtLeast).ShouldBe([9, 6, 2]);
        roc[1].TruePositiveRate.ShouldBe(22.0 / 27);
    }

    [Fact]
    public void FewerThanFiveWithAnOutcome_NoCurveAtAll()
    {
        ShownRoc.Of(Figures((9, 4, 50), (2, 0, 50))).ShouldBeEmpty();
    }
}
