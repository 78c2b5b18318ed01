using ComplexCases.Extracts.Reading;
using ComplexCases.TestSupport.Extracts;
using static ComplexCases.TestSupport.Extracts.ExtractFolderBuilder;

namespace ComplexCases.Extracts.Tests.Reading;

public class ExtractReaderKeyTests
{
    [Fact]
    public void Read_PeopleCrnTwice_BothRejectedAndTheirRecordsOrphaned()
    {
        using var extract = new ExtractFolderBuilder()
            .WithPerson("E000001").WithPerson("E000002").WithPerson("E000001", pdu: "OTHER")
            .WithRegistration("E000001", "RHRH", "2024-01-01");

        var result = extract.ReadOk();

        result.Caseload.People.ToArray().Select(p => p.Crn.ToString()).ShouldBe(["E000002"]);
        result.Rejections.Select(r => (r.File, r.Line, r.Reason)).ShouldBe(
            [(People, 2, RejectionReason.DuplicateKey), (People, 4, RejectionReason.DuplicateKey), (Registrations, 2, RejectionReason.Orphan)]);
        result.Rejections[2].Detail.ShouldBe("this CRN's row in people.csv (line 2) was rejected");
    }

    [Fact]
    public void Read_PeopleCrnTwiceButOneRowOtherwiseInvalid_OtherRowAccepted()
    {
        using var extract = new ExtractFolderBuilder().WithPerson("E000001", pdu: "").WithPerson("E000001");

        var result = extract.ReadOk();

        result.ShouldHaveOneRejection().ShouldBe(People, 2, "pdu_code", RejectionReason.MissingRequiredValue, "");
        result.Caseload[0].Line.ShouldBe(3);
    }

    [Fact]
    public void Read_StaffCodeTwice_EveryRowRejected()
    {
        using var extract = new ExtractFolderBuilder()
            .WithStaff("N07P001", forename: "Ann")
            .WithStaff("N07P002")
            .WithStaff("n07p001", forename: "Bob");

        var result = extract.ReadOk();

        result.Rejections.Count.ShouldBe(2);
        result.Rejections[0].ShouldBe(Staff, 2, "staff_code", RejectionReason.DuplicateKey, "N07P001");
        result.Rejections[1].ShouldBe(Staff, 4, "staff_code", RejectionReason.DuplicateKey, "N07P001");
        result.Caseload.Staff.Keys.ShouldBe(["N07P002"]);
    }

    [Fact]
    public void Read_AssessmentIdTwice_EveryRowRejectedEvenAcrossPeople()
    {
        using var extract = new ExtractFolderBuilder()
            .WithPeople("E000001", "E000002")
            .WithAssessment("E000001", "A100", "2024-01-01")
            .WithAssessment("E000002", "A100", "2024-02-01")
            .WithAssessment("E000001", "A101", "2024-03-01")
            .WithAssessment("E000002", "A100", "2024-04-01");

        var result = extract.ReadOk();

        result.Rejections.Select(r => (r.Line, r.Column, r.Reason, r.Value)).ShouldBe(
        [
            (2, "assessment_id", RejectionReason.DuplicateKey, "A100"),
            (3, "assessment_id", RejectionReason.DuplicateKey, "A100"),
            (5, "assessment_id", RejectionReason.DuplicateKey, "A100"),
        ]);
        result.Rejections[0].Detail.ShouldBe("assessment_id A100 appears on 3 rows (lines 2, 3 and 5)");
        result.Caseload.RecordsOf(0).Assessments.ToArray().Select(a => a.AssessmentId).ShouldBe(["A101"]);
        result.Caseload.RecordsOf(1).Assessments.Length.ShouldBe(0);
    }

    [Fact]
    public void Read_AssessmentIdCase_Significant()
    {
        using var extract = new ExtractFolderBuilder()
            .WithPerson("E000001")
            .WithAssessment("E000001", "a100", "2024-01-01")
            .WithAssessment("E000001", "A100", "2024-02-01");

        extract.ReadOk().Caseload.RecordsOf(0).Assessments.Length.ShouldBe(2);
    }

    [Fact]
    public void Read_AssessmentIdTwiceButOneIsOrphan_OtherAccepted()
    {
        using var extract = new ExtractFolderBuilder()
            .WithPerson("E000001")
            .WithAssessment("E000009", "A100", "2024-01-01")
            .WithAssessment("E000001", "A100", "2024-02-01");

        var result = extract.ReadOk();

        result.ShouldHaveOneRejection().ShouldBe(Assessments, 2, "crn", RejectionReason.Orphan, "E00****");
        result.Caseload.RecordsOf(0).Assessments.Length.ShouldBe(1);
    }

