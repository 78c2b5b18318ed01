using System.Runtime.InteropServices;
using ComplexCases.Extracts.Reading;
using ComplexCases.TestSupport.Extracts;
using static ComplexCases.TestSupport.Extracts.ExtractFolderBuilder;

namespace ComplexCases.Extracts.Tests.Reading;

/// <summary>Where a CSV file should be, anything but one file is an error naming it: never "missing", never a hang.</summary>
public partial class ExtractReaderNonFileTests
{
    [Fact]
    public void Read_FolderWhereAnOptionalFileShouldBe_FailsNamingIt()
    {
        using var extract = new ExtractFolderBuilder().WithPerson("E000001").WithoutFile(Registrations);
        Directory.CreateDirectory(Path.Combine(extract.Build(), "registrations.csv"));

        ExtractReader.Read(extract.Folder).Error.ShouldBe(new ExtractError(Registrations, "registrations.csv in the extract folder is a folder, not a file"));
    }

    [Fact]
    public void Read_FolderWhereThePeopleFileShouldBe_FailsNamingItNotAsMissing()
    {
        using var extract = new ExtractFolderBuilder().WithoutFile(People);
        Directory.CreateDirectory(Path.Combine(extract.Build(), "People.csv"));

        ExtractReader.Read(extract.Folder).Error!.Message.ShouldBe("People.csv in the extract folder is a folder, not a file");
    }

    [Fact]
    public async Task Read_PipeWhereAFileShouldBe_FailsNamingItWithoutWaitingForAWriter()
    {
        using var extract = new ExtractFolderBuilder().WithPerson("E000001").WithoutFile(Assessments);
        var fifo = Path.Combine(extract.Build(), "assessments.csv");
        MakeFifo(fifo, Convert.ToUInt32("600", 8)).ShouldBe(0, $"mkfifo failed: {Marshal.GetLastPInvokeError()}");

        // Reading must not wait for someone to write into the pipe.
        var read = await Task.Run(() => ExtractReader.Read(extract.Folder)).WaitAsync(TimeSpan.FromSeconds(30));

        read.Error.ShouldBe(new ExtractError(Assessments,
            "assessments.csv in the extract folder is not a regular file (a pipe, socket or device); export it as a file"));
    }

    [Fact]
    public void Read_TwoFilesWhoseNamesDifferOnlyInCase_FailsNamingBoth()
    {
        using var extract = new ExtractFolderBuilder()
            .WithoutFile(People)
            .WithRawFile("People.csv", "crn,region_code,pdu_code\nE000001,N07,EOENFK\n")
            .WithRawFile("PEOPLE.CSV", "crn,region_code,pdu_code\nE000002,N07,EOENFK\n");

        extract.ReadFails().ShouldBe(new ExtractError(People,
            "the extract folder holds 'PEOPLE.CSV' and 'People.csv', whose names differ only in case; keep only one"));
    }

    [LibraryImport("libc", EntryPoint = "mkfifo", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int MakeFifo(string path, uint mode);
}
