using System.Net;
using System.Text.RegularExpressions;
using ComplexCases.Application.Access;
using ComplexCases.Application.Workflow;
using ComplexCases.Domain.Screening;
using ComplexCases.Domain.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ComplexCases.Web.Tests.Workflow;

/// <summary>The process on the case page, the home page and the PDU progress page; the settings read from configuration.</summary>
public sealed partial class WorkflowViewsTests(DemoSiteFactory site) : IClassFixture<DemoSiteFactory>
{
    [Fact]
    public async Task CasePage_ShowsTheStageDueDateAndOnlyTheStepsThisUserMayTake()
    {
        var placed = site.CaseAt(CaseStage.AwaitingConversation);

        var practitioner = await (await site.SignInAsync("practitioner")).GetStringAsync($"/cases/{placed.Crn}");
        var panelTeam = await (await site.SignInAsync("panel-team")).GetStringAsync($"/cases/{placed.Crn}");
        var head = await (await site.SignInAsync("head-of-pdu")).GetStringAsync($"/cases/{placed.Crn}");

        practitioner.ShouldContain("Complex Case process");
        practitioner.ShouldContain(">Conversation due</strong>");
        practitioner.ShouldContain("Due by");
        practitioner.ShouldContain($"href=\"/cases/{placed.Crn}/conversation\"");
        practitioner.ShouldNotContain($"/cases/{placed.Crn}/withdraw");
        panelTeam.ShouldContain($"href=\"/cases/{placed.Crn}/withdraw\"");
        panelTeam.ShouldNotContain($"/cases/{placed.Crn}/conversation\"");
        head.ShouldContain(">Conversation due</strong>");
        head.ShouldNotContain("govuk-button-group");
    }

    [Fact]
    public async Task CasePage_OverdueStep_IsTaggedAndWarned()
    {
        var placed = site.CaseAt(CaseStage.AwaitingConversation);
        using (var db = site.OpenDatabase())
        {
            db.Workflows.Single(w => w.Crn == placed.Crn).ConversationDue = new DateOnly(2024, 1, 31);
            db.SaveChanges();
        }

        var html = await (await site.SignInAsync("practitioner")).GetStringAsync($"/cases/{placed.Crn}");

        html.ShouldContain("govuk-tag--red\">Overdue</strong>");
        html.ShouldContain("The next step was due by 31 January 2024.");
    }

    [Fact]
    public async Task Home_Practitioner_ListsConversationsDueSoonestFirst()
    {
        var first = site.CaseAt(CaseStage.AwaitingConversation);
        var second = site.CaseAt(CaseStage.AwaitingConversation);
        using (var db = site.OpenDatabase())
        {
            db.Workflows.Single(w => w.Crn == first.Crn).ConversationDue = new DateOnly(2024, 2, 1);
            db.Workflows.Single(w => w.Crn == second.Crn).ConversationDue = new DateOnly(2024, 1, 1);
            db.SaveChanges();
        }

        var html = await (await site.SignInAsync("practitioner")).GetStringAsync("/");

        html.ShouldContain("Conversations due");
        html.IndexOf($"/cases/{second.Crn}#workflow", StringComparison.Ordinal).ShouldBeLessThan(html.IndexOf($"/cases/{first.Crn}#workflow", StringComparison.Ordinal));
        html.ShouldContain("1 January 2024");
        using var check = site.OpenDatabase();
        var staff = check.Users.Single(u => u.UserName == "practitioner").StaffCode;
        var shown = DueLink().Matches(html).Select(m => m.Groups[1].Value).ToHashSet();
        var expected = check.Workflows.Where(w => w.Stage == (int)CaseStage.AwaitingConversation && w.PractitionerCode == staff).Select(w => w.Crn).ToHashSet();
        shown.ShouldBe(expected, ignoreOrder: true);
    }

    [Fact]
    public async Task Home_PanelTeam_ListsEscalationsAwaitingTriage()
    {
        var placed = site.CaseAt(CaseStage.AwaitingTriage);

        var html = await (await site.SignInAsync("panel-team")).GetStringAsync("/");

        html.ShouldContain("Escalations awaiting triage");
        html.ShouldContain($"/cases/{placed.Crn}#workflow");
        html.ShouldNotContain("Conversations due");
        html.ShouldContain("href=\"/progress\"");
    }

    [Theory]
    [InlineData("admin")]
    [InlineData("analyst")]
    [InlineData("panel-member")]
    public async Task Home_RolesWithoutWorkflowSteps_ShowNoneOfIt(string user)
    {
        var html = await (await site.SignInAsync(user)).GetStringAsync("/");

        html.ShouldNotContain("Conversations due");
        html.ShouldNotContain("Escalations awaiting triage");
        html.ShouldNotContain("href=\"/progress\"");
    }

    [Fact]
    public async Task Progress_HeadOfPdu_ShowsEveryPractitionerInTheirPduAndWhoHasNotStarted()
    {
        site.CaseAt(CaseStage.AwaitingConversation, onLatestList: true, someoneElse: ("TESTPP1", "Tess Notstarted"));

        var response = await (await site.SignInAsync("head-of-pdu")).GetAsync("/progress");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        var expected = ExpectedPractitioners(c => c.PduCode == "EOENFK");
        expected.ShouldNotBeEmpty();
        PractitionerRows(html).ShouldBe(expected, ignoreOrder: true);
        html.ShouldContain("not recorded any conversation yet: ");
        html.ShouldContain("Tess Notstarted");
        html.ShouldContain("Cases by stage");
        CrnPattern().IsMatch(html).ShouldBeFalse();
    }

