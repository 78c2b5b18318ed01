using System.Text.Json.Nodes;
using ComplexCases.Domain.Definitions;
using ComplexCases.Domain.Screening;
using ComplexCases.TestSupport.Screening;

namespace ComplexCases.Domain.Tests.Screening;

public class IppCriterionTests
{
    private static readonly DateOnly D = TestDates.AsOf;

    [Theory]
    [InlineData("IPP", CriterionOutcome.Met)]
    [InlineData("DPP", CriterionOutcome.Met)]
    [InlineData("LIFE", CriterionOutcome.NotMet)]
    [InlineData("EDS", CriterionOutcome.NotMet)]
    [InlineData("SDS", CriterionOutcome.NotMet)]
    [InlineData("OTHER", CriterionOutcome.NotMet)]
    public void Evaluate_ActiveSentence_TypeDecides(string type, CriterionOutcome expected)
    {
        new CaseBuilder().WithSentence(type).OutcomeOf(CriterionId.Ipp).ShouldBe(expected);
    }

    [Fact]
    public void Evaluate_IppTerminatedBeforeD_NotMet()
    {
        new CaseBuilder().WithSentence("IPP", sentencedOn: D.AddYears(-10), terminatedOn: D.AddDays(-1))
            .OutcomeOf(CriterionId.Ipp).ShouldBe(CriterionOutcome.NotMet);
    }

    [Fact]
    public void Evaluate_IppTerminatedOnD_NotMet()
    {
        new CaseBuilder().WithSentence("IPP", sentencedOn: D.AddYears(-10), terminatedOn: D)
            .OutcomeOf(CriterionId.Ipp).ShouldBe(CriterionOutcome.NotMet);
    }

    [Fact]
    public void Evaluate_IppTerminatedAfterD_Met()
    {
        new CaseBuilder().WithSentence("IPP", sentencedOn: D.AddYears(-10), terminatedOn: D.AddDays(1))
            .OutcomeOf(CriterionId.Ipp).ShouldBe(CriterionOutcome.Met);
    }

    [Fact]
    public void Evaluate_IppSentencedOnD_Met()
    {
        new CaseBuilder().WithSentence("IPP", sentencedOn: D).OutcomeOf(CriterionId.Ipp).ShouldBe(CriterionOutcome.Met);
    }

    [Fact]
    public void Evaluate_IppSentencedAfterD_NotMet()
    {
        new CaseBuilder().WithSentence("IPP", sentencedOn: D.AddDays(1)).OutcomeOf(CriterionId.Ipp).ShouldBe(CriterionOutcome.NotMet);
    }

    [Fact]
    public void Evaluate_TerminatedIppAndActiveDpp_Met()
    {
        new CaseBuilder()
            .WithSentence("IPP", sentencedOn: D.AddYears(-10), terminatedOn: D.AddYears(-2))
            .WithSentence("DPP", sentencedOn: D.AddYears(-1))
            .OutcomeOf(CriterionId.Ipp).ShouldBe(CriterionOutcome.Met);
    }

    [Fact]
    public void Evaluate_NoSentenceAndNoAssessment_NotMetNeverUnknown()
    {
        new CaseBuilder().OutcomeOf(CriterionId.Ipp).ShouldBe(CriterionOutcome.NotMet);
    }

    [Fact]
    public void Evaluate_CustomSentenceTypes_OnlyThoseMeet()
    {
        var definition = TestDefinitions.Pilot(d => d.Parameter("ipp", "sentenceTypes", new JsonArray("LIFE")));

        new CaseBuilder().WithSentence("LIFE").OutcomeOf(CriterionId.Ipp, definition).ShouldBe(CriterionOutcome.Met);
        new CaseBuilder().WithSentence("IPP").OutcomeOf(CriterionId.Ipp, definition).ShouldBe(CriterionOutcome.NotMet);
    }
}
