using ComplexCases.TestSupport.Extracts;

namespace ComplexCases.Application.Tests.Screening;

/// <summary>People written into an extract who meet a known number of criteria without any assessment.</summary>
internal static class ExtractPeople
{
    /// <summary>Six criteria met from registrations, an OPD screening and an IPP sentence: complex under the pilot.</summary>
    public static ExtractFolderBuilder WithComplexPerson(this ExtractFolderBuilder extract, string crn, string pdu = "EOENFK", string practitioner = "P001", string lao = "N") =>
        extract.WithPerson(crn, pdu: pdu, practitioner: practitioner, lao: lao)
            .WithRegistration(crn, "RVHR", "2023-01-01")
            .WithRegistration(crn, "RMDO", "2023-01-01")
            .WithRegistration(crn, "ALSH", "2023-01-01")
            .WithRegistration(crn, "MAPP", "2023-01-01", level: "M3", category: "M2")
            .WithOpdScreening(crn, "2023-02-01", "SCREENED_IN")
            .WithSentence(crn, "1", "IPP", "2010-05-01")
            .WithAssessment(crn, "A-" + crn, "2024-01-10", alcoholNeed: "N", drugNeed: "N", learningDifficulties: "N");

    /// <summary>Meets nothing: an up-to-date assessment answering no to everything.</summary>
    public static ExtractFolderBuilder WithOrdinaryPerson(this ExtractFolderBuilder extract, string crn, string pdu = "EOENFK") =>
        extract.WithPerson(crn, pdu: pdu)
            .WithAssessment(crn, "A-" + crn, "2024-03-01", rosh: "LOW", alcoholNeed: "N", drugNeed: "N",
                learningDifficulties: "N", mentalHealth: "N", selfHarm: "N");

    public static ExtractFolderBuilder WithStaffTeam(this ExtractFolderBuilder extract) =>
        extract.WithStaff("S001", forename: "Sam", surname: "Senior", grade: "SPO")
            .WithStaff("P001", forename: "Pat", surname: "Practitioner", grade: "PO", manager: "S001");
}
