using System.Text;
using ComplexCases.Extracts.Reading;
using ComplexCases.TestSupport.Extracts;
using static ComplexCases.TestSupport.Extracts.ExtractFolderBuilder;

namespace ComplexCases.Extracts.Tests.Reading;

public class ExtractReaderCsvTests
{
    [Fact]
    public void Read_QuotedFieldsWithCommasQuotesAndNewlines_ReadAsWrittenWithRightLineNumbers()
    {
        using var extract = new ExtractFolderBuilder().WithRawFile(People,
            "crn,forename,surname,region_code,pdu_code,team_name\n" +
            "E000001,Alex,\"Smith, Jr\",N07,EOENFK,\n" +
            "E000002,\"Jo \"\"JJ\"\"\",Brown,N07,EOENFK,\n" +
            "E000003,Sam,Jones,N07,EOENFK,\"Norwich\nsecond line\r\nthird line\"\n" +
            "E000004,Kim,Lee,N07,EOENFK,Norwich 2\n" +
            "e000005,Bad,Crn,N07,EOENFK,\n");

        var result = extract.ReadOk();

        var people = result.Caseload.People.ToArray();
        people.Select(p => (p.Crn.ToString(), p.Line)).ShouldBe([("E000001", 2), ("E000002", 3), ("E000003", 4), ("E000004", 7)]);
        people[0].Surname.ShouldBe("Smith, Jr");
        people[1].Forename.ShouldBe("Jo \"JJ\"");
        people[2].TeamName.ShouldBe("Norwich\nsecond line\r\nthird line");
        result.ShouldHaveOneRejection().ShouldBe(People, 8, "crn", RejectionReason.MalformedValue, "e00****");
    }

    [Fact]
    public void Read_CrLfLineEndings_SameAsLf()
    {
        using var extract = new ExtractFolderBuilder().WithLineEnding("\r\n").WithPeople("E000001", "E000002");

        var result = extract.ReadOk();

        result.Caseload.People.ToArray().Select(p => p.Line).ShouldBe([2, 3]);
        result.Caseload[0].LimitedAccess.ShouldBeFalse();
        result.Caseload[1].PduCode.ShouldBe("EOENFK");
    }

    [Fact]
    public void Read_Utf8Names_KeptExactly()
    {
        using var extract = new ExtractFolderBuilder()
            .WithPerson("E000001", forename: "Zoë", surname: "Ó Súilleabháin")
            .WithPerson("E000002", forename: "Siân", surname: "Łukasz-Nguyễn");

        var result = extract.ReadOk();

        result.Caseload[0].Forename.ShouldBe("Zoë");
        result.Caseload[0].Surname.ShouldBe("Ó Súilleabháin");
        result.Caseload[1].Forename.ShouldBe("Siân");
        result.Caseload[1].Surname.ShouldBe("Łukasz-Nguyễn");
    }

    [Fact]
    public void Read_FilesWithByteOrderMark_HeaderRecognised()
    {
        using var extract = new ExtractFolderBuilder().WithBom().WithPerson("E000001", forename: "Zoë").WithRegistration("E000001", "RHRH", "2024-01-01");

        var result = extract.ReadOk();

        File.ReadAllBytes(extract.PathOf(People))[..3].ShouldBe(Encoding.UTF8.Preamble.ToArray());
        result.Warnings.ShouldBeEmpty();
        result.Rejections.ShouldBeEmpty();
        result.Caseload[0].Forename.ShouldBe("Zoë");
        result.Caseload.RecordCount.ShouldBe(1);
    }

    [Fact]
    public void Read_InvalidUtf8_FailsNamingTheFile()
    {
        using var extract = new ExtractFolderBuilder()
            .WithRawFile(People, [.. "crn,region_code,pdu_code\nE000001,N07,EOENFK,Zo"u8, 0xEB, .. "\n"u8]);

        var error = extract.ReadFails();

        error.File.ShouldBe(People);
        error.Message.ShouldBe("people.csv is not valid UTF-8 text");
    }

    [Fact]
    public void Read_HeaderInAnyCaseAndOrder_ColumnsMatched()
    {
        using var extract = new ExtractFolderBuilder()
            .WithColumns(People, "PDU_CODE", " Surname ", "Crn", "Region_Code", "LAO")
            .WithPerson("E000001", pdu: "EOENFK", surname: "Smith", region: "N07", lao: "Y")
            .WithColumns(Registrations, "Registered_On", "REGISTER_CODE", "crn")
            .WithRegistration("E000001", "RHRH", "2024-01-01");

        var result = extract.ReadOk();

        result.Rejections.ShouldBeEmpty();
        result.Warnings.ShouldBeEmpty();
        var person = result.Caseload[0];
        (person.PduCode, person.RegionCode, person.Surname, person.LimitedAccess, person.Forename).ShouldBe(("EOENFK", "N07", "Smith", true, null));
        result.Caseload.RecordsOf(0).Registrations[0].Code.ShouldBe("RHRH");
    }

    [Fact]
    public void Read_UnknownColumn_WarnsAndStillAcceptsRow()
    {
        using var extract = new ExtractFolderBuilder()
            .WithRow(People, ("crn", "E000001"), ("region_code", "N07"), ("pdu_code", "EOENFK"), ("favourite_colour", "blue"));

        var result = extract.ReadOk();

        result.Warnings.ShouldBe([new ExtractWarning(People, "unknown column 'favourite_colour' ignored")]);
        result.File(People).RowsAccepted.ShouldBe(1);
    }

