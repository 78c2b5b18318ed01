using ComplexCases.Extracts.Reading;
using ComplexCases.TestSupport.Extracts;
using static ComplexCases.TestSupport.Extracts.ExtractFolderBuilder;

namespace ComplexCases.Extracts.Tests.Reading;

public class ExtractReaderRejectionTests
{
    [Fact]
    public void Read_RequiredValueEmpty_RejectsMissingRequiredValue()
    {
        using var extract = new ExtractFolderBuilder()
            .WithPerson("E000001")
            .WithRegistration("E000001", "RHRH", "2024-01-01")
            .WithRegistration("E000001", "", "2024-01-01");

        var result = extract.ReadOk();

        result.ShouldHaveOneRejection().ShouldBe(Registrations, 3, "register_code", RejectionReason.MissingRequiredValue, "");
        result.Caseload.RecordsOf(0).Registrations.Length.ShouldBe(1);
    }

    [Fact]
    public void Read_RequiredValueOnlySpaces_RejectsMissingRequiredValue()
    {
        using var extract = new ExtractFolderBuilder().WithPerson("E000001", pdu: "   ");

        var result = extract.ReadOk();

        result.ShouldHaveOneRejection().ShouldBe(People, 2, "pdu_code", RejectionReason.MissingRequiredValue, "");
    }

    [Fact]
    public void Read_CrnWithLowerCaseLetter_RejectsMalformedWithCrnMasked()
    {
        using var extract = new ExtractFolderBuilder().WithPerson("E000001").WithPerson("e123456");

        var result = extract.ReadOk();

        var rejection = result.ShouldHaveOneRejection();
        rejection.ShouldBe(People, 3, "crn", RejectionReason.MalformedValue, "e12****");
        rejection.Detail.ShouldNotContain("e123456");
        result.Caseload.Count.ShouldBe(1);
    }

    [Fact]
    public void Read_DateOfBirthMalformed_RejectsMalformedWithDateHidden()
    {
        using var extract = new ExtractFolderBuilder().WithPerson("E000001", dateOfBirth: "1980-02-30");

        var result = extract.ReadOk();

        result.ShouldHaveOneRejection().ShouldBe(People, 2, "date_of_birth", RejectionReason.MalformedValue, "****-**-**");
    }

    [Theory]
    [InlineData("2024-1-01")]
    [InlineData("01/02/2024")]
    [InlineData("2024-13-01")]
    [InlineData("2023-02-29")]
    [InlineData("2024-01-01T00:00")]
    [InlineData("yesterday")]
    public void Read_RecordDateNotIso_RejectsMalformedShowingValue(string date)
    {
        using var extract = new ExtractFolderBuilder().WithPerson("E000001").WithRegistration("E000001", "RHRH", date);

        var result = extract.ReadOk();

        result.ShouldHaveOneRejection().ShouldBe(Registrations, 2, "registered_on", RejectionReason.MalformedValue, date);
    }

    [Theory]
    [InlineData(Assessments, "rosh_overall", "EXTREME")]
    [InlineData(Assessments, "alcohol_need", "maybe")]
    [InlineData(Assessments, "drug_score", "-1")]
    [InlineData(Assessments, "alcohol_score", "4.5")]
    [InlineData(Sentences, "sentence_type", "ASBO")]
    [InlineData(OpdScreenings, "result", "SCREENED")]
    [InlineData(OpdScreenings, "override", "X")]
    public void Read_UnknownEnumOrBadNumber_RejectsMalformedShowingValue(string file, string column, string value)
    {
        using var extract = new ExtractFolderBuilder().WithPerson("E000001");
        _ = file switch
        {
            Assessments => extract.WithRow(Assessments, ("crn", "E000001"), ("assessment_id", "A1"), ("completed_on", "2024-01-01"), (column, value)),
            Sentences => extract.WithRow(Sentences, ("crn", "E000001"), ("event_number", "1"), ("sentenced_on", "2024-01-01"), (column, value)),
            _ => extract.WithRow(OpdScreenings, ("crn", "E000001"), ("screened_on", "2024-01-01"), ("result", "SCREENED_IN"), (column, value)),
        };

        var result = extract.ReadOk();

        result.ShouldHaveOneRejection().ShouldBe(file, 2, column, RejectionReason.MalformedValue, value);
    }

    [Fact]
    public void Read_GenderNotMFX_RejectsMalformedWithValueHidden()
    {
        using var extract = new ExtractFolderBuilder().WithPerson("E000001", gender: "Q");

        var result = extract.ReadOk();

        result.ShouldHaveOneRejection().ShouldBe(People, 2, "gender", RejectionReason.MalformedValue, "*");
    }

    [Fact]
    public void Read_LongNonPersonalValue_ShownCutTo50Characters()
    {
        var code = new string('Z', 80);
        using var extract = new ExtractFolderBuilder().WithPerson("E000001").WithSentence("E000001", "1", code, "2024-01-01");

        var rejection = extract.ReadOk().ShouldHaveOneRejection();

        rejection.Value.Length.ShouldBe(50);
        rejection.Value.ShouldStartWith("ZZZZ");
    }

    [Fact]
    public void Read_CrnKeyRepeated_RejectsEveryRowAsDuplicateKey()
    {
        using var extract = new ExtractFolderBuilder().WithPerson("E123456").WithPerson("E000002").WithPerson("E123456");

        var result = extract.ReadOk();

        result.Rejections.Count.ShouldBe(2);
        result.Rejections[0].ShouldBe(People, 2, "crn", RejectionReason.DuplicateKey, "E12****");
        result.Rejections[1].ShouldBe(People, 4, "crn", RejectionReason.DuplicateKey, "E12****");
        result.Rejections[0].Detail.ShouldContain("lines 2 and 4");
        result.Caseload.Count.ShouldBe(1);
    }

