using System.Text.Json.Nodes;
using ComplexCases.Domain.Definitions;
using ComplexCases.TestSupport.Screening;

namespace ComplexCases.Domain.Tests.Definitions;

public class DefinitionParserTests
{
    private static IReadOnlyList<string> Errors(Action<DefinitionJson> tweak)
    {
        var result = DefinitionParser.Parse(TestDefinitions.PilotJsonWith(tweak));
        result.Succeeded.ShouldBeFalse();
        result.Definition.ShouldBeNull();
        result.Errors.ShouldNotBeEmpty();
        return result.Errors;
    }

    private static void ShouldReport(Action<DefinitionJson> tweak, string path, string detail)
    {
        var errors = Errors(tweak);
        errors.ShouldContain(e => e.StartsWith(path + ":", StringComparison.Ordinal) && e.Contains(detail, StringComparison.Ordinal),
            $"expected an error at '{path}' mentioning '{detail}', got: {string.Join(" | ", errors)}");
    }

    [Fact]
    public void Parse_PilotFile_EightCriteriaWeightOneThresholdSix()
    {
        var result = DefinitionParser.Parse(TestDefinitions.PilotJson());

        result.Errors.ShouldBeEmpty();
        var definition = result.Definition.ShouldNotBeNull();
        definition.Id.ShouldBe("pilot-2024");
        definition.Version.ShouldBe(1);
        definition.Threshold.ShouldBe(6);
        definition.EffectiveFrom.ShouldBe(new DateOnly(2024, 1, 1));
        definition.AssessmentLookBackMonths.ShouldBe(24);
        definition.Criteria.Select(c => c.Id).ShouldBe(CriterionIds.All);
        definition.Criteria.ShouldAllBe(c => c.Weight == 1);
    }

    [Fact]
    public void Parse_PilotFile_ParametersMatchCriteriaDocument()
    {
        var definition = TestDefinitions.Pilot();

        var rosh = definition.Find(CriterionId.Rosh)!.Parameters;
        string.Join(",", rosh.RoshRegisterCodes).ShouldBe("RLRH,RMRH,RHRH,RVHR");
        string.Join(",", rosh.RoshMetRegisterCodes).ShouldBe("RHRH,RVHR");
        string.Join(",", rosh.RoshMetAssessmentLevels).ShouldBe("HIGH,VERY_HIGH");
        string.Join(",", definition.Find(CriterionId.MentalHealth)!.Parameters.MentalHealthRegisterCodes).ShouldBe("RMDO,AMHL");
        string.Join(",", definition.Find(CriterionId.SelfHarm)!.Parameters.SelfHarmRegisterCodes).ShouldBe("ALSH");
        definition.Find(CriterionId.Mappa)!.Parameters.MappaRegisterCode.ShouldBe("MAPP");
        string.Join(",", definition.Find(CriterionId.Mappa)!.Parameters.MappaLevels).ShouldBe("M2,M3");
        definition.Find(CriterionId.Opd)!.Parameters.OpdOverrideCounts.ShouldBeTrue();
        definition.Find(CriterionId.Substance)!.Parameters.AlcoholScoreThreshold.ShouldBe(4);
        definition.Find(CriterionId.Substance)!.Parameters.DrugScoreThreshold.ShouldBe(2);
        string.Join(",", definition.Find(CriterionId.Ipp)!.Parameters.IppSentenceTypes).ShouldBe("IPP,DPP");
    }

    [Fact]
    public void Parse_CodesInLowerCase_StoredUpperCase()
    {
        var definition = TestDefinitions.Pilot(d => d.Parameter("ipp", "sentenceTypes", new JsonArray("ipp", " dpp ")));

        string.Join(",", definition.Find(CriterionId.Ipp)!.Parameters.IppSentenceTypes).ShouldBe("IPP,DPP");
    }

    [Fact]
    public void Parse_UnknownCriterionId_NamesPathAndId()
    {
        ShouldReport(d => d.Criterion("opd")["id"] = "opd_v2", "criteria[5].id", "unknown criterion 'opd_v2'");
    }

    [Fact]
    public void Parse_DuplicateCriterion_NamesSecondOccurrence()
    {
        ShouldReport(d => d.AddCriterion(new JsonObject { ["id"] = "rosh", ["weight"] = 1 }), "criteria[8].id", "'rosh' appears more than once");
    }

