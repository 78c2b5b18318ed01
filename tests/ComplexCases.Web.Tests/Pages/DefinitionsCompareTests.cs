using System.Globalization;
using System.Net;
using System.Text.Json;
using ComplexCases.Application.Definitions;
using ComplexCases.Application.Evaluation;
using ComplexCases.Application.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ComplexCases.Web.Tests.Pages;

/// <summary>
/// /definitions/compare on the demo site: the figures are those of <c>complexcases compare</c> (its JSON, from the same
/// use case on the same database), small counts withheld, downloads audited, refusals in the error summary.
/// </summary>
public sealed class DefinitionsCompareTests(DemoSiteFactory site) : IClassFixture<DemoSiteFactory>
{
    private const string A = "pilot-2024@1", B = "pilot-2024@2";

    [Fact]
    public async Task PageAndDownloads_ShowTheFiguresOfTheCommandLinesJson_SmallCountsWithheld_AndAreAudited()
    {
        var client = await SignInWithThresholdFiveStoredAsync();
        var json = CliJson();
        var months = json.GetProperty("months").EnumerateArray().ToList();
        months.Count.ShouldBeGreaterThan(1);
        var pdu = months[0].GetProperty("pdus")[0].GetProperty("pduCode").GetString()!;

        var html = await client.GetStringAsync($"/definitions/compare?a={A}&b={B}");
        var all = Csv(await client.GetStringAsync($"/definitions/compare?handler=csv&table=overlap&a={A}&b={B}"));
        var one = Csv(await client.GetStringAsync($"/definitions/compare?handler=csv&table=overlap&a={A}&b={B}&pdu={pdu}"));
        var thresholds = Csv(await client.GetStringAsync($"/definitions/compare?handler=csv&table=thresholds&a={A}&b={B}"));

        string[] fields = ["people", "listedA", "listedB", "both", "added", "dropped"];
        var shown = 0;
        for (var m = 0; m < months.Count; m++)
        {
            var month = DateOnly.Parse(months[m].GetProperty("asOf").GetString()!, CultureInfo.InvariantCulture).ToString("MMM yyyy", CultureInfo.InvariantCulture);
            var pduCell = months[m].GetProperty("pdus").EnumerateArray().Single(p => p.GetProperty("pduCode").GetString() == pdu);
            for (var f = 0; f < fields.Length; f++)
            {
                shown += Same(all[month][f], months[m].GetProperty("all").GetProperty(fields[f]).GetInt32(), $"{month} {fields[f]}");
                shown += Same(one[month][f], pduCell.GetProperty(fields[f]).GetInt32(), $"{month} {pdu} {fields[f]}");
            }
        }
        for (var f = 0; f < fields.Length; f++)
            Same(all[ComparisonView.Total][f], months.Sum(m => m.GetProperty("all").GetProperty(fields[f]).GetInt32()), "total " + fields[f]);
        for (var t = 4; t <= 8; t++)
        {
            var key = t.ToString(CultureInfo.InvariantCulture);
            var row = thresholds[$"Score {t} or more"];
            Same(row[0], months.Sum(m => m.GetProperty("all").GetProperty("thresholdSensitivity").GetProperty("a").GetProperty(key).GetInt32()), "threshold A " + key);
            Same(row[1], months.Sum(m => m.GetProperty("all").GetProperty("thresholdSensitivity").GetProperty("b").GetProperty(key).GetInt32()), "threshold B " + key);
        }
        shown.ShouldBeGreaterThan(months.Count * 6, "most cells of the demo's national months are large enough to show");
        // Lowering the threshold from 6 to 5 adds people and drops nobody.
        all[ComparisonView.Total][5].ShouldBe("0");
        all[ComparisonView.Total][4].ShouldNotBe("0");

        var listedB = months.Sum(m => m.GetProperty("all").GetProperty("listedB").GetInt32());
        html.ShouldContain($"and B (pilot-2024 v2) {listedB.ToString("N0", CultureInfo.InvariantCulture)}.");
        html.ShouldContain("<title id=\"listed-title\">Listed each month by A and by B</title>");
        html.ShouldContain("<title id=\"combinations-title\">Combinations of criteria among the listed</title>");
        html.ShouldContain("role=\"img\"");
        using var db = site.OpenDatabase();
        db.AuditEvents.AsNoTracking().Count(e => e.EventType == "definitions.compared" && e.Actor == "analyst").ShouldBeGreaterThanOrEqualTo(4);
        db.AuditEvents.AsNoTracking().Where(e => e.EventType == "insight.exported" && e.Actor == "analyst").AsEnumerable()
            .Count(e => e.Details.Contains("compare-overlap", StringComparison.Ordinal)).ShouldBe(2);
    }

