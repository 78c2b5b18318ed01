using System.Text.Json;
using ComplexCases.Domain.Definitions;
using ComplexCases.Domain.Panels;
using ComplexCases.Domain.Workflow;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ComplexCases.Domain.Tests.Panels;

public class ExpertiseRulesTests
{
    private static readonly ExpertiseRules Shipped = ShippedFiles.Expertise;

    private static int Mask(params CriterionId[] ids) => ids.Aggregate(0, (mask, id) => mask | (1 << (int)id));

    [Fact]
    public void NeededFor_ACriterionMet_ItsRuleAgencies_OthersNot()
    {
        var rules = ExpertiseRules.Parse("""{ "rules": [ { "criterion": "mappa", "agencies": ["police", "probation"] }, { "criterion": "ipp", "agencies": ["prison"] } ] }""");

        rules.NeededFor(Mask(CriterionId.Mappa)).ShouldBe([Agency.Police, Agency.Probation], ignoreOrder: true);
        rules.NeededFor(Mask(CriterionId.Rosh)).ShouldBeEmpty();
    }

    [Fact]
    public void NeededFor_EscalationBlockages_AddTheirExpertiseToTheCriteria()
    {
        var rules = ExpertiseRules.Parse("""
            { "rules": [ { "criterion": "ipp", "agencies": ["prison"] } ],
              "blockages": [ { "blockage": "accommodation", "agencies": ["housing"] }, { "blockage": "adult_social_care", "agencies": ["adult_social_care"] } ] }
            """);

        rules.NeededFor(Mask(CriterionId.Ipp), [BlockageCategory.Accommodation]).ShouldBe([Agency.Prison, Agency.Housing], ignoreOrder: true);
        rules.NeededFor(0, [BlockageCategory.AdultSocialCare, BlockageCategory.Workload]).ShouldBe([Agency.AdultSocialCare]);
        rules.NeededFor(Mask(CriterionId.Ipp), []).ShouldBe([Agency.Prison]);
    }

    [Fact]
    public void ShippedFile_AccommodationBlockage_NeedsHousing_WhichNoCriterionBrings()
    {
        Shipped.NeededFor(0xFF).ShouldNotContain(Agency.Housing);
        Shipped.NeededFor(0xFF, [BlockageCategory.Accommodation]).ShouldContain(Agency.Housing);
    }

    [Fact]
    public void Parse_UnknownBlockage_NamesPathAndChoices()
    {
        Should.Throw<FormatException>(() => ExpertiseRules.Parse("""{ "rules": [], "blockages": [ { "blockage": "money", "agencies": ["housing"] } ] }"""))
            .Message.ShouldStartWith("blockages[0].blockage: must be one of accommodation, mental_health_services");
        Should.Throw<FormatException>(() => ExpertiseRules.Parse("""{ "rules": [], "blockages": [ { "blockage": "accommodation", "agencies": [] } ] }"""))
            .Message.ShouldBe("blockages[0].agencies: required, a non-empty list");
    }

    [Fact]
    public void ShippedFile_MentalHealthOrSelfHarm_MentalHealthOnce()
    {
        Shipped.NeededFor(Mask(CriterionId.MentalHealth, CriterionId.SelfHarm)).ShouldBe([Agency.MentalHealth]);
    }

    [Fact]
    public void NeededFor_Mask_UnionOfEachCriterion()
    {
        Shipped.NeededFor(Mask(CriterionId.LearningDifficulties, CriterionId.Mappa, CriterionId.SelfHarm))
            .ShouldBe([Agency.AdultSocialCare, Agency.LearningDisability, Agency.Police, Agency.MentalHealth], ignoreOrder: true);
    }

    [Fact]
    public void NeededFor_NothingMet_NothingNeeded()
    {
        Shipped.NeededFor(0).ShouldBeEmpty();
    }

    [Fact]
    public void NeededFor_EverythingMet_AllButHousingAndChildrensServices()
    {
        Shipped.NeededFor(0xFF).ShouldBe(Agencies.All.Except([Agency.Housing, Agency.ChildrensServices]), ignoreOrder: true);
    }

    [Property]
    public Property NeededFor_AnyMask_IsTheUnionOfNeedsFor()
    {
        return Prop.ForAll(Gen.Choose(0, 0xFF).ToArbitrary(), mask =>
        {
            var union = CriterionIds.All.Where(id => (mask & (1 << (int)id)) != 0).SelectMany(Shipped.NeedsFor).Distinct();
            Shipped.NeededFor(mask).ShouldBe(union, ignoreOrder: true);
        });
    }

