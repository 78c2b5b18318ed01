using System.Globalization;
using System.Text.Json;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using ComplexCases.TestSupport.Data;
using nietras.SeparatedValues;

namespace ComplexCases.Cli.Tests.Commands;

/// <summary>`complexcases screen` end to end on generated extracts, held to screening-output.md.</summary>
public sealed class ScreenCommandTests : IDisposable
{
    private static readonly string[] ListColumns =
        ["crn", "forename", "surname", "team", "practitioner", "spo", "status", "score", "criteria_met", "criteria_unknown", "change", "months_listed"];

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Screen_TwoGeneratedMonths_WritesTheContractFiles()
    {
        Generate(people: 4000, months: 2, defects: 0);
        Screen("2024-08-01", "out-aug").ExitCode.ShouldBe(0);

        var run = Screen("2024-09-01", "out-sep");

        run.ExitCode.ShouldBe(0, run.Error);
        using var json = JsonDocument.Parse(File.ReadAllText(_temp["out-sep/screening.json"]));
        var root = json.RootElement;
        root.GetProperty("asOf").GetString().ShouldBe("2024-09-01");
        root.GetProperty("definition").GetProperty("id").GetString().ShouldBe("pilot-2024");
        root.GetProperty("definition").GetProperty("version").GetInt32().ShouldBe(1);
        root.GetProperty("definition").GetProperty("threshold").GetInt32().ShouldBe(6);
        var extract = root.GetProperty("extract");
        extract.GetProperty("sha256").GetString()!.Length.ShouldBe(64);
        extract.GetProperty("rowsRead").GetInt32().ShouldBe(extract.GetProperty("rowsAccepted").GetInt32() + extract.GetProperty("rowsRejected").GetInt32());
        extract.GetProperty("rowsRejected").GetInt32().ShouldBe(0);
        var people = root.GetProperty("people").GetInt32();
        people.ShouldBeInRange(3600, 4400);

        var cases = root.GetProperty("cases").EnumerateArray().ToList();
        var statuses = cases.Select(c => c.GetProperty("status").GetString()).ToList();
        statuses.Count(s => s == "complex").ShouldBe(root.GetProperty("complex").GetInt32());
        statuses.Count(s => s == "possibly_complex").ShouldBe(root.GetProperty("possiblyComplex").GetInt32());
        root.GetProperty("complex").GetInt32().ShouldBeGreaterThan(0);
        var changes = cases.Select(c => c.GetProperty("change").GetString()).ToHashSet();
        changes.ShouldContain("continuing");
        changes.ShouldContain("new");
        changes.ShouldContain("left");
        cases.Where(c => c.GetProperty("change").GetString() == "left").ShouldAllBe(c => c.GetProperty("status").GetString() == "left");
        var keys = cases.Select(c => (c.GetProperty("pduCode").GetString()!, c.GetProperty("crn").GetString()!)).ToList();
        keys.ShouldBe(keys.OrderBy(k => k.Item1, StringComparer.Ordinal).ThenBy(k => k.Item2, StringComparer.Ordinal).ToList());
        foreach (var c in cases.Where(c => c.GetProperty("status").GetString() == "complex"))
            c.GetProperty("score").GetInt32().ShouldBeGreaterThanOrEqualTo(6);

        // One list per PDU with a listed person, rows matching the JSON's cases for that PDU.
        var listedPdus = cases.Where(c => c.GetProperty("status").GetString() != "left").Select(c => c.GetProperty("pduCode").GetString()!).ToHashSet();
        var files = Directory.GetFiles(_temp["out-sep/lists"], "*.csv").Select(f => Path.GetFileNameWithoutExtension(f)!).ToHashSet();
        files.ShouldBe(listedPdus, ignoreOrder: true);
        foreach (var pdu in listedPdus)
        {
            using var reader = Sep.Reader().FromFile(_temp[$"out-sep/lists/{pdu}.csv"]);
            reader.Header.ColNames.ShouldBe(ListColumns);
            var crns = new List<string>();
            foreach (var row in reader)
            {
                crns.Add(row["crn"].ToString());
                row["status"].ToString().ShouldBeOneOf("complex", "possibly_complex", "left");
                row["change"].ToString().ShouldBeOneOf("new", "continuing", "left");
                int.Parse(row["months_listed"].ToString(), CultureInfo.InvariantCulture).ShouldBeGreaterThanOrEqualTo(1);
            }
            crns.ShouldBe(cases.Where(c => c.GetProperty("pduCode").GetString() == pdu).Select(c => c.GetProperty("crn").GetString()!).ToList());
        }
        File.ReadAllLines(_temp["out-sep/rejected.csv"]).ShouldBe(["file,line,column,reason,value"]);
    }

