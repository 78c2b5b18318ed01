using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;

namespace ComplexCases.Web.Tests.Pages;

public sealed partial class HomePageTests(DemoSiteFactory site) : IClassFixture<DemoSiteFactory>
{
    [Fact]
    public async Task Home_Practitioner_ListsExactlyTheirComplexCasesOnThisMonthsList()
    {
        var client = await site.SignInAsync("practitioner");

        var html = await client.GetStringAsync("/");

        html.ShouldContain("What to do this month");
        html.ShouldContain("reflective practice conversation");
        var shown = CaseLink().Matches(html).Select(m => m.Groups[1].Value).ToHashSet();
        using var db = site.OpenDatabase();
        var staff = db.Users.Single(u => u.UserName == "practitioner").StaffCode;
        var latest = db.Runs.Max(r => r.Id);
        var current = db.ListedCases.Where(c => c.RunId == latest && c.PractitionerCode == staff && c.Change != 3).ToList();
        var complex = current.Where(c => c.Status == 2).Select(c => c.Crn).ToHashSet();
        complex.ShouldNotBeEmpty();
        // Possibly complex people are not for a conversation (RecordsToCheckTests): the page names the complex ones.
        shown.ShouldBe(complex, ignoreOrder: true);
    }

    [Fact]
    public async Task Home_NamingCases_IsAuditedAsAConsultationOfThoseCases()
    {
        var client = await site.SignInAsync("practitioner");

        var html = await client.GetStringAsync("/");

        var shown = CaseLink().Matches(html).Select(m => m.Groups[1].Value).ToHashSet();
        shown.ShouldNotBeEmpty();
        using var db = site.OpenDatabase();
        var entry = db.AuditEvents.Where(e => e.EventType == "home.viewed" && e.Actor == "practitioner").OrderByDescending(e => e.Sequence).First();
        entry.Action.ShouldBe("consultation");
        entry.SubjectCrns!.Split(',').ToHashSet().IsSupersetOf(shown).ShouldBeTrue();
    }

    [Fact]
    public async Task Home_Spo_SpeaksToTheSpoAboutTheTeam()
    {
        var client = await site.SignInAsync("spo");

        var html = await client.GetStringAsync("/");

        html.ShouldContain("between the practitioner and you");
    }

    [Theory]
    [InlineData("admin")]
    [InlineData("panel-member")]
    public async Task Home_RoleWithoutLists_SaysSoWithoutShowingCases(string user)
    {
        var client = await site.SignInAsync(user);

        var html = await client.GetStringAsync("/");

        html.ShouldContain("Your role does not include case lists");
        CaseLink().IsMatch(html).ShouldBeFalse();
    }

    [GeneratedRegex("href=\"/cases/([A-Z][0-9]{6})\\?")]
    private static partial Regex CaseLink();
}