    [Fact]
    public void Read_ManyUnknownColumns_OneWarningNamingTheFirstTen()
    {
        var cells = new List<(string, string?)> { ("crn", "E000001"), ("region_code", "N07"), ("pdu_code", "EOENFK") };
        for (var i = 0; i < 500; i++) cells.Add(($"extra_{i}", "x"));
        using var extract = new ExtractFolderBuilder().WithRow(People, [.. cells]);

        var result = extract.ReadOk();

        var warning = result.Warnings.ShouldHaveSingleItem();
        warning.Message.ShouldStartWith("500 unknown columns ignored: 'extra_0', 'extra_1'");
        warning.Message.ShouldEndWith("and 490 more");
    }

    [Fact]
    public void Read_Utf16File_IsFatalNotSilentlyDecoded()
    {
        using var extract = new ExtractFolderBuilder()
            .WithRawFile(People, Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("crn,region_code,pdu_code\nE000001,N07,EOENFK\n")).ToArray());

        var outcome = ExtractReader.Read(extract.Build());

        outcome.Succeeded.ShouldBeFalse();
        outcome.Error!.Message.ShouldContain("people.csv is not UTF-8");
    }

    [Fact]
    public void Read_CellsWithSurroundingSpaces_Trimmed()
    {
        using var extract = new ExtractFolderBuilder().WithRawFile(People,
            "crn , region_code,pdu_code,forename,lao\n  E000001 ,\tN07 , eoenfk ,\"  Alex  \", y \n");

        var result = extract.ReadOk();

        result.Rejections.ShouldBeEmpty();
        var person = result.Caseload[0];
        (person.Crn.ToString(), person.RegionCode, person.PduCode, person.Forename, person.LimitedAccess).ShouldBe(("E000001", "N07", "EOENFK", "Alex", true));
    }

    [Fact]
    public void Read_QuotedCellsWithSpacesOutsideTheQuotes_Unquoted()
    {
        using var extract = new ExtractFolderBuilder().WithRawFile(People,
            "crn, \"region_code\" ,pdu_code,surname,forename\nE000001, \"N07\" ,EOENFK,  \"Smith, Jr\"  , \"Say \"\"hi\"\"\"\n");

        var result = extract.ReadOk();

        result.Rejections.ShouldBeEmpty();
        result.Warnings.ShouldBeEmpty();
        (result.Caseload[0].RegionCode, result.Caseload[0].Surname, result.Caseload[0].Forename).ShouldBe(("N07", "Smith, Jr", "Say \"hi\""));
    }

    [Fact]
    public void Read_EmptyCells_AreNoValue()
    {
        using var extract = new ExtractFolderBuilder()
            .WithPerson("E000001", forename: null, surname: "", dateOfBirth: null, gender: null, team: null, practitioner: null, lao: null)
            .WithRegistration("E000001", "MAPP", "2024-01-01", deregisteredOn: null, level: null);

        var result = extract.ReadOk();

        var person = result.Caseload[0];
        (person.Forename, person.Surname, person.DateOfBirth, person.Gender, person.TeamCode, person.PractitionerCode, person.LimitedAccess)
            .ShouldBe((null, null, null, null, null, null, false));
        var registration = result.Caseload.RecordsOf(0).Registrations[0];
        (registration.LevelCode, registration.DeregisteredOn).ShouldBe((null, null));
    }

    [Fact]
    public void Read_BlankLines_SkippedWithWarningAndNotCounted()
    {
        using var extract = new ExtractFolderBuilder().WithRawFile(People, "crn,region_code,pdu_code\nE000001,N07,EOENFK\n\n   \nE000002,N07,EOENFK\n\n");

        var result = extract.ReadOk();

        result.File(People).RowsRead.ShouldBe(2);
        result.Caseload.People.ToArray().Select(p => p.Line).ShouldBe([2, 5]);
        result.Warnings.ShouldBe([new ExtractWarning(People, "3 blank line(s) ignored")]);
    }

    [Fact]
    public void Read_QuoteNeverClosed_RestOfFileRejectedAsOneRow()
    {
        using var extract = new ExtractFolderBuilder().WithRawFile(People,
            "crn,region_code,pdu_code,forename\nE000001,N07,EOENFK,Sam\nE000002,N07,EOENFK,\"Alex\nE000003,N07,EOENFK,Sam\n");

        var result = extract.ReadOk();

        var rejection = result.ShouldHaveOneRejection();
        rejection.ShouldBe(People, 3, "", RejectionReason.WrongNumberOfFields, "4");
        rejection.Detail.ShouldBe("a quote is never closed, so lines 3-5 (to the end of the file) read as one row");
        result.File(People).ShouldBe(new FileReport(People, true, 2, 1, 1));
    }

    [Fact]
    public void Read_QuoteInsideUnquotedField_RestOfFileRejectedAsOneRow()
    {
        using var extract = new ExtractFolderBuilder().WithRawFile(People,
            "crn,region_code,pdu_code,surname\nE000001,N07,EOENFK,O\"Brien\nE000002,N07,EOENFK,Sam\n");

        var result = extract.ReadOk();

        result.ShouldHaveOneRejection().ShouldBe(People, 2, "", RejectionReason.WrongNumberOfFields, "4");
        result.Caseload.Count.ShouldBe(0);
    }

    [Fact]
    public void Read_QuoteNeverClosedBeforeMillionsOfCharacters_FailsNamingFileAndLine()
    {
        var text = new StringBuilder("crn,register_code,registered_on\nE000001,RHRH,2024-01-01\nE000001,\"RHRH");
        text.Append('x', 17_000_000);
        using var extract = new ExtractFolderBuilder().WithPerson("E000001").WithRawFile(Registrations, text.ToString());

        var error = extract.ReadFails();

        error.ShouldBe(new ExtractError(Registrations, "registrations.csv: from line 3 on, the text cannot be split into rows (a quote is probably never closed)"));
    }
}
