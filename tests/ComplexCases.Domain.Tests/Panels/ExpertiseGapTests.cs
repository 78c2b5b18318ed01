using ComplexCases.Domain.Definitions;
using ComplexCases.Domain.Panels;

namespace ComplexCases.Domain.Tests.Panels;

public class ExpertiseGapTests
{
    private static Dictionary<string, IReadOnlySet<Agency>> Needs(params (string Crn, Agency[] Agencies)[] cases) =>
        cases.ToDictionary(c => c.Crn, c => (IReadOnlySet<Agency>)c.Agencies.ToHashSet());

    [Fact]
    public void Between_EveryNeedPresent_Empty()
    {
        var gap = ExpertiseGap.Between(
            Needs(("E111111", [Agency.MentalHealth]), ("E222222", [Agency.Police, Agency.Prison])),
            [Agency.Probation, Agency.Police, Agency.Prison, Agency.MentalHealth]);

        gap.IsEmpty.ShouldBeTrue();
        gap.Missing.ShouldBeEmpty();
        gap.MissingByCase.ShouldBeEmpty();
    }

    [Fact]
    public void Between_SomeMissing_PerCaseOnlyCasesWithGaps()
    {
        var gap = ExpertiseGap.Between(
            Needs(("E111111", [Agency.MentalHealth]), ("E222222", [Agency.AdultSocialCare, Agency.LearningDisability, Agency.Police]),
                ("E333333", [Agency.Police])),
            [Agency.Probation, Agency.Police, Agency.MentalHealth]);

        gap.IsEmpty.ShouldBeFalse();
        gap.MissingByCase.Keys.ShouldBe(["E222222"]);
        gap.MissingByCase["E222222"].ShouldBe([Agency.AdultSocialCare, Agency.LearningDisability], ignoreOrder: true);
        gap.Missing.ShouldBe([Agency.AdultSocialCare, Agency.LearningDisability], ignoreOrder: true);
    }

    [Fact]
    public void Between_DifferentCasesMissDifferentThings_OverallIsTheUnionOnce()
    {
        var gap = ExpertiseGap.Between(
            Needs(("E111111", [Agency.MentalHealth, Agency.Police]), ("E222222", [Agency.MentalHealth, Agency.SubstanceMisuse]),
                ("E333333", [Agency.Prison])),
            [Agency.Police]);

        gap.MissingByCase.Count.ShouldBe(3);
        gap.MissingByCase["E111111"].ShouldBe([Agency.MentalHealth]);
        gap.MissingByCase["E222222"].ShouldBe([Agency.MentalHealth, Agency.SubstanceMisuse], ignoreOrder: true);
        gap.MissingByCase["E333333"].ShouldBe([Agency.Prison]);
        gap.Missing.ShouldBe([Agency.MentalHealth, Agency.SubstanceMisuse, Agency.Prison], ignoreOrder: true);
    }

    [Fact]
    public void Between_NobodyPresent_EverythingNeededIsMissing()
    {
        var gap = ExpertiseGap.Between(Needs(("E111111", [Agency.MentalHealth]), ("E222222", [Agency.Housing])), []);

        gap.Missing.ShouldBe([Agency.MentalHealth, Agency.Housing], ignoreOrder: true);
        gap.MissingByCase.Count.ShouldBe(2);
    }

    [Fact]
    public void Between_NoCasesOrCasesNeedingNothing_Empty()
    {
        ExpertiseGap.Between(Needs(), [Agency.Police]).IsEmpty.ShouldBeTrue();
        var gap = ExpertiseGap.Between(Needs(("E111111", [])), [Agency.Police]);
        gap.IsEmpty.ShouldBeTrue();
        gap.MissingByCase.ShouldBeEmpty();
    }

    [Fact]
    public void Between_PresentListedTwice_NoDifference()
    {
        var gap = ExpertiseGap.Between(Needs(("E111111", [Agency.Police, Agency.Prison])), [Agency.Police, Agency.Police]);

        gap.Missing.ShouldBe([Agency.Prison]);
    }

    [Fact]
    public void Between_ShippedRulesForAPilotPanelWithoutMentalHealthOrSocialCare_ReportsTheEvaluationsGap()
    {
        // The evaluation found mental health and adult social care missing from pilot panels.
        var rules = ShippedFiles.Expertise;
        static int Bit(CriterionId id) => 1 << (int)id;
        var needs = new Dictionary<string, IReadOnlySet<Agency>>
        {
            ["E111111"] = rules.NeededFor(Bit(CriterionId.SelfHarm) | Bit(CriterionId.Rosh)),
            ["E222222"] = rules.NeededFor(Bit(CriterionId.LearningDifficulties) | Bit(CriterionId.Mappa)),
            ["E333333"] = rules.NeededFor(Bit(CriterionId.Ipp)),
        };

        var gap = ExpertiseGap.Between(needs, [Agency.Probation, Agency.Police, Agency.Prison]);

        gap.MissingByCase.Keys.ShouldBe(["E111111", "E222222"], ignoreOrder: true);
        gap.MissingByCase["E111111"].ShouldBe([Agency.MentalHealth]);
        gap.MissingByCase["E222222"].ShouldBe([Agency.AdultSocialCare, Agency.LearningDisability], ignoreOrder: true);
        gap.Missing.ShouldBe([Agency.MentalHealth, Agency.AdultSocialCare, Agency.LearningDisability], ignoreOrder: true);
    }
}
