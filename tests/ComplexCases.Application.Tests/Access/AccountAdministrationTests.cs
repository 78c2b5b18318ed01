using ComplexCases.Application.Access;
using ComplexCases.Application.Audit;
using ComplexCases.Data;
using ComplexCases.Data.Accounts;
using ComplexCases.TestSupport;
using ComplexCases.TestSupport.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ComplexCases.Application.Tests.Access;

/// <summary>
/// Account administration on a real database (SQLite or PostgreSQL, by TestDatabases), composed as the web composes it (Identity's stores on the request's context,
/// ApplicationServices): the account, its claims, its stamp and the audit entry commit together or not at all.
/// </summary>
public sealed class AccountAdministrationTests : IDisposable
{
    private readonly ITestDatabase _database = TestDatabases.Create();
    private readonly TestClock _clock = new();
    private readonly ServiceProvider _services;
    private static readonly StaffUser Admin = new("admin", "Administrator", [Role.Administrator]);

    public AccountAdministrationTests()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(_clock);
        services.AddDbContext<ComplexCasesDbContext>(options => _database.Configure(options));
        services.AddIdentityCore<StaffAccount>().AddEntityFrameworkStores<ComplexCasesDbContext>();
        services.AddComplexCasesApplication();
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        _database.Open().Dispose();
    }

    public void Dispose()
    {
        _services.Dispose();
        _database.Dispose();
    }

    [Fact]
    public async Task NewAccount_SavesTheAccountItsClaimsAndItsAuditEntryTogether()
    {
        var saved = await SaveAsync(null, Change("jo.smith", "Practitioner", ["E123456"]));

        saved.Succeeded.ShouldBeTrue();
        using var db = _database.Open();
        var account = db.Users.Single(u => u.UserName == "jo.smith");
        db.UserClaims.Single(c => c.UserId == account.Id).ClaimValue.ShouldBe("E123456");
        var entry = db.AuditEvents.Single(e => e.EventType == AuditEventTypes.AccountCreated);
        entry.Actor.ShouldBe("admin");
        entry.SubjectCrns.ShouldBe("E123456");
        AuditLog.Verify(db).Break.ShouldBeNull();
    }

    [Fact]
    public async Task NewAccount_WhenTheAuditEntryCannotBeWritten_LeavesNoAccountAndNoClaims()
    {
        _database.InjectFault("audit_events", "injected");

        await Should.ThrowAsync<Exception>(() => SaveAsync(null, Change("jo.smith", "Practitioner", ["E123456"])));

        _database.Count("AspNetUsers").ShouldBe(0);
        _database.Count("AspNetUserClaims").ShouldBe(0);
        _database.Count("audit_events").ShouldBe(0);
    }

    [Fact]
    public async Task ChangedAccount_WhenTheAuditEntryCannotBeWritten_KeepsItsRolesClaimsAndStampAsTheyWere()
    {
        (await SaveAsync(null, Change("jo.smith", "Practitioner", ["E123456"]))).Succeeded.ShouldBeTrue();
        var (stamp, concurrency) = Stamps("jo.smith");
        _database.InjectFault("audit_events", "injected");

        await Should.ThrowAsync<Exception>(() => SaveAsync("jo.smith",
            Change("jo.smith", "Practitioner,Spo", ["E654321"]) with { Locked = true, ConcurrencyStamp = concurrency }));

        using var db = _database.Open();
        var account = db.Users.AsNoTracking().Single(u => u.UserName == "jo.smith");
        account.Roles.ShouldBe("Practitioner");
        account.LockoutEnd.ShouldBeNull();
        account.SecurityStamp.ShouldBe(stamp);
        account.ConcurrencyStamp.ShouldBe(concurrency);
        db.UserClaims.Where(c => c.UserId == account.Id).Select(c => c.ClaimValue).ToList().ShouldBe(["E123456"]);
        db.AuditEvents.Count().ShouldBe(1);
    }

    [Fact]
    public async Task ChangedAccount_RenewsTheStamp_AndAuditsWhatChanged()
    {
        (await SaveAsync(null, Change("jo.smith", "Practitioner", ["E123456"]))).Succeeded.ShouldBeTrue();
        var (stamp, concurrency) = Stamps("jo.smith");

        var saved = await SaveAsync("jo.smith", Change("jo.smith", "Practitioner,Spo", ["E654321"]) with { ConcurrencyStamp = concurrency });

        saved.Succeeded.ShouldBeTrue();
        Stamps("jo.smith").Security.ShouldNotBe(stamp);
        using var db = _database.Open();
        var entry = db.AuditEvents.Single(e => e.EventType == AuditEventTypes.AccountChanged);
        entry.Details.ShouldContain("\"rolesBefore\":\"Practitioner\"");
        entry.SubjectCrns!.Split(',').Order().ShouldBe(["E123456", "E654321"]);
    }

    [Fact]
    public async Task ChangedAccount_FromAnOutOfDateForm_IsAConflict_AndSavesNothing()
    {
        (await SaveAsync(null, Change("jo.smith", "Practitioner", []))).Succeeded.ShouldBeTrue();

        var saved = await SaveAsync("jo.smith", Change("jo.smith", "Spo", []) with { ConcurrencyStamp = "seen-before-someone-saved" });

        saved.IsConflict.ShouldBeTrue();
        _database.Count("audit_events").ShouldBe(1);
        using var db = _database.Open();
        db.Users.Single().Roles.ShouldBe("Practitioner");
    }

    private async Task<AccountSaveResult> SaveAsync(string? existing, AccountChange change)
    {
        // One scope per save, as one request: Identity's store and the use case share its context.
        await using var scope = _services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffAccount>>();
        var account = existing is null ? null : await users.FindByNameAsync(existing);
        return await scope.ServiceProvider.GetRequiredService<AccountAdministration>().SaveAsync(Admin, account, change);
    }

    private (string? Security, string? Concurrency) Stamps(string userName)
    {
        using var db = _database.Open();
        var account = db.Users.AsNoTracking().Single(u => u.UserName == userName);
        return (account.SecurityStamp, account.ConcurrencyStamp);
    }

    private static AccountChange Change(string userName, string roles, string[] crns) =>
        new(userName, "Jo Smith", null, roles, "STAFF1", null, null, null, crns.ToHashSet(StringComparer.Ordinal));
}
