using ComplexCases.TestSupport.Extracts;

namespace ComplexCases.Cli.Tests.Commands;

/// <summary>Valid but awkward extracts, and arguments that cannot be used: never a stack trace, never a write outside --out.</summary>
public sealed class ScreenAwkwardInputTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly List<IDisposable> _cleanup = [];

    public void Dispose()
    {
        foreach (var item in _cleanup) item.Dispose();
        _temp.Dispose();
    }

    [Theory]
    [InlineData("../../ESCAPE", "%2E%2E%2F%2E%2E%2FESCAPE")]
    [InlineData("A/B", "A%2FB")]
    [InlineData("P[B]", "P%5BB%5D")]
    public void Screen_PduCodeThatIsNotAFileName_WritesItsListSafelyInsideLists(string pdu, string fileName)
    {
        var extract = ComplexPersonIn(pdu);

        var run = Screen(extract);

        run.ExitCode.ShouldBe(0, run.Error);
        File.Exists(_temp[$"out/lists/{fileName}.csv"]).ShouldBeTrue();
        File.Exists(_temp[$"out/workbooks/{fileName}.xlsx"]).ShouldBeTrue();
        Directory.GetFiles(_temp.Path, "*.csv", SearchOption.TopDirectoryOnly).ShouldBeEmpty();
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(_temp["out/screening.json"]));
        json.RootElement.GetProperty("cases")[0].GetProperty("pduCode").GetString().ShouldBe(pdu);
    }

    [Fact]
    public void Screen_ControlCharacterInAName_CompletesAndWritesTheWorkbook()
    {
        var builder = new ExtractFolderBuilder();
        _cleanup.Add(builder);
        var extract = WithSixCriteria(builder.WithPerson("E000001", forename: "Zo\u0001ë"), "E000001").Build();

        var run = Screen(extract);

        run.ExitCode.ShouldBe(0, run.Error);
        File.Exists(_temp["out/workbooks/EOENFK.xlsx"]).ShouldBeTrue();
    }

    [Theory]
    [InlineData("--as-of", "0001-01-01", "--as-of: 0001-01-01 is outside the dates")]
    [InlineData("--db", "", "--db: give a SQLite database file")]
    [InlineData("--db", "Database=cc;Username=app", "a PostgreSQL connection string must name its Host")]
    [InlineData("--db", "host = localhost", "--db: the connection string names no Database")]
    [InlineData("--db", "Data Source=x.db;Frobnicate=1", "not a SQLite connection string")]
    [InlineData("--out", "", "--out: give a folder")]
    public void Screen_UnusableArgument_ExitsTwoWithOneLine(string option, string value, string message)
    {
        var extract = ComplexPersonIn("EOENFK");
        var args = new Dictionary<string, string>
        {
            ["--extract"] = extract, ["--as-of"] = "2024-09-01", ["--out"] = _temp["out"], ["--db"] = _temp["cc.db"],
        };
        args[option] = value;

        var run = CliRun.InProcess(["screen", .. args.SelectMany(a => new[] { a.Key, a.Value })]);

        run.ExitCode.ShouldBe(2);
        run.Error.ShouldContain(message);
        run.Error.TrimEnd().Split('\n').Length.ShouldBe(1);
    }

    [Fact]
    public void Screen_DbIsAFolder_ExitsTwo()
    {
        var run = CliRun.InProcess("screen", "--extract", ComplexPersonIn("EOENFK"), "--as-of", "2024-09-01", "--out", _temp["out"], "--db", _temp.Path);

        run.ExitCode.ShouldBe(2);
        run.Error.ShouldContain("is a folder");
    }

    [Fact]
    public void Screen_InvalidExtract_CreatesNoDatabaseFolder()
    {
        var builder = new ExtractFolderBuilder().WithoutFile(ExtractFolderBuilder.People);
        _cleanup.Add(builder);

        var run = CliRun.InProcess("screen", "--extract", builder.Build(), "--as-of", "2024-09-01", "--out", _temp["out"], "--db", _temp["new/sub/cc.db"]);

        run.ExitCode.ShouldBe(2);
        Directory.Exists(_temp["new"]).ShouldBeFalse();
    }

    [Fact]
    public void UnknownCommand_ExitsTwoWithOneLine()
    {
        var run = CliRun.InProcess("frob");

        run.ExitCode.ShouldBe(2);
        run.Error.TrimEnd().Split('\n').Length.ShouldBe(1);
    }

    [Fact]
    public void Screen_NamesHoldingCharactersXmlForbids_CompleteTheRunWithThoseReplacedVisiblyInTheWorkbookOnly()
    {
        var builder = new ExtractFolderBuilder();
        _cleanup.Add(builder);
        var extract = WithSixCriteria(builder.WithPerson("E000001", forename: "Ann\uFFFEe", surname: "Bell\u0001\uFFFF"), "E000001").Build();

        var run = Screen(extract);

        run.ExitCode.ShouldBe(0, run.Error);
        // The list CSV keeps the name as extracted ...
        var csv = File.ReadAllText(_temp["out/lists/EOENFK.csv"]);
        csv.ShouldContain("Ann\uFFFEe");
        csv.ShouldContain("Bell\u0001\uFFFF");
        // ... and the workbook, which XML cannot hold them in, shows where they were.
        using var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(_temp["out/workbooks/EOENFK.xlsx"], isEditable: false);
        new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(document).ShouldBeEmpty();
        var texts = document.WorkbookPart!.WorksheetParts.SelectMany(p => p.Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Text>()).Select(t => t.Text).ToList();
        texts.ShouldContain("Ann\uFFFDe");
        texts.ShouldContain("Bell\uFFFD\uFFFD");
    }

    private string ComplexPersonIn(string pdu)
    {
        var builder = new ExtractFolderBuilder();
        _cleanup.Add(builder);
        return WithSixCriteria(builder.WithPerson("E000001", pdu: pdu), "E000001").Build();
    }

    private static ExtractFolderBuilder WithSixCriteria(ExtractFolderBuilder extract, string crn) => extract
        .WithRegistration(crn, "RVHR", "2023-01-01")
        .WithRegistration(crn, "RMDO", "2023-01-01")
        .WithRegistration(crn, "ALSH", "2023-01-01")
        .WithRegistration(crn, "MAPP", "2023-01-01", level: "M3")
        .WithOpdScreening(crn, "2023-02-01", "SCREENED_IN")
        .WithSentence(crn, "1", "IPP", "2010-05-01");

    private CliRun.Outcome Screen(string extract) =>
        CliRun.InProcess("screen", "--extract", extract, "--as-of", "2024-09-01", "--out", _temp["out"], "--db", _temp["cc.db"]);
}
