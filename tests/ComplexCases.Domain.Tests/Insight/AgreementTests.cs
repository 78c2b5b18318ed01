using ComplexCases.Domain.Insight;
using ComplexCases.Domain.Workflow;

namespace ComplexCases.Domain.Tests.Insight;

public class AgreementTests
{
    /// <summary>A 2×2 table as pairs: both yes, first yes and second no, first no and second yes, both no.</summary>
    private static IEnumerable<(bool, bool)> Table(int yesYes, int yesNo, int noYes, int noNo) =>
        Enumerable.Repeat((true, true), yesYes).Concat(Enumerable.Repeat((true, false), yesNo))
            .Concat(Enumerable.Repeat((false, true), noYes)).Concat(Enumerable.Repeat((false, false), noNo));

    [Fact]
    public void TextbookTwoByTwo_KappaIsPointFour()
    {
        // The textbook example (e.g. Wikipedia, "Cohen's kappa"): 50 proposals, 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no.
        // p_o = 35/50 = 0.7; p_e = 0.5·0.6 + 0.5·0.4 = 0.5; kappa = (0.7 − 0.5) / 0.5 = 0.4.
        var result = Agreement.CohensKappa(Table(20, 5, 10, 15));

        result.Pairs.ShouldBe(50);
        result.Observed!.Value.ShouldBe(0.7, 1e-12);
        result.Chance!.Value.ShouldBe(0.5, 1e-12);
        result.Kappa!.Value.ShouldBe(0.4, 1e-12);
        result.Reading.ShouldBe("Fair agreement beyond chance (Landis and Koch).");
        result.Conclusive.ShouldBeTrue();
    }

    [Fact]
    public void SecondTextbookTable_SameMarginsAsChance_KappaNearZero()
    {
        // 100 cases: 45 yes/yes, 15 yes/no, 25 no/yes, 15 no/no. p_o = 0.6, p_e = 0.6·0.7 + 0.4·0.3 = 0.54, kappa = 0.06/0.46.
        var result = Agreement.CohensKappa(Table(45, 15, 25, 15));

        result.Kappa!.Value.ShouldBe(0.06 / 0.46, 1e-12);
        result.Reading.ShouldStartWith("Slight");
    }

    [Fact]
    public void PerfectAgreement_WithTwoAnswersInUse_IsOne()
    {
        var result = Agreement.CohensKappa(Table(12, 0, 0, 8));

        result.Kappa.ShouldBe(1.0);
        result.Reading.ShouldStartWith("Almost perfect");
    }

    [Fact]
    public void AllOneAnswer_KappaIsUndefined_AndTheReadingSaysSo()
    {
        var result = Agreement.CohensKappa(Enumerable.Repeat((ChecklistAnswer.Met, ChecklistAnswer.Met), 30));

        result.Observed.ShouldBe(1.0);
        result.Chance.ShouldBe(1.0);
        result.Kappa.ShouldBeNull();
        result.Conclusive.ShouldBeFalse();
        result.Reading.ShouldContain("undefined");
    }

    [Fact]
    public void SystematicDisagreement_IsNegative_Poor()
    {
        var result = Agreement.CohensKappa(Table(0, 10, 10, 0));

        result.Kappa.ShouldBe(-1.0);
        result.Reading.ShouldStartWith("Poor");
    }

    [Fact]
    public void FewPairs_GivesTheFigure_ButTooFewToConclude()
    {
        var result = Agreement.CohensKappa(Table(3, 1, 1, 3));

        result.Kappa!.Value.ShouldBe(0.5, 1e-12);
        result.Conclusive.ShouldBeFalse();
        result.Reading.ShouldBe($"Too few double reviews to conclude (8; at least {Agreement.MinimumPairs} are needed).");
    }

    [Fact]
    public void Pooled_OverQuestions_TheMinimumCountsCases()
    {
        // 6 cases × 7 questions = 42 pairs: enough pairs, too few cases.
        var result = Agreement.CohensKappa(Table(20, 5, 10, 7), cases: 6);

        result.Pairs.ShouldBe(42);
        result.Cases.ShouldBe(6);
        result.Conclusive.ShouldBeFalse();
        result.Reading.ShouldStartWith("Too few double reviews to conclude (6;");
    }

    [Fact]
    public void NoPairs_NoFigure()
    {
        var result = Agreement.CohensKappa(Array.Empty<(int, int)>());

        result.Kappa.ShouldBeNull();
        result.Observed.ShouldBeNull();
        result.Reading.ShouldBe("No case has been reviewed by two QDOs yet.");
    }

