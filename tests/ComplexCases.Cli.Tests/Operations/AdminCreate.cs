using ComplexCases.Application.Audit;
using ComplexCases.Cli.Tests.Commands;
using ComplexCases.Data;
using ComplexCases.Data.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Cli.Tests.Operations;

/// <summary>What the admin tests on both databases share: running the command with a password on standard input, and reading back.</summary>
internal static class AdminCreate
{
    public const string Password = "Correct-Horse-42-Battery";

    public static CliRun.Outcome Run(string? stdin, params string[] args) =>
        CliRun.InProcessAt(new DateTimeOffset(2024, 9, 2, 9, 0, 0, TimeSpan.Zero), stdin is null ? null : new StringReader(stdin), ["admin", "create", .. args]);

    /// <summary>The account as stored, its password checked with the hasher the web's sign-in uses (Identity's default, V3).</summary>
    public static void ShouldBeAnAdministratorWithThePassword(ComplexCasesDbContext db, string userName, string password)
    {
        var account = db.Users.AsNoTracking().Single(u => u.UserName == userName);
        account.Roles.ShouldBe("Administrator");
        account.NormalizedUserName.ShouldBe(userName.ToUpperInvariant());
        account.SecurityStamp.ShouldNotBeNullOrEmpty();
        new PasswordHasher<StaffAccount>().VerifyHashedPassword(account, account.PasswordHash!, password).ShouldBe(PasswordVerificationResult.Success);
        new PasswordHasher<StaffAccount>().VerifyHashedPassword(account, account.PasswordHash!, password + "x").ShouldBe(PasswordVerificationResult.Failed);

        var entry = db.AuditEvents.AsNoTracking().Single(e => e.EventType == AuditEventTypes.AccountCreated);
        entry.Actor.ShouldStartWith("cli:");
        entry.Action.ShouldBe("alteration");
        entry.Details.ShouldContain($"\"account\":\"{userName}\"");
        entry.Details.ShouldContain("\"roles\":\"Administrator\"");
        entry.Details.ShouldNotContain(password);
    }
}