    [Fact]
    public void Parse_ThresholdZero_OutOfRange()
    {
        ShouldReport(d => d.Threshold(0), "threshold", "out of range");
    }

    [Fact]
    public void Parse_ThresholdAboveTotalWeight_CanNeverBeReached()
    {
        ShouldReport(d => d.Threshold(9), "threshold", "can never be reached");
    }

    [Fact]
    public void Parse_ThresholdEqualToTotalWeight_Accepted()
    {
        TestDefinitions.Pilot(d => d.Threshold(8)).Threshold.ShouldBe(8);
    }

    [Fact]
    public void Parse_NonIntegerWeight_MustBeWholeNumber()
    {
        ShouldReport(d => d.Weight("substance", 1.5), "criteria[6].weight", "whole number");
    }

    [Fact]
    public void Parse_WeightAsString_MustBeWholeNumber()
    {
        ShouldReport(d => d.Weight("rosh", "1"), "criteria[0].weight", "whole number");
    }

    [Fact]
    public void Parse_WeightZero_OutOfRange()
    {
        ShouldReport(d => d.Weight("rosh", 0), "criteria[0].weight", "out of range");
    }

    [Fact]
    public void Parse_UnknownParameterKey_NamesParameterPath()
    {
        ShouldReport(d => d.Parameter("substance", "alcoholThreshold", 4), "criteria[6].parameters.alcoholThreshold", "unknown parameter");
    }

    [Fact]
    public void Parse_ParameterOnCriterionThatTakesNone_NamesParameterPath()
    {
        ShouldReport(d => d.Parameter("learning_difficulties", "registerCodes", new JsonArray("INLL")),
            "criteria[3].parameters.registerCodes", "unknown parameter");
    }

    [Fact]
    public void Parse_UnknownTopLevelProperty_NamesIt()
    {
        ShouldReport(d => d.Set("treshold", 6), "treshold", "unknown property");
    }

    [Fact]
    public void Parse_MappaLevelM9_NotAllowed()
    {
        ShouldReport(d => d.Parameter("mappa", "levels", new JsonArray("M2", "M9")), "criteria[4].parameters.levels", "'M9' is not allowed");
    }

    [Fact]
    public void Parse_CodesNotAList_MustBeListOfCodes()
    {
        ShouldReport(d => d.Parameter("mental_health", "registerCodes", "RMDO"), "criteria[1].parameters.registerCodes", "must be a list of codes");
    }

    [Fact]
    public void Parse_CodeNotAString_MustBeNonEmptyString()
    {
        ShouldReport(d => d.Parameter("ipp", "sentenceTypes", new JsonArray("IPP", 3)), "criteria[7].parameters.sentenceTypes", "non-empty string");
    }

    [Fact]
    public void Parse_UnknownSentenceType_NotAllowed()
    {
        ShouldReport(d => d.Parameter("ipp", "sentenceTypes", new JsonArray("IPP", "HDC")), "criteria[7].parameters.sentenceTypes", "'HDC' is not allowed");
    }

    [Fact]
    public void Parse_RoshMetCodeNotARoshCode_Reported()
    {
        ShouldReport(d => d.Parameter("rosh", "metRegisterCodes", new JsonArray("RHRH", "MAPP")), "criteria[0].parameters.metRegisterCodes", "'MAPP'");
    }

    [Fact]
    public void Parse_UnknownRoshAssessmentLevel_NotAllowed()
    {
        ShouldReport(d => d.Parameter("rosh", "metAssessmentLevels", new JsonArray("SEVERE")), "criteria[0].parameters.metAssessmentLevels", "'SEVERE' is not allowed");
    }

    [Fact]
    public void Parse_OverrideCountsNotBoolean_MustBeTrueOrFalse()
    {
        ShouldReport(d => d.Parameter("opd", "overrideCounts", "yes"), "criteria[5].parameters.overrideCounts", "true or false");
    }

    [Fact]
    public void Parse_NegativeScoreThreshold_OutOfRange()
    {
        ShouldReport(d => d.Parameter("substance", "drugScoreThreshold", -1), "criteria[6].parameters.drugScoreThreshold", "out of range");
    }

    [Fact]
    public void Parse_MissingId_Required()
    {
        ShouldReport(d => d.Remove("id"), "id", "required");
    }

