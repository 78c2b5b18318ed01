using System.Net;
using System.Text.RegularExpressions;
using ComplexCases.Application.Access;
using ComplexCases.Data;
using ComplexCases.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace ComplexCases.Web.Tests.Pages;

/// <summary>Every page as every demo role: allowed, scoped, or refused — as Permissions.cs says.</summary>
public sealed partial class AccessTests(DemoSiteFactory site) : IClassFixture<DemoSiteFactory>
{
    public static TheoryData<string> Roles => ["practitioner", "spo", "head-of-pdu", "panel-team", "panel-member", "qdo", "analyst", "admin"];

    private static readonly Dictionary<string, Role> RoleOf = new()
    {
        ["practitioner"] = Role.Practitioner, ["spo"] = Role.Spo, ["head-of-pdu"] = Role.HeadOfPdu, ["panel-team"] = Role.PanelTeam,
        ["panel-member"] = Role.PanelMember, ["qdo"] = Role.Qdo, ["analyst"] = Role.Analyst, ["admin"] = Role.Administrator,
    };

    [Theory]
    [InlineData("/")]
    [InlineData("/lists/EOENFK")]
    [InlineData("/cases/E000001")]
    public async Task AnyPage_Anonymous_RedirectsToSignIn(string path)
    {
        var client = site.CreateClient(new() { AllowAutoRedirect = false });

        var response = await client.GetAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldContain("/sign-in");
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task MonthlyList_EachRole_AllowedOnlyWithThePermission(string user)
    {
        var client = await site.SignInAsync(user);

        var response = await client.GetAsync("/lists/EOENFK");

        if (Permissions.Has(RoleOf[user], Permission.ViewMonthlyList) && Permissions.ScopeOf(RoleOf[user]) != CaseScope.None)
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
        else if (Permissions.Has(RoleOf[user], Permission.ViewMonthlyList))
            response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        else
            response.Headers.Location!.ToString().ShouldContain("/forbidden");
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task CasePage_EachRole_AllowedOnlyForCasesInScope(string user)
    {
        var (inPdu, _) = CasesOfTheDemoPractitioner();
        var client = await site.SignInAsync(user);

        var response = await client.GetAsync($"/cases/{inPdu}");

        var role = RoleOf[user];
        if (!Permissions.Has(role, Permission.ViewCaseNames))
            response.Headers.Location!.ToString().ShouldContain("/forbidden");
        else if (Permissions.ScopeOf(role) == CaseScope.None)
            response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        else
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task CasePage_PractitionerGuessingAnotherPractitionersCase_Is404AndAudited()
    {
        var (_, someoneElses) = CasesOfTheDemoPractitioner();
        var client = await site.SignInAsync("practitioner");

        var response = await client.GetAsync($"/cases/{someoneElses}");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldNotContain(someoneElses);
        using var db = OpenDatabase();
        db.Set<ComplexCases.Data.Audit.StoredAuditEvent>().ToList()
            .ShouldContain(e => e.EventType == "access.denied" && e.SubjectCrns != null && e.SubjectCrns.Contains(someoneElses) && e.Actor.StartsWith("practitioner", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MonthlyList_Analyst_SeesPseudonymsNotNamesOrCrns()
    {
        var client = await site.SignInAsync("analyst");

        var html = await client.GetStringAsync("/lists/EOENFK");

        html.ShouldContain("Withheld");
        CrnPattern().IsMatch(html).ShouldBeFalse();
        html.ShouldContain("P-");
    }

    [Fact]
    public async Task MonthlyList_Viewed_IsAuditedWithTheCrnsShown()
    {
        var client = await site.SignInAsync("head-of-pdu");

        var html = await client.GetStringAsync("/lists/EOENFK");

        var shown = CaseLink().Matches(html).Select(m => m.Groups[1].Value).ToList();
        shown.ShouldNotBeEmpty();
        using var db = OpenDatabase();
        var entry = db.Set<ComplexCases.Data.Audit.StoredAuditEvent>().Where(e => e.EventType == "list.viewed").ToList().Last();
        foreach (var crn in shown) entry.SubjectCrns!.ShouldContain(crn);
    }

    [Fact]
    public async Task SignIn_WrongPassword_SaysSoAndLocksOutAfterFiveAttempts()
    {
        // An account of its own: locking out a shared demo account would break the other tests.
        using (var scope = site.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<ComplexCases.Data.Accounts.StaffAccount>>();
            (await users.CreateAsync(new ComplexCases.Data.Accounts.StaffAccount { UserName = "lockout-test", DisplayName = "Lockout test", Roles = "Qdo" }, SignedInClient.Password)).Succeeded.ShouldBeTrue();
        }
        var client = site.CreateClient(new() { AllowAutoRedirect = false });
        for (var i = 0; i < 4; i++)
        {
            var wrong = await client.PostSignInAsync("lockout-test", "not-the-password");
            (await wrong.Content.ReadAsStringAsync()).ShouldContain("The user name or password is not right");
        }

        var fifth = await client.PostSignInAsync("lockout-test", "not-the-password");
        var afterLockout = await client.PostSignInAsync("lockout-test", SignedInClient.Password);

        // Locked: even the right password is refused, with the same words as a wrong one (nothing says the account exists).
        (await fifth.Content.ReadAsStringAsync()).ShouldContain("The user name or password is not right");
        afterLockout.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await afterLockout.Content.ReadAsStringAsync()).ShouldContain("The user name or password is not right");
        using var db = OpenDatabase();
        var entries = db.Set<ComplexCases.Data.Audit.StoredAuditEvent>().Where(e => e.Actor == "lockout-test").Select(e => e.EventType).ToList();
        entries.Count(e => e == "sign_in.failed").ShouldBe(4);
        entries.Count(e => e == "sign_in.locked_out").ShouldBe(2);
    }

    [Fact]
    public async Task SignIn_WithoutAntiforgeryToken_IsRefused()
    {
        var client = site.CreateClient(new() { AllowAutoRedirect = false });

        var response = await client.PostAsync("/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = "admin", ["Password"] = SignedInClient.Password,
        }));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    private (string InScope, string OutOfScope) CasesOfTheDemoPractitioner()
    {
        using var db = OpenDatabase();
        var staff = db.Users.Single(u => u.UserName == "practitioner").StaffCode;
        var latest = db.Runs.Max(r => r.Id);
        var listed = db.ListedCases.Where(c => c.RunId == latest && c.PduCode == "EOENFK" && !c.LimitedAccess).ToList();
        return (listed.First(c => c.PractitionerCode == staff).Crn, listed.First(c => c.PractitionerCode != staff).Crn);
    }

    private ComplexCasesDbContext OpenDatabase() => site.OpenDatabase();

    [GeneratedRegex("\\b[A-Z][0-9]{6}\\b")]
    private static partial Regex CrnPattern();

    [GeneratedRegex("href=\"/cases/([A-Z][0-9]{6})\\?")]
    private static partial Regex CaseLink();
}
