using ComplexCases.Application;
using ComplexCases.Application.Access;
using ComplexCases.Application.Audit;
using ComplexCases.Application.Home;
using ComplexCases.Domain.Workflow;
using ComplexCases.Web.Tests.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ComplexCases.Web.Tests.UseCases;

/// <summary>The home page's one data source, against the demo site's own database (SQLite or PostgreSQL, by TestDatabases) and services.</summary>
public sealed class ShowHomeTests(DemoSiteFactory site) : IClassFixture<DemoSiteFactory>
{
    [Fact]
    public async Task RunAsync_Practitioner_AssemblesTheirCasesAndWhatWaitsOnThemAndAuditsTheNamesShown()
    {
        var placed = site.CaseAt(CaseStage.AwaitingConversation, onLatestList: true);
        var before = site.AuditCount(AuditEventTypes.HomeViewed, placed.Crn);

        var home = await ShowAsync("practitioner");

        home.Status.ShouldBe(UseCaseStatus.Ok);
        home.Value!.LatestRun.ShouldNotBeNull();
        home.Value.Scope.ShouldBe(CaseScope.OwnCases);
        home.Value.YourCases.ShouldNotBeEmpty();
        home.Value.Workflow.ConversationsDue.Select(c => c.Crn).ShouldContain(placed.Crn);
        // Not a panel-team or quality role: those parts are not theirs, so the page leaves out their headings.
        home.Value.PanelAndQuality.AwaitingPanel.ShouldBeNull();
        home.Value.PanelAndQuality.Sample.ShouldBeNull();
        site.AuditCount(AuditEventTypes.HomeViewed, placed.Crn).ShouldBe(before + 1);
    }

    [Fact]
    public async Task RunAsync_PanelTeam_ReadsTheMeetingsAndTheCasesAwaitingAPanel()
    {
        var home = await ShowAsync("panel-team");

        home.Status.ShouldBe(UseCaseStatus.Ok);
        home.Value!.PanelAndQuality.Upcoming.ShouldNotBeNull();
        home.Value.PanelAndQuality.AwaitingPanel.ShouldNotBeNull();
        home.Value.PanelAndQuality.Sample.ShouldBeNull();
    }

    [Fact]
    public async Task RunAsync_Qdo_ReadsTheQualitySampleButNotTheMeetings()
    {
        var home = await ShowAsync("qdo");

        home.Status.ShouldBe(UseCaseStatus.Ok);
        // A QDO may view panels for the reviews, but the meetings are not theirs to attend.
        home.Value!.PanelAndQuality.Upcoming.ShouldBeNull();
        home.Value.PanelAndQuality.Sample.ShouldNotBeNull();
    }

    [Fact]
    public async Task RunAsync_RoleWithoutTheHomePage_IsForbiddenWithoutReading()
    {
        var nobody = new StaffUser("nobody", "Nobody", []);

        (await ShowAsync(nobody)).Status.ShouldBe(UseCaseStatus.Forbidden);
    }

    private async Task<UseCaseResult<HomeView>> ShowAsync(string userName)
    {
        StaffUser user;
        using (var db = site.OpenDatabase())
            user = StaffAccounts.Find(db, userName).ShouldNotBeNull();
        return await ShowAsync(user);
    }

    private async Task<UseCaseResult<HomeView>> ShowAsync(StaffUser user)
    {
        using var scope = site.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ShowHome>().RunAsync(user);
    }
}
