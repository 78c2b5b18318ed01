using ComplexCases.Domain.Screening;
using ComplexCases.Extracts.Reading;
using ComplexCases.TestSupport.Extracts;
using static ComplexCases.TestSupport.Extracts.ExtractFolderBuilder;

namespace ComplexCases.Extracts.Tests.Reading;

/// <summary>
/// criteria.md, "Rejected rows leave a person's records incomplete": which rejected rows name a screened person (and
/// reach the caseload with them), and which name no one.
/// </summary>
public sealed class ExtractReaderIncompleteRecordsTests : IDisposable
{
    private readonly ExtractFolderBuilder _extract = new ExtractFolderBuilder().WithPeople("E000001", "E000002");

    public void Dispose() => _extract.Dispose();

    private static RejectedRecord[] RejectedOf(ExtractReadResult result, string crn)
    {
        var index = result.Caseload.IndexOf(Domain.People.Crn.Parse(crn));
        index.ShouldBeGreaterThanOrEqualTo(0);
        return result.Caseload.RecordsOf(index).Rejected.ToArray();
    }

    [Fact]
    public void Read_RegistrationDatedTheBritishWay_RejectedRowNamesItsPerson()
    {
        var result = _extract.WithRegistration("E000002", "MAPP", "31/01/2024", level: "M3").ReadOk();

        result.ShouldHaveOneRejection().ShouldBe(Registrations, 2, "registered_on", RejectionReason.MalformedValue, "31/01/2024");
        RejectedOf(result, "E000002").ShouldBe(
            [new RejectedRecord(RecordKind.Registration, 2, "malformed value: registered_on must be a date written yyyy-MM-dd")]);
        RejectedOf(result, "E000001").ShouldBeEmpty();
        result.Caseload.RejectedRecordCount.ShouldBe(1);
    }

    [Fact]
    public void Read_CrnColumnAfterTheBadCell_StillNamesThePerson()
    {
        // The bad cell is checked (and the row rejected) before the crn cell is reached.
        var result = _extract.WithColumns(Registrations, "registered_on", "register_code", "crn")
            .WithRegistration("E000001", "RHRH", "2024-13-01").ReadOk();

        RejectedOf(result, "E000001").Select(r => (r.Kind, r.Line)).ShouldBe([(RecordKind.Registration, 2)]);
    }

    [Theory]
    [InlineData(Assessments, RecordKind.Assessment)]
    [InlineData(Sentences, RecordKind.Sentence)]
    [InlineData(OpdScreenings, RecordKind.OpdScreening)]
    public void Read_RowOfARecordFileMissingARequiredValue_NamesItsPersonWithItsKind(string file, RecordKind kind)
    {
        _ = file switch
        {
            Assessments => _extract.WithAssessment("E000001", "A1", completedOn: null),
            Sentences => _extract.WithSentence("E000001", "1", "IPP", sentencedOn: null),
            _ => _extract.WithOpdScreening("E000001", screenedOn: null, "SCREENED_IN"),
        };

        var result = _extract.ReadOk();

        result.ShouldHaveOneRejection().Reason.ShouldBe(RejectionReason.MissingRequiredValue);
        var rejected = RejectedOf(result, "E000001").ShouldHaveSingleItem();
        rejected.Kind.ShouldBe(kind);
        rejected.File.ShouldBe(file);
        rejected.Reason.ShouldStartWith("missing required value: ");
    }

    [Fact]
    public void Read_DateOrderRejection_NamesThePerson()
    {
        var result = _extract.WithSentence("E000002", "1", "IPP", "2020-01-01", terminatedOn: "2019-01-01").ReadOk();

        RejectedOf(result, "E000002").ShouldHaveSingleItem().Reason.ShouldStartWith("date order: ");
    }

    [Fact]
    public void Read_WrongNumberOfFields_NamesNoOne()
    {
        _extract.WithRawFile(Registrations,
            "crn,register_code,register_description,level_code,category_code,registered_on,deregistered_on\n" +
            "E000001,RHRH,,,,2024-01-01,,extra\n");

        var result = _extract.ReadOk();

        result.ShouldHaveOneRejection().Reason.ShouldBe(RejectionReason.WrongNumberOfFields);
        result.Caseload.RejectedRecordCount.ShouldBe(0);
    }

