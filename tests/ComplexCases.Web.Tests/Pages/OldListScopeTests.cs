using System.IO.Compression;
using System.Net;
using System.Security.Claims;
using System.Text.Json;
using ComplexCases.Data.Accounts;
using ComplexCases.Web.SignIn;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ComplexCases.Web.Tests.Pages;

/// <summary>
/// The demo site with three people changed in the latest run only, before any list is read: the demo practitioner's
/// person made limited-access, one of the SPO's team's people moved to another team and SPO, and someone else's person
/// moved to the demo practitioner. Also two accounts named for the limited-access person.
/// </summary>
public sealed class LaterChangesSite : IDisposable
{
    public const string Pdu = "EOENFK";

    public LaterChangesSite()
    {
        using var db = Site.OpenDatabase();
        var practitioner = db.Users.AsNoTracking().Single(u => u.UserName == "practitioner");
        var spoTeams = db.Users.AsNoTracking().Single(u => u.UserName == "spo").TeamCodes!.Split(',');
        Staff = practitioner.StaffCode!;
        var runs = db.Runs.OrderBy(r => r.Id).Select(r => r.Id).ToList();
        (OldRuns, LatestRun) = ([.. runs.Take(runs.Count - 1)], runs[^1]);
        Pdus = [.. db.ListedCases.Select(c => c.PduCode).Distinct().OrderBy(c => c)];
        var previous = OldRuns[^1];
        // People of the PDU listed, open, in both the previous run and the latest, with the same practitioner and team.
        var both = (from old in db.ListedCases
                    where old.RunId == previous && old.PduCode == Pdu && !old.LimitedAccess
                    join now in db.ListedCases on old.Crn equals now.Crn
                    where now.RunId == LatestRun && now.PduCode == Pdu && !now.LimitedAccess
                        && now.PractitionerCode == old.PractitionerCode && now.TeamCode == old.TeamCode
                    orderby old.Crn
                    select new { old.Crn, old.PractitionerCode, old.TeamCode }).ToList();
        Limited = both.First(c => c.PractitionerCode == Staff).Crn;
        MovedAway = both.First(c => c.PractitionerCode != Staff && c.TeamCode != null && spoTeams.Contains(c.TeamCode)).Crn;
        MovedIn = both.First(c => c.PractitionerCode != Staff && c.Crn != MovedAway).Crn;

        db.ListedCases.Where(c => c.RunId == LatestRun && c.Crn == Limited).ExecuteUpdate(s => s.SetProperty(c => c.LimitedAccess, true));
        db.ListedCases.Where(c => c.RunId == LatestRun && c.Crn == MovedAway).ExecuteUpdate(s => s
            .SetProperty(c => c.TeamCode, "ZZTEAM").SetProperty(c => c.TeamName, "Another team")
            .SetProperty(c => c.SpoCode, "ZZ99999").SetProperty(c => c.PractitionerCode, "ZZ99998"));
        db.ListedCases.Where(c => c.RunId == LatestRun && c.Crn == MovedIn).ExecuteUpdate(s => s.SetProperty(c => c.PractitionerCode, Staff));

        using var scope = Site.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffAccount>>();
        Create(users, new StaffAccount
        {
            UserName = "named-practitioner", DisplayName = "Named practitioner", Roles = "Practitioner", StaffCode = Staff,
            TeamCodes = practitioner.TeamCodes, PduCode = practitioner.PduCode, RegionCode = practitioner.RegionCode,
        });
        Create(users, new StaffAccount
        {
            UserName = "named-head", DisplayName = "Named head of PDU", Roles = "HeadOfPdu", PduCode = Pdu, RegionCode = practitioner.RegionCode,
        });
    }

    public DemoSiteFactory Site { get; } = new();

    public string Staff { get; }

    /// <summary>Runs before the latest, oldest first.</summary>
    public IReadOnlyList<int> OldRuns { get; }

    public int LatestRun { get; }

    /// <summary>Every PDU with a list.</summary>
    public IReadOnlyList<string> Pdus { get; }

    /// <summary>Limited-access in the latest run only.</summary>
    public string Limited { get; }

