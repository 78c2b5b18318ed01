using System.Globalization;
using System.Text.RegularExpressions;
using ComplexCases.TestSupport.Extracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace ComplexCases.Web.BrowserTests;

/// <summary>
/// Each demo role's main journey in real Chromium, with real clicks; axe runs after every page load, and the main
/// pages are kept as screenshots. Each journey also checks what its role must NOT be offered or shown.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class JourneyTests(BrowserSite site) : IAsyncLifetime
{
    private IBrowserContext _context = null!;
    private IPage _page = null!;

    public async Task InitializeAsync()
    {
        _context = await site.NewContextAsync();
        _page = await _context.NewPageAsync();
    }

    public async Task DisposeAsync() => await _context.DisposeAsync();

    [Fact]
    public async Task HeadOfPdu_SignsIn_FiltersTheNorfolkList_AndOpensACase()
    {
        await _page.SignInAsync("head-of-pdu");
        _page.PathOf().ShouldBe("/");
        (await _page.Locator("h1").InnerTextAsync()).ShouldBe("Complex cases");
        (await _page.Locator("caption").First.InnerTextAsync()).ShouldContain("Lists by probation delivery unit");
        // Their PDU only.
        (await _page.Locator("main a[href^='/lists/']").CountAsync()).ShouldBe(1);
        await _page.ScreenshotAsync("home-head-of-pdu");
        await _page.ShouldBeAccessibleAsync();

        await _page.Locator("a[href^='/lists/EOENFK']").ClickAsync();
        await _page.WaitForURLAsync("**/lists/EOENFK**");
        (await _page.Locator("table tbody tr").CountAsync()).ShouldBeGreaterThan(0);
        (await _page.Locator("a[href^='/lists/EOENFK/download']").CountAsync()).ShouldBe(1);
        await _page.ScreenshotAsync("list");
        await _page.ShouldBeAccessibleAsync();

        await _page.GetByLabel("Status").SelectOptionAsync("complex");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
        await _page.WaitForURLAsync("**status=complex**");
        var statuses = await _page.Locator("table tbody tr td:nth-child(4)").AllInnerTextsAsync();
        statuses.ShouldNotBeEmpty();
        statuses.ShouldAllBe(s => s.Trim() == "Complex");
        await _page.ShouldBeAccessibleAsync();

        await _page.Locator("table tbody a[href^='/cases/']").First.ClickAsync();
        await _page.WaitForURLAsync("**/cases/**");
        await _page.GetByRole(AriaRole.Heading, new() { Name = "Why this case is listed" }).WaitForAsync();
        await _page.ScreenshotAsync("case");
        await _page.ShouldBeAccessibleAsync();

        await _page.ClickMainNavigationAsync("Definitions", "**/definitions");
        (await _page.Locator("h1").InnerTextAsync()).ShouldBe("What makes a case complex");
        await _page.ScreenshotAsync("definitions");
        await _page.ShouldBeAccessibleAsync();
    }

    [Fact]
    public async Task Practitioner_SignsIn_OpensACaseFromTheirToDoList_AndSeesOnlyTheirOwnCases()
    {
        await _page.SignInAsync("practitioner");
        _page.PathOf().ShouldBe("/");
        (await _page.MainNavigationAsync()).ShouldBe(["Home", "Definitions", "Records to check", "Actions", "Notifications"]);
        await _page.GetByRole(AriaRole.Heading, new() { Name = "What to do this month" }).WaitForAsync();
        await _page.ScreenshotAsync("home-practitioner");
        await _page.ShouldBeAccessibleAsync();
        var me = (await _page.Locator("header form .govuk-body").InnerTextAsync()).Trim();
        me.ShouldNotBeNullOrEmpty();

        var firstCase = _page.Locator("main ul a[href^='/cases/']").First;
        var linkText = (await firstCase.InnerTextAsync()).Trim();
        await firstCase.ClickAsync();
        await _page.WaitForURLAsync("**/cases/**");
        linkText.ShouldStartWith((await _page.Locator("h1").InnerTextAsync()).Trim());
        (await _page.Locator("dt:text-is('Practitioner') + dd").InnerTextAsync()).Trim().ShouldBe(me);
        await _page.ShouldBeAccessibleAsync();

        await _page.ClickMainNavigationAsync("Home", "**/");
        await _page.Locator("main a[href^='/lists/']").First.ClickAsync();
        await _page.WaitForURLAsync("**/lists/**");
        await _page.ScreenshotAsync("list-practitioner");
        await _page.ShouldBeAccessibleAsync();
        var practitioners = await _page.Locator("table tbody tr td:nth-child(3)").AllInnerTextsAsync();
        practitioners.ShouldNotBeEmpty();
        practitioners.ShouldAllBe(p => p.Trim() == me);
        // A practitioner's own few cases are on screen; an export would be a copy for no need.
        (await _page.Locator("a[href*='/download']").CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Spo_DownloadsTheirTeamsList_AsCsv_AfterSayingWhoItIsFor()
    {
        await _page.SignInAsync("spo");
        _page.PathOf().ShouldBe("/");
        (await _page.MainNavigationAsync()).ShouldBe(["Home", "Definitions", "Progress", "Records to check", "Actions", "Notifications"]);
        (await _page.Locator("main").InnerTextAsync()).ShouldContain("Each needs a reflective practice conversation between the practitioner and you.");
        await _page.ScreenshotAsync("home-spo");
        await _page.ShouldBeAccessibleAsync();

        await _page.Locator("main table a[href^='/lists/']").First.ClickAsync();
        await _page.WaitForURLAsync("**/lists/**");
        var listed = CaptionCount(await _page.Locator("table caption").InnerTextAsync());
        listed.ShouldBeGreaterThan(0);
        await _page.ShouldBeAccessibleAsync();

        await _page.GetByRole(AriaRole.Link, new() { Name = "Download this list (CSV or XLSX)" }).ClickAsync();
        await _page.WaitForURLAsync("**/download**");
        await _page.ScreenshotAsync("download");
        await _page.ShouldBeAccessibleAsync();

        // A download is a disclosure: without who and why, nothing leaves.
        await _page.GetByRole(AriaRole.Button, new() { Name = "Download", Exact = true }).ClickAsync();
        await _page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        (await _page.ErrorSummaryAsync()).ShouldBe(["Enter who the list is for", "Enter why it is needed"]);
        await _page.ScreenshotAsync("download-error");
        await _page.ShouldBeAccessibleAsync();

        await _page.GetByLabel("Who is it for?").FillAsync("Norfolk complex case panel");
        await _page.GetByLabel("Why is it needed?").FillAsync("Panel agenda for this month");
        await _page.GetByLabel("CSV", new() { Exact = true }).CheckAsync();
        var download = await _page.RunAndWaitForDownloadAsync(() => _page.GetByRole(AriaRole.Button, new() { Name = "Download", Exact = true }).ClickAsync());
        download.SuggestedFilename.ShouldEndWith(".csv");
        var lines = (await File.ReadAllLinesAsync(await download.PathAsync())).Where(l => l.Length > 0).ToList();
        lines[0].TrimStart('\uFEFF').ShouldBe("crn,forename,surname,team,practitioner,spo,status,score,criteria_met,criteria_unknown,change,months_listed");
        // The same cases the SPO was shown, every page of them.
        (lines.Count - 1).ShouldBe(listed);
    }

    [Fact]
    public async Task PanelTeam_SeesEveryPduInTheRegion_WithNames_AndMayDownload()
    {
        await _page.SignInAsync("panel-team");
        _page.PathOf().ShouldBe("/");
        (await _page.MainNavigationAsync()).ShouldBe(["Home", "Definitions", "Progress", "Insight", "Panels", "Actions", "Notifications"]);
        (await _page.Locator("main table a[href^='/lists/']").CountAsync()).ShouldBeGreaterThan(1);
        await _page.ScreenshotAsync("home-panel-team");
        await _page.ShouldBeAccessibleAsync();

        await _page.Locator("main table a[href^='/lists/']").Last.ClickAsync();
        await _page.WaitForURLAsync("**/lists/**");
        var names = await _page.Locator("table tbody tr td:nth-child(2)").AllInnerTextsAsync();
        names.ShouldNotBeEmpty();
        names.ShouldAllBe(n => n.Trim() != "Withheld" && n.Trim().Length > 0);
        (await _page.GetByRole(AriaRole.Link, new() { Name = "Download this list (CSV or XLSX)" }).CountAsync()).ShouldBe(1);
        await _page.ShouldBeAccessibleAsync();
    }

    [Fact]
    public async Task PanelMember_SeesNoCasesAndNoLists_AndIsForbiddenAList()
    {
        await _page.SignInAsync("panel-member");
        _page.PathOf().ShouldBe("/");
        (await _page.MainNavigationAsync()).ShouldBe(["Home", "Definitions", "Panels", "Actions", "Notifications"]);
        (await _page.Locator("main").InnerTextAsync()).ShouldContain("Your role does not include case lists.");
        (await _page.Locator("main a[href^='/lists/'], main a[href^='/cases/'], main table").CountAsync()).ShouldBe(0);
        await _page.ScreenshotAsync("home-panel-member");
        await _page.ShouldBeAccessibleAsync();

        await _page.ClickMainNavigationAsync("Definitions", "**/definitions");
        (await _page.Locator("main h2").CountAsync()).ShouldBeGreaterThan(0);
        await _page.ShouldBeAccessibleAsync();

        await _page.GotoAsync("/lists/EOENFK");
        await _page.ShouldBeForbiddenAsync("forbidden");
    }

    [Fact]
    public async Task Qdo_OpensACaseInTheRegion_ButHasNoDownload()
    {
        await _page.SignInAsync("qdo");
        _page.PathOf().ShouldBe("/");
        (await _page.MainNavigationAsync()).ShouldBe(["Home", "Definitions", "Progress", "Insight", "Panels", "Quality reviews", "Notifications"]);
        (await _page.Locator("main table a[href^='/lists/']").CountAsync()).ShouldBeGreaterThan(1);
        await _page.ScreenshotAsync("home-qdo");
        await _page.ShouldBeAccessibleAsync();

        await _page.Locator("main table a[href^='/lists/']").First.ClickAsync();
        await _page.WaitForURLAsync("**/lists/**");
        var pdu = _page.PathOf().Split('/')[2];
        // QDOs review practice with names, but a download is a disclosure they do not need.
        (await _page.Locator("a[href*='/download']").CountAsync()).ShouldBe(0);
        await _page.ShouldBeAccessibleAsync();

        await _page.Locator("table tbody a[href^='/cases/']").First.ClickAsync();
        await _page.WaitForURLAsync("**/cases/**");
        await _page.GetByRole(AriaRole.Heading, new() { Name = "Month by month" }).WaitForAsync();
        await _page.ShouldBeAccessibleAsync();

        // Nor can the download page be reached by typing its address.
        await _page.GotoAsync($"/lists/{pdu}/download");
        await _page.ShouldBeForbiddenAsync();
    }

    [Fact]
    public async Task Analyst_SeesPseudonymsNotNames_RunsAScreeningWithAWrongFileThenAFaultyOne_ReadsItsRejectedRows_AndIsForbiddenACase()
    {
        await _page.SignInAsync("analyst");
        _page.PathOf().ShouldBe("/");
        (await _page.MainNavigationAsync()).ShouldBe(["Home", "Definitions", "Runs", "Insight", "Notifications"]);
        await _page.ScreenshotAsync("home-analyst");
        await _page.ShouldBeAccessibleAsync();

        await _page.Locator("main a[href^='/lists/']").First.ClickAsync();
        await _page.WaitForURLAsync("**/lists/**");
        await _page.ScreenshotAsync("list-analyst");
        await _page.ShouldBeAccessibleAsync();
        var pdu = _page.PathOf().Split('/')[2];
        var names = await _page.Locator("table tbody tr td:nth-child(2)").AllInnerTextsAsync();
        names.ShouldNotBeEmpty();
        names.ShouldAllBe(n => n.Trim() == "Withheld");
        var ids = await _page.Locator("table tbody tr td:nth-child(1)").AllInnerTextsAsync();
        ids.ShouldAllBe(id => id.Trim().StartsWith("P-", StringComparison.Ordinal));
        (await _page.Locator("a[href^='/cases/']").CountAsync()).ShouldBe(0);
        // Nothing identifying anywhere on the page: no CRN and no name of anyone on this PDU's list.
        var shown = await _page.Locator("body").InnerTextAsync();
        var people = PeopleListed(pdu);
        people.ShouldNotBeEmpty();
        people.ShouldAllBe(p => !shown.Contains(p.Crn, StringComparison.Ordinal) && !shown.Contains(p.Name, StringComparison.Ordinal));

        await _page.ClickMainNavigationAsync("Runs", "**/runs");
        (await _page.Locator("#runs-table tbody tr").CountAsync()).ShouldBe(RunsStored());
        await _page.ScreenshotAsync("runs");
        await _page.ShouldBeAccessibleAsync();

        await _page.GetByRole(AriaRole.Link, new() { Name = "Run a screening" }).ClickAsync();
        await _page.WaitForURLAsync("**/runs/new");
        await _page.ScreenshotAsync("runs-new");
        await _page.ShouldBeAccessibleAsync();

        await _page.GetByLabel("Extract: one zip file, or the CSV files").SetInputFilesAsync(new FilePayload
        {
            Name = "notes.txt", MimeType = "text/plain", Buffer = "not an extract"u8.ToArray(),
        });
        await _page.GetByLabel("Screening date (yyyy-mm-dd)").FillAsync("2024-10-01");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Run the screening" }).ClickAsync();
        await _page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        var errors = await _page.ErrorSummaryAsync();
        errors.Count.ShouldBe(1);
        errors[0].ShouldStartWith("notes.txt is not an extract file");
        await _page.ScreenshotAsync("runs-new-error");
        await _page.ShouldBeAccessibleAsync();

        // Then the right files, of an extract with faults: the run's page says where and why rows were rejected.
        using var extract = ExtractWithRejections();
        await _page.GetByLabel("Extract: one zip file, or the CSV files").SetInputFilesAsync(Directory.GetFiles(extract.Build(), "*.csv"));
        // Earlier than the demo months, so the other journeys' "latest run" stays the demo's.
        await _page.GetByLabel("Screening date (yyyy-mm-dd)").FillAsync("2023-03-01");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Run the screening" }).ClickAsync();
        await _page.WaitForURLAsync("**/runs/progress/**");
        await _page.GetByRole(AriaRole.Heading, new() { Name = "Screening finished" }).WaitForAsync(new() { Timeout = 120_000 });
        await _page.GetByRole(AriaRole.Link, new() { NameRegex = RunLink() }).ClickAsync();
        await _page.WaitForURLAsync(RunPage());
        (await _page.Locator("h1").InnerTextAsync()).ShouldEndWith(": 1 March 2023");
        var rejected = _page.Locator("table", new() { Has = _page.Locator("caption", new() { HasText = "rejected row" }) });
        (await rejected.Locator("caption").InnerTextAsync()).Trim().ShouldBe("135 rejected rows, page 1 of 2");
        (await rejected.Locator("tbody tr").CountAsync()).ShouldBe(100);
        await _page.ScreenshotAsync("run");
        await _page.ShouldBeAccessibleAsync();

        await _page.GetByRole(AriaRole.Link, new() { Name = "Next page" }).ClickAsync();
        await _page.WaitForURLAsync("**page=2**");
        (await rejected.Locator("tbody tr").CountAsync()).ShouldBe(35);
        await _page.ShouldBeAccessibleAsync();

        await _page.GetByLabel("File", new() { Exact = true }).SelectOptionAsync("registrations.csv");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Show rows" }).ClickAsync();
        await _page.WaitForURLAsync("**file=registrations.csv**");
        (await rejected.Locator("tbody tr td:nth-child(1)").AllInnerTextsAsync()).ShouldBe(Enumerable.Repeat("registrations.csv", 5));
        (await rejected.Locator("tbody tr td:nth-child(6)").AllInnerTextsAsync()).ShouldAllBe(v => v == "E99****");
        await _page.ScreenshotAsync("run-rejections-filtered");
        await _page.ShouldBeAccessibleAsync();

        // The case page shows names, so an analyst may not open one, even of a person they see pseudonymised.
        await _page.GotoAsync($"/cases/{people[0].Crn}");
        await _page.ShouldBeForbiddenAsync();
    }

    [Fact]
    public async Task Admin_SearchesTheAuditLog_SeesRunsButCannotRunOne_AndIsForbiddenACaseList()
    {
        await _page.SignInAsync("admin");
        _page.PathOf().ShouldBe("/");
        (await _page.MainNavigationAsync()).ShouldBe(["Home", "Definitions", "Runs", "Audit log", "Staff accounts", "Notifications"]);
        (await _page.Locator("main").InnerTextAsync()).ShouldContain("Your role does not include case lists.");
        await _page.ScreenshotAsync("home-admin");
        await _page.ShouldBeAccessibleAsync();

        await _page.ClickMainNavigationAsync("Audit log", "**/admin/audit");
        await _page.ScreenshotAsync("audit");
        await _page.ShouldBeAccessibleAsync();

        // Searching is itself audited: the second search (narrowed by date) finds the first.
        await _page.GetByLabel("User", new() { Exact = true }).FillAsync("admin");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await _page.WaitForURLAsync("**actor=admin**");
        await _page.ShouldBeAccessibleAsync();
        await _page.GetByLabel("From (yyyy-mm-dd)").FillAsync("2024-01-01");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await _page.WaitForURLAsync("**from=2024-01-01**");
        CaptionCount(await _page.Locator("table caption").InnerTextAsync()).ShouldBeGreaterThanOrEqualTo(1);
        var users = await _page.Locator("table tbody tr td:nth-child(3)").AllInnerTextsAsync();
        users.ShouldNotBeEmpty();
        users.ShouldAllBe(u => u.Trim() == "admin");
        (await _page.Locator("table tbody tr td:nth-child(5)").AllInnerTextsAsync()).ShouldContain("audit.searched");
        await _page.ScreenshotAsync("audit-results");
        await _page.ShouldBeAccessibleAsync();

        await _page.GetByLabel("Person (CRN)").FillAsync("123");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await _page.WaitForURLAsync("**crn=123**");
        (await _page.ErrorSummaryAsync()).ShouldBe(["CRN must be a capital letter and six digits, like E123456"]);
        await _page.ScreenshotAsync("audit-error");
        await _page.ShouldBeAccessibleAsync();

        // Administrators see runs (to run the service) but only analysts run screenings.
        await _page.ClickMainNavigationAsync("Runs", "**/runs");
        (await _page.Locator("table tbody tr").CountAsync()).ShouldBeGreaterThan(0);
        (await _page.GetByRole(AriaRole.Link, new() { Name = "Run a screening" }).CountAsync()).ShouldBe(0);
        await _page.ShouldBeAccessibleAsync();
        // A run's page: its counts, but not its rejected rows (masked, but about people).
        await _page.Locator("table tbody a[href^='/runs/']").First.ClickAsync();
        await _page.WaitForURLAsync(RunPage());
        await _page.GetByRole(AriaRole.Heading, new() { Name = "Rejected rows" }).WaitForAsync();
        (await _page.Locator(".govuk-inset-text").InnerTextAsync()).ShouldContain("Your role does not include the rejected rows themselves");
        (await _page.Locator("caption", new() { HasText = "rejected row" }).CountAsync()).ShouldBe(0);
        await _page.ShouldBeAccessibleAsync();

        // Staff accounts: adding one without a role is refused with the reason, next to the field.
        await _page.ClickMainNavigationAsync("Staff accounts", "**/admin/users");
        (await _page.Locator("table tbody tr").CountAsync()).ShouldBeGreaterThanOrEqualTo(8);
        await _page.ShouldBeAccessibleAsync();
        await _page.GetByRole(AriaRole.Button, new() { Name = "Add an account" }).ClickAsync();
        await _page.WaitForURLAsync("**/admin/users/new");
        await _page.ShouldBeAccessibleAsync();
        await _page.GetByLabel("User name").FillAsync("synthetic.person");
        await _page.GetByLabel("Name", new() { Exact = true }).FillAsync("Synthetic Person");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Save account" }).ClickAsync();
        (await _page.ErrorSummaryAsync()).ShouldBe(["Choose at least one role"]);
        await _page.ScreenshotAsync("staff-account-error");
        await _page.ShouldBeAccessibleAsync();

        // An administrator runs the service, not cases.
        await _page.GotoAsync("/lists/EOENFK");
        await _page.ShouldBeForbiddenAsync();
    }

    [Fact]
    public async Task Analyst_RunsAScreening_AndTheProgressPageReloadsUntilTheResult()
    {
        await _page.SignInAsync("analyst");
        await _page.GotoAsync("/runs/new");
        await _page.ShouldBeAccessibleAsync();

        await _page.GetByLabel("Extract").SetInputFilesAsync(Directory.GetFiles(Path.Combine(RepositoryRoot(), "samples", "2024-09-01"), "*.csv"));
        // Earlier than the demo months, so the other journeys' "latest run" stays the demo's.
        await _page.GetByLabel("Screening date").FillAsync("2024-01-01");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Run the screening" }).ClickAsync();
        await _page.WaitForURLAsync("**/runs/progress/**");

        // No script: the page's meta refresh reloads it until the run has finished.
        await _page.GetByRole(AriaRole.Heading, new() { Name = "Screening finished" }).WaitForAsync(new() { Timeout = 120_000 });
        (await _page.Locator("#run-result").InnerTextAsync()).ShouldContain("600 people screened");
        await _page.ScreenshotAsync("run-finished");
        await _page.ShouldBeAccessibleAsync();
    }

    [Fact]
    public async Task SignOut_EndsTheSession_AndPagesAskToSignInAgain()
    {
        await _page.SignInAsync("analyst");
        _page.PathOf().ShouldBe("/");

        await _page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await _page.WaitForURLAsync("**/sign-in");
        (await _page.Locator("header form").CountAsync()).ShouldBe(0);

        await _page.GotoAsync("/runs");
        _page.PathOf().ShouldBe("/sign-in");
    }

    [Fact]
    public async Task WrongPassword_ShowsTheErrorSummary()
    {
        await _page.GotoAsync("/sign-in");
        await _page.ScreenshotAsync("sign-in");
        await _page.ShouldBeAccessibleAsync();

        await _page.SignInAsync("head-of-pdu", "not-the-password-2024");

        _page.PathOf().ShouldBe("/sign-in");
        (await _page.ErrorSummaryAsync()).ShouldBe(["The user name or password is not right"]);
        (await _page.Locator("header form").CountAsync()).ShouldBe(0);
        await _page.ScreenshotAsync("sign-in-error");
        await _page.ShouldBeAccessibleAsync();
    }

    /// <summary>One good person, 130 people rows with a malformed lao flag, and 5 registrations of nobody: 135 rejected rows.</summary>
    private static ExtractFolderBuilder ExtractWithRejections()
    {
        var extract = new ExtractFolderBuilder().WithPerson("E000001");
        for (var i = 1; i <= 130; i++) extract.WithPerson($"E1{i:D5}", lao: $"perhaps-{i}");
        for (var i = 0; i < 5; i++) extract.WithRegistration($"E99999{i}", "RMDO", "2022-01-01");
        return extract;
    }

    [GeneratedRegex(@"^See run \d+: its files and rejected rows$")]
    private static partial Regex RunLink();

    [GeneratedRegex(@"/runs/\d+$")]
    private static partial Regex RunPage();

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "ComplexCases.slnx"))) folder = folder.Parent;
        return folder?.FullName ?? throw new InvalidOperationException("Run the tests from inside the repository.");
    }

    /// <summary>Everyone on a PDU's latest list, straight from the database: what a pseudonymised page must not reveal.</summary>
    private List<(string Crn, string Name)> PeopleListed(string pdu)
    {
        using var db = site.OpenDatabase();
        var latest = db.Runs.AsNoTracking().OrderByDescending(r => r.AsOf).ThenByDescending(r => r.Id).First().Id;
        return [.. db.ListedCases.AsNoTracking().Where(c => c.RunId == latest && c.PduCode == pdu)
            .Select(c => new { c.Crn, c.Forename, c.Surname }).AsEnumerable()
            .Select(c => (c.Crn, $"{c.Forename} {c.Surname}"))];
    }

    private int RunsStored()
    {
        using var db = site.OpenDatabase();
        return db.Runs.Count();
    }

    /// <summary>The number a table caption starts with, e.g. "42 cases" or "1,204 entries".</summary>
    private static int CaptionCount(string caption) =>
        int.Parse(LeadingNumber().Match(caption.Trim()).Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^[\d,]+")]
    private static partial Regex LeadingNumber();
}