    [Fact]
    public async Task Progress_Spo_ShowsOnlyTheirTeam()
    {
        site.CaseAt(CaseStage.AwaitingConversation, onLatestList: true);
        using var db = site.OpenDatabase();
        var spo = db.Users.Single(u => u.UserName == "spo");
        var teams = spo.TeamCodes!.Split(',');

        var html = await (await site.SignInAsync("spo")).GetStringAsync("/progress");

        var expected = ExpectedPractitioners(c => c.SpoCode == spo.StaffCode || (c.TeamCode != null && teams.Contains(c.TeamCode)));
        PractitionerRows(html).ShouldBe(expected, ignoreOrder: true);
        PractitionerRows(html).Count.ShouldBeLessThanOrEqualTo(ExpectedPractitioners(c => c.PduCode == "EOENFK").Count);
    }

    [Fact]
    public async Task Progress_PanelTeam_ChoosesAPduInTheirRegion()
    {
        var client = await site.SignInAsync("panel-team");

        var region = await client.GetStringAsync("/progress");
        var norfolk = await client.GetStringAsync("/progress?pdu=EOENFK");
        var outside = await client.GetAsync("/progress?pdu=NOWHERE");

        region.ShouldContain("By probation delivery unit");
        region.ShouldContain("href=\"/progress?pdu=EOENFK\"");
        PractitionerRows(norfolk).ShouldBe(ExpectedPractitioners(c => c.PduCode == "EOENFK"), ignoreOrder: true);
        outside.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public void Settings_FromConfiguration_TimescalesAndDefinitionOverrideTheDefaults()
    {
        var settings = StartWith(new() { ["Workflow:Timescales:ConversationWorkingDays"] = "15", ["Workflow:DefinitionId"] = "pilot-2025" });

        settings.Timescales.ShouldBe(new Timescales(15, 10, 40));
        settings.DefinitionId.ShouldBe("pilot-2025");
        StartWith([]).Timescales.ShouldBe(Timescales.Default);
        StartWith([]).DefinitionId.ShouldBe(WorkflowSettings.DefaultDefinitionId);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("many")]
    [InlineData("-3")]
    public void Settings_AnUnusableTimescale_StopsTheStartNamingTheSetting(string value)
    {
        Should.Throw<Exception>(() => StartWith(new() { ["Workflow:Timescales:TriageWorkingDays"] = value }))
            .Message.ShouldContain("Workflow:Timescales");
    }

    [Fact]
    public void Settings_ReentryPeriod_FromConfiguration_DefaultSixMonths_AndAnUnusableOneStopsTheStart()
    {
        ReentryRule Read(string? months) => StartWith(new() { ["Workflow:Reentry:MonthsClosed"] = months }).Reentry;

        Read("3").MonthsClosed.ShouldBe(3);
        Read(null).MonthsClosed.ShouldBe(6);
        Should.Throw<Exception>(() => Read("0")).Message.ShouldContain("Workflow:Reentry:MonthsClosed");
        Should.Throw<Exception>(() => Read("half a year")).Message.ShouldContain("Workflow:Reentry:MonthsClosed");
    }

    [Fact]
    public void Settings_AMissingCalendarFile_StopsTheStartNamingTheFile()
    {
        var empty = Directory.CreateTempSubdirectory("no-definitions-");
        try
        {
            Should.Throw<Exception>(() => StartWith([], empty.FullName)).Message.ShouldContain(WorkflowSettings.CalendarFile);
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Registers the workflow as the web host does, runs the start-up validation the host runs (ValidateOnStart), then
    /// resolves the settings: a bad value fails here, as it would stop the host.
    /// </summary>
    private static WorkflowSettings StartWith(Dictionary<string, string?> values, string? definitionsFolder = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection().AddCaseWorkflow(configuration,
            definitionsFolder ?? WorkflowSettings.FindDefinitionsDirectory(AppContext.BaseDirectory)!);
        using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<Microsoft.Extensions.Options.IStartupValidator>().Validate();
        return provider.GetRequiredService<WorkflowSettings>();
    }

    /// <summary>The practitioners' names on this month's list (complex cases in the process) that the filter keeps.</summary>
    private List<string> ExpectedPractitioners(System.Linq.Expressions.Expression<Func<Data.Screening.ListedCase, bool>> scope)
    {
        using var db = site.OpenDatabase();
        var latest = db.Runs.Where(r => r.DefinitionId == WorkflowSettings.DefaultDefinitionId).OrderByDescending(r => r.AsOf).First().Id;
        var inProcess = db.Workflows.Where(w => w.LatestRunId == latest).Select(w => w.Crn).ToHashSet();
        return db.ListedCases.AsNoTracking()
            .Where(c => c.RunId == latest && c.Status == (byte)ScreeningStatus.Complex && !c.LimitedAccess && c.PractitionerCode != null).Where(scope)
            .ToList().Where(c => inProcess.Contains(c.Crn))
            .Select(c => c.PractitionerName ?? c.PractitionerCode!).Distinct().ToList();
    }

    private static List<string> PractitionerRows(string html) =>
        [.. PractitionerRow().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value.Trim()))];

    [GeneratedRegex("<a class=\"govuk-link\" href=\"/lists/[A-Z]+\\?run=\\d+&amp;status=complex&amp;practitioner=[^\"]+\">([^<]+)</a>")]
    private static partial Regex PractitionerRow();

    [GeneratedRegex("href=\"/cases/([A-Z][0-9]{6})#workflow\"")]
    private static partial Regex DueLink();

    [GeneratedRegex("\\b[A-Z][0-9]{6}\\b")]
    private static partial Regex CrnPattern();
}
