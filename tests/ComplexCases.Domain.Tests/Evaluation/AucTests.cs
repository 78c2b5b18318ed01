using ComplexCases.Domain.Evaluation;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ComplexCases.Domain.Tests.Evaluation;

public class AucTests
{
    [Fact]
    public void Auc_EveryOutcomeScoresHigher_One()
    {
        Auc.Of([3, 4, 1, 2], [true, true, false, false]).ShouldBe(1.0);
    }

    [Fact]
    public void Auc_EveryOutcomeScoresLower_Zero()
    {
        Auc.Of([1, 2, 3, 4], [true, true, false, false]).ShouldBe(0.0);
    }

    [Fact]
    public void Auc_AllTied_OneHalf()
    {
        Auc.Of([5, 5, 5, 5, 5], [true, false, false, true, false]).ShouldBe(0.5);
    }

    [Fact]
    public void Auc_HandCountedWithTies()
    {
        // With the outcome: 2, 3, 3. Without: 0, 1, 2, 3.
        // 2 beats 0 and 1, ties 2: 2.5. Each 3 beats 0, 1, 2 and ties 3: 3.5 twice. U = 9.5 of 3 × 4 = 12 pairs.
        var auc = Auc.Of([2, 3, 3, 0, 1, 2, 3], [true, true, true, false, false, false, false]);

        auc!.Value.ShouldBe(9.5 / 12, 1e-15);
    }

    [Fact]
    public void Auc_OneGroupEmpty_Null()
    {
        Auc.Of([1, 2], [true, true]).ShouldBeNull();
        Auc.Of([1, 2], [false, false]).ShouldBeNull();
        Auc.Of([], []).ShouldBeNull();
    }

    [Property(MaxTest = 200)]
    public Property Auc_EqualsTheShareOfPairsOrderedRight()
    {
        var cases =
            from n in Gen.Choose(1, 40)
            from scores in Gen.Choose(0, 6).ArrayOf(n)
            from outcomes in Gen.Elements(true, false).ArrayOf(n)
            select (scores, outcomes);
        return Prop.ForAll(cases.ToArbitrary(), c =>
        {
            // Every pair of (with, without), counted one by one.
            double wins = 0, pairs = 0;
            for (var i = 0; i < c.scores.Length; i++)
            {
                for (var j = 0; j < c.scores.Length; j++)
                {
                    if (!c.outcomes[i] || c.outcomes[j]) continue;
                    pairs++;
                    wins += c.scores[i] > c.scores[j] ? 1 : c.scores[i] == c.scores[j] ? 0.5 : 0;
                }
            }
            var auc = Auc.Of(c.scores, c.outcomes);
            return pairs == 0 ? auc is null : auc is { } a && Math.Abs(a - (wins / pairs)) < 1e-12;
        });
    }

    [Fact]
    public void Roc_FromListingNobodyToEveryone()
    {
        var histogram = new ScoreHistogram();
        histogram.Add(2, true);
        histogram.Add(1, true);
        histogram.Add(1, false);
        histogram.Add(0, false);

        histogram.Roc().ShouldBe([(2, 0.0, 0.5), (1, 0.5, 1.0), (0, 1.0, 1.0)]);
    }
}
