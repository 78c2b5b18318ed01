using System.Net;
using ComplexCases.Application.Access;
using ComplexCases.Cli;
using ComplexCases.TestSupport.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ComplexCases.Web.Tests.SignIn;

/// <summary>
/// A Production deployment has no demo accounts: its first administrator is made with <c>complexcases admin create</c> and
/// signs in to the site with that password, on either database. The site and the command line share one set of password rules.
/// </summary>
public sealed class FirstAdministratorTests
{
    private const string Password = "Correct-Horse-42-Battery";

    [Fact]
    public async Task AdministratorMadeByTheCommandLine_SignsInToAProductionSite_OnSqlite()
    {
        var folder = Path.Combine(Path.GetTempPath(), "complexcases-first-admin-" + Guid.NewGuid().ToString("N"));
        try
        {
            var file = Path.Combine(folder, "complexcases.db");
            CreateAdministrator(file);
            await ShouldSignInAndAdministerAsync(file);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task AdministratorMadeByTheCommandLine_SignsInToAProductionSite_OnPostgres()
    {
        using var database = new PostgresTestDatabase();
        using (database.Open()) { }
        CreateAdministrator(database.ConnectionString);
        await ShouldSignInAndAdministerAsync(database.ConnectionString);
    }

    [Fact]
    public void TheSitesIdentityOptions_AreTheCommandLines()
    {
        using var site = new ConfiguredSiteFactory("Testing", new Dictionary<string, string?>());
        var web = site.Services.GetRequiredService<IOptions<IdentityOptions>>().Value;
        var shared = new IdentityOptions();
        StaffIdentity.Configure(shared);

        web.Password.ShouldBeEquivalentTo(shared.Password);
        web.Lockout.ShouldBeEquivalentTo(shared.Lockout);
        web.User.RequireUniqueEmail.ShouldBe(shared.User.RequireUniqueEmail);
        web.User.AllowedUserNameCharacters.ShouldBe(shared.User.AllowedUserNameCharacters);
    }

    private static void CreateAdministrator(string database)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = CliApp.Run(["admin", "create", "--user", "first.admin", "--password-stdin", "--db", database], output, error,
            new ComplexCases.TestSupport.TestClock(), input: new StringReader(Password + "\n"));
        code.ShouldBe(0, error.ToString());
    }

    private static async Task ShouldSignInAndAdministerAsync(string database)
    {
        using var site = new ConfiguredSiteFactory("Production", new Dictionary<string, string?>
        {
            ["ConnectionStrings:ComplexCases"] = database, ["Database:MigrateOnStart"] = "false",
        });
        var wrong = await site.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false })
            .PostSignInAsync("first.admin", Password + "x");
        wrong.StatusCode.ShouldNotBe(HttpStatusCode.Redirect);

        using var client = await site.SignInAsync("first.admin", Password);
        var users = await client.GetAsync("/admin/users");

        users.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await users.Content.ReadAsStringAsync()).ShouldContain("first.admin");
    }
}
