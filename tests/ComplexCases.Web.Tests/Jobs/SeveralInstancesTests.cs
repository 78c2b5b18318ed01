using System.Diagnostics.Metrics;
using System.Net;
using ComplexCases.Data.Accounts;
using ComplexCases.Data.Providers;
using ComplexCases.Data.Workflow;
using ComplexCases.Domain.Notifications;
using ComplexCases.TestSupport.Data;
using ComplexCases.TestSupport.Email;
using ComplexCases.Web.Notifications;
using ComplexCases.Web.Operations;
using ComplexCases.Web.Runs;
using ComplexCases.Web.Tests.Operations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ComplexCases.Web.Tests.Jobs;

/// <summary>Several instances on one PostgreSQL database.</summary>
public sealed class SeveralInstancesOnPostgresTests : SeveralInstancesTests
{
    private readonly PostgresTestDatabase _database = new();

    protected override string ConnectionString => _database.ConnectionString;

    protected override void DropDatabase() => _database.Dispose();
}

/// <summary>Several processes on one SQLite file (the pilot's single machine).</summary>
public sealed class SeveralInstancesOnSqliteTests : SeveralInstancesTests
{
    private readonly TestDatabase _database = new();

    protected override string ConnectionString => _database.FilePath;

    protected override void DropDatabase()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _database.Dispose();
    }
}

/// <summary>
/// Instances of the web application on one database (two in-process sites with the same configuration), as a deployment runs
/// them: background work runs once across them, a job a dead instance left is taken over, and a user may be served by either.
/// </summary>
public abstract class SeveralInstancesTests : IDisposable
{
    private const string Password = "Correct-Horse-Battery-1";
    private static readonly string Samples = Path.Combine(ComplexCases.TestSupport.Repository.Root, "samples");

    private readonly List<SharedDatabaseSite> _sites = [];

    protected abstract string ConnectionString { get; }

    protected abstract void DropDatabase();

    public void Dispose()
    {
        foreach (var site in _sites) site.Dispose();
        DropDatabase();
        GC.SuppressFinalize(this);
    }

    /// <summary>An instance, started (one after another: the first migrates the database).</summary>
    private SharedDatabaseSite Start(IReadOnlyDictionary<string, string?>? settings = null, bool worker = true)
    {
        var site = new SharedDatabaseSite(ConnectionString, settings, worker);
        _sites.Add(site);
        _ = site.Services;
        return site;
    }

