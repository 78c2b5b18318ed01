using ComplexCases.Domain.People;
using ComplexCases.Domain.Screening;
using ComplexCases.Extracts.Reading;
using ComplexCases.TestSupport.Extracts;
using static ComplexCases.TestSupport.Extracts.ExtractFolderBuilder;

namespace ComplexCases.Extracts.Tests.Reading;

public class ExtractReaderValueTests
{
    [Theory]
    [InlineData("Y", Flag.Yes)]
    [InlineData("y", Flag.Yes)]
    [InlineData("YES", Flag.Yes)]
    [InlineData("Yes", Flag.Yes)]
    [InlineData("TRUE", Flag.Yes)]
    [InlineData("true", Flag.Yes)]
    [InlineData("1", Flag.Yes)]
    [InlineData("N", Flag.No)]
    [InlineData("n", Flag.No)]
    [InlineData("NO", Flag.No)]
    [InlineData("no", Flag.No)]
    [InlineData("FALSE", Flag.No)]
    [InlineData("False", Flag.No)]
    [InlineData("0", Flag.No)]
    [InlineData("", Flag.Unknown)]
    [InlineData(" ", Flag.Unknown)]
    public void Read_FlagSpelling_ReadAsFlag(string text, Flag expected)
    {
        using var extract = new ExtractFolderBuilder()
            .WithPerson("E000001", lao: text)
            .WithAssessment("E000001", "A1", "2024-01-01", alcoholNeed: text, drugNeed: text, learningDifficulties: text, mentalHealth: text, selfHarm: text)
            .WithOpdScreening("E000001", "2024-01-01", "SCREENED_OUT", overridden: text);

        var result = extract.ReadOk();

        result.Rejections.ShouldBeEmpty();
        result.Caseload[0].LimitedAccess.ShouldBe(expected == Flag.Yes);
        var records = result.Caseload.RecordsOf(0);
        var a = records.Assessments[0];
        new[] { a.AlcoholNeed, a.DrugNeed, a.LearningDifficulties, a.MentalHealthConcerns, a.SelfHarmConcerns }.ShouldAllBe(f => f == expected);
        records.OpdScreenings[0].Override.ShouldBe(expected);
    }

    [Theory]
    [InlineData("YE")]
    [InlineData("2")]
    [InlineData("T")]
    [InlineData("Y.")]
    public void Read_FlagNotAnAcceptedSpelling_RejectedMalformed(string text)
    {
        using var extract = new ExtractFolderBuilder().WithPerson("E000001", lao: text);

        extract.ReadOk().ShouldHaveOneRejection().ShouldBe(People, 2, "lao", RejectionReason.MalformedValue, text);
    }

    [Fact]
    public void Read_CodesInAnyCase_HeldUpperCase()
    {
        using var extract = new ExtractFolderBuilder()
            .WithPerson("E000001", pdu: "eoEnfk", region: "n07", gender: "f", team: "eoenfk1", practitioner: "n07p001")
            .WithStaff("n07p001", manager: "n07s001", grade: "pqip", pdu: "eoenfk", team: "eoenfk1")
            .WithStaff("N07S001", grade: "spo")
            .WithRegistration("E000001", "mapp", "2024-01-01", level: "m2")
            .WithAssessment("E000001", "A1", "2024-01-01", rosh: "very_high")
            .WithSentence("E000001", "1", "ipp", "2010-01-01")
            .WithOpdScreening("E000001", "2024-01-01", "Screened_In");

        var result = extract.ReadOk();

        result.Rejections.ShouldBeEmpty();
        result.Warnings.ShouldBeEmpty();
        var person = result.Caseload[0];
        (person.PduCode, person.RegionCode, person.Gender, person.TeamCode, person.PractitionerCode).ShouldBe(("EOENFK", "N07", "F", "EOENFK1", "N07P001"));
        var practitioner = result.Caseload.Staff["N07P001"];
        (practitioner.ManagerCode, practitioner.Grade, practitioner.PduCode, practitioner.TeamCode).ShouldBe(("N07S001", "PQiP", "EOENFK", "EOENFK1"));
        result.Caseload.Staff["N07S001"].Grade.ShouldBe("SPO");
        var records = result.Caseload.RecordsOf(0);
        (records.Registrations[0].Code, records.Registrations[0].LevelCode).ShouldBe(("MAPP", "M2"));
        records.Assessments[0].RoshOverall.ShouldBe(RoshLevel.VeryHigh);
        records.Sentences[0].SentenceType.ShouldBe("IPP");
        records.OpdScreenings[0].Result.ShouldBe(OpdResult.ScreenedIn);
    }

    [Fact]
    public void Read_RepeatedCodes_ShareOneStringInstance()
    {
        using var extract = new ExtractFolderBuilder()
            .WithPeople("E000001", "E000002")
            .WithRegistration("E000001", "rhrh", "2024-01-01")
            .WithRegistration("E000002", "RHRH", "2024-01-01");

        var caseload = extract.ReadOk().Caseload;

        ReferenceEquals(caseload.RecordsOf(0).Registrations[0].Code, caseload.RecordsOf(1).Registrations[0].Code).ShouldBeTrue();
        ReferenceEquals(caseload[0].PduCode, caseload[1].PduCode).ShouldBeTrue();
    }