    [Fact]
    public async Task OnePdu_CombinationsAndStabilitySummary_AreThatPdusFromTheJson_WithheldAlike_OnThePageAndInBothDownloads()
    {
        var client = await SignInWithThresholdFiveStoredAsync();
        var json = CliJson();
        var months = json.GetProperty("months").EnumerateArray().ToList();
        // The smallest PDU of the first month: the one most likely to have small counts to withhold.
        var pdu = months[0].GetProperty("pdus").EnumerateArray().MinBy(p => p.GetProperty("listedB").GetInt32()).GetProperty("pduCode").GetString()!;
        var query = $"a={A}&b={B}&pdu={pdu}";

        var html = await client.GetStringAsync($"/definitions/compare?{query}");
        var combinations = await client.GetStringAsync($"/definitions/compare?handler=csv&table=combinations&{query}");
        var summary = await client.GetStringAsync($"/definitions/compare?handler=csv&table=stability-summary&{query}");

        var sums = new Dictionary<int, (int A, int B)>();
        foreach (var cell in months.Select(m => m.GetProperty("pdus").EnumerateArray().SingleOrDefault(p => p.GetProperty("pduCode").GetString() == pdu)))
        {
            if (cell.ValueKind == JsonValueKind.Undefined) continue;
            foreach (var c in cell.GetProperty("combinations").EnumerateArray())
            {
                var mask = c.GetProperty("criteria").EnumerateArray().Aggregate(0, (m, id) => m | (1 << (int)Criterion(id.GetString()!)));
                var sum = sums.GetValueOrDefault(mask);
                sums[mask] = (sum.A + c.GetProperty("listedA").GetInt32(), sum.B + c.GetProperty("listedB").GetInt32());
            }
        }
        var national = months.SelectMany(m => m.GetProperty("combinations").EnumerateArray()).Sum(c => c.GetProperty("listedB").GetInt32());
        sums.Values.Sum(c => c.B).ShouldBeLessThan(national, "one PDU's combinations, not all PDUs'");
        var rows = Fields(combinations);
        var ordered = sums.OrderByDescending(c => Math.Max(c.Value.A, c.Value.B)).ThenBy(c => c.Key).ToList();
        var withheld = 0;
        foreach (var (mask, n) in ordered.Take(ComparisonView.ShownCombinations))
        {
            var row = rows[ComparisonView.Combination(mask)];
            withheld += 2 - Same(row[0], n.A, $"{mask} A") - Same(row[1], n.B, $"{mask} B");
        }
        Same(rows["All listed"][0], sums.Values.Sum(c => c.A), "all listed A");
        Same(rows["All listed"][1], sums.Values.Sum(c => c.B), "all listed B");
        withheld.ShouldBeGreaterThan(0, "a single PDU's rarer combinations are small: some are withheld");

        var stability = json.GetProperty("pduStability").EnumerateArray().Single(p => p.GetProperty("pduCode").GetString() == pdu);
        var summaryRows = Fields(summary);
        foreach (var (label, field) in new[] { ("Listed in any month", "everListed"), ("Listed in every month", "listedEveryMonth"), ("Flickering (listed, then not, then again)", "flickering") })
        {
            Same(summaryRows[label][0], stability.GetProperty("a").GetProperty(field).GetInt32(), "A " + field);
            Same(summaryRows[label][1], stability.GetProperty("b").GetProperty(field).GetInt32(), "B " + field);
        }
        stability.GetProperty("b").GetProperty("everListed").GetInt32().ShouldBeLessThan(json.GetProperty("stability").GetProperty("b").GetProperty("everListed").GetInt32());

        // The XLSX downloads hold the CSVs' cells; the page's tables say whose figures they are.
        foreach (var (table, csv) in new[] { ("combinations", combinations), ("stability-summary", summary) })
        {
            var xlsx = TableDownloadTests.Xlsx(await client.GetByteArrayAsync($"/definitions/compare?handler=xlsx&table={table}&{query}"));
            xlsx.Select(r => r.Select(c => c.Text).ToList()).ShouldBe(TableDownloadTests.Csv(csv), table);
        }
        html.ShouldContain($"Person-months listed, by the combination of criteria met (PDU {pdu})");
        html.ShouldContain($"Over the whole period, PDU {pdu}: people (not person-months)");
        html.ShouldContain($"In PDU {pdu}, the combinations of criteria met");
    }

