using ComplexCases.Application;
using ComplexCases.Application.Access;
using ComplexCases.Application.Audit;
using ComplexCases.Application.CasePage;
using ComplexCases.Domain.People;
using ComplexCases.Domain.Workflow;
using ComplexCases.Web.Tests.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ComplexCases.Web.Tests.UseCases;

/// <summary>The case page's one data source, against the demo site's own SQLite database and services.</summary>
public sealed class CaseViewQueryTests(DemoSiteFactory site) : IClassFixture<DemoSiteFactory>
{
    [Fact]
    public async Task OpenAsync_CaseInTheProcess_AssemblesEverySectionForTheViewerAndAuditsTheViewOnce()
    {
        var placed = site.CaseAt(CaseStage.AwaitingConversation);
        var practitioner = Account("practitioner");
        var viewedBefore = site.AuditCount(AuditEventTypes.CaseViewed, placed.Crn);

        var view = await OpenAsync(practitioner, placed.Crn);

        view.Status.ShouldBe(UseCaseStatus.Ok);
        view.Value!.Crn.ShouldBe(placed.Crn);
        view.Value.Case.Explanation.ShouldNotBeEmpty();
        view.Value.Case.Run.Id.ShouldBe(view.Value.Case.Listed.RunId);
        view.Value.Workflow.ShouldNotBeNull().Stage.ShouldBe(CaseStage.AwaitingConversation);
        view.Value.Workflow.Version.ShouldBe(placed.Version);
        view.Value.Workflow.Steps.ShouldContain(WorkflowStep.ConversationEscalated);
        view.Value.Reviews.Crn.ShouldBe(placed.Crn);
        view.Value.Reviews.MayReview.ShouldBeFalse();
        site.AuditCount(AuditEventTypes.CaseViewed, placed.Crn).ShouldBe(viewedBefore + 1);
    }

    [Fact]
    public async Task OpenAsync_CaseOnAPanelAgenda_ShowsItsEntriesToThePanelTeam()
    {
        string crn;
        using (var db = site.OpenDatabase())
            crn = db.PanelAgendaItems.AsNoTracking().OrderBy(i => i.MeetingId).ThenBy(i => i.Crn).Select(i => i.Crn).First();

        var view = await OpenAsync(Account("panel-team"), crn);

        view.Status.ShouldBe(UseCaseStatus.Ok);
        view.Value!.PanelEntries.ShouldNotBeEmpty();
        // The panel team is not invited for the case: only its practitioner and SPO are.
        view.Value.PanelEntries.ShouldAllBe(e => !e.ViewerToAttend);
    }

    [Fact]
    public async Task OpenAsync_CaseTheViewerMayNotSee_IsNotFoundAndAuditedAsRefused()
    {
        string crn;
        using (var db = site.OpenDatabase())
        {
            var staff = db.Users.AsNoTracking().Single(u => u.UserName == "practitioner").StaffCode;
            crn = db.ListedCases.AsNoTracking().Where(c => c.PractitionerCode != staff && !c.LimitedAccess).OrderBy(c => c.Crn).Select(c => c.Crn).First();
        }
        var refusedBefore = site.AuditCount(AuditEventTypes.AccessDenied, crn);

        var view = await OpenAsync(Account("practitioner"), crn);

        view.Status.ShouldBe(UseCaseStatus.NotFound);
        view.Value.ShouldBeNull();
        site.AuditCount(AuditEventTypes.AccessDenied, crn).ShouldBe(refusedBefore + 1);
    }

    [Fact]
    public async Task CasePage_NotACrn_IsNotFoundWithoutAnEntry()
    {
        // The use case takes a Crn, so text that is not one stops at the page (RequestCrn): not found, as before, and no entry.
        var client = await site.SignInAsync("practitioner");
        var refusedBefore = RefusedCount();

        (await client.GetAsync("/cases/not-a-crn")).StatusCode.ShouldBe(System.Net.HttpStatusCode.NotFound);

        RefusedCount().ShouldBe(refusedBefore);
    }

    private int RefusedCount()
    {
        using var db = site.OpenDatabase();
        return db.AuditEvents.AsNoTracking().Count(e => e.EventType == AuditEventTypes.AccessDenied);
    }

    private async Task<UseCaseResult<CaseView>> OpenAsync(StaffUser user, string crn)
    {
        using var scope = site.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<CaseViewQuery>().OpenAsync(user, Crn.Parse(crn), null);
    }

    private StaffUser Account(string userName)
    {
        using var db = site.OpenDatabase();
        return StaffAccounts.Find(db, userName).ShouldNotBeNull();
    }
}
