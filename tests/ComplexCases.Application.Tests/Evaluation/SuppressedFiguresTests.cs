using ComplexCases.Application.Evaluation;
using ComplexCases.Domain.Evaluation;

namespace ComplexCases.Application.Tests.Evaluation;

public sealed class SuppressedFiguresTests
{
    private static EvaluationFigures Figures(long personMonths, long listed, long listedWithOutcome, long unlistedWithOutcome)
    {
        var scores = new ScoreHistogram();
        scores.Add(6, true, listedWithOutcome);
        scores.Add(6, false, listed - listedWithOutcome);
        scores.Add(1, true, unlistedWithOutcome);
        scores.Add(1, false, personMonths - listed - unlistedWithOutcome);
        return EvaluationFigures.Compute(personMonths, listed, scores, listedWithOutcome);
    }

    private static ShownFigure Figure(IReadOnlyList<ShownFigure> shown, string start) => shown.Single(f => f.Label.StartsWith(start, StringComparison.Ordinal));

    [Fact]
    public void Of_EveryCellFiveOrMore_AllShown()
    {
        var shown = SuppressedFigures.Of(Figures(1000, 40, 10, 48));

        shown.ShouldAllBe(f => !f.Suppressed);
        Figure(shown, "Listed, with an outcome").Text.ShouldBe("10");
        Figure(shown, "Outcome rate among the listed").Text.ShouldBe("25.0% (14.2% to 40.2%)");
    }

    [Fact]
    public void Of_FourListedWithAnOutcome_ThatCellAndEveryRateThatWouldRevealItWithheld()
    {
        var shown = SuppressedFigures.Of(Figures(1000, 40, 4, 48));

        Figure(shown, "Listed, with an outcome").Text.ShouldBe("fewer than 5");
        // Secondary: with 52 outcomes and 960 unlisted shown, the rate among the rest would give 4 away.
        Figure(shown, "Outcome rate among the listed").Suppressed.ShouldBeTrue();
        Figure(shown, "Outcome rate among the rest").Suppressed.ShouldBeTrue();
        Figure(shown, "Precision").Suppressed.ShouldBeTrue();
        Figure(shown, "Recall").Suppressed.ShouldBeTrue();
        Figure(shown, "With an outcome").Text.ShouldBe("52");
        Figure(shown, "AUC").Suppressed.ShouldBeFalse();
        shown.Where(f => f.Suppressed).ShouldAllBe(f => !f.Text.Any(char.IsDigit) || f.Text.Contains("fewer than 5", StringComparison.Ordinal));
    }

    [Fact]
    public void Of_NobodyListed_ZeroWithheldToo()
    {
        var shown = SuppressedFigures.Of(Figures(200, 0, 0, 30));

        Figure(shown, "Listed (complex)").Text.ShouldBe("fewer than 5");
        Figure(shown, "Outcome rate among the listed").Suppressed.ShouldBeTrue();
    }
}