    /// <summary>A CSV's rows after the heading, by their label (labels may hold commas).</summary>
    private static Dictionary<string, string[]> Fields(string text) =>
        TableDownloadTests.Csv(text).Skip(1).ToDictionary(r => r[0], r => r.Skip(1).ToArray());

    private static Domain.Definitions.CriterionId Criterion(string key) =>
        Domain.Definitions.CriterionIds.TryParse(key, out var id) ? id : throw new InvalidOperationException(key);

    [Theory]
    [InlineData("a=no-such@1&b=pilot-2024@1", "Choose the first definition from the stored definitions: there is no no-such@1.", "#a")]
    [InlineData("a=pilot-2024@1&b=pilot-2024@x", "Choose the second definition from the stored definitions: there is no pilot-2024@x.", "#b")]
    [InlineData("a=pilot-2024@1&b=pilot-2024@1&from=2024-06&to=2024-01", "The first month must be the same as or before the last month.", "#from")]
    [InlineData("a=pilot-2024@1&b=pilot-2024@1&from=2024-13", "Enter the first month as a year and month, for example 2024-03.", "#from")]
    [InlineData("a=pilot-2024@1&b=pilot-2024@1&pdu=NOWHERE", "Choose a PDU from the list, or all PDUs.", "#pdu")]
    public async Task ARefusedChoice_IsInTheErrorSummary_LinkedToItsField(string query, string message, string link)
    {
        var client = await site.SignInAsync("head-of-pdu");

        var html = await client.GetStringAsync("/definitions/compare?" + query);

        html.ShouldContain("govuk-error-summary");
        html.ShouldContain($"<a href=\"{link}\">{WebUtility.HtmlEncode(message)}</a>");
        html.ShouldNotContain("id=\"compared\"");
    }

    [Fact]
    public async Task Csv_AnUnknownTable_IsABadRequest_NamingTheTables()
    {
        var client = await site.SignInAsync("analyst");

        var response = await client.GetAsync($"/definitions/compare?handler=csv&table=people&a={A}&b={A}");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Choose a table: overlap, reasons");
    }

    /// <summary>A withheld cell hides a count of at least 1 (1 to 4, or a second one that would give it away); any other is the JSON's figure.</summary>
    private static int Same(string cell, int json, string what)
    {
        if (cell == "[c]")
        {
            json.ShouldBeGreaterThan(0, what);
            return 0;
        }
        json.ShouldNotBeInRange(1, 4, what);
        cell.ShouldBe(json.ToString(CultureInfo.InvariantCulture), what);
        return 1;
    }

    private static Dictionary<string, string[]> Csv(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(','))
            .ToDictionary(c => c[0].Trim('"'), c => c[1..].Select(x => x.Trim('"')).ToArray());

    /// <summary>What <c>complexcases compare --definition pilot-2024@1 --definition pilot-2024@2</c> writes, on the site's database.</summary>
    private JsonElement CliJson()
    {
        var database = site.Services.GetRequiredService<DatabaseTarget>();
        var result = site.Services.GetRequiredService<CompareDefinitions>().Run(new CompareRequest(database.ConnectionString, A, B));
        result.Succeeded.ShouldBeTrue(result.Error);
        using var stream = new MemoryStream();
        ComparisonJson.Write(stream, result.Value);
        return JsonDocument.Parse(stream.ToArray()).RootElement.Clone();
    }

    private async Task<HttpClient> SignInWithThresholdFiveStoredAsync()
    {
        var client = await site.SignInAsync("analyst");
        using (var db = site.OpenDatabase())
        {
            if (db.Definitions.AsNoTracking().Any(d => d.Id == "pilot-2024" && d.Version == 2)) return client;
        }
        var json = File.ReadAllText(DefinitionFile.PilotPath).Replace("\"threshold\": 6", "\"threshold\": 5", StringComparison.Ordinal);
        var page = await client.GetStringAsync("/definitions/new");
        var saved = await client.PostAsync("/definitions/new?handler=save", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Json"] = json, ["__RequestVerificationToken"] = SignedInClient.AntiforgeryToken(page),
        }));
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return client;
    }
}
