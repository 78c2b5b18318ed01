using ComplexCases.Application.Audit;
using ComplexCases.Application.Notifications;
using ComplexCases.Application.Workflow;
using ComplexCases.Data;
using ComplexCases.TestSupport.Data;
using ComplexCases.Web.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ComplexCases.Web.Tests.Notifications;

/// <summary>The hosted reminder service on a fake clock: a sweep and a dispatch at start, then one per interval, whatever fails.</summary>
public sealed class ReminderServiceTests : IDisposable
{
    private readonly TestDatabase _database = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2025, 6, 16, 9, 0, 0, TimeSpan.Zero));
    private readonly CountingDispatcher _dispatcher = new();

    private static readonly WorkflowSettings Shipped = WorkflowSettings.Load(Path.Combine(AppContext.BaseDirectory, "definitions"));

    public void Dispose() => _database.Dispose();

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
            new ReminderOptions { SweepMinutes = minutes }, NullLogger<ReminderService>.Instance);
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

        public Task DispatchAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
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