    [Fact]
    public void Parse_BadIdForm_Reported()
    {
        ShouldReport(d => d.Set("id", "Pilot 2024"), "id", "lower-case");
    }

    [Fact]
    public void Parse_MissingVersion_Required()
    {
        ShouldReport(d => d.Remove("version"), "version", "required");
    }

    [Fact]
    public void Parse_MissingThreshold_Required()
    {
        ShouldReport(d => d.Remove("threshold"), "threshold", "required");
    }

    [Theory]
    [InlineData("2024-13-01")]
    [InlineData("01/01/2024")]
    [InlineData("2024-1-1")]
    public void Parse_BadEffectiveFrom_NotADate(string date)
    {
        ShouldReport(d => d.Set("effectiveFrom", date), "effectiveFrom", $"'{date}' is not a date");
    }

    [Fact]
    public void Parse_MissingCriterionIdInList_NamesIndex()
    {
        ShouldReport(d => d.Criterion("ipp").Remove("id"), "criteria[7].id", "required");
    }

    [Fact]
    public void Parse_NoCriteria_Reported()
    {
        ShouldReport(d => d.Set("criteria", new JsonArray()), "criteria", "at least one");
    }

    [Fact]
    public void Parse_LookBackZero_OutOfRange()
    {
        ShouldReport(d => d.LookBackMonths(0), "assessmentLookBackMonths", "out of range");
    }

    [Fact]
    public void Parse_SeveralProblems_ReportsEveryOne()
    {
        var errors = Errors(d => d.Remove("id").Threshold(0).Parameter("mappa", "levels", new JsonArray("M9")));

        errors.Count.ShouldBe(3, string.Join(" | ", errors));
    }

    [Theory]
    [InlineData("{ \"id\": \"x\", ")]
    [InlineData("not json")]
    [InlineData("")]
    public void Parse_InvalidJson_NotValidJson(string json)
    {
        var result = DefinitionParser.Parse(json);

        result.Succeeded.ShouldBeFalse();
        result.Errors.ShouldHaveSingleItem().ShouldStartWith("not valid JSON");
    }

    [Theory]
    [InlineData("not json", "not valid JSON at line 1, column ")]
    [InlineData("{\n  \"id\": \"x\",\n  \"title\": }", "not valid JSON at line 3, column 12")]
    [InlineData("", "not valid JSON: the file is empty")]
    public void Parse_InvalidJson_SaysWhereInWordsNotInParserCoordinates(string json, string start)
    {
        var error = DefinitionParser.Parse(json).Errors.ShouldHaveSingleItem();

        error.ShouldStartWith(start);
        error.ShouldNotContain("LineNumber");
        error.ShouldNotContain("BytePositionInLine");
    }

    [Fact]
    public void Parse_KeyGivenTwice_IsRefusedNamingIt()
    {
        var json = TestDefinitions.PilotJson();
        var twice = json.Insert(json.IndexOf('{', StringComparison.Ordinal) + 1, "\"threshold\": 1, ");

        var error = DefinitionParser.Parse(twice).Errors.ShouldHaveSingleItem();

        error.ShouldBe("not valid JSON: a key is given twice (Duplicate property 'threshold' encountered during deserialization); give each key once");
    }

    [Fact]
    public void Parse_JsonArrayAtRoot_MustBeObject()
    {
        DefinitionParser.Parse("[]").Errors.ShouldHaveSingleItem().ShouldContain("JSON object");
    }

    [Fact]
    public void Parse_CommentAndTrailingComma_Accepted()
    {
        var pilot = TestDefinitions.PilotJson().Trim();
        var json = "{ // hand-written\n" + pilot[1..^1].TrimEnd() + ",\n}";

        DefinitionParser.Parse(json).Succeeded.ShouldBeTrue();
    }

    [Fact]
    public void Parse_LabelOmitted_DefaultLabelUsed()
    {
        var definition = TestDefinitions.Pilot(d => d.Criterion("ipp").Remove("label"));

        definition.Find(CriterionId.Ipp)!.Label.ShouldBe("Sentence is IPP");
    }

    [Fact]
    public void Parse_WeightOmitted_DefaultsToOne()
    {
        var definition = TestDefinitions.Pilot(d => d.Criterion("ipp").Remove("weight"));

        definition.Find(CriterionId.Ipp)!.Weight.ShouldBe(1);
    }
}
