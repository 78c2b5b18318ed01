using ComplexCases.Domain.Definitions;
using ComplexCases.Domain.Evaluation;
using ComplexCases.Domain.Screening;
using ComplexCases.Domain.Tests.Screening;
using ComplexCases.TestSupport.Screening;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ComplexCases.Domain.Tests.Evaluation;

public class StoredOutcomeScorerTests
{
    private static readonly DateOnly D = TestDates.AsOf;
    private static readonly string[] AssessmentCriteria = ["rosh", "mental_health", "self_harm", "learning_difficulties", "substance"];

    [Property(MaxTest = 300)]
    public Property Score_FromMasksStoredUnderThePilot_SameAsScreeningWithTheOtherDefinition()
    {
        // Any weights and threshold, and any subset of criteria, with the pilot's parameters and look-back.
        var cases =
            from person in RandomCases.Case
            from weights in Gen.Choose(1, 4).ArrayOf(CriterionIds.Count)
            from dropped in Gen.Choose(0, 255)
            from threshold in Gen.Choose(1, 12)
            select (person, weights, dropped, threshold);
        return Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var kept = CriterionIds.All.Where(id => (c.dropped & (1 << (int)id)) == 0 || id == CriterionId.Rosh).ToList();
            var other = TestDefinitions.Pilot(d =>
            {
                foreach (var id in CriterionIds.All)
                {
                    if (kept.Contains(id)) d.Weight(id.ToKey(), c.weights[(int)id]); else d.RemoveCriterion(id.ToKey());
                }
                d.Threshold(Math.Min(c.threshold, kept.Sum(id => c.weights[(int)id])));
            });
            var stored = new Screener(TestDefinitions.Pilot(), D).Evaluate(c.person.Records);
            StoredOutcomeScorer.CanScore(other, TestDefinitions.Pilot()).ShouldBeTrue();

            var scored = new StoredOutcomeScorer(other).Score(stored.MetMask, stored.UnknownMask);

            return scored == new Screener(other, D).Evaluate(c.person.Records);
        });
    }

    [Fact]
    public void CanScore_ACriterionsParametersChanged_No()
    {
        var pilot = TestDefinitions.Pilot();

        StoredOutcomeScorer.CanScore(TestDefinitions.Pilot(d => d.Parameter("mappa", "levels", new System.Text.Json.Nodes.JsonArray("M1", "M2", "M3"))), pilot).ShouldBeFalse();
        StoredOutcomeScorer.CanScore(TestDefinitions.Pilot(d => d.Parameter("substance", "alcoholScoreThreshold", 3)), pilot).ShouldBeFalse();
        StoredOutcomeScorer.CanScore(TestDefinitions.Pilot(d => d.LookBackMonths(12)), pilot).ShouldBeFalse();
    }

    [Fact]
    public void CanScore_CodesListedInAnotherOrder_Yes_ButNotACriterionTheRunDidNotEvaluate()
    {
        var pilot = TestDefinitions.Pilot();
        var reordered = TestDefinitions.Pilot(d => d.Parameter("mappa", "levels", new System.Text.Json.Nodes.JsonArray("M3", "M2")));
        var withoutIpp = TestDefinitions.Pilot(d => d.RemoveCriterion("ipp").Threshold(5));

        StoredOutcomeScorer.CanScore(reordered, pilot).ShouldBeTrue();
        StoredOutcomeScorer.CanScore(withoutIpp, pilot).ShouldBeTrue();
        StoredOutcomeScorer.CanScore(pilot, withoutIpp).ShouldBeFalse();
    }

    [Fact]
    public void CanScore_LookBackChanged_ButOnlyRegisterCriteriaCount_Yes()
    {
        var pilot = TestDefinitions.Pilot();
        var registersOnly = TestDefinitions.Pilot(d =>
        {
            foreach (var key in AssessmentCriteria) d.RemoveCriterion(key);
            d.Threshold(2).LookBackMonths(12);
        });

        StoredOutcomeScorer.CanScore(registersOnly, pilot).ShouldBeTrue();
    }
}