    /// <summary>Moved out of the demo SPO's team in the latest run only.</summary>
    public string MovedAway { get; }

    /// <summary>Moved to the demo practitioner in the latest run only.</summary>
    public string MovedIn { get; }

    public void Dispose() => Site.Dispose();

    private void Create(UserManager<StaffAccount> users, StaffAccount account)
    {
        var created = users.CreateAsync(account, SignedInClient.Password).GetAwaiter().GetResult();
        if (!created.Succeeded) throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
        users.AddClaimAsync(account, new Claim(CurrentUser.LimitedAccess, Limited)).GetAwaiter().GetResult();
    }
}

/// <summary>
/// The security review's finding: old monthly lists, their JSON and their downloads judged each row on that month's
/// facts, so a person made limited-access (or moved) since stayed readable there while their case page said 404. Every
/// list now judges a row on the person's latest listing, as the case page does.
/// </summary>
public sealed class OldListScopeTests(LaterChangesSite data) : IClassFixture<LaterChangesSite>
{
    private const string Pdu = LaterChangesSite.Pdu;

    private DemoSiteFactory Site => data.Site;

    private int OldRun => data.OldRuns[^1];

    [Theory]
    [InlineData("practitioner")]
    [InlineData("spo")]
    [InlineData("head-of-pdu")]
    public async Task ListPage_OldRun_LeavesOutThePersonMadeLimitedAccessSince_AsTheCasePageDoes(string user)
    {
        var client = await Site.SignInAsync(user);

        var list = await client.GetAsync($"/lists/{Pdu}?run={OldRun}&practitioner={data.Staff}");
        var casePage = await client.GetAsync($"/cases/{data.Limited}?run={OldRun}");

        list.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await list.Content.ReadAsStringAsync()).ShouldNotContain(data.Limited);
        casePage.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("practitioner", "named-practitioner")]
    [InlineData("head-of-pdu", "named-head")]
    [InlineData("spo", null)]
    public async Task Api_OldRun_LeavesOutThePersonMadeLimitedAccessSince_FromRowsAndCounts(string user, string? namedTwin)
    {
        var client = await Site.SignInAsync(user);

        using var json = await ApiJsonAsync(client, OldRun, $"&practitioner={data.Staff}");

        Crns(json).ShouldNotContain(data.Limited);
        if (namedTwin is null) return;
        // The same scope but named for them: one more row and one more in the counts, and that row is theirs.
        using var named = await ApiJsonAsync(await Site.SignInAsync(namedTwin), OldRun, $"&practitioner={data.Staff}");
        Crns(named).ShouldContain(data.Limited);
        Crns(named).Except(Crns(json)).ShouldBe([data.Limited]);
        Total(named).ShouldBe(Total(json) + 1);
        Listed(named).ShouldBe(Listed(json) + 1);
    }

    [Theory]
    [InlineData("spo", "csv")]
    [InlineData("head-of-pdu", "csv")]
    [InlineData("head-of-pdu", "xlsx")]
    public async Task Download_OldRun_LeavesOutThePersonMadeLimitedAccessSince(string user, string format)
    {
        var unnamed = await DownloadAsync(await Site.SignInAsync(user), OldRun, format);
        var named = await DownloadAsync(await Site.SignInAsync("named-head"), OldRun, format);

        unnamed.ShouldNotContain(data.Limited);
        named.ShouldContain(data.Limited);
    }

    [Fact]
    public async Task OldRuns_PersonMovedOutOfTheSposTeamSince_LeavesTheSposListsButNotTheirPdus()
    {
        var spo = await Site.SignInAsync("spo");
        var head = await Site.SignInAsync("head-of-pdu");

        foreach (var run in data.OldRuns)
        {
            (await ApiListAsync(spo, run)).Crns.ShouldNotContain(data.MovedAway);
            (await DownloadAsync(spo, run, "csv")).ShouldNotContain(data.MovedAway);
        }
        (await spo.GetAsync($"/cases/{data.MovedAway}?run={OldRun}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await ApiListAsync(head, OldRun)).Crns.ShouldContain(data.MovedAway);
        (await head.GetAsync($"/cases/{data.MovedAway}?run={OldRun}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task OldRun_PersonMovedToThePractitionerSince_IsOnTheirOldListAsOnTheirCasePage()
    {
        var practitioner = await Site.SignInAsync("practitioner");

        (await ApiListAsync(practitioner, OldRun)).Crns.ShouldContain(data.MovedIn);
        (await practitioner.GetAsync($"/cases/{data.MovedIn}?run={OldRun}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task NamedStaff_SeeThePersonMadeLimitedAccessSince_InOldListsAndOnTheCasePage()
    {
        var client = await Site.SignInAsync("named-practitioner");

        (await client.GetStringAsync($"/lists/{Pdu}?run={OldRun}&practitioner={data.Staff}")).ShouldContain(data.Limited);
        (await client.GetAsync($"/cases/{data.Limited}?run={OldRun}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("practitioner")]
    [InlineData("spo")]
    [InlineData("head-of-pdu")]
    [InlineData("panel-team")]
    [InlineData("qdo")]
    [InlineData("named-practitioner")]
    [InlineData("named-head")]
    public async Task OldRuns_EveryRowShown_OpensOnTheCasePage(string user)
    {
        var client = await Site.SignInAsync(user);
        var opened = 0;

        foreach (var run in data.OldRuns)
        foreach (var pdu in data.Pdus)
        {
            var (crns, total) = await ApiListAsync(client, run, pdu: pdu);
            crns.Count.ShouldBe(total, "one page of 200 holds the PDU's list");
            foreach (var crn in crns)
            {
                var response = await client.GetAsync($"/cases/{crn}?run={run}");
                response.StatusCode.ShouldBe(HttpStatusCode.OK, $"{crn} in run {run}");
                opened++;
            }
        }
        opened.ShouldBeGreaterThan(0);
    }

    private static async Task<(List<string> Crns, int Total)> ApiListAsync(HttpClient client, int run, string query = "", string pdu = Pdu)
    {
        using var json = await ApiJsonAsync(client, run, query, pdu);
        return json is null ? ([], 0) : (Crns(json), Total(json));
    }

    /// <summary>One page of up to 200 rows; null when the user may see nobody on that list (404).</summary>
    private static async Task<JsonDocument?> ApiJsonAsync(HttpClient client, int run, string query = "", string pdu = Pdu)
    {
        var response = await client.GetAsync($"/api/lists/{pdu}?run={run}&pageSize=200{query}");
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    private static List<string> Crns(JsonDocument? json) =>
        json is null ? [] : [.. json.RootElement.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("crn").GetString()!)];

    private static int Total(JsonDocument? json) => json?.RootElement.GetProperty("paging").GetProperty("totalMatching").GetInt32() ?? 0;

    /// <summary>The list's counts: complex, possibly complex and left (each person once).</summary>
    private static int Listed(JsonDocument? json)
    {
        if (json is null) return 0;
        var counts = json.RootElement.GetProperty("counts");
        return counts.GetProperty("complex").GetInt32() + counts.GetProperty("possiblyComplex").GetInt32() + counts.GetProperty("left").GetInt32();
    }

    /// <summary>The download as text: the CSV, or every part of the workbook.</summary>
    private static async Task<string> DownloadAsync(HttpClient client, int run, string format)
    {
        var form = await client.GetStringAsync($"/lists/{Pdu}/download?run={run}");
        var response = await client.PostAsync($"/lists/{Pdu}/download?run={run}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Recipient"] = "MAPPA coordinator", ["Purpose"] = "panel preparation", ["Format"] = format,
            ["__RequestVerificationToken"] = SignedInClient.AntiforgeryToken(form),
        }));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        if (format == "csv") return await response.Content.ReadAsStringAsync();
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        var text = new System.Text.StringBuilder();
        foreach (var entry in zip.Entries)
        {
            using var reader = new StreamReader(entry.Open());
            text.Append(await reader.ReadToEndAsync());
        }
        return text.ToString();
    }
}