    [Fact]
    public async Task TwoInstancesSweepingAtOnce_EmailEveryNotificationExactlyOnce()
    {
        await using var smtp = await LoopbackSmtpServer.StartAsync();
        var email = new Dictionary<string, string?>
        {
            ["Email:Enabled"] = "true", ["Email:Host"] = LoopbackSmtpServer.Host,
            ["Email:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Email:FromAddress"] = "complex-cases@example.org", ["Email:SiteBaseUrl"] = "https://complex-cases.example.org",
        };
        var a = Start(email);
        var b = Start(email);
        const int people = 6;
        using (var db = a.OpenDatabase())
        {
            for (var i = 1; i <= people; i++)
            {
                db.Users.Add(new StaffAccount { UserName = $"pp{i}", DisplayName = $"Practitioner {i}", Roles = "Practitioner", Email = $"pp{i}@example.org" });
                db.Notifications.Add(new NotificationRecord
                {
                    RecipientUserName = $"pp{i}", Kind = (int)NotificationKind.NewlyListed, Title = $"Newly listed: E00000{i}",
                    Body = $"E00000{i} is on the list.", Link = $"/cases/E00000{i}", Crns = $"E00000{i}",
                    CreatedAt = a.Clock.GetUtcNow(), DedupKey = $"newly-listed:E00000{i}:-:pp{i}",
                });
            }
            db.SaveChanges();
        }
        var sweepers = new[] { Sweeper(a), Sweeper(b) };

        // Each instance's timer firing several times at once, as after a pause: every pass races for the sweep.
        var passes = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => sweepers[i % 2].SweepOnceAsync(CancellationToken.None))));

        passes.ShouldContain(true);
        (await smtp.WaitForAsync(people, TimeSpan.FromSeconds(30))).Count.ShouldBe(people);
        // Later passes find nothing left to send.
        await Task.WhenAll(sweepers.Select(s => s.SweepOnceAsync(CancellationToken.None)));
        smtp.Received.Count.ShouldBe(people);
        smtp.Received.Select(m => m.EnvelopeTo.Single()).ShouldBe(Enumerable.Range(1, people).Select(i => $"pp{i}@example.org"), ignoreOrder: true);
        using var check = a.OpenDatabase();
        check.Notifications.AsNoTracking().ShouldAllBe(n => n.EmailedAt != null && n.EmailAttempts == 1);
    }

    [Fact]
    public async Task JobLock_IsHeldByOneHolderAtATime_AndFreeOnceReleased()
    {
        var site = Start(worker: false);
        using var one = site.OpenDatabase();
        using var two = site.OpenDatabase();

        var first = await one.JobLock().TryAcquireAsync(one, "test-lock");
        first.ShouldNotBeNull();
        (await two.JobLock().TryAcquireAsync(two, "test-lock")).ShouldBeNull();
        await using (var other = await two.JobLock().TryAcquireAsync(two, "another-lock")) other.ShouldNotBeNull();
        await first.DisposeAsync();
        await using var again = await two.JobLock().TryAcquireAsync(two, "test-lock");
        again.ShouldNotBeNull();
    }

    [Fact]
    public async Task InstancesRacingToClaimOneQueuedScreening_OneGetsIt()
    {
        var a = Start(worker: false);
        var b = Start(worker: false);
        var job = Enqueue(a, "2024-09-01");

        var claims = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(() => (i % 2 == 0 ? a : b).Jobs.TryClaim($"instance-{i}"))));

        claims.OfType<ClaimedScreening>().ShouldHaveSingleItem().Id.ShouldBe(job.Id);
        var claimed = a.Jobs.Find(job.Id, "analyst")!;
        claimed.State.Status.ShouldBe(ScreeningJobStatus.Running);
        claimed.Attempts.ShouldBe(1);
    }

    [Fact]
    public async Task TwoInstancesWithWorkers_RunEachQueuedScreeningOnce_AndEitherShowsItsProgress()
    {
        var a = Start();
        var b = Start();
        var august = Enqueue(a, "2024-08-01");
        var september = Enqueue(b, "2024-09-01");

        var done = new[] { await WaitUntilFinishedAsync(a, august.Id), await WaitUntilFinishedAsync(b, september.Id) };

        done.ShouldAllBe(j => j.State.Status == ScreeningJobStatus.Succeeded && j.Attempts == 1 && !j.HoldsExtract);
        // The other instance reads the same job.
        b.Jobs.Find(august.Id, "analyst")!.State.Result!.RunId.ShouldBe(done[0].State.Result!.RunId);
        using var db = a.OpenDatabase();
        db.Runs.Count().ShouldBe(2);
        done.Select(j => j.State.Result!.RunId).ShouldBe(db.Runs.Select(r => r.Id).ToList(), ignoreOrder: true);
        done.ShouldAllBe(j => !j.State.Result!.AlreadyStored);
    }

    [Fact]
    public async Task TheMonthlyRunFromTheDropFolder_IsQueuedAndStoredOnce_ByTwoInstancesWatchingIt()
    {
        var drop = Path.Combine(Path.GetTempPath(), "complexcases-drop-" + Guid.NewGuid().ToString("N"));
        try
        {
            var august = CopyMonth(drop, "2024-08-01");
            var september = CopyMonth(drop, "2024-09-01");
            File.WriteAllText(Path.Combine(august, ScreeningWorker.DropReadyFile), "");
            var settings = new Dictionary<string, string?> { ["Runs:Worker:DropFolder"] = drop };
            var a = Start(settings);
            var b = Start(settings);

            var done = await WaitForDropRunAsync(a, "drop:2024-08-01");

            done.Status.ShouldBe((int)ScreeningJobStatus.Succeeded, done.Error);
            done.Attempts.ShouldBe(1);
            done.Extract.ShouldBeNull();
            // Both instances keep looking: the month is not queued again, and one still being copied (no ready file) is not taken.
            await Task.WhenAll(Worker(a).PassAsync(CancellationToken.None), Worker(b).PassAsync(CancellationToken.None));
            using var db = a.OpenDatabase();
            db.ScreeningRequests.AsNoTracking().Select(r => r.Source).ToList().ShouldBe(["drop:2024-08-01"]);
            var run = db.Runs.AsNoTracking().ShouldHaveSingleItem();
            run.AsOf.ShouldBe(new DateOnly(2024, 8, 1));
            run.RunBy.ShouldBe(ScreeningJobs.SystemOwner);
            Directory.Exists(september).ShouldBeTrue();
        }
        finally
        {
            if (Directory.Exists(drop)) Directory.Delete(drop, recursive: true);
        }
    }

    [Fact]
    public async Task AMonthFromTheDropFolderThatIsRefused_FailsStoringNothing_AndAdministratorsAreTold()
    {
        var drop = Path.Combine(Path.GetTempPath(), "complexcases-drop-" + Guid.NewGuid().ToString("N"));
        try
        {
            var month = CopyMonth(drop, "2024-08-01");
            File.WriteAllText(Path.Combine(month, "people.csv"), "crn,region\nE000001,N07\n");
            File.WriteAllText(Path.Combine(month, ScreeningWorker.DropReadyFile), "");
            var site = Start(worker: false);
            await AddAccountAsync(site, "admin1", "Administrator");
            var settings = new Dictionary<string, string?> { ["Runs:Worker:DropFolder"] = drop };
            var watcher = Start(settings);

            var failed = await WaitForDropRunAsync(watcher, "drop:2024-08-01");

            failed.Status.ShouldBe((int)ScreeningJobStatus.Failed);
            failed.Error!.ShouldContain("people.csv");
            NothingStored(watcher);
            using var db = watcher.OpenDatabase();
            db.Notifications.AsNoTracking().Where(n => n.Kind == (int)NotificationKind.JobFailed).ToList().ShouldHaveSingleItem()
                .Title.ShouldBe("Screening failed: started by system for 1 August 2024");
        }
        finally
        {
            if (Directory.Exists(drop)) Directory.Delete(drop, recursive: true);
        }
    }

    [Fact]
    public async Task TheMonthlyRunFromTheDropFolder_UsesTheVersionAdoptedForItsMonth()
    {
        var drop = Path.Combine(Path.GetTempPath(), "complexcases-drop-" + Guid.NewGuid().ToString("N"));
        try
        {
            var watcher = Start(new Dictionary<string, string?> { ["Runs:Worker:DropFolder"] = drop }, worker: false);
            // A version written in the service (threshold 5), adopted from next month: that month's run must use it.
            var next = new DateOnly(watcher.Clock.Today.Year, watcher.Clock.Today.Month, 1).AddMonths(1);
            using (var db = watcher.OpenDatabase())
            {
                var library = new ComplexCases.Application.Definitions.DefinitionLibrary(db, new ComplexCases.Application.Audit.AuditLog(watcher.Clock), watcher.Clock);
                var json = File.ReadAllText(ComplexCases.Application.Definitions.DefinitionFile.PilotPath).Replace("\"threshold\": 6", "\"threshold\": 5", StringComparison.Ordinal);
                library.Save(new ComplexCases.Application.Access.StaffUser("ann", "Ann", [ComplexCases.Application.Access.Role.Analyst]), json).Succeeded.ShouldBeTrue();
                library.Adopt(new ComplexCases.Application.Access.StaffUser("hal", "Hal", [ComplexCases.Application.Access.Role.HeadOfPdu]), "pilot-2024@2", next, "lab results")
                    .Succeeded.ShouldBeTrue();
            }
            var month = CopyMonth(drop, "2024-08-01", next.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            File.WriteAllText(Path.Combine(month, ScreeningWorker.DropReadyFile), "");
            var site = Start(new Dictionary<string, string?> { ["Runs:Worker:DropFolder"] = drop });

            var done = await WaitForDropRunAsync(site, "drop:" + Path.GetFileName(month));

            done.Status.ShouldBe((int)ScreeningJobStatus.Succeeded, done.Error);
            (done.DefinitionId, done.DefinitionVersion).ShouldBe((null, null));
            using var check = site.OpenDatabase();
            var run = check.Runs.AsNoTracking().ShouldHaveSingleItem();
            (run.DefinitionId, run.DefinitionVersion, run.Threshold).ShouldBe(("pilot-2024", 2, 5));
        }
        finally
        {
            if (Directory.Exists(drop)) Directory.Delete(drop, recursive: true);
        }
    }

    private static string CopyMonth(string drop, string month, string? asFolder = null)
    {
        var target = Path.Combine(drop, asFolder ?? month);
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(Path.Combine(Samples, month))) File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        return target;
    }

    private static ScreeningWorker Worker(SharedDatabaseSite site) => site.Services.GetServices<IHostedService>().OfType<ScreeningWorker>().Single();

    private static async Task<ComplexCases.Data.Screening.ScreeningRequest> WaitForDropRunAsync(SharedDatabaseSite site, string source)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            using (var db = site.OpenDatabase())
            {
                var request = db.ScreeningRequests.AsNoTracking().SingleOrDefault(r => r.Source == source);
                if (request is { Status: (int)ScreeningJobStatus.Succeeded or (int)ScreeningJobStatus.Failed }) return request;
            }
            if (waited.Elapsed > TimeSpan.FromMinutes(2)) throw new TimeoutException($"{source} was not run.");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task AStoppingWorker_CancelsTheRun_StoresNothing_AndQueuesItAgain_ThenItRunsOnce()
    {
        var site = Start(worker: false);
        var worker = site.NewWorker();
        var job = Enqueue(site, "2024-09-01");
        var claimed = site.Jobs.TryClaim(worker.Instance)!;
        using var stopping = new CancellationTokenSource();
        await stopping.CancelAsync();

        await worker.Run(claimed, stopping.Token);

        var requeued = site.Jobs.Find(job.Id, "analyst")!;
        requeued.State.Status.ShouldBe(ScreeningJobStatus.Queued);
        requeued.HoldsExtract.ShouldBeTrue();
        NothingStored(site);

        (await worker.PassAsync(CancellationToken.None)).ShouldBeTrue();
        var finished = site.Jobs.Find(job.Id, "analyst")!;
        finished.State.Status.ShouldBe(ScreeningJobStatus.Succeeded, finished.State.Error);
        using var db = site.OpenDatabase();
        db.Runs.Count().ShouldBe(1);
    }

    [Fact]
    public async Task AnInstanceStoppedInTheMiddleOfARun_StoresNothing_AndAnotherRunsTheJobOnce()
    {
        var folder = Path.Combine(Path.GetTempPath(), "complexcases-jobs-" + Guid.NewGuid().ToString("N"));
        try
        {
            // Big enough that the run is still going when the instance stops (seconds, not milliseconds).
            var month = ComplexCases.Synthetic.PopulationGenerator.Generate(new ComplexCases.Synthetic.GeneratorOptions(20_000, 1, 11,
                new DateOnly(2024, 9, 1), ComplexCases.Synthetic.Presets.EastOfEngland), folder).Single();
            var first = Start();
            var job = first.Jobs.Enqueue("analyst", month.Folder, month.AsOf, "pilot-2024");
            var running = await WaitUntilAsync(first, job.Id, j => j.State.Status == ScreeningJobStatus.Running && j.State.Stage != "Starting");

            var stopping = System.Diagnostics.Stopwatch.StartNew();
            first.Dispose();
            stopping.Stop();

            var second = Start(worker: false);
            var stopped = second.Jobs.Find(job.Id, "analyst")!;
            stopped.State.Status.ShouldBe(ScreeningJobStatus.Queued, $"stopped at {running.State.Stage} {running.State.Percent}%, in {stopping.Elapsed}, now {stopped.State.Stage}");
            stopped.Attempts.ShouldBe(0);
            stopped.HoldsExtract.ShouldBeTrue();
            NothingStored(second);
            (await second.NewWorker().PassAsync(CancellationToken.None)).ShouldBeTrue();
            var finished = second.Jobs.Find(job.Id, "analyst")!;
            finished.State.Status.ShouldBe(ScreeningJobStatus.Succeeded, finished.State.Error);
            finished.State.Result!.People.ShouldBe(month.People);
            using var db = second.OpenDatabase();
            db.Runs.Count().ShouldBe(1);
            db.PersonResults.Count().ShouldBe(month.People);
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task AJobWhoseInstanceWasKilled_IsTakenOverByAnother_AndStoredOnce()
    {
        var dead = Start(worker: false);
        var job = Enqueue(dead, "2024-09-01");
        // What a killed instance leaves: the job claimed and marked running, and then no sign of life.
        dead.Jobs.TryClaim("killed-instance").ShouldNotBeNull();
        NothingStored(dead);

        var survivor = Start();
        var finished = await WaitUntilFinishedAsync(survivor, job.Id);

        finished.State.Status.ShouldBe(ScreeningJobStatus.Succeeded, finished.State.Error);
        finished.Attempts.ShouldBe(2);
        using var db = survivor.OpenDatabase();
        db.Runs.Count().ShouldBe(1);
        db.Notifications.AsNoTracking().Count(n => n.Kind == (int)NotificationKind.JobFailed).ShouldBe(0);
    }

    [Fact]
    public async Task AJobTakenOverAndRun_IsMeasured_TakenOverStartedAndSucceeded_ByTheInstanceThatRanIt()
    {
        var dead = Start(worker: false);
        var job = Enqueue(dead, "2024-09-01");
        dead.Jobs.TryClaim("killed-instance").ShouldNotBeNull();
        var survivor = Start(worker: false);
        using var deadMeasurements = new Measurements(dead.Services.GetRequiredService<IMeterFactory>(), JobMetrics.Name);
        using var measurements = new Measurements(survivor.Services.GetRequiredService<IMeterFactory>(), JobMetrics.Name);
        var worker = survivor.NewWorker();

        // Nothing to do until the killed instance has been silent for Runs:Worker:AbandonedAfter (2 s here).
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!await worker.PassAsync(CancellationToken.None))
        {
            if (waited.Elapsed > TimeSpan.FromMinutes(1)) throw new TimeoutException("The abandoned job was not taken over.");
            await Task.Delay(100);
        }

        survivor.Jobs.Find(job.Id, "analyst")!.State.Status.ShouldBe(ScreeningJobStatus.Succeeded);
        var takenOver = measurements.Of("complexcases.jobs.taken_over").ShouldHaveSingleItem();
        takenOver.Tags["job.kind"].ShouldBe(JobMetrics.Screening);
        takenOver.Tags["outcome"].ShouldBe("requeued");
        measurements.Sum("complexcases.jobs.started", "job.kind", JobMetrics.Screening).ShouldBe(1);
        measurements.Sum("complexcases.jobs.succeeded", "job.kind", JobMetrics.Screening).ShouldBe(1);
        measurements.Of("complexcases.jobs.failed").ShouldBeEmpty();
        var duration = measurements.Of("complexcases.jobs.duration").ShouldHaveSingleItem();
        duration.Tags["outcome"].ShouldBe(JobOutcome.Succeeded);
        duration.Value.ShouldBeGreaterThan(0);
        // The other instance only queued and claimed it: it measured no job.
        deadMeasurements.Of("complexcases.jobs.started").ShouldBeEmpty();
    }

    [Fact]
    public async Task AJobKilledOnItsLastAttempt_FailsStoringNothing_AndAdministratorsAreTold()
    {
        var dead = Start(worker: false);
        await AddAccountAsync(dead, "admin1", "Administrator");
        await AddAccountAsync(dead, "admin2", "Administrator");
        await AddAccountAsync(dead, "analyst2", "Analyst");
        var job = Enqueue(dead, "2024-09-01");
        dead.Jobs.TryClaim("killed-instance").ShouldNotBeNull();

        var survivor = Start(new Dictionary<string, string?> { ["Runs:Worker:MaxAttempts"] = "1" });
        var failed = await WaitUntilFinishedAsync(survivor, job.Id);

        failed.State.Status.ShouldBe(ScreeningJobStatus.Failed);
        failed.State.Error!.ShouldContain("nothing was stored");
        failed.HoldsExtract.ShouldBeFalse();
        NothingStored(survivor);
        // The worker marks the job failed, then tells the administrators (only the instance whose update failed it does):
        // the notices follow the status, so wait for them (under load, and on a server, the test could read in between).
        var told = await WaitForJobFailedNoticesAsync(survivor, count: 2);
        told.Select(n => n.RecipientUserName).ShouldBe(["admin1", "admin2"], ignoreOrder: true);
        told.ShouldAllBe(n => n.Title.StartsWith("Screening failed: started by analyst for 1 September 2024", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SignedInOnOneInstance_IsSignedInOnTheOther_AndAFormOpenedOnOnePostsOnTheOther()
    {
        var a = Start(worker: false);
        var b = Start(worker: false);
        await AddAccountAsync(a, "practitioner1", "Practitioner");
        using (var db = a.OpenDatabase())
        {
            db.Notifications.Add(new NotificationRecord
            {
                RecipientUserName = "practitioner1", Kind = (int)NotificationKind.NewlyListed, Title = "Newly listed: E000001",
                Body = "E000001 is on the list.", Link = "/cases/E000001", Crns = "E000001", CreatedAt = a.Clock.GetUtcNow(),
                DedupKey = "newly-listed:E000001:-:practitioner1",
            });
            db.SaveChanges();
        }
        // One browser: one cookie jar, whichever instance the load balancer sends each request to.
        var cookies = new System.Net.CookieContainer();
        using var onA = a.CreateDefaultClient(new CookieContainerHandler(cookies));
        using var onB = b.CreateDefaultClient(new CookieContainerHandler(cookies));

        // The sign-in form from A, posted to B.
        var signInForm = await onA.GetStringAsync("/sign-in");
        var signedIn = await onB.PostAsync("/sign-in", Form(signInForm, ("UserName", "practitioner1"), ("Password", Password)));
        signedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        signedIn.Headers.Location!.ToString().ShouldNotContain("sign-in");

        // B's cookie on A.
        (await onA.GetAsync("/notifications")).StatusCode.ShouldBe(HttpStatusCode.OK);
        // A form opened on A, posted to B with A's antiforgery token.
        var page = await onA.GetStringAsync("/notifications");
        var marked = await onB.PostAsync("/notifications?handler=MarkAllRead", Form(page));
        marked.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        using (var db = b.OpenDatabase()) db.Notifications.AsNoTracking().Single().ReadAt.ShouldNotBeNull();
        // Without the token it is refused on either.
        (await onB.PostAsync("/notifications?handler=MarkAllRead", new FormUrlEncodedContent([]))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    private static FormUrlEncodedContent Form(string html, params (string Name, string Value)[] fields) =>
        new([new("__RequestVerificationToken", SignedInClient.AntiforgeryToken(html)), .. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))]);

    private static ReminderService Sweeper(SharedDatabaseSite site) => site.Services.GetServices<IHostedService>().OfType<ReminderService>().Single();

    private static ScreeningJob Enqueue(SharedDatabaseSite site, string month) =>
        site.Jobs.Enqueue("analyst", Path.Combine(Samples, month), DateOnly.Parse(month, System.Globalization.CultureInfo.InvariantCulture), "pilot-2024");

    private static async Task AddAccountAsync(SharedDatabaseSite site, string userName, string roles)
    {
        using var scope = site.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffAccount>>();
        (await users.CreateAsync(new StaffAccount { UserName = userName, DisplayName = userName, Roles = roles }, Password)).Succeeded.ShouldBeTrue();
    }

    private static void NothingStored(SharedDatabaseSite site)
    {
        using var db = site.OpenDatabase();
        db.Runs.Count().ShouldBe(0);
        db.PersonResults.Count().ShouldBe(0);
        db.ListedCases.Count().ShouldBe(0);
    }

    private static async Task<List<NotificationRecord>> WaitForJobFailedNoticesAsync(SharedDatabaseSite site, int count)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            using (var db = site.OpenDatabase())
            {
                var told = db.Notifications.AsNoTracking().Where(n => n.Kind == (int)NotificationKind.JobFailed).ToList();
                if (told.Count >= count || waited.Elapsed > TimeSpan.FromMinutes(1)) return told;
            }
            await Task.Delay(20);
        }
    }

    private static Task<ScreeningJob> WaitUntilFinishedAsync(SharedDatabaseSite site, Guid id) =>
        WaitUntilAsync(site, id, job => job.State.Status is ScreeningJobStatus.Succeeded or ScreeningJobStatus.Failed);

    private static async Task<ScreeningJob> WaitUntilAsync(SharedDatabaseSite site, Guid id, Func<ScreeningJob, bool> reached)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var job = site.Jobs.Find(id, "analyst")!;
            if (reached(job)) return job;
            if (waited.Elapsed > TimeSpan.FromMinutes(2)) throw new TimeoutException($"Job {id} did not get there: {job.State}");
            await Task.Delay(20);
        }
    }
}
