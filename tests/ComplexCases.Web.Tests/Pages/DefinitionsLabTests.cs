using System.Globalization;
using ComplexCases.Application.Audit;
using ComplexCases.Application.Evaluation;
using ComplexCases.Data.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ComplexCases.Web.Tests.Pages;

/// <summary>The definitions lab on the demo site, with outcomes imported for some of the first month's people.</summary>
public sealed class DefinitionsLabTests(DemoSiteFactory site) : IClassFixture<DemoSiteFactory>, IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), "complexcases-lab-" + Guid.NewGuid().ToString("N") + ".csv");

    public void Dispose() => File.Delete(_file);

    [Fact]
    public async Task Lab_FourListedWithAnOutcome_WithheldWithTheRatesThatWouldRevealThem_AndAudited()
    {
        var client = await site.SignInAsync("analyst");
        using (var db = site.OpenDatabase())
        {
            var runs = db.Runs.AsNoTracking().OrderBy(r => r.AsOf).ToList();
            var first = runs[0];
            var listed = db.PersonResults.AsNoTracking().Where(p => p.RunId == first.Id && p.Status == 2).OrderBy(p => p.Crn).Select(p => p.Crn).Take(4).ToList();
            var unlisted = db.PersonResults.AsNoTracking().Where(p => p.RunId == first.Id && p.Status == 0).OrderBy(p => p.Crn).Select(p => p.Crn).Take(20).ToList();
            listed.Count.ShouldBe(4);
            string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            // One outcome long after the last month sets the follow-up limit so that every month's window has ended.
            File.WriteAllLines(_file, [
                "crn,occurred_on,type",
                .. listed.Concat(unlisted).Select(crn => $"{crn},{Day(first.AsOf.AddDays(1))},RECALL"),
                $"{unlisted[0]},{Day(runs[^1].AsOf.AddMonths(13))},BREACH",
            ]);
        }
        var database = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<ComplexCases.Application.Storage.DatabaseTarget>(site.Services);
        new ImportOutcomes(new AuditLog(new FakeTimeProvider()), new FakeTimeProvider(), database.Provider, NullLogger<ImportOutcomes>.Instance).Run(database.ConnectionString, _file).Succeeded.ShouldBeTrue();

        var html = await client.GetStringAsync("/definitions/lab?definition=pilot-2024@1&window=6");

        html.ShouldContain("Listed, with an outcome</th>");
        Row(html, "Listed, with an outcome").ShouldContain("fewer than 5");
        Row(html, "Not listed, with an outcome").ShouldContain(">20<");
        Row(html, "Outcome rate among the listed").ShouldContain("withheld");
        Row(html, "Outcome rate among the rest").ShouldContain("withheld");
        var csv = await client.GetStringAsync("/definitions/lab?handler=csv&table=figures&definition=pilot-2024@1&window=6");
        csv.ShouldContain("\"Listed, with an outcome\",\"[c]\"");
        csv.ShouldContain("\"Not listed, with an outcome\",20");
        // The spreadsheet is the same table: the withheld marker as text, the count as a number.
        var xlsx = TableDownloadTests.Xlsx(await client.GetByteArrayAsync("/definitions/lab?handler=xlsx&table=figures&definition=pilot-2024@1&window=6"));
        xlsx.ShouldContain(row => row[0].Text == "Listed, with an outcome" && row[1].Text == "[c]" && row[1].Number == null);
        xlsx.ShouldContain(row => row[0].Text == "Not listed, with an outcome" && row[1].Number == 20);
        using var check = site.OpenDatabase();
        var entry = check.AuditEvents.AsNoTracking().Where(e => e.EventType == "definition.evaluated").OrderByDescending(e => e.Sequence).First();
        entry.Actor.ShouldBe("analyst");
        entry.Details.ShouldContain("\"window\":6");
        check.AuditEvents.AsNoTracking().Where(e => e.EventType == "insight.exported" && e.Actor == "analyst").AsEnumerable()
            .ShouldContain(e => e.Details.Contains("lab-figures", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Lab_UnknownDefinition_SaysSo()
    {
        var client = await site.SignInAsync("analyst");

        var html = await client.GetStringAsync("/definitions/lab?definition=nothing@9&window=6");

        html.ShouldContain("Choose one of the stored definitions.");
    }

    private static string Row(string html, string label)
    {
        var start = html.IndexOf(">" + label, StringComparison.Ordinal);
        start.ShouldBeGreaterThan(0, label);
        return html[start..html.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }
}