    [Fact]
    public void FourAnswers_NominalKappa()
    {
        // A 3×3 table worked by hand: 100 cases, p_o = (44 + 20 + 6) / 100 = 0.70; the first QDO's answers are 60/30/10,
        // the second's 50/30/20, so p_e = 0.30 + 0.09 + 0.02 = 0.41 and kappa = 0.29 / 0.59 ≈ 0.49.
        var cells = new (ChecklistAnswer, ChecklistAnswer, int)[]
        {
            (ChecklistAnswer.Met, ChecklistAnswer.Met, 44), (ChecklistAnswer.Met, ChecklistAnswer.PartlyMet, 7), (ChecklistAnswer.Met, ChecklistAnswer.NotMet, 9),
            (ChecklistAnswer.PartlyMet, ChecklistAnswer.Met, 5), (ChecklistAnswer.PartlyMet, ChecklistAnswer.PartlyMet, 20), (ChecklistAnswer.PartlyMet, ChecklistAnswer.NotMet, 5),
            (ChecklistAnswer.NotMet, ChecklistAnswer.Met, 1), (ChecklistAnswer.NotMet, ChecklistAnswer.PartlyMet, 3), (ChecklistAnswer.NotMet, ChecklistAnswer.NotMet, 6),
        };
        var result = Agreement.CohensKappa(cells.SelectMany(c => Enumerable.Repeat((c.Item1, c.Item2), c.Item3)));

        result.Observed!.Value.ShouldBe(0.70, 1e-12);
        result.Chance!.Value.ShouldBe(0.41, 1e-12);
        result.Kappa!.Value.ShouldBe(0.29 / 0.59, 1e-12);
        result.Reading.ShouldStartWith("Moderate");
    }

    [Theory]
    [InlineData(-0.01, "Poor")]
    [InlineData(0.0, "Slight")]
    [InlineData(0.20, "Slight")]
    [InlineData(0.21, "Fair")]
    [InlineData(0.40, "Fair")]
    [InlineData(0.41, "Moderate")]
    [InlineData(0.60, "Moderate")]
    [InlineData(0.61, "Substantial")]
    [InlineData(0.80, "Substantial")]
    [InlineData(0.81, "Almost perfect")]
    [InlineData(1.0, "Almost perfect")]
    public void LandisAndKochBands(double kappa, string band) => Agreement.Band(kappa).ShouldBe(band);
}

public class SecondReviewTests
{
    [Fact]
    public void Sampling_IsDeterministic_AndNearTheShare()
    {
        var sampled = Enumerable.Range(1, 10_000).Count(id => SecondReview.Sampled(id, 0.1));

        sampled.ShouldBeInRange(900, 1100);
        Enumerable.Range(1, 200).Select(id => SecondReview.Sampled(id, 0.1))
            .ShouldBe(Enumerable.Range(1, 200).Select(id => SecondReview.Sampled(id, 0.1)));
        SecondReview.Sampled(42, 0).ShouldBeFalse();
        SecondReview.Sampled(42, 1).ShouldBeTrue();
    }

    [Fact]
    public void Sampling_ASmallerShare_IsASubsetOfALargerOne()
    {
        var small = Enumerable.Range(1, 2000).Where(id => SecondReview.Sampled(id, 0.05)).ToList();

        small.ShouldAllBe(id => SecondReview.Sampled(id, 0.2));
    }

    [Fact]
    public void Pairing_TheNextReviewOfTheCaseByAnotherQdo()
    {
        var first = SampledId(1);
        var sameQdoAgain = UnsampledId(first + 1);
        var reviews = new[]
        {
            new ReviewRef(first, 7, "qdo-a"),
            new ReviewRef(sameQdoAgain, 7, "qdo-a"),      // the same QDO again: not a second opinion
            new ReviewRef(sameQdoAgain + 1, 8, "qdo-b"),  // another case: never pairs with the first
            new ReviewRef(sameQdoAgain + 2, 7, "qdo-b"),
            new ReviewRef(sameQdoAgain + 3, 7, "qdo-c"),  // a third opinion is not paired
        };

        var pairs = SecondReview.Pair(reviews, 0.1);

        var pair = pairs.Single(p => p.First.Id == first);
        pair.Second!.Value.Id.ShouldBe(sameQdoAgain + 2);
        pair.Second.Value.Reviewer.ShouldBe("qdo-b");
        pairs.ShouldNotContain(p => p.Second != null && p.Second.Value.Reviewer == "qdo-c" && p.First.Id == first);
    }

    [Fact]
    public void Pairing_AnAwaitedReview_HasNoSecondYet_AndAnUnsampledOneIsNotPaired()
    {
        var sampled = SampledId(1);
        var unsampled = UnsampledId(100_000);

        var pairs = SecondReview.Pair([new ReviewRef(sampled, 1, "qdo-a"), new ReviewRef(unsampled, 2, "qdo-a"),
            new ReviewRef(UnsampledId(unsampled + 1), 2, "qdo-b")], 0.1);

        pairs.ShouldBe([new ReviewPair(new ReviewRef(sampled, 1, "qdo-a"), null)]);
    }

    private static long SampledId(long from) => Enumerable.Range((int)from, 1000).First(id => SecondReview.Sampled(id, 0.1));

    private static long UnsampledId(long from) => Enumerable.Range((int)from, 1000).First(id => !SecondReview.Sampled(id, 0.1));
}