    [Theory]
    [InlineData("e000001")]
    [InlineData("E00001")]
    [InlineData("")]
    public void Read_MalformedOrMissingCrn_NamesNoOne(string crn)
    {
        var result = _extract.WithRegistration(crn, "RHRH", "2024-01-01").ReadOk();

        result.ShouldHaveOneRejection().Column.ShouldBe("crn");
        result.Caseload.RejectedRecordCount.ShouldBe(0);
    }

    [Fact]
    public void Read_CrnOfNobodyScreened_NamesNoOne()
    {
        // An orphan, and a row with another fault whose crn is nobody's: neither reaches anyone.
        var result = _extract.WithRegistration("E000009", "RHRH", "2024-01-01").WithRegistration("E000009", "RHRH", "31/01/2024").ReadOk();

        result.Rejections.Count.ShouldBe(2);
        result.Caseload.RejectedRecordCount.ShouldBe(0);
    }

    [Fact]
    public void Read_PersonRowRejected_RowsNamingThemChangeNothing()
    {
        var result = _extract.WithPerson("E000003", pdu: "").WithRegistration("E000003", "RHRH", "31/01/2024").ReadOk();

        result.Caseload.Count.ShouldBe(2);
        result.Caseload.RejectedRecordCount.ShouldBe(0);
    }

    [Fact]
    public void Read_AssessmentIdDuplicatedAcrossPeople_EachRowNamesItsOwnPerson()
    {
        var result = _extract
            .WithAssessment("E000001", "A100", "2024-01-01")
            .WithAssessment("E000002", "A100", "2024-02-01")
            .WithAssessment("E000002", "A101", "2024-02-01").ReadOk();

        result.Rejections.Select(r => r.Reason).ShouldBe([RejectionReason.DuplicateKey, RejectionReason.DuplicateKey]);
        RejectedOf(result, "E000001").Select(r => (r.Kind, r.Line)).ShouldBe([(RecordKind.Assessment, 2)]);
        RejectedOf(result, "E000002").Select(r => (r.Kind, r.Line)).ShouldBe([(RecordKind.Assessment, 3)]);
        RejectedOf(result, "E000002")[0].Reason.ShouldBe("duplicate key: assessment_id A100 appears on 2 rows (lines 2 and 3)");
    }

    [Fact]
    public void Read_SentenceEventDuplicated_EveryRowNamesThePerson()
    {
        var result = _extract.WithSentence("E000001", "7", "SDS", "2020-01-01").WithSentence("E000001", "7", "IPP", "2010-01-01").ReadOk();

        RejectedOf(result, "E000001").Select(r => (r.Kind, r.Line)).ShouldBe([(RecordKind.Sentence, 2), (RecordKind.Sentence, 3)]);
    }

    [Fact]
    public void Read_RowsRejectedInEveryRecordFile_PersonsRowsByFileThenLine()
    {
        var result = _extract
            .WithOpdScreening("E000001", "2024-01-01", "MAYBE")
            .WithSentence("E000001", "1", "IPP", "yesterday")
            .WithAssessment("E000001", "A1", "2024-01-01", rosh: "EXTREME")
            .WithRegistration("E000001", "RHRH", "2024-01-01")
            .WithRegistration("E000001", "RHRH", "01/01/2024")
            .ReadOk();

        RejectedOf(result, "E000001").Select(r => (r.Kind, r.Line)).ShouldBe(
            [(RecordKind.Registration, 3), (RecordKind.Assessment, 2), (RecordKind.Sentence, 2), (RecordKind.OpdScreening, 2)]);
        // The accepted registration is still there: incomplete, not empty.
        result.Caseload.RecordsOf(0).Registrations.Length.ShouldBe(1);
    }

    [Fact]
    public void Read_PeopleOrStaffRowsRejected_NameNoOne()
    {
        var result = _extract.WithPerson("E000004", gender: "Q").WithStaff("").ReadOk();

        result.Rejections.ShouldNotBeEmpty();
        result.Caseload.RejectedRecordCount.ShouldBe(0);
    }
}
