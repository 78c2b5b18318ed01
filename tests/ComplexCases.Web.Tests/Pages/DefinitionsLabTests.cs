using System.Globalization;
using ComplexCases.Application.Audit;
using ComplexCases.Application.Evaluation;
using ComplexCases.Data.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ComplexCases.Web.Tests.Pages;

/// <summary>
/// The definitions lab on the demo site, with the demo's synthetic outcomes replaced by outcomes for some of the first month's
/// people: four listed with an outcome, a group too small to show, made on purpose.
/// </summary>
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
            db.Outcomes.ExecuteDelete();
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

/// <summary>A demo long enough for the lab's shortest follow-up: eight months, so the first lists' six months have ended.</summary>
public sealed class EightMonthDemoSiteFactory : DemoSiteFactory
{
    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Demo:Months", "8");
    }
}

/// <summary>The demo's own synthetic outcomes: imported with the demo, dated within its months, and evaluated by the lab.</summary>
public sealed class DemoOutcomesTests(EightMonthDemoSiteFactory site) : IClassFixture<EightMonthDemoSiteFactory>
{
    [Fact]
    public async Task TheDemosOutcomes_GiveTheLabFiguresToShow()
    {
        var client = await site.SignInAsync("analyst");
        DateOnly first, newest;
        int outcomes;
        using (var db = site.OpenDatabase())
        {
            var runs = db.Runs.AsNoTracking().Select(r => r.AsOf).ToList();
            (first, newest) = (runs.Min(), runs.Max());
            var dates = db.Outcomes.AsNoTracking().Select(o => o.OccurredOn).ToList();
            outcomes = dates.Count;
            outcomes.ShouldBeGreaterThan(0);
            // Synthetic outcomes of the demo's people, from its first list to its newest: never after today.
            dates.ShouldAllBe(d => d >= first && d <= newest && d <= site.Clock.Today);
            db.AuditEvents.AsNoTracking().Count(e => e.EventType == "outcomes.imported" && e.Actor == "demo").ShouldBe(1);
        }

        var csv = TableDownloadTests.Csv(await client.GetStringAsync("/definitions/lab?handler=csv&table=figures&definition=pilot-2024@1&window=6"));

        int Figure(string label) => int.Parse(csv.Single(r => r[0] == label)[1], CultureInfo.InvariantCulture);
        // Lists whose six months of follow-up have ended before the newest outcome: the first one or two of eight.
        Figure("Person-months").ShouldBeGreaterThan(0);
        Figure("With an outcome").ShouldBeGreaterThanOrEqualTo(5);
        Figure("Listed (complex)").ShouldBeGreaterThanOrEqualTo(5);
        csv.Single(r => r[0] == "AUC of the score")[1].ShouldNotBe("[c]");
    }
}
