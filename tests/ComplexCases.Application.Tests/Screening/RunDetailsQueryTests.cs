using ComplexCases.Application.Screening;
using ComplexCases.Data;
using ComplexCases.Data.Screening;
using ComplexCases.TestSupport.Data;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Application.Tests.Screening;

/// <summary>A run's files and rejected rows as the run page and its API read them, on a real database (SQLite or PostgreSQL: TestDatabases).</summary>
public sealed class RunDetailsQueryTests : IDisposable
{
    private readonly ITestDatabase _database = TestDatabases.Create();
    private readonly int _runId;
    private readonly int _otherRunId;

    public RunDetailsQueryTests()
    {
        using var db = _database.Open();
        var run = Run(["sentences.csv", "people.csv", "registrations.csv"]);
        var other = Run(["people.csv"]);
        db.Runs.AddRange(run, other);
        db.SaveChanges();
        _runId = run.Id;
        _otherRunId = other.Id;
        // Inserted out of order, so nothing depends on insertion order: 150 of registrations.csv, 60 of people.csv.
        for (var line = 151; line >= 2; line--) db.RejectedRows.Add(Rejected(run.Id, "registrations.csv", line));
        for (var line = 2; line <= 61; line++) db.RejectedRows.Add(Rejected(run.Id, "people.csv", line));
        db.RejectedRows.Add(Rejected(other.Id, "people.csv", 2));
        db.SaveChanges();
    }

    public void Dispose() => _database.Dispose();

    [Fact]
    public void Find_UnknownRun_IsNull()
    {
        using var db = _database.Open();

        RunDetailsQuery.Find(db, 999).ShouldBeNull();
    }

    [Fact]
    public void Find_ListsTheFilesInTheContractsOrder()
    {
        using var db = _database.Open();

        RunDetailsQuery.Find(db, _runId)!.Files.Select(f => f.FileName).ShouldBe(["people.csv", "registrations.csv", "sentences.csv"]);
    }

    [Fact]
    public void Rejections_EveryFile_PagesInFileThenLineOrder_OfThisRunOnly()
    {
        using var db = _database.Open();
        var details = RunDetailsQuery.Find(db, _runId)!;

        var (first, _) = RunDetailsQuery.Rejections(db, details, null, null);
        var (third, errors) = RunDetailsQuery.Rejections(db, details, "", "3");

        errors.ShouldBeEmpty();
        (first!.Total, first.PageCount, first.Page, first.Rows.Count).ShouldBe((210, 3, 1, 100));
        first.Rows.Take(60).ShouldAllBe(r => r.FileName == "people.csv");
        first.Rows.Select(r => (r.FileName, r.Line)).ShouldBe(
            [.. Enumerable.Range(2, 60).Select(l => ("people.csv", l)), .. Enumerable.Range(2, 40).Select(l => ("registrations.csv", l))]);
        third!.Rows.Select(r => r.Line).ShouldBe(Enumerable.Range(142, 10));
        third.File.ShouldBeNull();
    }

    [Fact]
    public void Rejections_OneFile_CountsAndPagesThatFileAlone()
    {
        using var db = _database.Open();
        var details = RunDetailsQuery.Find(db, _runId)!;

        var (page, _) = RunDetailsQuery.Rejections(db, details, "registrations.csv", "2");
        var (none, _) = RunDetailsQuery.Rejections(db, details, "sentences.csv", null);

        (page!.Total, page.PageCount, page.File).ShouldBe((150, 2, "registrations.csv"));
        page.Rows.Select(r => r.Line).ShouldBe(Enumerable.Range(102, 50));
        (none!.Total, none.PageCount, none.Rows.Count).ShouldBe((0, 1, 0));
    }

