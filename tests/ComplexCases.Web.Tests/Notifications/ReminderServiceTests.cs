using ComplexCases.Application.Audit;
using ComplexCases.Application.Notifications;
using ComplexCases.Application.Workflow;
using ComplexCases.Data;
using ComplexCases.Data.Providers;
using ComplexCases.TestSupport.Data;
using ComplexCases.Web.Notifications;
using ComplexCases.Web.Operations;
using ComplexCases.Web.Tests.Operations;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ComplexCases.Web.Tests.Notifications;

/// <summary>The hosted reminder service on a fake clock: a sweep and a dispatch at start, then one per interval, whatever fails.</summary>
public sealed class ReminderServiceTests : IDisposable
{
    private readonly ITestDatabase _database = TestDatabases.Create();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2025, 6, 16, 9, 0, 0, TimeSpan.Zero));
    private readonly CountingDispatcher _dispatcher = new();
    // This class's own meter factory: what other tests measure in this process is not seen.
    private readonly ServiceProvider _metrics = new ServiceCollection().AddMetrics().BuildServiceProvider();

    private IMeterFactory Meters => _metrics.GetRequiredService<IMeterFactory>();

    private static readonly WorkflowSettings Shipped = WorkflowSettings.Load(Path.Combine(AppContext.BaseDirectory, "definitions"));

    public void Dispose()
    {
        _metrics.Dispose();
        _database.Dispose();
    }

    private ReminderService Service(int minutes)
    {
        var services = new ServiceCollection();
        services.AddScoped(_ => _database.Open());
        services.AddScoped(sp => new ReminderSweep(sp.GetRequiredService<ComplexCasesDbContext>(), Shipped,
            new NotificationCentre(sp.GetRequiredService<ComplexCasesDbContext>(), new AuditLog(_clock), _clock), _clock));
        services.AddScoped(sp => new JobFailures(sp.GetRequiredService<ComplexCasesDbContext>(),
            new NotificationCentre(sp.GetRequiredService<ComplexCasesDbContext>(), new AuditLog(_clock), _clock), _clock));
        services.AddSingleton<INotificationDispatcher>(_dispatcher);
        return new ReminderService(services.BuildServiceProvider().GetRequiredService<IServiceScopeFactory>(), _clock,
            new ReminderOptions { SweepMinutes = minutes }, new JobMetrics(_clock, Meters), NullLogger<ReminderService>.Instance);
    }

    [Fact]
    public async Task Sweeps_AtStart_ThenOncePerInterval_OnTheInjectedClock()
    {
        using var service = Service(60);
        await service.StartAsync(CancellationToken.None);

        await _dispatcher.WaitForAsync(1);
        await Settle();
        _clock.Advance(TimeSpan.FromMinutes(59));
        await Settle();
        _dispatcher.Calls.ShouldBe(1);

        _clock.Advance(TimeSpan.FromMinutes(1));
        await _dispatcher.WaitForAsync(2);
        await Settle();
        _clock.Advance(TimeSpan.FromMinutes(60));
        await _dispatcher.WaitForAsync(3);

        await service.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task AFailedDispatch_IsToldToAdministratorsOnce_AndRetriedAtTheNextInterval()
    {
        using (var db = _database.Open())
        {
            db.Users.Add(new ComplexCases.Data.Accounts.StaffAccount { UserName = "admin1", DisplayName = "Admin", Roles = "Administrator" });
            db.SaveChanges();
        }
        _dispatcher.FailNext = true;
        using var service = Service(5);
        await service.StartAsync(CancellationToken.None);
        await _dispatcher.WaitForAsync(1);
        await Settle();

        using (var db = _database.Open())
        {
            var told = db.Notifications.Where(n => n.Kind == (int)ComplexCases.Domain.Notifications.NotificationKind.JobFailed).ToList().ShouldHaveSingleItem();
            told.RecipientUserName.ShouldBe("admin1");
            told.Title.ShouldBe("Reminder sweep failed");
        }

        _clock.Advance(TimeSpan.FromMinutes(5));

        await _dispatcher.WaitForAsync(2);
        await service.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task EachSweep_IsMeasured_StartedSucceededOrFailed_WithItsDuration()
    {
        using var measurements = new Measurements(Meters, JobMetrics.Name);
        using var service = Service(60);
        // Each dispatch takes three seconds on the test's clock.
        _dispatcher.Taking = () => _clock.Advance(TimeSpan.FromSeconds(3));

        (await service.SweepOnceAsync(CancellationToken.None)).ShouldBeTrue();
        _dispatcher.FailNext = true;
        (await service.SweepOnceAsync(CancellationToken.None)).ShouldBeFalse();

        measurements.Sum("complexcases.jobs.started", "job.kind", JobMetrics.ReminderSweep).ShouldBe(2);
        measurements.Sum("complexcases.jobs.succeeded", "job.kind", JobMetrics.ReminderSweep).ShouldBe(1);
        measurements.Sum("complexcases.jobs.failed", "job.kind", JobMetrics.ReminderSweep).ShouldBe(1);
        var durations = measurements.Of("complexcases.jobs.duration");
        durations.Select(d => (d.Value, d.Tags["outcome"], d.Tags["job.kind"])).ShouldBe(
            [(3.0, JobOutcome.Succeeded, JobMetrics.ReminderSweep), (3.0, JobOutcome.Failed, JobMetrics.ReminderSweep)]);
        measurements.Of("complexcases.jobs.taken_over").ShouldBeEmpty();
    }

    [Fact]
    public async Task ATurnSkippedBecauseAnotherInstanceSweeps_IsNotASweep()
    {
        using var measurements = new Measurements(Meters, JobMetrics.Name);
        using var service = Service(60);
        using var db = _database.Open();
        await using var other = await db.JobLock().TryAcquireAsync(db, ReminderService.SweepLock, CancellationToken.None);
        other.ShouldNotBeNull();

        (await service.SweepOnceAsync(CancellationToken.None)).ShouldBeFalse();

        measurements.Of("complexcases.jobs.started").ShouldBeEmpty();
        measurements.Of("complexcases.jobs.failed").ShouldBeEmpty();
    }

    [Fact]
    public async Task SweepMinutesZero_TurnsTheSweepOff()
    {
        using var service = Service(0);
        await service.StartAsync(CancellationToken.None);
        await Task.Delay(200);

        _dispatcher.Calls.ShouldBe(0);
        await service.StopAsync(CancellationToken.None);
    }

    /// <summary>Lets the service reach its next wait, so that moving the clock moves it past that wait.</summary>
    private static Task Settle() => Task.Delay(250);

    private sealed class CountingDispatcher : INotificationDispatcher
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public bool FailNext { get; set; }

        /// <summary>What a dispatch does besides counting (e.g. moves the clock on, as sending takes time).</summary>
        public Action? Taking { get; set; }

        public Task DispatchAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            Taking?.Invoke();
            if (!FailNext) return Task.CompletedTask;
            FailNext = false;
            throw new InvalidOperationException("SMTP server unavailable (test)");
        }

        public async Task WaitForAsync(int calls)
        {
            for (var waited = 0; Calls < calls; waited += 20)
            {
                if (waited > 30_000) throw new TimeoutException($"Expected {calls} dispatches, saw {Calls}.");
                await Task.Delay(20);
            }
        }
    }
}
