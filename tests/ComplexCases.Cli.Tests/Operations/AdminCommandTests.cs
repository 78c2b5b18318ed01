using ComplexCases.Cli.Tests.Commands;
using ComplexCases.TestSupport.Data;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Cli.Tests.Operations;

/// <summary><c>complexcases admin create</c> on a real SQLite file: the first administrator, and every refusal leaving nothing behind.</summary>
public sealed class AdminCommandTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private string DbPath => _temp["cc.db"];

    [Fact]
    public void Create_WithPasswordStdin_OnAFreshDatabase_StoresAnAdministratorAndAuditsIt()
    {
        var run = AdminCreate.Run(AdminCreate.Password + "\n", "--user", "jane.smith", "--db", DbPath, "--password-stdin");

        run.ExitCode.ShouldBe(0, run.Error);
        run.Output.ShouldContain("Created jane.smith (Administrator)");
        using (var db = TestDatabase.At(DbPath).Open()) AdminCreate.ShouldBeAnAdministratorWithThePassword(db, "jane.smith", AdminCreate.Password);
        var verify = CliRun.InProcess("audit", "verify", "--db", DbPath);
        verify.ExitCode.ShouldBe(0, verify.Error);
        verify.Output.ShouldStartWith("1 entry, chain intact");
    }

    [Fact]
    public void Create_WithOidc_StoresNoPassword()
    {
        var run = AdminCreate.Run(null, "--user", "jane.smith@justice.gov.uk", "--oidc", "--role", "analyst", "--role", "Administrator", "--db", DbPath);

        run.ExitCode.ShouldBe(0, run.Error);
        run.Output.ShouldContain("user-name claim must be 'jane.smith@justice.gov.uk'");
        using var db = TestDatabase.At(DbPath).Open();
        var account = db.Users.AsNoTracking().Single();
        account.PasswordHash.ShouldBeNull();
        account.Roles.ShouldBe("Analyst,Administrator");
    }

    [Fact]
    public void Create_AnExistingUser_IsRefusedAndNothingChanges()
    {
        AdminCreate.Run(AdminCreate.Password, "--user", "jane.smith", "--db", DbPath, "--password-stdin").ExitCode.ShouldBe(0);

        var again = AdminCreate.Run("Another-Password-99", "--user", "jane.smith", "--db", DbPath, "--password-stdin");

        again.ExitCode.ShouldBe(2);
        again.Error.ShouldContain("an account named jane.smith already exists");
        using var db = TestDatabase.At(DbPath).Open();
        db.Users.Count().ShouldBe(1);
        db.AuditEvents.Count().ShouldBe(1);
    }

    [Theory]
    [InlineData("short-1A!", "at least 12 characters")]
    [InlineData("alllowercaseletters", "uppercase")]
    [InlineData("No-Digits-In-This-One", "digit")]
    public void Create_WithAWeakPassword_IsRefusedWithTheWebsRules(string password, string named)
    {
        var run = AdminCreate.Run(password, "--user", "jane.smith", "--db", DbPath, "--password-stdin");

        run.ExitCode.ShouldBe(2);
        run.Error.ShouldContain(named, Case.Insensitive);
        run.Error.ShouldContain("Nothing was stored.");
        using var db = TestDatabase.At(DbPath).Open();
        db.Users.Count().ShouldBe(0);
        db.AuditEvents.Count().ShouldBe(0);
    }

    [Fact]
    public void Create_WithAnUnknownRole_IsRefused()
    {
        var run = AdminCreate.Run(AdminCreate.Password, "--user", "jane.smith", "--role", "superuser", "--db", DbPath, "--password-stdin");

        run.ExitCode.ShouldBe(2);
        run.Error.ShouldContain("'superuser' is not a role");
    }

    [Fact]
    public void Create_WithTheWebFormsLimits_RefusesAnAddressAndALongCode_NamingEachOption()
    {
        var run = AdminCreate.Run(AdminCreate.Password, "--user", "jane.smith", "--email", "not an address", "--role", "practitioner",
            "--staff-code", new string('S', 17), "--db", DbPath, "--password-stdin");

        run.ExitCode.ShouldBe(2);
        run.Error.ShouldContain("--email: Enter an email address like name@example.gov.uk");
        run.Error.ShouldContain("--staff-code: Codes must be 16 characters or fewer");
        run.Error.ShouldContain("Nothing was stored.");
    }

    [Fact]
    public void Create_ARoleWithoutTheCodeItNeeds_IsRefused()
    {
        var run = AdminCreate.Run(AdminCreate.Password, "--user", "pat", "--role", "head-of-pdu", "--db", DbPath, "--password-stdin");

        run.ExitCode.ShouldBe(2);
        run.Error.ShouldContain("--pdu: A head of PDU needs their PDU code");
    }

    [Fact]
    public void Create_WithoutAPasswordAndNoTerminal_SaysHowToGiveOne()
    {
        var run = AdminCreate.Run(null, "--user", "jane.smith", "--db", DbPath);

        run.ExitCode.ShouldBe(2);
        run.Error.ShouldContain("--password-stdin");
        File.Exists(DbPath).ShouldBeFalse();
    }

    [Fact]
    public void Create_OnAnUnreachableServer_IsAUserError()
    {
        // A port nothing listens on: the loopback refuses at once.
        var run = AdminCreate.Run(AdminCreate.Password, "--user", "jane.smith", "--password-stdin",
            "--db", "Host=127.0.0.1;Port=1;Database=complexcases;Username=nobody;Password=x;Timeout=3");

        run.ExitCode.ShouldBe(2, run.Output);
        run.Error.ShouldContain("--db: cannot use");
    }
}

/// <summary>The same first administrator on PostgreSQL, in a database of the test's own.</summary>
public sealed class AdminCommandPostgresTests : IDisposable
{
    private readonly PostgresTestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public void Create_WithPasswordStdin_OnPostgres_StoresAnAdministratorAndAuditsIt()
    {
        CliRun.InProcess("migrate", "--db", _database.ConnectionString).ExitCode.ShouldBe(0);

        var run = AdminCreate.Run(AdminCreate.Password + "\n", "--user", "jane.smith", "--db", _database.ConnectionString, "--password-stdin");

        run.ExitCode.ShouldBe(0, run.Error);
        using (var db = _database.Open()) AdminCreate.ShouldBeAnAdministratorWithThePassword(db, "jane.smith", AdminCreate.Password);
        var verify = CliRun.InProcess("audit", "verify", "--db", _database.ConnectionString);
        verify.ExitCode.ShouldBe(0, verify.Error);
        verify.Output.ShouldStartWith("1 entry, chain intact");
    }
}
