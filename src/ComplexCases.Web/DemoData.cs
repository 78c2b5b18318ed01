using ComplexCases.Application.Screening;
using ComplexCases.Application.Storage;
using ComplexCases.Data;
using ComplexCases.Synthetic;
using ComplexCases.Application.Access;
using ComplexCases.Data.Accounts;
using Microsoft.AspNetCore.Identity;

namespace ComplexCases.Web;

/// <summary>Demo mode: on an empty database, a generated East of England region and six monthly runs.</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";
    public bool Enabled { get; init; }
    public int People { get; init; } = 20_000;
    public int Months { get; init; } = 6;
    public int Seed { get; init; } = 2024;
    public DateOnly AsOf { get; init; } = new(2024, 9, 1);
}

internal static class DemoData
{
    /// <summary>Published in the README: demo mode exists to be tried, and never runs in Production.</summary>
    public const string Password = "Complex-Cases-Demo-2024";

    public static void EnsureSeeded(IServiceProvider services, TextWriter log)
    {
        var options = services.GetRequiredService<DemoOptions>();
        var database = services.GetRequiredService<DatabaseTarget>();
        var clock = services.GetRequiredService<TimeProvider>();
        bool hasRuns;
        using (var db = database.Open()) hasRuns = db.Runs.Any();
        if (!hasRuns) SeedRuns(options, database, clock, services.GetRequiredService<Application.Workflow.WorkflowSettings>(), log);
        SeedAccounts(services, log);
        Demo.WorkflowDemo.EnsureSeeded(services, log);
        Demo.PanelDemo.EnsureSeeded(services, log);
        Notifications.DemoQualityAndNotifications.Seed(services, log);
    }

    private static void SeedAccounts(IServiceProvider services, TextWriter log)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ComplexCasesDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffAccount>>();
        if (!db.Users.Any(u => u.IsDemo))
        {
            // Scope the demo staff to real people in the generated data: the practitioner with the most complex cases (those
            // enter the Complex Case process, so the demo has conversations to hold), then the most listed cases.
            var latest = db.Runs.OrderByDescending(r => r.AsOf).ThenByDescending(r => r.Id).First().Id;
            // Norfolk when it is there (the README's walk-through uses it), else wherever the data is.
            var pdu = db.ListedCases.Any(c => c.RunId == latest && c.PduCode == "EOENFK") ? "EOENFK" : null;
            var busiest = db.ListedCases.Where(c => c.RunId == latest && c.PractitionerCode != null && (pdu == null || c.PduCode == pdu))
                .GroupBy(c => new { c.PractitionerCode, c.PractitionerName, c.SpoCode, c.SpoName, c.TeamCode, c.PduCode, c.RegionCode })
                .OrderByDescending(g => g.Count(c => c.Status == (byte)Domain.Screening.ScreeningStatus.Complex)).ThenByDescending(g => g.Count())
                .Select(g => g.Key).First();
            var spoTeams = string.Join(',', db.ListedCases.Where(c => c.RunId == latest && c.SpoCode == busiest.SpoCode && c.TeamCode != null)
                .Select(c => c.TeamCode!).Distinct().ToList());
            StaffAccount[] accounts =
            [
                Account("practitioner", busiest.PractitionerName ?? "Demo practitioner", Role.Practitioner, busiest.PractitionerCode, busiest.TeamCode, busiest.PduCode, busiest.RegionCode),
                Account("spo", busiest.SpoName ?? "Demo SPO", Role.Spo, busiest.SpoCode, spoTeams, busiest.PduCode, busiest.RegionCode),
                Account("head-of-pdu", "Demo head of PDU", Role.HeadOfPdu, null, null, busiest.PduCode, busiest.RegionCode),
                Account("panel-team", "Demo panel coordinator", Role.PanelTeam, null, null, null, busiest.RegionCode),
                Account("panel-member", "Demo panel member (mental health trust)", Role.PanelMember, null, null, null, busiest.RegionCode),
                Account("qdo", "Demo quality development officer", Role.Qdo, null, null, null, busiest.RegionCode),
                Account("analyst", "Demo analyst", Role.Analyst, null, null, null, null),
                Account("admin", "Demo administrator", Role.Administrator, null, null, null, null),
            ];
            foreach (var account in accounts)
            {
                var created = users.CreateAsync(account, Password).GetAwaiter().GetResult();
                if (!created.Succeeded) throw new InvalidOperationException($"Demo account {account.UserName}: {string.Join("; ", created.Errors.Select(e => e.Description))}");
            }
        }
        log.WriteLine($"Demo mode: sign in as practitioner, spo, head-of-pdu, panel-team, panel-member, qdo, analyst or admin, password {Password}");
    }

    private static StaffAccount Account(string userName, string name, Role role, string? staff, string? teams, string? pdu, string? region) => new()
    {
        UserName = userName, DisplayName = name, Roles = role.ToString(), StaffCode = staff, TeamCodes = teams, PduCode = pdu, RegionCode = region, IsDemo = true,
    };

    private static void SeedRuns(DemoOptions options, DatabaseTarget database, TimeProvider clock, Application.Workflow.WorkflowSettings workflow, TextWriter log)
    {
        log.WriteLine($"Demo mode: generating {options.People:N0} synthetic people in the East of England, {options.Months} months...");
        var folder = Path.Combine(Path.GetTempPath(), "complexcases-demo-" + Guid.NewGuid().ToString("N"));
        try
        {
            var months = PopulationGenerator.Generate(
                new GeneratorOptions(options.People, options.Months, options.Seed, options.AsOf, Presets.EastOfEngland), folder);
            var screen = new ScreenExtract(clock, workflow);
            foreach (var month in months)
            {
                var result = screen.Run(new ScreenRequest(month.Folder, month.AsOf, Path.Combine(folder, "out", month.AsOf.ToString("yyyy-MM-dd")))
                {
                    Database = database.ConnectionString,
                    RunBy = "demo",
                    WriteWorkbooks = false,
                });
                if (!result.Succeeded) throw new InvalidOperationException($"Demo screening of {month.AsOf} failed: {result.Error}");
            }
            log.WriteLine($"Demo mode: {months.Count} monthly runs stored.");
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }
}
