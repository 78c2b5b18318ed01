using System.Globalization;
using System.Text.Json;
using ComplexCases.Synthetic;
using Microsoft.Data.Sqlite;

namespace ComplexCases.Cli.Tests.Commands;

/// <summary>
/// <c>outcomes import</c> and <c>evaluate</c> end to end on generated months and outcomes: the figures are recomputed
/// here from the stored person results and outcomes, by the words of outcomes.md, as the external tests do.
/// </summary>
public sealed class EvaluateCommandTests : IClassFixture<GeneratedMonths>, IDisposable
{
    private const double Z = 1.959964;
    private readonly GeneratedMonths _months;
    private readonly TempFolder _temp = new();

    public EvaluateCommandTests(GeneratedMonths months) => _months = months;

    public void Dispose() => _temp.Dispose();

    private string ScreenAll(string db, string? definition = null) => _months.ScreenAll(db, _temp, definition);

    private static JsonElement Evaluate(string db, params string[] more)
    {
        var run = CliRun.InProcess(["evaluate", "--db", db, .. more]);
        run.ExitCode.ShouldBe(0, run.Error);
        return JsonDocument.Parse(run.Output).RootElement.Clone();
    }

    [Fact]
    public void Evaluate_Pilot_FiguresAsRecomputedFromTheStoredResults()
    {
        var db = ScreenAll(_temp["pilot.db"]);

        var json = Evaluate(db, "--definition", "pilot-2024", "--window", "1", "--types", "recall,breach,FURTHER_OFFENCE");

        // Recomputed: F = latest outcome; every date with D + 1 month ≤ F; the newest run of each date; score and status as stored.
        using var connection = new SqliteConnection($"Data Source={db}");
        connection.Open();
        var f = DateOnly.Parse(Scalar(connection, "SELECT MAX(OccurredOn) FROM outcomes"), CultureInfo.InvariantCulture);
        var dates = Rows(connection, "SELECT AsOf, MAX(Id) FROM screening_runs GROUP BY AsOf ORDER BY AsOf")
            .Select(r => (AsOf: DateOnly.Parse(r[0], CultureInfo.InvariantCulture), Run: int.Parse(r[1], CultureInfo.InvariantCulture)))
            .Where(r => r.AsOf.AddMonths(1) <= f).ToList();
        dates.Count.ShouldBe(3, "2024-01-30, 2024-02-29 and 2024-03-30 end their month by 2024-04-30");
        var outcomes = Rows(connection, "SELECT Crn, OccurredOn FROM outcomes WHERE Type IN (1, 2, 3)")
            .Select(r => (Crn: r[0], On: DateOnly.Parse(r[1], CultureInfo.InvariantCulture))).ToLookup(o => o.Crn, o => o.On);
        var cohort = new List<(int Score, bool Listed, bool Outcome)>();
        foreach (var (asOf, run) in dates)
        {
            foreach (var r in Rows(connection, $"SELECT crn, score, status FROM person_results WHERE run_id = {run}"))
            {
                var until = asOf.AddMonths(1);
                cohort.Add((int.Parse(r[1], CultureInfo.InvariantCulture), r[2] == "2", outcomes[r[0]].Any(on => on > asOf && on <= until)));
            }
        }
        long n = cohort.Count, listed = cohort.Count(c => c.Listed), withOutcome = cohort.Count(c => c.Outcome), both = cohort.Count(c => c.Listed && c.Outcome);
        json.GetProperty("runs").EnumerateArray().Select(e => e.GetString()).ShouldBe(dates.Select(d => d.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        json.GetProperty("followUpUntil").GetString().ShouldBe(f.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        json.GetProperty("types").EnumerateArray().Select(e => e.GetString()).ShouldBe(["RECALL", "BREACH", "FURTHER_OFFENCE"]);
        json.GetProperty("definitionId").GetString().ShouldBe("pilot-2024");
        json.GetProperty("definitionVersion").GetInt32().ShouldBe(1);
        json.GetProperty("window").GetInt32().ShouldBe(1);
        json.GetProperty("personMonths").GetInt64().ShouldBe(n);
        json.GetProperty("listed").GetInt64().ShouldBe(listed);
        json.GetProperty("outcomes").GetInt64().ShouldBe(withOutcome);
        json.GetProperty("listedWithOutcome").GetInt64().ShouldBe(both);
        listed.ShouldBeGreaterThan(10);
        both.ShouldBeGreaterThan(0);
        ShouldBeWilson(json.GetProperty("rateListed"), both, listed);
        ShouldBeWilson(json.GetProperty("rateUnlisted"), withOutcome - both, n - listed);
        json.GetProperty("precision").GetDouble().ShouldBe((double)both / listed, 1e-12);
        json.GetProperty("recall").GetDouble().ShouldBe((double)both / withOutcome, 1e-12);
        var with = cohort.Where(c => c.Outcome).Select(c => c.Score).ToList();
        var without = cohort.Where(c => !c.Outcome).GroupBy(c => c.Score).ToDictionary(g => g.Key, g => (double)g.Count());
        var u = with.Sum(s => without.Where(kv => kv.Key < s).Sum(kv => kv.Value) + (0.5 * without.GetValueOrDefault(s)));
        json.GetProperty("auc").GetDouble().ShouldBe(u / ((double)with.Count * (n - with.Count)), 1e-12);
    }

    [Fact]
    public void Evaluate_DefinitionChangingAParameter_ScreensTheKeptRecordsAgain_AsIfTheMonthsHadBeenScreenedWithIt()
    {
        var alternative = _temp["mappa-any-level.json"];
        var pilot = JsonDocument.Parse(File.ReadAllText(Path.Combine(ComplexCases.TestSupport.Repository.Root, "definitions", "pilot-2024.json"))).RootElement;
        var text = pilot.GetRawText().Replace("\"pilot-2024\"", "\"mappa-any-level\"", StringComparison.Ordinal)
            .Replace("\"threshold\": 6", "\"threshold\": 5", StringComparison.Ordinal)
            .Replace("\"levels\": [\"M2\", \"M3\"]", "\"levels\": [\"M1\", \"M2\", \"M3\"]", StringComparison.Ordinal);
        text.ShouldContain("\"M1\", \"M2\", \"M3\"");
        File.WriteAllText(alternative, text);
        var screenedWithPilot = ScreenAll(_temp["pilot.db"]);
        var screenedWithAlternative = ScreenAll(_temp["alternative.db"], alternative);

        var fromKeptRecords = Evaluate(screenedWithPilot, "--definition", alternative, "--window", "1");
        var fromItsOwnRuns = Evaluate(screenedWithAlternative, "--definition", alternative, "--window", "1");

        fromKeptRecords.GetProperty("runDetails")[0].GetProperty("evaluatedFrom").GetString()!.ShouldContain("screened again");
        fromItsOwnRuns.GetProperty("runDetails")[0].GetProperty("evaluatedFrom").GetString()!.ShouldContain("stored");
        foreach (var figure in new[] { "personMonths", "listed", "outcomes", "listedWithOutcome", "precision", "recall", "auc" })
            fromKeptRecords.GetProperty(figure).GetRawText().ShouldBe(fromItsOwnRuns.GetProperty(figure).GetRawText(), figure);
        fromKeptRecords.GetProperty("listed").GetInt64().ShouldBeGreaterThan(Evaluate(screenedWithPilot, "--definition", "pilot-2024", "--window", "1").GetProperty("listed").GetInt64());
    }

    [Fact]
    public void OutcomesImport_RejectedRowsReported_RestStored_Audited_ImportedTwiceCountsOnce()
    {
        var db = _temp["import.db"];
        File.WriteAllText(_temp["o.csv"], "crn,occurred_on,type\nE000001,2024-03-01,RECALL\nE000001,2024-03-01,RECALL\nbad,2024-03-01,RECALL\nE000002,2024-03-01,HOLIDAY\n");

        var first = CliRun.InProcess("outcomes", "import", "--db", db, "--file", _temp["o.csv"]);
        var second = CliRun.InProcess("outcomes", "import", "--db", db, "--file", _temp["o.csv"]);

        first.ExitCode.ShouldBe(0, first.Error);
        first.Output.ShouldContain("rejected: o.csv line 4: column crn: malformed value");
        first.Output.ShouldContain("rejected: o.csv line 5: column type: malformed value");
        first.Output.ShouldContain("1 new outcomes");
        second.Output.ShouldContain("0 new outcomes, 1 already stored");
        using var connection = new SqliteConnection($"Data Source={db}");
        connection.Open();
        Scalar(connection, "SELECT COUNT(*) FROM outcomes").ShouldBe("1");
        Scalar(connection, "SELECT COUNT(*) FROM audit_events WHERE EventType = 'outcomes.imported'").ShouldBe("2");
        CliRun.InProcess("audit", "verify", "--db", db).ExitCode.ShouldBe(0);
    }

    [Fact]
    public void OutcomesImport_UnreadableFile_ExitsTwo_NothingStored()
    {
        var db = _temp["refused.db"];
        File.WriteAllText(_temp["o.csv"], "crn,date,type\nE000001,2024-03-01,RECALL\n");

        var run = CliRun.InProcess("outcomes", "import", "--db", db, "--file", _temp["o.csv"]);

        run.ExitCode.ShouldBe(2);
        run.Error.ShouldBe("error: o.csv: required column 'occurred_on' is missing; nothing was stored" + Environment.NewLine);
        File.Exists(db).ShouldBeFalse();
    }

    [Theory]
    [InlineData("--types", "RECALL,PAROLE", "--types: 'PAROLE' is not an outcome type")]
    [InlineData("--follow-up-until", "2024-02-30", "--follow-up-until: '2024-02-30' is not a date")]
    [InlineData("--window", "0", "--window: 0 is not a number of months")]
    public void Evaluate_BadArgument_ExitsTwo_NamingIt(string option, string value, string message)
    {
        var db = _temp["empty.db"];
        CliRun.InProcess("outcomes", "import", "--db", db, "--file", WriteOne()).ExitCode.ShouldBe(0);
        List<string> args = ["evaluate", "--db", db, "--definition", "pilot-2024", "--window", "6"];
        if (option == "--window") args[^1] = value; else args.AddRange([option, value]);

        var run = CliRun.InProcess([.. args]);

        run.ExitCode.ShouldBe(2);
        run.Error.ShouldContain(message);
    }

    [Fact]
    public void Evaluate_NoMonthInsideTheLimit_AllNullAndSaysSo()
    {
        var db = _temp["none.db"];
        CliRun.InProcess("outcomes", "import", "--db", db, "--file", WriteOne()).ExitCode.ShouldBe(0);

        var json = Evaluate(db, "--definition", "pilot-2024", "--window", "6");

        json.GetProperty("personMonths").GetInt64().ShouldBe(0);
        json.GetProperty("rateListed").GetProperty("value").ValueKind.ShouldBe(JsonValueKind.Null);
        json.GetProperty("auc").ValueKind.ShouldBe(JsonValueKind.Null);
        json.GetProperty("tooFewToConclude").GetBoolean().ShouldBeTrue();
        json.GetProperty("summary").GetString()!.ShouldContain("nothing can be concluded");
    }

    private string WriteOne()
    {
        File.WriteAllText(_temp["one.csv"], "crn,occurred_on,type\nE000001,2024-03-01,RECALL\n");
        return _temp["one.csv"];
    }

    private static void ShouldBeWilson(JsonElement rate, long x, long n)
    {
        double p = (double)x / n, z2 = Z * Z;
        var centre = (p + (z2 / (2 * n))) / (1 + (z2 / n));
        var half = Z / (1 + (z2 / n)) * Math.Sqrt((p * (1 - p) / n) + (z2 / (4.0 * n * n)));
        rate.GetProperty("value").GetDouble().ShouldBe(p, 1e-12);
        rate.GetProperty("low").GetDouble().ShouldBe(Math.Max(0, centre - half), 1e-12);
        rate.GetProperty("high").GetDouble().ShouldBe(Math.Min(1, centre + half), 1e-12);
    }

    private static string Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture)!;
    }

    private static List<string[]> Rows(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string[]>();
        while (reader.Read()) rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)!)]);
        return rows;
    }
}