    [Theory]
    [InlineData(null, "x", "page", "Page must be a whole number")]
    [InlineData(null, "1.5", "page", "Page must be a whole number")]
    [InlineData(null, "0", "page", "Page must be 1 or more")]
    [InlineData(null, "4", "page", "Page must be 3 or less: run {run} has 210 rejected rows, 100 a page")]
    [InlineData("sentences.csv", "2", "page", "Page must be 1 or less: sentences.csv in run {run} has 0 rejected rows, 100 a page")]
    [InlineData("staff.csv", null, "file", "File must be one of people.csv, registrations.csv, sentences.csv (the files of run {run})")]
    public void Rejections_BadQuery_NamesTheParameterAndReadsNoRows(string? file, string? page, string key, string message)
    {
        using var db = _database.Open();
        var details = RunDetailsQuery.Find(db, _runId)!;

        var (rows, errors) = RunDetailsQuery.Rejections(db, details, file, page);

        rows.ShouldBeNull();
        errors.ShouldBe(new Dictionary<string, string> { [key] = message.Replace("{run}", _runId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal) });
    }

    [Fact]
    public void Rejections_BadFileAndPage_NamesBoth()
    {
        using var db = _database.Open();

        var (_, errors) = RunDetailsQuery.Rejections(db, RunDetailsQuery.Find(db, _otherRunId)!, "nope.csv", "-1");

        errors.Keys.Order().ShouldBe(["file", "page"]);
    }

    [Fact]
    public void Rejections_PageQuery_IsServedByTheIndexWithoutSorting_OnSqlite()
    {
        // SQLite's own query plans (the page's SQL on a SQLite file, whatever engine the run is for): the plan reads the
        // schema, not the rows, so an empty file shows it.
        using var sqlite = new TestDatabase();
        using var db = sqlite.Open();

        foreach (var plan in new[]
        {
            Plan(db, "SELECT * FROM rejected_rows WHERE RunId = 1 ORDER BY FileName, Line, Id LIMIT 100 OFFSET 100"),
            Plan(db, "SELECT * FROM rejected_rows WHERE RunId = 1 AND FileName = 'people.csv' ORDER BY FileName, Line, Id LIMIT 100"),
            Plan(db, "SELECT COUNT(*) FROM rejected_rows WHERE RunId = 1 AND FileName = 'people.csv'"),
        })
        {
            plan.ShouldContain("IX_rejected_rows_RunId_FileName_Line");
            plan.ShouldNotContain("TEMP B-TREE");
        }
    }

    [Fact]
    public void CrnsShown_OnlyWholeCrnsInACrnColumn()
    {
        RejectedRow[] rows =
        [
            Rejected(1, "people.csv", 2, "crn", "E123456"), Rejected(1, "people.csv", 3, "crn", "E12****"),
            Rejected(1, "people.csv", 4, "crn", "E123456"), Rejected(1, "people.csv", 5, "surname", "E654321"),
            Rejected(1, "people.csv", 6, "crn", ""),
        ];

        RunDetailsQuery.CrnsShown(rows).ShouldBe(["E123456"]);
    }

    private static string Plan(ComplexCasesDbContext db, string sql)
    {
        using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        db.Database.OpenConnection();
        using var reader = command.ExecuteReader();
        var lines = new List<string>();
        while (reader.Read()) lines.Add(reader.GetString(3));
        return string.Join("\n", lines);
    }

    private static ScreeningRun Run(string[] files) => new()
    {
        AsOf = new DateOnly(2024, 9, 1), DefinitionId = "pilot-2024", DefinitionVersion = 1, ExtractSha256 = new string('a', 64),
        StartedAt = DateTimeOffset.UnixEpoch, CompletedAt = DateTimeOffset.UnixEpoch, RunBy = "test",
        Files = [.. files.Select(f => new RunFile { FileName = f, Present = true })],
    };

    private static RejectedRow Rejected(int runId, string file, int line, string column = "crn", string value = "E12****") => new()
    {
        RunId = runId, FileName = file, Line = line, Column = column, Reason = "orphan", Detail = "no person with this CRN in people.csv", Value = value,
    };
}