    [Fact]
    public void Read_RecordForCrnNotInPeople_RejectsOrphanWithCrnMasked()
    {
        using var extract = new ExtractFolderBuilder()
            .WithPerson("E000001")
            .WithRegistration("E000001", "RHRH", "2024-01-01")
            .WithRegistration("E999999", "RHRH", "2024-01-01");

        var result = extract.ReadOk();

        var rejection = result.ShouldHaveOneRejection();
        rejection.ShouldBe(Registrations, 3, "crn", RejectionReason.Orphan, "E99****");
        rejection.Detail.ShouldBe("no person with this CRN in people.csv");
    }

    [Fact]
    public void Read_DeregisteredBeforeRegistered_RejectsDateOrderOnDeregisteredOn()
    {
        using var extract = new ExtractFolderBuilder()
            .WithPerson("E000001")
            .WithRegistration("E000001", "RHRH", registeredOn: "2024-03-01", deregisteredOn: "2024-02-01");

        var result = extract.ReadOk();

        var rejection = result.ShouldHaveOneRejection();
        rejection.ShouldBe(Registrations, 2, "deregistered_on", RejectionReason.DateOrder, "2024-02-01");
        rejection.Detail.ShouldBe("deregistered_on 2024-02-01 is before registered_on 2024-03-01");
    }

    [Fact]
    public void Read_DeregisteredOnRegistrationDay_Accepted()
    {
        using var extract = new ExtractFolderBuilder()
            .WithPerson("E000001")
            .WithRegistration("E000001", "RHRH", registeredOn: "2024-03-01", deregisteredOn: "2024-03-01");

        extract.ReadOk().Rejections.ShouldBeEmpty();
    }

    [Fact]
    public void Read_TerminatedBeforeSentenced_RejectsDateOrderOnTerminatedOn()
    {
        using var extract = new ExtractFolderBuilder()
            .WithPerson("E000001")
            .WithSentence("E000001", "1", "SDS", sentencedOn: "2020-05-01", terminatedOn: "2020-04-30");

        var result = extract.ReadOk();

        result.ShouldHaveOneRejection().ShouldBe(Sentences, 2, "terminated_on", RejectionReason.DateOrder, "2020-04-30");
    }

    [Fact]
    public void Read_RowWithTooFewFields_RejectsWrongNumberOfFields()
    {
        using var extract = new ExtractFolderBuilder()
            .WithRawFile(People, "crn,region_code,pdu_code\nE000001,N07,EOENFK\nE000002,N07\nE000003,N07,EOENFK,extra\n");

        var result = extract.ReadOk();

        result.Rejections.Count.ShouldBe(2);
        result.Rejections[0].ShouldBe(People, 3, "", RejectionReason.WrongNumberOfFields, "2");
        result.Rejections[0].Detail.ShouldBe("expected 3 fields, found 2");
        result.Rejections[1].ShouldBe(People, 4, "", RejectionReason.WrongNumberOfFields, "4");
        result.Caseload.Count.ShouldBe(1);
    }

    [Fact]
    public void Read_RowWithSeveralProblems_RejectedOnceForTheFirstColumnInHeaderOrder()
    {
        using var extract = new ExtractFolderBuilder()
            .WithColumns(Registrations, "registered_on", "crn", "register_code")
            .WithPerson("E000001")
            .WithRegistration("E000001", code: "", registeredOn: "not a date")
            .WithRegistration("bad-crn", code: "", registeredOn: "2024-01-01");

        var result = extract.ReadOk();

        result.Rejections.Count.ShouldBe(2);
        result.Rejections[0].ShouldBe(Registrations, 2, "registered_on", RejectionReason.MalformedValue, "not a date");
        result.Rejections[1].ShouldBe(Registrations, 3, "crn", RejectionReason.MalformedValue, "bad****");
    }

    [Fact]
    public void Read_RowBadAndOrphan_ReportedAsBadValueNotOrphan()
    {
        using var extract = new ExtractFolderBuilder()
            .WithPerson("E000001")
            .WithRegistration("E999999", "RHRH", "2024-02-01", deregisteredOn: "2024-01-01");

        extract.ReadOk().ShouldHaveOneRejection().Reason.ShouldBe(RejectionReason.DateOrder);
    }

    [Fact]
    public void Read_RecordsDatedInTheFuture_Accepted()
    {
        using var extract = new ExtractFolderBuilder()
            .WithPerson("E000001")
            .WithRegistration("E000001", "RHRH", "2999-01-01")
            .WithSentence("E000001", "1", "IPP", "2999-01-01")
            .WithAssessment("E000001", "A1", "2999-01-01")
            .WithOpdScreening("E000001", "2999-01-01", "SCREENED_IN");

        var result = extract.ReadOk();

        result.Rejections.ShouldBeEmpty();
        result.Caseload.RecordCount.ShouldBe(4);
    }

    [Fact]
    public void Read_Rejections_OrderedByFileThenLine()
    {
        using var extract = new ExtractFolderBuilder()
            .WithPerson("E000001")
            .WithPerson("E000002", pdu: "")
            .WithRegistration("E000009", "RHRH", "2024-01-01")
            .WithRegistration("E000001", "RHRH", "bad")
            .WithStaff("S1", forename: "");

        var result = extract.ReadOk();

        result.Rejections.Select(r => (r.File, r.Line)).ShouldBe([(People, 3), (Staff, 2), (Registrations, 2), (Registrations, 3)]);
    }
}