    [Fact]
    public void Screen_GeneratedMonth_WritesAWorkbookPerPduReadableWithCriteriaColumns()
    {
        Generate(people: 3000, months: 1, defects: 0);

        Screen("2024-09-01", "out").ExitCode.ShouldBe(0);

        var lists = Directory.GetFiles(_temp["out/lists"], "*.csv").Select(Path.GetFileNameWithoutExtension).ToList();
        var books = Directory.GetFiles(_temp["out/workbooks"], "*.xlsx").Select(Path.GetFileNameWithoutExtension).ToList();
        books.ShouldBe(lists, ignoreOrder: true);
        foreach (var path in Directory.GetFiles(_temp["out/workbooks"], "*.xlsx"))
        {
            using var document = SpreadsheetDocument.Open(path, isEditable: false);
            new OpenXmlValidator(FileFormatVersions.Office2019).Validate(document).ShouldBeEmpty();
            var sheets = Sheets(document);
            sheets.Keys.ShouldBe(["Cases", "Criteria"]);
            var cases = sheets["Cases"];
            cases[0][0].ShouldBe("CRN");
            cases[0].ShouldContain("Sentence is IPP");
            cases.Skip(1).ShouldAllBe(row => System.Text.RegularExpressions.Regex.IsMatch(row[0], "^[A-Z][0-9]{6}$"));
            var csvRows = File.ReadAllLines(_temp[$"out/lists/{Path.GetFileNameWithoutExtension(path)}.csv"]).Length - 1;
            (cases.Count - 1).ShouldBe(csvRows);
            sheets["Criteria"][1][1].ShouldBe("rosh");
        }
    }

    /// <summary>Every sheet's cells as text, row by row (inline strings and numbers, as the service writes them).</summary>
    private static Dictionary<string, List<string[]>> Sheets(SpreadsheetDocument document)
    {
        var workbook = document.WorkbookPart!;
        return workbook.Workbook.Sheets!.Elements<Sheet>().ToDictionary(
            sheet => sheet.Name!.Value!,
            sheet => ((WorksheetPart)workbook.GetPartById(sheet.Id!.Value!)).Worksheet.Descendants<Row>()
                .Select(row => row.Elements<Cell>().Select(cell => cell.InlineString?.InnerText ?? cell.CellValue?.Text ?? "").ToArray())
                .ToList());
    }

    [Fact]
    public void Screen_ExtractWithDefects_ReportsEveryRejectedRowAndStillCompletes()
    {
        Generate(people: 3000, months: 1, defects: 0.02);

        var run = Screen("2024-09-01", "out");

        run.ExitCode.ShouldBe(0, run.Error);
        using var json = JsonDocument.Parse(File.ReadAllText(_temp["out/screening.json"]));
        var rejectedCount = json.RootElement.GetProperty("extract").GetProperty("rowsRejected").GetInt32();
        rejectedCount.ShouldBeGreaterThan(0);
        using var reader = Sep.Reader().FromFile(_temp["out/rejected.csv"]);
        reader.Header.ColNames.ShouldBe(["file", "line", "column", "reason", "value"]);
        var rows = 0;
        foreach (var row in reader)
        {
            rows++;
            row["file"].ToString().ShouldEndWith(".csv");
            int.Parse(row["line"].ToString(), CultureInfo.InvariantCulture).ShouldBeGreaterThan(1);
            row["reason"].ToString().ShouldNotBeNullOrWhiteSpace();
        }
        rows.ShouldBe(rejectedCount);
        run.Output.ShouldContain("rejected");
    }

