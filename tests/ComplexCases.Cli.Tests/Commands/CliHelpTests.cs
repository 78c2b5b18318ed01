using System.Diagnostics;
using ComplexCases.Application.Screening;
using ComplexCases.Cli.Commands;
using ComplexCases.TestSupport.Extracts;
using Spectre.Console;

namespace ComplexCases.Cli.Tests.Commands;

/// <summary>The command line helps: a typo is named with its nearest command, every problem is said at once, help has examples.</summary>
public sealed partial class CliHelpTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly List<IDisposable> _cleanup = [];

    public void Dispose()
    {
        foreach (var item in _cleanup) item.Dispose();
        _temp.Dispose();
    }

    [Theory]
    [InlineData("scren", "screen")]
    [InlineData("generat", "generate")]
    [InlineData("adit", "audit")]
    public void UnknownCommand_IsNamedWithTheNearestCommand(string typed, string nearest)
    {
        var run = CliRun.InProcess(typed, "--extract", "x");

        run.ExitCode.ShouldBe(2);
        run.Error.ShouldStartWith($"error: '{typed}' is not a command; did you mean '{nearest}'?");
        run.Error.ShouldNotContain("Required command was not provided");
    }

    [Fact]
    public void UnknownCommandFarFromAny_IsNamedWithTheCommandsThereAre()
    {
        var run = CliRun.InProcess("frobnicate");

        run.ExitCode.ShouldBe(2);
        run.Error.ShouldBe("error: 'frobnicate' is not a command (commands: screen, generate, audit, outcomes, evaluate, compare, migrate, admin, backup, restore, retention; see 'complexcases --help')\n");
    }

    [Fact]
    public void Screen_SeveralMissingAndBadOptions_AreAllReportedAtOnceOnOneLine()
    {
        var run = CliRun.InProcess("screen", "--as-of", "01/09/2024", "--bogus");

        run.ExitCode.ShouldBe(2);
        run.Error.ShouldContain("'--bogus'");
        run.Error.ShouldContain("'--extract' is required");
        run.Error.ShouldContain("--as-of: '01/09/2024' is not a date in the form yyyy-MM-dd");
        run.Error.ShouldEndWith("(see 'complexcases screen --help')\n");
        run.Error.TrimEnd('\n').ShouldNotContain('\n');
    }

    [Theory]
    [InlineData("screen", "complexcases screen --extract")]
    [InlineData("generate", "complexcases generate --people")]
    [InlineData("audit", "complexcases audit verify")]
    [InlineData("backup", "complexcases backup --db")]
    [InlineData("restore", "complexcases restore --from")]
    public void Help_OfEachCommand_GivesAnExample(string command, string example)
    {
        var run = CliRun.InProcess(command, "--help");

        run.ExitCode.ShouldBe(0);
        run.Output.ShouldContain("Example:");
        run.Output.ShouldContain(example);
    }

    [Fact]
    public void Help_GivesTheExitCodes()
    {
        var run = CliRun.InProcess("--help");

        run.ExitCode.ShouldBe(0);
        run.Output.ShouldContain("Exit codes:");
        run.Output.ShouldContain("0  done");
        run.Output.ShouldContain("1  any other failure");
        run.Output.ShouldContain("2  bad arguments");
    }

    [Fact]
    public void Screen_DefinitionThatIsNotJson_SaysWhatAndWhereInWords()
    {
        var definition = _temp["bad.json"];
        File.WriteAllText(definition, "{\n  \"id\": \"x\",\n  oops\n}");

        var run = Screen(Person("E000001"), "--definition", definition);

        run.ExitCode.ShouldBe(2);
        run.Error.ShouldStartWith("error: definition bad.json is invalid: not valid JSON at line 3, column 3");
        run.Error.ShouldNotContain("LineNumber");
        run.Error.ShouldNotContain("BytePositionInLine");
    }

    [Fact]
    public void Screen_DefinitionWithAKeyGivenTwice_IsRefused()
    {
        var pilot = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "definitions", "pilot-2024.json"));
        var definition = _temp["twice.json"];
        File.WriteAllText(definition, pilot.Insert(pilot.IndexOf('{', StringComparison.Ordinal) + 1, "\"threshold\": 1,"));

        var run = Screen(Person("E000001"), "--definition", definition);

        run.ExitCode.ShouldBe(2);
        run.Error.ShouldContain("a key is given twice");
        run.Error.ShouldContain("'threshold'");
    }

    [Fact]
    public void Screen_DefinitionNotUtf8_IsRefused()
    {
        var definition = _temp["latin1.json"];
        File.WriteAllBytes(definition, [.. "{\"title\": \"Caf"u8, 0xE9, .. "\"}"u8]);

        var run = Screen(Person("E000001"), "--definition", definition);

        run.ExitCode.ShouldBe(2);
        run.Error.ShouldBe("error: definition latin1.json is not valid UTF-8 text (at byte 15); save it as UTF-8\n");
    }

    [Fact]
    public void Screen_DefinitionThatNeverEnds_IsRefusedWithoutReadingItAll()
    {
        var run = Screen(Person("E000001"), "--definition", "/dev/zero");

        run.ExitCode.ShouldBe(2);
        run.Error.ShouldBe("error: definition zero is larger than 1 MB; a definition is a few kilobytes of JSON\n");
    }

    [Fact]
    public async Task Screen_DefinitionThatIsAPipe_IsRefusedWithoutWaitingForAWriter()
    {
        var fifo = _temp["pipe.json"];
        MakeFifo(fifo, Convert.ToUInt32("600", 8)).ShouldBe(0);

        var run = await Task.Run(() => Screen(Person("E000001"), "--definition", fifo)).WaitAsync(TimeSpan.FromSeconds(60));

        run.ExitCode.ShouldBe(2);
        run.Error.ShouldBe("error: definition pipe.json is not a regular file (a pipe, socket or device); give the definition's JSON file\n");
    }

    [System.Runtime.InteropServices.LibraryImport("libc", EntryPoint = "mkfifo", SetLastError = true, StringMarshalling = System.Runtime.InteropServices.StringMarshalling.Utf8)]
    private static partial int MakeFifo(string path, uint mode);

    [Fact]
    public void Screen_DefinitionEffectiveAfterTheScreeningDate_Warns()
    {
        var pilot = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "definitions", "pilot-2024.json"));
        var definition = _temp["later.json"];
        File.WriteAllText(definition, System.Text.RegularExpressions.Regex.Replace(pilot, "\"effectiveFrom\"\\s*:\\s*\"[0-9-]+\"", "\"effectiveFrom\": \"2030-01-01\""));

        var run = Screen(Person("E000001"), "--definition", definition);

        run.ExitCode.ShouldBe(0, run.Error);
        // Spectre wraps long lines at the console's width: read the output as running text.
        string.Join(' ', run.Output.Split('\n', StringSplitOptions.TrimEntries)).ShouldContain(
            "warning: definition pilot-2024 v1 takes effect from 2030-01-01, after the screening date 2024-09-01");
    }

    [Fact]
    public void Screen_ExtractFolderNameHoldingANewline_IsEchoedOnOneLine()
    {
        var run = Screen(_temp["no\nsuch"]);

        run.ExitCode.ShouldBe(2);
        run.Error.TrimEnd('\n').ShouldNotContain('\n');
        run.Error.ShouldContain("no\\nsuch");
    }

    [Fact]
    public void Screen_ColumnNameHoldingALineBreak_IsWarnedAboutOnOneLine()
    {
        var builder = new ExtractFolderBuilder();
        _cleanup.Add(builder);
        var extract = builder.WithRawFile("people.csv", "crn,region_code,pdu_code,\"odd\nname\"\nE000001,N07,EOENFK,x\n").Build();

        var run = Screen(extract);

        run.ExitCode.ShouldBe(0, run.Error);
        run.Output.Split('\n').ShouldContain(line => line.Contains("warning: people.csv: unknown column 'odd\\nname' ignored", StringComparison.Ordinal));
    }

    [Fact]
    public void Screen_PduCodeOf300Characters_IsListedInAFileWithABoundedName()
    {
        var pdu = new string('P', 300);
        var builder = new ExtractFolderBuilder();
        _cleanup.Add(builder);
        var extract = builder.WithPerson("E000001", pdu: pdu, pduName: "Long")
            .WithRegistration("E000001", "RVHR", "2023-01-01").WithRegistration("E000001", "RMDO", "2023-01-01")
            .WithRegistration("E000001", "ALSH", "2023-01-01").WithRegistration("E000001", "MAPP", "2023-01-01", level: "M3")
            .WithOpdScreening("E000001", "2023-02-01", "SCREENED_IN").WithSentence("E000001", "1", "IPP", "2010-05-01").Build();

        var run = Screen(extract);

        run.ExitCode.ShouldBe(0, run.Error);
        var list = Directory.GetFiles(_temp["out/lists"]).ShouldHaveSingleItem();
        Path.GetFileName(list).Length.ShouldBeLessThanOrEqualTo(130);
        Path.GetFileName(list).ShouldStartWith("PPPP");
        Directory.GetFiles(_temp["out/workbooks"]).ShouldHaveSingleItem();
        // The summary shows the code bounded, not 300 characters wide.
        run.Output.ShouldNotContain(new string('P', 100));
    }

    [Fact]
    public void Screen_Summary_ShowsEachPdusNameBesideItsCode()
    {
        var run = Screen(Person("E000001", complex: true));

        run.ExitCode.ShouldBe(0, run.Error);
        run.Output.Split('\n').ShouldContain(line => line.Contains("EOENFK", StringComparison.Ordinal) && line.Contains("Norfolk", StringComparison.Ordinal));
    }

    [Fact]
    public void StageTasks_AStageThatHasEnded_StopsItsClock()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(new StringWriter()), Interactive = InteractionSupport.Yes, Ansi = AnsiSupport.No,
        });
        StageTasks? stages = null;

        console.Progress().AutoRefresh(false).Start(ctx =>
        {
            stages = new StageTasks(ctx);
            stages.Report(new ScreeningProgress("Reading extract", 0.5));
            stages.Report(new ScreeningProgress("Screening", 0));
            stages.Tasks["Reading extract"].IsFinished.ShouldBeTrue();
            stages.Tasks["Screening"].IsFinished.ShouldBeFalse();
        });

        var reading = stages!.Tasks["Reading extract"];
        reading.StopTime.ShouldNotBeNull();
        reading.Value.ShouldBe(reading.MaxValue);
    }

    [Fact]
    public async Task Screen_OutOfMemory_ExitsWith1AndAOneLineMessageNot134()
    {
        var generated = CliRun.InProcess("generate", "--people", "60000", "--months", "1", "--seed", "3", "--as-of", "2024-09-01",
            "--region", "east-of-england", "--out", _temp["gen"]);
        generated.ExitCode.ShouldBe(0);
        var info = CliRun.ChildProcess("screen", "--extract", _temp["gen/2024-09-01"], "--as-of", "2024-09-01", "--out", _temp["out"], "--db", _temp["cc.db"]);
        // A heap far too small for 60,000 people (40 MB): the run runs out of memory part-way. Not smaller: with 24 MB the
        // runtime itself sometimes ran out while starting (1 in 8 runs, "Out of memory." and exit 134), before any code of ours.
        info.Environment["DOTNET_GCHeapHardLimit"] = "0x2800000";

        using var child = Process.Start(info)!;
        var errorText = child.StandardError.ReadToEndAsync();
        await child.StandardOutput.ReadToEndAsync();
        await child.WaitForExitAsync();
        var error = await errorText;

        child.ExitCode.ShouldBe(1, error);
        error.ShouldContain("ran out of memory and nothing was stored");
        Directory.Exists(_temp["out"]).ShouldBeFalse();
    }

    private string Person(string crn, bool complex = false)
    {
        var builder = new ExtractFolderBuilder();
        _cleanup.Add(builder);
        builder.WithPerson(crn);
        if (complex)
        {
            builder.WithRegistration(crn, "RVHR", "2023-01-01").WithRegistration(crn, "RMDO", "2023-01-01")
                .WithRegistration(crn, "ALSH", "2023-01-01").WithRegistration(crn, "MAPP", "2023-01-01", level: "M3")
                .WithOpdScreening(crn, "2023-02-01", "SCREENED_IN").WithSentence(crn, "1", "IPP", "2010-05-01");
        }
        return builder.Build();
    }

    private CliRun.Outcome Screen(string extract, params string[] more) =>
        CliRun.InProcess(["screen", "--extract", extract, "--as-of", "2024-09-01", "--out", _temp["out"], "--db", _temp["cc.db"], .. more]);
}
