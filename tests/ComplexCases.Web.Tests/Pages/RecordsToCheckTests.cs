using System.Net;
using System.Text.RegularExpressions;
using ComplexCases.Data.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace ComplexCases.Web.Tests.Pages;

/// <summary>
/// The demo site with two more accounts: "records-practitioner", the practitioner of the latest month with the most possibly
/// complex people (and complex ones too when there is such a practitioner), and "records-spo", their SPO over their team.
/// </summary>
public sealed class RecordsToCheckSite : DemoSiteFactory
{
    public RecordsToCheckSite()
    {
        using var db = OpenDatabase();
        var latest = db.Runs.OrderByDescending(r => r.AsOf).First().Id;
        var owner = db.ListedCases.Where(c => c.RunId == latest && c.PractitionerCode != null && !c.LimitedAccess && c.Change != 3).ToList()
            .GroupBy(c => new { c.PractitionerCode, c.SpoCode, c.TeamCode, c.PduCode, c.RegionCode })
            .OrderByDescending(g => g.Any(c => c.Status == 2) && g.Any(c => c.Status == 1)).ThenByDescending(g => g.Count(c => c.Status == 1)).ThenBy(g => g.Key.PractitionerCode, StringComparer.Ordinal)
            .First().Key;
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffAccount>>();
        foreach (var account in new[]
        {
            new StaffAccount { UserName = "records-practitioner", DisplayName = "Records practitioner", Roles = "Practitioner", StaffCode = owner.PractitionerCode, TeamCodes = owner.TeamCode, PduCode = owner.PduCode, RegionCode = owner.RegionCode },
            new StaffAccount { UserName = "records-spo", DisplayName = "Records SPO", Roles = "Spo", StaffCode = owner.SpoCode, TeamCodes = owner.TeamCode, PduCode = owner.PduCode, RegionCode = owner.RegionCode },
        })
        {
            users.CreateAsync(account, SignedInClient.Password).GetAwaiter().GetResult().Succeeded.ShouldBeTrue();
        }
        Practitioner = owner.PractitionerCode!;
    }

    public string Practitioner { get; }
}

/// <summary>Possibly complex cases as a data-quality task: owned by the practitioner, seen by their SPO and head of PDU, counted per team.</summary>
public sealed partial class RecordsToCheckTests(RecordsToCheckSite site) : IClassFixture<RecordsToCheckSite>
{
    [Fact]
    public async Task Practitioner_SeesExactlyTheirPossiblyComplexPeople_WithEachUnknownCriterionAndWhatToDo()
    {
        var client = await site.SignInAsync("records-practitioner");

        var html = await client.GetStringAsync("/records-to-check");

        using var db = site.OpenDatabase();
        var staff = site.Practitioner;
        var latest = db.Runs.OrderByDescending(r => r.AsOf).First().Id;
        var possibly = db.ListedCases.Where(c => c.RunId == latest && c.PractitionerCode == staff && c.Status == 1 && c.Change != 3).ToList();
        possibly.ShouldNotBeEmpty();
        Cards().Matches(html).Select(m => m.Groups[1].Value).ShouldBe(possibly.Select(c => c.Crn), ignoreOrder: true);
        // Every person's unknown criteria are named with a cause and an action, never a conversation.
        html.ShouldContain(" is unknown: ");
        html.ShouldContain("To do: ");
        html.ShouldNotContain("By team");
        html.ShouldNotContain("reflective practice conversation about");
        Regex.Count(html, " is unknown: ").ShouldBe(possibly.Sum(c => CountBits(c.UnknownMask)));
    }

    [Fact]
    public async Task Viewing_IsAuditedAsAConsultationOfThePeopleShown()
    {
        var client = await site.SignInAsync("records-practitioner");

        var html = await client.GetStringAsync("/records-to-check");

        var shown = Cards().Matches(html).Select(m => m.Groups[1].Value).ToHashSet();
        using var db = site.OpenDatabase();
        var entry = db.AuditEvents.Where(e => e.EventType == "records_to_check.viewed" && e.Actor == "records-practitioner").OrderByDescending(e => e.Sequence).First();
        entry.Action.ShouldBe("consultation");
        entry.SubjectCrns!.Split(',').ToHashSet().ShouldBe(shown, ignoreOrder: true);
    }

