using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ComplexCases.Web.Tests.Pages;

public sealed partial class AdminUsersTests(DemoSiteFactory site) : IClassFixture<DemoSiteFactory>
{
    private const string NewPassword = "Another-Long-Password-1";

    [Fact]
    public async Task AddAccount_WithPassword_TheNewPersonSignsInWithThoseRoles()
    {
        var admin = await site.SignInAsync("admin");

        var response = await PostAsync(admin, "/admin/users/new", Form("new-analyst", "Synthetic Analyst", ["Analyst"], password: NewPassword));

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var person = await site.SignInAsync("new-analyst", NewPassword);
        (await person.GetAsync("/runs")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await person.GetAsync("/admin/users")).Headers.Location!.ToString().ShouldContain("/forbidden");
        (await admin.GetStringAsync("/admin/users?q=new-analyst")).ShouldContain("Synthetic Analyst");
    }

    [Theory]
    [InlineData("", "Synthetic Person", "Analyst", "", "Enter a user name")]
    [InlineData("no-role", "Synthetic Person", "", "", "Choose at least one role")]
    [InlineData("no-code", "Synthetic Person", "Practitioner", "", "A practitioner needs their staff code")]
    [InlineData("bad-crn", "Synthetic Person", "Analyst", "E12", "is not a CRN")]
    [InlineData("bad-role", "Synthetic Person", "Superuser", "", "is not a role")]
    public async Task AddAccount_BadInput_Is400WithTheReason_AndCreatesNothing(string userName, string name, string role, string crns, string message)
    {
        var admin = await site.SignInAsync("admin");
        var form = Form(userName, name, role.Length == 0 ? [] : [role], password: NewPassword);
        form["LimitedAccessCrns"] = crns;

        var response = await PostAsync(admin, "/admin/users/new", form);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain(message);
        using var db = site.OpenDatabase();
        db.Users.Any(u => u.UserName == userName && userName != "").ShouldBeFalse();
    }