    [Fact]
    public void Read_UnknownGradeAndRegisterCodes_KeptAsWritten()
    {
        using var extract = new ExtractFolderBuilder()
            .WithPerson("E000001")
            .WithStaff("S1", grade: "Trainee Officer")
            .WithRegistration("E000001", "zzzz", "2024-01-01");

        var result = extract.ReadOk();

        result.Caseload.Staff["S1"].Grade.ShouldBe("Trainee Officer");
        result.Caseload.RecordsOf(0).Registrations[0].Code.ShouldBe("ZZZZ");
    }

    [Fact]
    public void Read_FullRows_EveryFieldMapped()
    {
        using var extract = new ExtractFolderBuilder()
            .WithPerson("E123456", pdu: "EOENFK", region: "N07", forename: "Alex", surname: "Smith", dateOfBirth: "1980-02-29", gender: "X",
                regionName: "East of England", pduName: "Norfolk", team: "EOENFK1", teamName: "Norwich 1", practitioner: "N07P001", lao: "Y")
            .WithStaff("N07P001", forename: "Sam", surname: "Jones", email: "sam.jones@justice.gov.uk", grade: "PO", team: "EOENFK1", pdu: "EOENFK", manager: "N07P001")
            .WithRegistration("E123456", "MAPP", "2023-01-02", deregisteredOn: "2024-05-06", level: "M3", category: "M1", description: "MAPPA")
            .WithAssessment("E123456", "1234567", "2024-02-03", rosh: "MEDIUM", alcoholNeed: "N", drugNeed: "", alcoholScore: "4", drugScore: "0",
                learningDifficulties: "Y", mentalHealth: "N", selfHarm: "")
            .WithSentence("E123456", "3", "EDS", "2019-07-08", terminatedOn: "2030-01-01", description: "Extended")
            .WithOpdScreening("E123456", "2024-03-04", "SCREENED_OUT", overridden: "Y");

        var result = extract.ReadOk();

        result.Rejections.ShouldBeEmpty();
        result.Caseload[0].ShouldBe(new Person(Crn.Parse("E123456"), "EOENFK", "N07", 2)
        {
            Forename = "Alex",
            Surname = "Smith",
            DateOfBirth = new DateOnly(1980, 2, 29),
            Gender = "X",
            RegionName = "East of England",
            PduName = "Norfolk",
            TeamCode = "EOENFK1",
            TeamName = "Norwich 1",
            PractitionerCode = "N07P001",
            LimitedAccess = true,
        });
        result.Caseload.Staff["N07P001"].ShouldBe(new StaffMember("N07P001", "Sam", "Jones", 2)
        {
            Email = "sam.jones@justice.gov.uk",
            Grade = "PO",
            TeamCode = "EOENFK1",
            PduCode = "EOENFK",
            ManagerCode = "N07P001",
        });
        var records = result.Caseload.RecordsOf(0);
        records.Registrations[0].ShouldBe(new Registration("MAPP", "M3", new DateOnly(2023, 1, 2), new DateOnly(2024, 5, 6), 2));
        records.Assessments[0].ShouldBe(new Assessment("1234567", new DateOnly(2024, 2, 3), 2)
        {
            RoshOverall = RoshLevel.Medium,
            AlcoholNeed = Flag.No,
            DrugNeed = Flag.Unknown,
            AlcoholScore = 4,
            DrugScore = 0,
            LearningDifficulties = Flag.Yes,
            MentalHealthConcerns = Flag.No,
            SelfHarmConcerns = Flag.Unknown,
        });
        records.Sentences[0].ShouldBe(new Sentence("3", "EDS", new DateOnly(2019, 7, 8), new DateOnly(2030, 1, 1), 2));
        records.OpdScreenings[0].ShouldBe(new OpdScreening(new DateOnly(2024, 3, 4), OpdResult.ScreenedOut, Flag.Yes, 2));
    }

    [Theory]
    [InlineData("IPP")]
    [InlineData("DPP")]
    [InlineData("LIFE")]
    [InlineData("EDS")]
    [InlineData("SDS")]
    [InlineData("SOPC")]
    [InlineData("CO")]
    [InlineData("SSO")]
    [InlineData("OTHER")]
    public void Read_EverySentenceType_Accepted(string type)
    {
        using var extract = new ExtractFolderBuilder().WithPerson("E000001").WithSentence("E000001", "1", type.ToLowerInvariant(), "2020-01-01");

        extract.ReadOk().Caseload.RecordsOf(0).Sentences[0].SentenceType.ShouldBe(type);
    }

    [Theory]
    [InlineData("LOW", RoshLevel.Low)]
    [InlineData("medium", RoshLevel.Medium)]
    [InlineData("High", RoshLevel.High)]
    [InlineData("VERY_HIGH", RoshLevel.VeryHigh)]
    public void Read_EveryRoshLevel_Accepted(string text, RoshLevel expected)
    {
        using var extract = new ExtractFolderBuilder().WithPerson("E000001").WithAssessment("E000001", "A1", "2020-01-01", rosh: text);

        extract.ReadOk().Caseload.RecordsOf(0).Assessments[0].RoshOverall.ShouldBe(expected);
    }

    [Fact]
    public void Read_PractitionerNotInStaff_WarnedNotRejected()
    {
        using var extract = new ExtractFolderBuilder()
            .WithPerson("E000001", practitioner: "N07P404")
            .WithStaff("N07P001", manager: "N07S404");

        var result = extract.ReadOk();

        result.Rejections.ShouldBeEmpty();
        result.Warnings.ShouldBe(
        [
            new ExtractWarning(People, "practitioner_code 'N07P404' is not a staff code in staff.csv"),
            new ExtractWarning(Staff, "manager_code 'N07S404' is not a staff code in staff.csv"),
        ]);
    }
}