    [Fact]
    public async Task Spo_SeesTheTeamsTasksCountedPerTeam_WithThePractitionerWhoOwnsEach()
    {
        var client = await site.SignInAsync("records-spo");

        var html = await client.GetStringAsync("/records-to-check");

        html.ShouldContain("By team");
        html.ShouldContain("Their practitioners check and update their records");
        html.ShouldContain("Practitioner: ");
        var shown = Cards().Count(html);
        shown.ShouldBeGreaterThan(0);
        var teamTotal = TeamRows().Matches(html).Sum(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        teamTotal.ShouldBe(shown);
    }

    [Fact]
    public async Task Home_Practitioner_AsksForConversationsAboutComplexCasesOnly_AndCountsTheRecordsToCheck()
    {
        var client = await site.SignInAsync("records-practitioner");

        var html = await client.GetStringAsync("/");

        using var db = site.OpenDatabase();
        var latest = db.Runs.OrderByDescending(r => r.AsOf).First().Id;
        var current = db.ListedCases.Where(c => c.RunId == latest && c.PractitionerCode == site.Practitioner && c.Change != 3).ToList();
        var possibly = current.Count(c => c.Status == 1);
        possibly.ShouldBeGreaterThan(0);
        // Possibly complex people never enter the process: no link to them on the home page, a count and a link to the task.
        var linked = HomeCaseLinks().Matches(html).Select(m => m.Groups[1].Value).ToHashSet();
        linked.ShouldBeSubsetOf(current.Where(c => c.Status == 2).Select(c => c.Crn));
        html.ShouldContain($"{possibly} {(possibly == 1 ? "person is" : "people are")} possibly complex");
        html.ShouldContain("href=\"/records-to-check\"");
    }

    [Theory]
    [InlineData("analyst")]
    [InlineData("qdo")]
    public async Task RolesWithoutTheTask_AreRefused(string user)
    {
        var client = await site.SignInAsync(user);

        var response = await client.GetAsync("/records-to-check");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldContain("/forbidden");
    }

    private static int CountBits(byte mask) => System.Numerics.BitOperations.PopCount(mask);

    [Theory]
    [InlineData("records-practitioner")]
    [InlineData("records-spo")]
    public async Task PeopleDownload_HoldsThePeopleThePageShows_InBothFormats_AuditedWithThem(string user)
    {
        var client = await site.SignInAsync(user);
        var shown = Cards().Matches(await client.GetStringAsync("/records-to-check")).Select(m => m.Groups[1].Value).ToList();

        var csv = TableDownloadTests.Csv(await client.GetStringAsync("/records-to-check?handler=csv&table=people"));
        var xlsx = TableDownloadTests.Xlsx(await client.GetByteArrayAsync("/records-to-check?handler=xlsx&table=people"));

        shown.ShouldNotBeEmpty();
        csv[0][0].ShouldBe("CRN");
        csv.Skip(1).Select(r => r[0]).ShouldBe(shown);
        xlsx.Skip(1).Select(r => r[0].Text).ShouldBe(shown);
        csv.Skip(1).ShouldAllBe(r => r[6].Contains(':'));
        using var db = site.OpenDatabase();
        var entry = db.AuditEvents.Where(e => e.EventType == "records_to_check.exported" && e.Actor == user).OrderByDescending(e => e.Sequence).First();
        entry.Action.ShouldBe("disclosure");
        entry.Details.ShouldContain("\"format\":\"xlsx\"");
        entry.SubjectCrns!.Split(',').ToHashSet().ShouldBe(shown.ToHashSet(), ignoreOrder: true);
    }

    [Fact]
    public async Task TeamCounts_DownloadForTheSpo_AddingUpToThePeople_ButNotForAPractitioner()
    {
        var spo = await site.SignInAsync("records-spo");
        var practitioner = await site.SignInAsync("records-practitioner");

        var people = TableDownloadTests.Csv(await spo.GetStringAsync("/records-to-check?handler=csv&table=people"));
        var teams = TableDownloadTests.Csv(await spo.GetStringAsync("/records-to-check?handler=csv&table=teams"));
        var refused = await practitioner.GetAsync("/records-to-check?handler=csv&table=teams");

        teams[0][..2].ShouldBe(["Team", "People"]);
        teams.Skip(1).Sum(r => int.Parse(r[1], System.Globalization.CultureInfo.InvariantCulture)).ShouldBe(people.Count - 1);
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("Choose a table: people.");
    }

    [GeneratedRegex("href=\"/cases/([A-Z][0-9]{6})")]
    private static partial Regex HomeCaseLinks();

    [GeneratedRegex("id=\"check-([A-Z][0-9]{6})\"")]
    private static partial Regex Cards();

    // The "People" cell follows the team's name cell in the by-team table.
    [GeneratedRegex("<tr class=\"govuk-table__row\">\\s*<td class=\"govuk-table__cell\">[^<]*</td>\\s*<td class=\"govuk-table__cell govuk-table__cell--numeric\">(\\d+)</td>")]
    private static partial Regex TeamRows();
}
