using ComplexCases.Application.Storage;
using ComplexCases.Data.Screening;
using ComplexCases.TestSupport;
using ComplexCases.TestSupport.Data;
using ComplexCases.TestSupport.Web;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ComplexCases.Web.Tests;

/// <summary>
/// Demo mode renews only a database it made. A benchmark's or a pilot's database opened with the demo switched on (Staging,
/// by mistake) once lost its twelve months: the demo saw an old newest month and made itself afresh in its place.
/// </summary>
public sealed class DemoOwnDatabaseTests
{
    private sealed class DemoOn(string connectionString, TestClock clock) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            foreach (var (key, value) in DemoSite.Settings(connectionString)) builder.UseSetting(key, value);
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(clock));
        }
    }

    [Fact]
    public void ADatabaseWithRunsTheDemoDidNotMake_IsNeverReplaced_TheSiteRefusesToStartAndSaysWhy()
    {
        using var database = TestDatabases.Create();
        using (var plain = new ConfiguredSiteFactory("Testing", new Dictionary<string, string?> { ["ConnectionStrings:ComplexCases"] = database.Target }))
        using (var db = plain.Services.GetRequiredService<DatabaseTarget>().Open())
        {
            db.Runs.Add(new ScreeningRun
            {
                AsOf = new DateOnly(2024, 9, 1), DefinitionId = "pilot-2024", DefinitionVersion = 1, Threshold = 6, ExtractSha256 = new string('0', 64),
                StartedAt = DateTimeOffset.UnixEpoch, CompletedAt = DateTimeOffset.UnixEpoch, RunBy = "bench",
            });
            db.SaveChanges();
        }

        using var demo = new DemoOn(database.Target, new TestClock());
        var failure = Should.Throw<InvalidOperationException>(() => demo.Services);

        failure.Message.ShouldContain("Demo:Enabled");
        failure.Message.ShouldContain("the demo did not make");
        using var after = new ConfiguredSiteFactory("Testing", new Dictionary<string, string?> { ["ConnectionStrings:ComplexCases"] = database.Target });
        using var check = after.Services.GetRequiredService<DatabaseTarget>().Open();
        check.Runs.Select(r => r.RunBy).ToList().ShouldBe(["bench"]);
    }

    [Fact]
    public void ADemoDatabaseFromAnEarlierMonth_IsMadeAfresh_EndingThisMonth()
    {
        using var database = TestDatabases.Create();
        var march = new TestClock();
        using (var first = new DemoOn(database.Target, march))
        using (var db = first.Services.GetRequiredService<DatabaseTarget>().Open())
            db.Runs.Max(r => r.AsOf).ShouldBe(new DateOnly(march.Today.Year, march.Today.Month, 1));

        var nextMonth = new TestClock(TestClock.OrdinaryWorkingDay.AddMonths(1));
        using var second = new DemoOn(database.Target, nextMonth);
        using var renewed = second.Services.GetRequiredService<DatabaseTarget>().Open();
        var newest = new DateOnly(nextMonth.Today.Year, nextMonth.Today.Month, 1);
        renewed.Runs.Max(r => r.AsOf).ShouldBe(newest);
        renewed.Runs.ShouldAllBe(r => r.RunBy == "demo");
        renewed.Runs.Count().ShouldBe(3);
    }
}