    [Fact]
    public void Screen_SameExtractTwice_SaysItIsAlreadyStored()
    {
        Generate(people: 500, months: 1, defects: 0);
        Screen("2024-09-01", "out").ExitCode.ShouldBe(0);

        var again = Screen("2024-09-01", "out");

        again.ExitCode.ShouldBe(0);
        again.Output.ShouldContain("already stored");
        using var db = TestDatabase.At(_temp["cc.db"]);
        db.Count("screening_runs").ShouldBe(1);
    }

    [Theory]
    [InlineData("--as-of", "2024-13-01", "--as-of: '2024-13-01' is not a date in the form yyyy-MM-dd")]
    [InlineData("--as-of", "01/09/2024", "--as-of: '01/09/2024' is not a date in the form yyyy-MM-dd")]
    [InlineData("--extract", "no-such-folder", "--extract: folder not found")]
    [InlineData("--definition", "no-such.json", "definition file not found")]
    public void Screen_BadArgument_ExitsTwoWithOneClearLineAndStoresNothing(string option, string value, string message)
    {
        Generate(people: 200, months: 1, defects: 0);
        var args = new Dictionary<string, string>
        {
            ["--extract"] = _temp["gen/2024-09-01"], ["--as-of"] = "2024-09-01", ["--out"] = _temp["out"], ["--db"] = _temp["cc.db"],
        };
        args[option] = option == "--extract" ? _temp[value] : value;

        var run = CliRun.InProcess(["screen", .. args.SelectMany(a => new[] { a.Key, a.Value })]);

        run.ExitCode.ShouldBe(2);
        run.Error.ShouldContain(message);
        run.Error.ShouldNotContain("   at ");
        File.Exists(_temp["cc.db"]).ShouldBeFalse();
        File.Exists(_temp["out/screening.json"]).ShouldBeFalse();
    }

    [Fact]
    public void Screen_MissingRequiredOption_ExitsTwo()
    {
        var run = CliRun.InProcess("screen", "--as-of", "2024-09-01");

        run.ExitCode.ShouldBe(2);
        run.Error.ShouldContain("--extract");
    }

    [Fact]
    public void Screen_MissingRequiredColumn_ExitsTwoNamingFileAndColumn()
    {
        Generate(people: 200, months: 1, defects: 0);
        var people = _temp["gen/2024-09-01/people.csv"];
        var lines = File.ReadAllLines(people);
        lines[0] = lines[0].Replace("pdu_code", "pdu_kode", StringComparison.Ordinal);
        File.WriteAllLines(people, lines);

        var run = Screen("2024-09-01", "out");

        run.ExitCode.ShouldBe(2);
        run.Error.ShouldContain("people.csv");
        run.Error.ShouldContain("pdu_code");
        File.Exists(_temp["cc.db"]).ShouldBeFalse();
    }

    [Fact]
    public void Help_ForScreen_DescribesEveryOption()
    {
        var run = CliRun.InProcess("screen", "--help");

        run.ExitCode.ShouldBe(0);
        foreach (var option in new[] { "--extract", "--as-of", "--definition", "--out", "--db", "--replace" })
            run.Output.ShouldContain(option);
    }

    private void Generate(int people, int months, double defects)
    {
        var run = CliRun.InProcess("generate", "--people", people.ToString(CultureInfo.InvariantCulture), "--months", months.ToString(CultureInfo.InvariantCulture),
            "--seed", "11", "--as-of", "2024-09-01", "--region", "east-of-england", "--defects", defects.ToString(CultureInfo.InvariantCulture), "--out", _temp["gen"]);
        run.ExitCode.ShouldBe(0, run.Error);
    }

    private CliRun.Outcome Screen(string asOf, string outFolder) =>
        CliRun.InProcess("screen", "--extract", _temp[$"gen/{asOf}"], "--as-of", asOf, "--out", _temp[outFolder], "--db", _temp["cc.db"]);
}