    [Fact]
    public async Task NamingForALimitedAccessCase_OpensThatCaseToTheNamedPerson_AndIsAudited()
    {
        string crn, pdu;
        using (var db = site.OpenDatabase())
        {
            // The small test demo may have no limited-access case listed: make one (this class's own site).
            var latest = db.Runs.Max(r => r.Id);
            var lao = db.ListedCases.First(c => c.RunId == latest);
            lao.LimitedAccess = true;
            db.SaveChanges();
            (crn, pdu) = (lao.Crn, lao.PduCode);
        }
        var admin = await site.SignInAsync("admin");
        (await PostAsync(admin, "/admin/users/new", Form("lao-head", "Synthetic Head", ["HeadOfPdu"], pdu: pdu, password: NewPassword)))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var before = await site.SignInAsync("lao-head", NewPassword);
        (await before.GetAsync($"/cases/{crn}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var edit = Form(null, "Synthetic Head", ["HeadOfPdu"], pdu: pdu);
        edit["LimitedAccessCrns"] = crn;
        (await PostAsync(admin, "/admin/users/lao-head", edit)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var after = await site.SignInAsync("lao-head", NewPassword);
        (await after.GetAsync($"/cases/{crn}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var audit = await admin.GetStringAsync($"/admin/audit?crn={crn}&actor=admin");
        audit.ShouldContain("account.changed");
    }

    [Fact]
    public async Task EditAccount_FromAnOutOfDatePage_IsAConflict_AndSavesNothing()
    {
        var admin = await site.SignInAsync("admin");
        (await PostAsync(admin, "/admin/users/new", Form("conflict-person", "Synthetic First", ["Analyst"], password: NewPassword)))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var page = await admin.GetStringAsync("/admin/users/conflict-person");
        var stamp = Stamp().Match(page).Groups[1].Value;
        var first = Form(null, "Synthetic Second", ["Analyst"]);
        first["ConcurrencyStamp"] = stamp;
        (await PostAsync(admin, "/admin/users/conflict-person", first)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var stale = Form(null, "Synthetic Third", ["Analyst"]);
        stale["ConcurrencyStamp"] = stamp;
        var response = await PostAsync(admin, "/admin/users/conflict-person", stale);

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Someone else changed this account");
        using var db = site.OpenDatabase();
        db.Users.Single(u => u.UserName == "conflict-person").DisplayName.ShouldBe("Synthetic Second");
    }

    [Fact]
    public async Task LockingAnAccount_StopsItSigningIn()
    {
        var admin = await site.SignInAsync("admin");
        (await PostAsync(admin, "/admin/users/new", Form("to-lock", "Synthetic Locked", ["Analyst"], password: NewPassword)))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var page = await admin.GetStringAsync("/admin/users/to-lock");
        var form = Form(null, "Synthetic Locked", ["Analyst"]);
        form["ConcurrencyStamp"] = Stamp().Match(page).Groups[1].Value;
        form["Locked"] = "true";
        (await PostAsync(admin, "/admin/users/to-lock", form)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var client = site.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.PostSignInAsync("to-lock", NewPassword);

        response.StatusCode.ShouldNotBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task LockingAnAccount_EndsItsSignedInSession()
    {
        // The stamp is checked on every request here (a minute in the service), so the test need not wait.
        using var checkEveryRequest = site.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
            services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero)));
        var admin = await checkEveryRequest.SignInAsync("admin");
        (await PostAsync(admin, "/admin/users/new", Form("signed-in-lock", "Synthetic Busy", ["Analyst"], password: NewPassword)))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var person = await checkEveryRequest.SignInAsync("signed-in-lock", NewPassword);
        (await person.GetAsync("/runs")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var form = Form(null, "Synthetic Busy", ["Analyst"]);
        form["Locked"] = "true";
        (await PostAsync(admin, "/admin/users/signed-in-lock", form)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var after = await person.GetAsync("/runs");
        after.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        after.Headers.Location!.ToString().ShouldContain("/sign-in");
    }

    [Fact]
    public async Task EditOwnAccount_WideningAccessOrLocking_IsRefusedAndSavesNothing()
    {
        var admin = await site.SignInAsync("admin");
        string rolesBefore;
        using (var db = site.OpenDatabase()) rolesBefore = db.Users.Single(u => u.UserName == "admin").Roles;
        var form = Form(null, "Synthetic Admin", [.. rolesBefore.Split(','), "HeadOfPdu"], pdu: "EOENFK");

        var response = await PostAsync(admin, "/admin/users/admin", form);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("You cannot change your own roles, codes or limited-access cases");
        using (var db = site.OpenDatabase()) db.Users.Single(u => u.UserName == "admin").Roles.ShouldBe(rolesBefore);
    }

    [Fact]
    public async Task EditAccount_AuditRecordsWhatChangedFromAndTo_AndViewingTheAccountIsAudited()
    {
        var admin = await site.SignInAsync("admin");
        (await PostAsync(admin, "/admin/users/new", Form("moved-head", "Synthetic Head", ["HeadOfPdu"], pdu: "EOENFK", password: NewPassword)))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);

        (await PostAsync(admin, "/admin/users/moved-head", Form(null, "Synthetic Head", ["HeadOfPdu"], pdu: "EOBEDS")))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);

        using var db = site.OpenDatabase();
        var changed = db.AuditEvents.Where(e => e.EventType == "account.changed").AsEnumerable().Last(e => e.Details.Contains("moved-head"));
        changed.Details.ShouldContain("\"pduCodeBefore\":\"EOENFK\",\"pduCode\":\"EOBEDS\"");
        changed.Details.ShouldNotContain("displayName");
        db.AuditEvents.Count(e => e.EventType == "account.viewed" && e.Actor == "admin" && e.Details.Contains("moved-head")).ShouldBeGreaterThan(0);
    }

    private static Dictionary<string, string> Form(string? userName, string name, string[] roles, string? pdu = null, string? password = null)
    {
        var form = new Dictionary<string, string> { ["DisplayName"] = name, ["PduCode"] = pdu ?? "" };
        if (userName is not null) form["UserName"] = userName;
        if (password is not null) form["Password"] = password;
        for (var i = 0; i < roles.Length; i++) form[$"Roles[{i}]"] = roles[i];
        return form;
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, Dictionary<string, string> form)
    {
        var page = await client.GetStringAsync(path);
        form["__RequestVerificationToken"] = SignedInClient.AntiforgeryToken(page);
        if (!form.ContainsKey("ConcurrencyStamp")) form["ConcurrencyStamp"] = Stamp().Match(page).Groups[1].Value;
        return await client.PostAsync(path, new FormUrlEncodedContent(form));
    }

    [GeneratedRegex("name=\"ConcurrencyStamp\" value=\"([^\"]*)\"")]
    private static partial Regex Stamp();
}
