using ComplexCases.Application.Notifications;
using ComplexCases.Application.Quality;
using ComplexCases.Application.Screening;
using ComplexCases.Application.Storage;
using ComplexCases.Application.Workflow;
using ComplexCases.Domain.Workflow;
using ComplexCases.Synthetic;
using ComplexCases.Web.Demo;
using ComplexCases.Web.Operations;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ComplexCases.Web;

/// <summary>
/// Demo mode: on an empty database, a generated East of England region, nine monthly runs ending this month, its process and
/// synthetic outcomes. Nine, not six: the definitions lab follows a list up for six months at least, so only lists six months
/// older than the newest outcome can be evaluated.
/// </summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";
    public bool Enabled { get; init; }
    public int People { get; init; } = 20_000;
    public int Months { get; init; } = 9;
    public int Seed { get; init; } = 2024;

    /// <summary>The newest list's date; by default the first of the current month, so the demo is always this month's.</summary>
    public DateOnly? AsOf { get; init; }
}

internal static partial class DemoData
{
    /// <summary>Published in the README: demo mode exists to be tried, and never runs in Production.</summary>
    public const string Password = DemoStaff.Password;

    /// <summary>Who the demo's runs are by: how a database the demo made is told from one it must not touch.</summary>
    private const string DemoRunBy = "demo";

    /// <summary>
    /// Seeds the demo on an empty database. A demo database whose newest list is older than this month's (made in an earlier
    /// month) is made afresh, so the demo never shows a stale month. <paramref name="registrations"/> are the site's services,
    /// rebuilt for seeding around a <see cref="DemoTimeline"/>.
    /// </summary>
    public static void EnsureSeeded(IServiceProvider services, IServiceCollection registrations, ILogger log)
    {
        var options = services.GetRequiredService<DemoOptions>();
        var database = services.GetRequiredService<DatabaseTarget>();
        var site = services.GetRequiredService<TimeProvider>();
        var today = WorkingCalendar.UkDate(site.GetUtcNow());
        var asOf = options.AsOf ?? new DateOnly(today.Year, today.Month, 1);
        if (asOf > today) throw new StartRefusedException($"Demo:AsOf {asOf:yyyy-MM-dd} is after today ({today:yyyy-MM-dd}).");

        DateOnly? newest;
        bool madeByDemo;
        using (var db = database.Open())
        {
            newest = db.Runs.Max(r => (DateOnly?)r.AsOf);
            madeByDemo = db.Runs.Any(r => r.RunBy == DemoRunBy);
        }
        // A database whose runs the demo did not make is somebody's data (a pilot's, a benchmark's): the demo neither seeds
        // it nor replaces it when its newest month is old. Staging with the demo switched on by mistake must not erase it.
        if (newest is not null && !madeByDemo)
            throw new StartRefusedException($"Demo:Enabled is set, but the database ({database.Description}) holds screening runs " +
                "the demo did not make; the demo never seeds or replaces such a database. Set Demo:Enabled=false, or give the demo a " +
                "database of its own.");
        if (newest is { } stale && stale < asOf)
        {
            if (DemoDatabase.IsFile(database))
            {
                Renewing(log, stale, asOf);
                DemoDatabase.Delete(database);
                newest = null;
            }
            else
            {
                NotRenewed(log, stale);
            }
        }
        if (newest is null) Seed(registrations, site, options, asOf, log);
        SignInAs(log, Password);
    }