    [Fact]
    public void NeedsFor_CriterionWithoutARule_Nothing()
    {
        var rules = ExpertiseRules.Parse("""{ "rules": [ { "criterion": "ipp", "agencies": ["prison"] } ] }""");

        rules.NeedsFor(CriterionId.Rosh).ShouldBeEmpty();
        rules.NeededFor(Mask(CriterionId.Rosh, CriterionId.Ipp)).ShouldBe([Agency.Prison]);
    }

    [Fact]
    public void Parse_CommentsTrailingCommasAndRepeatedAgencies_Accepted()
    {
        var rules = ExpertiseRules.Parse("""
            {
              // the panel team's notes
              "rules": [ { "criterion": "opd", "agencies": ["opd_psychology", "probation", "opd_psychology",], }, ],
            }
            """);

        rules.NeedsFor(CriterionId.Opd).ShouldBe([Agency.OpdPsychology, Agency.Probation], ignoreOrder: true);
    }

    // ---- errors name the place ----

    private static void ShouldRefuse(string json, string message) =>
        Should.Throw<FormatException>(() => ExpertiseRules.Parse(json)).Message.ShouldBe(message);

    [Fact]
    public void Parse_UnknownCriterion_NamesPathAndChoices()
    {
        ShouldRefuse("""{ "rules": [ { "criterion": "ipp", "agencies": ["prison"] }, { "criterion": "arson", "agencies": ["police"] } ] }""",
            "rules[1].criterion: must be one of rosh, mental_health, self_harm, learning_difficulties, mappa, opd, substance, ipp");
    }

    [Fact]
    public void Parse_CriterionMissingOrNotText_NamesPath()
    {
        ShouldRefuse("""{ "rules": [ { "agencies": ["prison"] } ] }""", "rules[0].criterion: must be one of rosh, mental_health, self_harm, learning_difficulties, mappa, opd, substance, ipp");
        ShouldRefuse("""{ "rules": [ { "criterion": 7, "agencies": ["prison"] } ] }""", "rules[0].criterion: must be one of rosh, mental_health, self_harm, learning_difficulties, mappa, opd, substance, ipp");
    }

    [Fact]
    public void Parse_DuplicateRule_NamesTheSecond()
    {
        ShouldRefuse("""
            { "rules": [ { "criterion": "mappa", "agencies": ["police"] }, { "criterion": "ipp", "agencies": ["prison"] },
                         { "criterion": "mappa", "agencies": ["probation"] } ] }
            """,
            "rules[2].criterion: 'mappa' has a rule already");
    }

    [Fact]
    public void Parse_UnknownAgency_NamesPathAndChoices()
    {
        ShouldRefuse("""{ "rules": [ { "criterion": "mappa", "agencies": ["police", "fire_service"] } ] }""",
            "rules[0].agencies[1]: must be one of probation, prison, police, mental_health, adult_social_care, substance_misuse, housing, "
            + "opd_psychology, learning_disability, childrens_services");
    }

    [Fact]
    public void Parse_AgencyNotText_NamesPath()
    {
        Should.Throw<FormatException>(() => ExpertiseRules.Parse("""{ "rules": [ { "criterion": "mappa", "agencies": [3] } ] }"""))
            .Message.ShouldStartWith("rules[0].agencies[0]: must be one of ");
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"police\"")]
    [InlineData("null")]
    public void Parse_AgenciesEmptyOrNotAList_NamesPath(string agencies)
    {
        ShouldRefuse($$"""{ "rules": [ { "criterion": "ipp", "agencies": ["prison"] }, { "criterion": "mappa", "agencies": {{agencies}} } ] }""",
            "rules[1].agencies: required, a non-empty list");
    }

    [Fact]
    public void Parse_AgenciesMissing_NamesPath()
    {
        ShouldRefuse("""{ "rules": [ { "criterion": "mappa" } ] }""", "rules[0].agencies: required, a non-empty list");
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{ "rules": {} }""")]
    [InlineData("[]")]
    public void Parse_NoRulesList_Refused(string json)
    {
        ShouldRefuse(json, "rules: required, a list of {criterion, agencies}");
    }

    [Fact]
    public void Parse_RuleNotAnObject_NamesPath()
    {
        ShouldRefuse("""{ "rules": [ "mappa" ] }""", "rules[0]: must be an object {criterion, agencies}");
    }

    [Fact]
    public void Parse_NotJson_Throws()
    {
        Should.Throw<JsonException>(() => ExpertiseRules.Parse("{ rules: "));
    }

    [Fact]
    public void Parse_NoRules_NothingNeeded()
    {
        ExpertiseRules.Parse("""{ "rules": [] }""").NeededFor(0xFF).ShouldBeEmpty();
    }
}
