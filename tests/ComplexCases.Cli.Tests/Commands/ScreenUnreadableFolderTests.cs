using ComplexCases.TestSupport.Extracts;

namespace ComplexCases.Cli.Tests.Commands;

/// <summary>
/// An extract folder the program may not read is a one-line refusal (exit 2), not a crash with a stack trace, and stores
/// nothing. Run as a child process; as root (which reads any folder), without the two capabilities that let it, as an
/// ordinary account would run it.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ScreenUnreadableFolderTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly ExtractFolderBuilder _extract = new();

    public void Dispose()
    {
        _extract.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public async Task Screen_FolderThatCannotBeRead_IsRefusedInOneLine_AndStoresNothing()
    {
        var folder = _extract.WithPerson("E000001").Build();
        var mode = File.GetUnixFileMode(folder);
        File.SetUnixFileMode(folder, UnixFileMode.None);
        try
        {
            var info = CliRun.ChildProcess("screen", "--extract", folder, "--as-of", "2024-09-01", "--out", _temp["out"], "--db", _temp["cc.db"]);
            if (Environment.IsPrivilegedProcess)
            {
                // Root reads any folder through CAP_DAC_OVERRIDE / CAP_DAC_READ_SEARCH: drop both for the child.
                info.ArgumentList.Insert(0, info.FileName);
                info.ArgumentList.Insert(0, "--bounding-set=-dac_override,-dac_read_search");
                info.FileName = "setpriv";
            }
            using var process = System.Diagnostics.Process.Start(info)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();

            process.ExitCode.ShouldBe(2, error + await output);
            error.ShouldContain("cannot be read");
            error.Trim().Split('\n').Length.ShouldBe(1, error);
            error.ShouldNotContain("   at ");
            File.Exists(_temp["cc.db"]).ShouldBeFalse();
            Directory.Exists(_temp["out"]).ShouldBeFalse();
        }
        finally
        {
            File.SetUnixFileMode(folder, mode);
        }
    }
}