    private static void Seed(IServiceCollection registrations, TimeProvider site, DemoOptions options, DateOnly asOf, ILogger log)
    {
        Generating(log, options.People, options.Months, asOf);
        var timeline = new DemoTimeline(site);
        var seeding = SeedingServices(registrations, timeline);
        var folder = Path.Combine(Path.GetTempPath(), "complexcases-demo-" + Guid.NewGuid().ToString("N"));
        try
        {
            var settings = seeding.GetRequiredService<WorkflowSettings>();
            var database = seeding.GetRequiredService<DatabaseTarget>();
            var months = PopulationGenerator.Generate(
                new GeneratorOptions(options.People, options.Months, options.Seed, asOf, Presets.EastOfEngland), folder);
            // The demo staff are people of this month's list (so their home pages have work today): screened once aside to choose them.
            var pickedFrom = DatabaseTarget.Resolve(database.Provider, Path.Combine(folder, "choose-staff.db")).Value!;
            var latestMonth = months[^1];
            var pick = seeding.GetRequiredService<ScreenExtract>().Run(new ScreenRequest(latestMonth.Folder, latestMonth.AsOf, Path.Combine(folder, "choose-staff"))
            {
                Database = pickedFrom.ConnectionString, RunBy = DemoRunBy, WriteWorkbooks = false,
            });
            if (!pick.Succeeded) throw new InvalidOperationException($"Demo screening of {latestMonth.AsOf} failed: {pick.Error}");
            var chosen = DemoStaff.Choose(pickedFrom, pick.Value.RunId);
            DemoStaff? staff = null;
            DemoProcess? process = null;
            DemoReviews? reviews = null;
            var latestRun = 0;
            for (var i = 0; i < months.Count; i++)
            {
                var month = months[i];
                process?.RunUntil(month.AsOf);
                // The list is produced early on its date; the process starts from it.
                timeline.MoveTo(month.AsOf, 6);
                var result = seeding.GetRequiredService<ScreenExtract>().Run(
                    new ScreenRequest(month.Folder, month.AsOf, Path.Combine(folder, "out", month.AsOf.ToString("yyyy-MM-dd")))
                    {
                        Database = database.ConnectionString, RunBy = DemoRunBy, WriteWorkbooks = false,
                    });
                if (!result.Succeeded) throw new InvalidOperationException($"Demo screening of {month.AsOf} failed: {result.Error}");
                latestRun = result.Value.RunId;
                if (staff is null)
                {
                    staff = DemoStaff.Create(seeding, chosen);
                    process = new DemoProcess(seeding, timeline, settings, staff);
                    reviews = DemoReviews.Attach(seeding, staff, process, settings, seeding.GetRequiredService<QualitySettings>());
                }
                process!.PlanMonth(month.AsOf, latest: i == months.Count - 1, first: i == 0);
                if (i > 0) process.PlanMonthlyPanel(month.AsOf);
            }
            var today = timeline.Today;
            process!.RunUntil(today.AddDays(1));
            var meeting = process.Finish();
            reviews!.Finish(process.Conversations, today);
            var outcomes = ImportOutcomes(seeding, options, asOf, folder, database);

            // Notifications as the site's own clock sees today: the newly listed, and one reminder sweep.
            timeline.Release();
            using (var scope = seeding.CreateScope())
            {
                scope.ServiceProvider.GetRequiredService<NotificationCentre>().NewlyListedForRun(latestRun);
                scope.ServiceProvider.GetRequiredService<ReminderSweep>().Run();
            }
            Seeded(log, months.Count, process.Conversations.Count, reviews!.Reviews, reviews.SecondReviews, outcomes, meeting);
        }
        finally
        {
            // Some of the site's singletons (the group-commit audit writer) dispose only asynchronously.
            seeding.DisposeAsync().AsTask().GetAwaiter().GetResult();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// Synthetic outcomes (recalls, breaches, further offences...) of the same generated people, from the first list to the
    /// newest (never after today), imported as <c>complexcases outcomes import</c> would: the definitions lab then has something
    /// to evaluate. Outcome data is personal data, so the demo's import is audited like any other.
    /// </summary>
    private static int ImportOutcomes(IServiceProvider seeding, DemoOptions options, DateOnly asOf, string folder, DatabaseTarget database)
    {
        var generated = new GeneratorOptions(options.People, options.Months, options.Seed, asOf, Presets.EastOfEngland);
        OutcomeGenerator.Write(generated, folder);
        using var scope = seeding.CreateScope();
        var imported = scope.ServiceProvider.GetRequiredService<Application.Evaluation.ImportOutcomes>()
            .Run(database.ConnectionString, Path.Combine(folder, OutcomeGenerator.FileName), DemoRunBy);
        if (!imported.Succeeded) throw new InvalidOperationException($"Demo outcomes import failed: {imported.Error}");
        return imported.Value.Added;
    }

    /// <summary>The site's own services, with the timeline as their clock and no hosted services (nothing runs in the background).</summary>
    private static ServiceProvider SeedingServices(IServiceCollection registrations, DemoTimeline timeline)
    {
        var copy = new ServiceCollection();
        foreach (var registration in registrations)
        {
            if (registration.ServiceType == typeof(TimeProvider) || registration.ServiceType == typeof(IHostedService)) continue;
            copy.Add(registration);
        }
        copy.AddSingleton<TimeProvider>(timeline);
        copy.TryAddSingleton(timeline);
        return copy.BuildServiceProvider();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo mode: the demo database's newest list is {Stale:yyyy-MM-dd}; making a new demo ending {AsOf:yyyy-MM-dd}.")]
    private static partial void Renewing(ILogger logger, DateOnly stale, DateOnly asOf);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo mode: the demo database's newest list is {Stale:yyyy-MM-dd}; a demo on a server " +
        "database is not made afresh (its audit log cannot be deleted). Give it a new database to see this month, or use the embedded demo.")]
    private static partial void NotRenewed(ILogger logger, DateOnly stale);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo mode: generating {People} synthetic people in the East of England, {Months} months ending {AsOf:yyyy-MM-dd}...")]
    private static partial void Generating(ILogger logger, int people, int months, DateOnly asOf);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Demo mode: {Months} monthly runs stored; {Conversations} conversations recorded, {Reviews} quality reviews and {SecondReviews} second reviews; {Outcomes} synthetic outcomes; next panel meeting: {Meeting:dddd d MMMM yyyy}.")]
    private static partial void Seeded(ILogger logger, int months, int conversations, int reviews, int secondReviews, int outcomes, DateOnly? meeting);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Demo mode: sign in as practitioner, spo, head-of-pdu, panel-team, panel-member, qdo, analyst or admin, password {Password}")]
    private static partial void SignInAs(ILogger logger, string password);
}
