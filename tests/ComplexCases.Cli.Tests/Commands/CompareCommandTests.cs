using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace ComplexCases.Cli.Tests.Commands;

/// <summary><c>compare</c> on generated months: its figures recomputed here from the stored person results.</summary>
public sealed class CompareCommandTests : IClassFixture<GeneratedMonths>, IDisposable
{
    private static readonly string[] Criteria = ["rosh", "mental_health", "self_harm", "learning_difficulties", "mappa", "opd", "substance", "ipp"];
    private readonly GeneratedMonths _months;
    private readonly TempFolder _temp = new();

    public CompareCommandTests(GeneratedMonths months) => _months = months;

    public void Dispose() => _temp.Dispose();

    private string ThresholdFive()
    {
        var path = _temp["threshold-5.json"];
        var pilot = File.ReadAllText(Path.Combine(ComplexCases.TestSupport.Repository.Root, "definitions", "pilot-2024.json"));
        File.WriteAllText(path, pilot.Replace("\"pilot-2024\"", "\"threshold-5\"", StringComparison.Ordinal).Replace("\"threshold\": 6", "\"threshold\": 5", StringComparison.Ordinal));
        return path;
    }

    private sealed record Person(string Crn, string Pdu, int Met, int Score, bool Listed);

    private static List<List<Person>> StoredMonths(string db)
    {
        using var connection = new SqliteConnection($"Data Source={db}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT r.AsOf, p.crn, p.pdu_code, p.met_mask, p.score, p.status FROM person_results p
            JOIN (SELECT AsOf, MAX(Id) AS Id FROM screening_runs GROUP BY AsOf) r ON r.Id = p.run_id ORDER BY r.AsOf
            """;
        using var reader = command.ExecuteReader();
        var months = new Dictionary<string, List<Person>>();
        while (reader.Read())
        {
            var asOf = reader.GetString(0);
            if (!months.TryGetValue(asOf, out var people)) months[asOf] = people = [];
            people.Add(new Person(reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetInt32(4), reader.GetInt32(5) == 2));
        }
        return [.. months.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => m.Value)];
    }

    [Fact]
    public void Compare_PilotWithThresholdFive_AsRecomputedFromStoredResults()
    {
        var db = _months.ScreenAll(_temp["compare.db"], _temp);
        var run = CliRun.InProcess("compare", "--db", db, "--definition", "pilot-2024", "--definition", ThresholdFive());
        run.ExitCode.ShouldBe(0, run.Error);
        var json = JsonDocument.Parse(run.Output).RootElement;
        var stored = StoredMonths(db);

        var months = json.GetProperty("months").EnumerateArray().ToList();
        months.Count.ShouldBe(4);
        HashSet<string>? previous = null;
        for (var m = 0; m < months.Count; m++)
        {
            var people = stored[m];
            var all = months[m].GetProperty("all");
            var listedA = people.Where(p => p.Listed).Select(p => p.Crn).ToHashSet();
            all.GetProperty("people").GetInt32().ShouldBe(people.Count);
            all.GetProperty("listedA").GetInt32().ShouldBe(listedA.Count);
            all.GetProperty("listedB").GetInt32().ShouldBe(people.Count(p => p.Score >= 5));
            all.GetProperty("added").GetInt32().ShouldBe(people.Count(p => p.Score == 5));
            all.GetProperty("dropped").GetInt32().ShouldBe(0);
            all.GetProperty("addedBy").EnumerateObject().Select(p => (p.Name, p.Value.GetInt32())).ShouldBe(
                people.Any(p => p.Score == 5) ? [("threshold", people.Count(p => p.Score == 5))] : []);
            for (var t = 4; t <= 8; t++)
                all.GetProperty("thresholdSensitivity").GetProperty("a").GetProperty(t.ToString(CultureInfo.InvariantCulture)).GetInt32().ShouldBe(people.Count(p => p.Score >= t));
            for (var c = 0; c < Criteria.Length; c++)
            {
                all.GetProperty("withoutCriterion").GetProperty("a").GetProperty(Criteria[c]).GetInt32()
                    .ShouldBe(people.Count(p => p.Listed && p.Score - ((p.Met >> c) & 1) >= 6), Criteria[c]);
            }
            var stability = all.GetProperty("stability").GetProperty("a");
            if (previous is null)
            {
                stability.ValueKind.ShouldBe(JsonValueKind.Null);
            }
            else
            {
                stability.GetProperty("entering").GetInt32().ShouldBe(listedA.Count(c => !previous.Contains(c)));
                stability.GetProperty("leaving").GetInt32().ShouldBe(previous.Count(c => !listedA.Contains(c)));
            }
            previous = listedA;

            // One PDU, the biggest: the same figures from its people alone.
            var pdu = people.GroupBy(p => p.Pdu).MaxBy(g => g.Count())!;
            var cell = months[m].GetProperty("pdus").EnumerateArray().Single(p => p.GetProperty("pduCode").GetString() == pdu.Key);
            cell.GetProperty("people").GetInt32().ShouldBe(pdu.Count());
            cell.GetProperty("listedA").GetInt32().ShouldBe(pdu.Count(p => p.Listed));
            cell.GetProperty("added").GetInt32().ShouldBe(pdu.Count(p => p.Score == 5));
        }
        json.GetProperty("stability").GetProperty("a").GetProperty("everListed").GetInt32()
            .ShouldBe(stored.SelectMany(people => people.Where(p => p.Listed).Select(p => p.Crn)).Distinct().Count());
    }

    [Fact]
    public void Compare_PerPdu_CombinationsAndStability_AsRecomputedFromThatPdusStoredResults()
    {
        var db = _months.ScreenAll(_temp["pdus.db"], _temp);
        var run = CliRun.InProcess("compare", "--db", db, "--definition", "pilot-2024", "--definition", ThresholdFive());
        run.ExitCode.ShouldBe(0, run.Error);
        var json = JsonDocument.Parse(run.Output).RootElement;
        var stored = StoredMonths(db);
        var months = json.GetProperty("months").EnumerateArray().ToList();
        var pdus = stored.SelectMany(people => people.Select(p => p.Pdu)).Distinct().Order(StringComparer.Ordinal).ToList();
        pdus.Count.ShouldBeGreaterThan(1);

        foreach (var pdu in pdus)
        {
            for (var m = 0; m < months.Count; m++)
            {
                var people = stored[m].Where(p => p.Pdu == pdu).ToList();
                var cell = months[m].GetProperty("pdus").EnumerateArray().SingleOrDefault(p => p.GetProperty("pduCode").GetString() == pdu);
                if (cell.ValueKind == JsonValueKind.Undefined) { people.ShouldBeEmpty(); continue; }
                Combinations(cell).ShouldBe(people.Where(p => p.Score >= 5).GroupBy(p => p.Met).ToDictionary(g => g.Key, g => (g.Count(p => p.Listed), g.Count())),
                    ignoreOrder: true, $"{pdu} month {m}");
            }
            // Over the period: people listed by A while in this PDU, listed there every month, and back on the list there after leaving it.
            var entry = json.GetProperty("pduStability").EnumerateArray().Single(p => p.GetProperty("pduCode").GetString() == pdu);
            var listedIn = stored.Select(people => people.Where(p => p.Listed).ToDictionary(p => p.Crn, p => p.Pdu)).ToList();
            var here = listedIn.SelectMany(l => l.Where(kv => kv.Value == pdu).Select(kv => kv.Key)).ToList();
            var a = entry.GetProperty("a");
            a.GetProperty("everListed").GetInt32().ShouldBe(here.Distinct().Count(), pdu);
            a.GetProperty("listedEveryMonth").GetInt32().ShouldBe(here.GroupBy(c => c).Count(g => g.Count() == stored.Count), pdu);
            var returned = new HashSet<string>();
            for (var m = 1; m < listedIn.Count; m++)
            {
                foreach (var (crn, where) in listedIn[m])
                {
                    if (where == pdu && !listedIn[m - 1].ContainsKey(crn) && Enumerable.Range(0, m - 1).Any(k => listedIn[k].ContainsKey(crn))) returned.Add(crn);
                }
            }
            a.GetProperty("flickering").GetInt32().ShouldBe(returned.Count, pdu);
        }
        // The month's own combinations stay those of all PDUs, as before.
        for (var m = 0; m < months.Count; m++)
            Combinations(months[m]).ShouldBe(Combinations(months[m].GetProperty("all")), ignoreOrder: true);
    }

    [Fact]
    public void Compare_OnePdu_KeepsOnlyThatPdu_InThePerPduFigures()
    {
        var db = _months.ScreenAll(_temp["one-pdu.db"], _temp);
        var pdu = StoredMonths(db)[0].GroupBy(p => p.Pdu).MaxBy(g => g.Count())!.Key;
        var everyPdu = JsonDocument.Parse(CliRun.InProcess("compare", "--db", db, "--definition", "pilot-2024", "--definition", ThresholdFive()).Output).RootElement;

        var run = CliRun.InProcess("compare", "--db", db, "--definition", "pilot-2024", "--definition", ThresholdFive(), "--pdu", pdu);

        run.ExitCode.ShouldBe(0, run.Error);
        var json = JsonDocument.Parse(run.Output).RootElement;
        json.GetProperty("pduStability").EnumerateArray().Select(p => p.GetProperty("pduCode").GetString()).ShouldBe([pdu]);
        var months = json.GetProperty("months").EnumerateArray().ToList();
        var before = everyPdu.GetProperty("months").EnumerateArray().ToList();
        for (var m = 0; m < months.Count; m++)
        {
            months[m].GetProperty("pdus").EnumerateArray().Select(p => p.GetProperty("pduCode").GetString()).ShouldBe([pdu]);
            months[m].GetProperty("pdus")[0].GetRawText().ShouldBe(before[m].GetProperty("pdus").EnumerateArray().Single(p => p.GetProperty("pduCode").GetString() == pdu).GetRawText());
            months[m].GetProperty("all").GetRawText().ShouldBe(before[m].GetProperty("all").GetRawText());
        }

        var unknown = CliRun.InProcess("compare", "--db", db, "--definition", "pilot-2024", "--definition", ThresholdFive(), "--pdu", "NOWHERE");
        unknown.ExitCode.ShouldBe(2);
        unknown.Error.ShouldContain($"--pdu: nobody was screened in PDU 'NOWHERE' in the compared months (PDUs: ");
        unknown.Error.ShouldContain(pdu);
    }

    /// <summary>A cell's (or month's) combinations: met mask → (listed by A, listed by B).</summary>
    private static Dictionary<int, (int, int)> Combinations(JsonElement holder) =>
        holder.GetProperty("combinations").EnumerateArray().ToDictionary(
            c => c.GetProperty("criteria").EnumerateArray().Aggregate(0, (mask, id) => mask | (1 << Array.IndexOf(Criteria, id.GetString()))),
            c => (c.GetProperty("listedA").GetInt32(), c.GetProperty("listedB").GetInt32()));

    [Fact]
    public void Compare_ADefinitionWithItself_AddsAndDropsNobody_InAnyPdu()
    {
        var db = _months.ScreenAll(_temp["self.db"], _temp);

        var run = CliRun.InProcess("compare", "--db", db, "--definition", "pilot-2024", "--definition", "pilot-2024@1", "--from", "2024-02-01", "--to", "2024-03-31");

        run.ExitCode.ShouldBe(0, run.Error);
        var months = JsonDocument.Parse(run.Output).RootElement.GetProperty("months").EnumerateArray().ToList();
        months.Select(m => m.GetProperty("asOf").GetString()).ShouldBe(["2024-02-29", "2024-03-30"]);
        foreach (var cell in months.SelectMany(m => m.GetProperty("pdus").EnumerateArray().Append(m.GetProperty("all"))))
        {
            cell.GetProperty("added").GetInt32().ShouldBe(0);
            cell.GetProperty("dropped").GetInt32().ShouldBe(0);
            cell.GetProperty("both").GetInt32().ShouldBe(cell.GetProperty("listedA").GetInt32());
        }
    }

    [Theory]
    [InlineData("--from", "2024-13-01", "--from: '2024-13-01' is not a date")]
    [InlineData("--definition", "no-such-definition", "'no-such-definition' is neither a definition file nor the id of a stored definition")]
    public void Compare_BadArgument_ExitsTwo_NamingIt(string option, string value, string message)
    {
        var db = _temp["bad.db"];
        File.WriteAllText(_temp["one.csv"], "crn,occurred_on,type\nE000001,2024-03-01,RECALL\n");
        CliRun.InProcess("outcomes", "import", "--db", db, "--file", _temp["one.csv"]).ExitCode.ShouldBe(0);
        List<string> args = ["compare", "--db", db, "--definition", "pilot-2024"];
        args.AddRange(option == "--definition" ? [option, value] : ["--definition", "pilot-2024", option, value]);

        var run = CliRun.InProcess([.. args]);

        run.ExitCode.ShouldBe(2);
        run.Error.ShouldContain(message);
    }
}
