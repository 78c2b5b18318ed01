using ComplexCases.Extracts.Reading;
using ComplexCases.TestSupport.Extracts;
using static ComplexCases.TestSupport.Extracts.ExtractFolderBuilder;

namespace ComplexCases.Extracts.Tests.Reading;

public class ExtractReaderFileTests
{
    [Fact]
    public void Read_FolderMissing_FailsNamingTheFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "no-such-extract-" + Guid.NewGuid().ToString("N"));

        var outcome = ExtractReader.Read(folder);

        outcome.Succeeded.ShouldBeFalse();
        outcome.Result.ShouldBeNull();
        outcome.Error.ShouldBe(new ExtractError(null, $"the extract folder '{folder}' does not exist"));
    }

    [Fact]
    public void Read_PeopleFileMissing_Fails()
    {
        using var extract = new ExtractFolderBuilder().WithoutFile(People).WithRegistration("E000001", "RHRH", "2024-01-01");

        var error = extract.ReadFails();

        error.ShouldBe(new ExtractError(People, "people.csv is missing from the extract folder"));
    }

    [Fact]
    public void Read_PeopleFileZeroBytes_FailsWithNoHeader()
    {
        using var extract = new ExtractFolderBuilder().WithRawFile(People, "");

        extract.ReadFails().ShouldBe(new ExtractError(People, "people.csv has no header"));
    }

    [Fact]
    public void Read_PeopleRequiredColumnMissing_FailsNamingFileAndColumn()
    {
        using var extract = new ExtractFolderBuilder()
            .WithColumns(People, "crn", "region_code", "forename")
            .WithPerson("E000001");

        extract.ReadFails().ShouldBe(new ExtractError(People, "people.csv: required column 'pdu_code' is missing"));
    }

    [Fact]
    public void Read_SeveralRequiredColumnsMissing_FailsNamingThemAll()
    {
        using var extract = new ExtractFolderBuilder().WithColumns(People, "crn", "forename");

        extract.ReadFails().Message.ShouldBe("people.csv: required columns 'region_code', 'pdu_code' are missing");
    }

    [Fact]
    public void Read_OptionalFileRequiredColumnMissing_FailsBeforeAnyRowIsRead()
    {
        using var extract = new ExtractFolderBuilder()
            .WithPerson("E000001")
            .WithColumns(OpdScreenings, "crn", "screened_on", "outcome")
            .WithOpdScreening("E000001", "2024-01-01", "SCREENED_IN");

        extract.ReadFails().ShouldBe(new ExtractError(OpdScreenings, "opd_screenings.csv: required column 'result' is missing"));
    }

    [Fact]
    public void Read_RequiredColumnMissingInLaterFileWithBadRowsEarlier_StillFailsOnTheColumn()
    {
        using var extract = new ExtractFolderBuilder()
            .WithPerson("bad")
            .WithColumns(Sentences, "crn", "event_number", "sentence_type");

        extract.ReadFails().ShouldBe(new ExtractError(Sentences, "sentences.csv: required column 'sentenced_on' is missing"));
    }

    [Fact]
    public void Read_ColumnNamedTwice_Fails()
    {
        using var extract = new ExtractFolderBuilder().WithColumns(People, "crn", "region_code", "pdu_code", "CRN");

        extract.ReadFails().ShouldBe(new ExtractError(People, "people.csv: column 'crn' appears more than once in the header"));
    }

    [Fact]
    public void Read_OptionalFilesMissing_ZeroRowsAndNotPresent()
    {
        using var extract = new ExtractFolderBuilder()
            .WithPerson("E000001")
            .WithoutFile(Staff).WithoutFile(Registrations).WithoutFile(Assessments).WithoutFile(Sentences).WithoutFile(OpdScreenings);

        var result = extract.ReadOk();

        result.Files.Select(f => f.FileName).ShouldBe(ExtractFiles.All);
        result.Files.Skip(1).ShouldAllBe(f => !f.Present && f.RowsRead == 0 && f.RowsAccepted == 0 && f.RowsRejected == 0);
        result.File(People).ShouldBe(new FileReport(People, true, 1, 1, 0));
        result.Caseload.Count.ShouldBe(1);
        result.Caseload.RecordCount.ShouldBe(0);
        result.Caseload.Staff.ShouldBeEmpty();
        result.Warnings.ShouldBeEmpty();
    }

    [Fact]
    public void Read_OptionalFileHeaderOnly_PresentWithZeroRows()
    {
        using var extract = new ExtractFolderBuilder().WithPerson("E000001");

        var result = extract.ReadOk();

        result.File(Registrations).ShouldBe(new FileReport(Registrations, true, 0, 0, 0));
        result.Warnings.ShouldBeEmpty();
    }

    [Fact]
    public void Read_OptionalFileZeroBytes_ZeroRowsWithWarning()
    {
        using var extract = new ExtractFolderBuilder().WithPerson("E000001").WithRawFile(Assessments, "");

        var result = extract.ReadOk();

        result.File(Assessments).ShouldBe(new FileReport(Assessments, true, 0, 0, 0));
        result.Warnings.ShouldBe([new ExtractWarning(Assessments, "the file is empty")]);
    }

    [Fact]
    public void Read_PeopleHeaderOnly_EmptyCaseload()
    {
        using var extract = new ExtractFolderBuilder();

        var result = extract.ReadOk();

        result.Caseload.Count.ShouldBe(0);
        result.RowsRead.ShouldBe(0);
    }

    [Fact]
    public void Read_FileNameInOtherCase_Found()
    {
        using var extract = new ExtractFolderBuilder()
            .WithoutFile(People)
            .WithRawFile("People.CSV", "crn,region_code,pdu_code\nE000001,N07,EOENFK\n");

        extract.ReadOk().Caseload.Count.ShouldBe(1);
    }

    [Fact]
    public void Read_OtherFilesInFolder_Ignored()
    {
        using var extract = new ExtractFolderBuilder().WithPerson("E000001").WithRawFile("readme.txt", "hello");

        var result = extract.ReadOk();

        result.Warnings.ShouldBeEmpty();
        result.Files.Count.ShouldBe(6);
    }

    [Fact]
    public void Read_Counts_SummedOverFiles()
    {
        using var extract = new ExtractFolderBuilder()
            .WithPeople("E000001", "E000002")
            .WithPerson("bad")
            .WithRegistration("E000001", "RHRH", "2024-01-01")
            .WithRegistration("E000009", "RHRH", "2024-01-01")
            .WithStaff("S1");

        var result = extract.ReadOk();

        (result.RowsRead, result.RowsAccepted, result.RowsRejected).ShouldBe((6, 4, 2));
    }

    [Fact]
    public void Read_WithProgress_ReportsEachPresentFileToTheEnd()
    {
        using var extract = new ExtractFolderBuilder().WithPerson("E000001").WithoutFile(Staff);
        var reports = new List<ExtractProgress>();
        var progress = new SynchronousProgress(reports);

        ExtractReader.Read(extract.Build(), progress).Succeeded.ShouldBeTrue();

        var last = reports.GroupBy(r => r.File).ToDictionary(g => g.Key, g => g.Last());
        last.Keys.Order().ShouldBe(ExtractFiles.All.Where(f => f != Staff).Order());
        last.Values.ShouldAllBe(r => r.BytesRead == r.TotalBytes && r.TotalBytes > 0);
    }

    [Fact]
    public void Read_Cancelled_Throws()
    {
        using var extract = new ExtractFolderBuilder().WithPerson("E000001");
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Should.Throw<OperationCanceledException>(() => ExtractReader.Read(extract.Build(), cancellationToken: cancellation.Token));
    }

    private sealed class SynchronousProgress(List<ExtractProgress> reports) : IProgress<ExtractProgress>
    {
        public void Report(ExtractProgress value)
        {
            lock (reports) reports.Add(value);
        }
    }
}