    [Fact]
    public void Read_EventNumberTwiceForOnePerson_EveryRowRejected()
    {
        using var extract = new ExtractFolderBuilder()
            .WithPeople("E000001", "E000002")
            .WithSentence("E000001", "1", "IPP", "2010-01-01")
            .WithSentence("E000002", "1", "SDS", "2011-01-01")
            .WithSentence("E000001", "2", "SDS", "2012-01-01")
            .WithSentence("E000001", "1", "CO", "2013-01-01");

        var result = extract.ReadOk();

        result.Rejections.Count.ShouldBe(2);
        result.Rejections[0].ShouldBe(Sentences, 2, "event_number", RejectionReason.DuplicateKey, "1");
        result.Rejections[1].ShouldBe(Sentences, 5, "event_number", RejectionReason.DuplicateKey, "1");
        result.Rejections[0].Detail.ShouldBe("event_number 1 of E00**** appears on 2 rows (lines 2 and 5)");
        result.Caseload.RecordsOf(0).Sentences.ToArray().Select(s => s.EventNumber).ShouldBe(["2"]);
        result.Caseload.RecordsOf(1).Sentences.ToArray().Select(s => s.EventNumber).ShouldBe(["1"]);
    }

    [Fact]
    public void Read_PersonWithManySentencesAndRepeatedEventNumbers_EveryRepeatedRowRejected()
    {
        using var extract = new ExtractFolderBuilder().WithPerson("E000001");
        for (var i = 1; i <= 40; i++) extract.WithSentence("E000001", (i % 30).ToString(System.Globalization.CultureInfo.InvariantCulture), "SDS", "2020-01-01");

        var result = extract.ReadOk();

        result.Rejections.Count.ShouldBe(20);
        result.Rejections.ShouldAllBe(r => r.Reason == RejectionReason.DuplicateKey && r.Column == "event_number");
        result.Caseload.RecordsOf(0).Sentences.Length.ShouldBe(20);
        result.Rejections.First(r => r.Value == "1").Detail.ShouldBe("event_number 1 of E00**** appears on 2 rows (lines 2 and 32)");
    }

    [Fact]
    public void Read_RecordsOfUnknownCrn_RejectedAsOrphansInEveryFile()
    {
        using var extract = new ExtractFolderBuilder()
            .WithPerson("E000001")
            .WithRegistration("X000001", "RHRH", "2024-01-01")
            .WithAssessment("X000001", "A1", "2024-01-01")
            .WithSentence("X000001", "1", "IPP", "2024-01-01")
            .WithOpdScreening("X000001", "2024-01-01", "SCREENED_IN");

        var result = extract.ReadOk();

        result.Rejections.Select(r => (r.File, r.Line, r.Column, r.Reason, r.Value)).ShouldBe(
        [
            (Registrations, 2, "crn", RejectionReason.Orphan, "X00****"),
            (Assessments, 2, "crn", RejectionReason.Orphan, "X00****"),
            (Sentences, 2, "crn", RejectionReason.Orphan, "X00****"),
            (OpdScreenings, 2, "crn", RejectionReason.Orphan, "X00****"),
        ]);
        result.Caseload.RecordCount.ShouldBe(0);
    }

    [Fact]
    public void Read_PersonRejectedForBadValue_TheirRecordsAreOrphansNamingTheRejection()
    {
        using var extract = new ExtractFolderBuilder()
            .WithPerson("E000001")
            .WithPerson("E000002", lao: "perhaps")
            .WithRegistration("E000002", "RHRH", "2024-01-01")
            .WithRegistration("E000001", "RHRH", "2024-01-01");

        var result = extract.ReadOk();

        result.Rejections.Count.ShouldBe(2);
        result.Rejections[0].ShouldBe(People, 3, "lao", RejectionReason.MalformedValue, "perhaps");
        result.Rejections[1].ShouldBe(Registrations, 2, "crn", RejectionReason.Orphan, "E00****");
        result.Rejections[1].Detail.ShouldBe("this CRN's row in people.csv (line 3) was rejected");
        result.Caseload.RecordsOf(0).Registrations.Length.ShouldBe(1);
    }

    [Fact]
    public void Read_RecordsOfManyPeople_GroupedByPersonInFileOrder()
    {
        using var extract = new ExtractFolderBuilder()
            .WithPeople("E000003", "A000001", "E000002")
            .WithRegistration("E000002", "RHRH", "2024-01-01")
            .WithRegistration("A000001", "MAPP", "2024-01-02")
            .WithRegistration("E000002", "ALSH", "2024-01-03")
            .WithRegistration("E000003", "RMDO", "2024-01-04");

        var result = extract.ReadOk();

        var caseload = result.Caseload;
        caseload.People.ToArray().Select(p => p.Crn.ToString()).ShouldBe(["A000001", "E000002", "E000003"]);
        caseload.RecordsOf(0).Registrations.ToArray().Select(r => r.Code).ShouldBe(["MAPP"]);
        caseload.RecordsOf(1).Registrations.ToArray().Select(r => r.Code).ShouldBe(["RHRH", "ALSH"]);
        caseload.RecordsOf(2).Registrations.ToArray().Select(r => r.Code).ShouldBe(["RMDO"]);
    }
}
