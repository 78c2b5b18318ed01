using System.Net;
using ComplexCases.Application.Access;
using ComplexCases.Application.Audit;
using ComplexCases.Domain.Screening;
using ComplexCases.Web.Cases;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Web.Tests.Pages;

/// <summary>The smaller things seen when the process was walked: markings, words for codes, home pages by role.</summary>
public sealed class ProcessPagesTests(DemoSiteFactory site) : IClassFixture<DemoSiteFactory>
{
    [Fact]
    public async Task LimitedAccessCase_IsMarkedOnItsPageAndItsListRow_ForSomeoneNamedForIt()
    {
        string crn;
        string pdu;
        using (var db = site.OpenDatabase())
        {
            var practitioner = db.Users.Single(u => u.UserName == "practitioner");
            var latest = db.Runs.Max(r => r.Id);
            var listed = db.ListedCases.First(c => c.RunId == latest && c.PractitionerCode == practitioner.StaffCode && !c.LimitedAccess);
            (crn, pdu) = (listed.Crn, listed.PduCode);
            foreach (var row in db.ListedCases.Where(c => c.Crn == crn)) row.LimitedAccess = true;
            foreach (var w in db.Workflows.Where(w => w.Crn == crn)) w.LimitedAccess = true;
            db.UserClaims.Add(new IdentityUserClaim<string> { UserId = practitioner.Id, ClaimType = StaffAccounts.LimitedAccessClaim, ClaimValue = crn });
            db.SaveChanges();
        }
        var client = await site.SignInAsync("practitioner");

        var page = await client.GetStringAsync($"/cases/{crn}");
        var list = await client.GetStringAsync($"/lists/{pdu}?q={crn}");

        page.ShouldContain("id=\"limited-access\"");
        page.ShouldContain("Limited access");
        list.ShouldContain("limited-access\">Limited access</strong>");
    }

    [Fact]
    public async Task CasePage_EvidenceNamesTheSourceSystem_AndKeepsFileAndLineForAnalysts()
    {
        var client = await site.SignInAsync("practitioner");
        string crn;
        using (var db = site.OpenDatabase())
        {
            var staff = db.Users.Single(u => u.UserName == "practitioner").StaffCode;
            var latest = db.Runs.Max(r => r.Id);
            crn = db.ListedCases.First(c => c.RunId == latest && c.PractitionerCode == staff && !c.LimitedAccess && c.EvidenceJson.Contains("assessments.csv")).Crn;
        }

        var page = WebUtility.HtmlDecode(await client.GetStringAsync($"/cases/{crn}"));

        page.ShouldContain("OASys assessment of ");
        page.ShouldMatch("For analysts: assessments.csv line [0-9]+");
        page.ShouldNotMatch("<td class=\"govuk-table__cell\">assessments.csv line");
    }

    [Theory]
    [InlineData("current RMRH registration since 2023-11-16", "current medium RoSH (RMRH) registration since 16 Nov 2023")]
    [InlineData("current MAPP level M2 registration since 2024-01-02", "current MAPPA (MAPP) level 2 registration since 2 Jan 2024")]
    [InlineData("no OPD screening on record", "no OPD screening on record")]
    public void EvidenceReason_CodesAndDatesInWords(string reason, string words) => EvidenceText.Reason(reason).ShouldBe(words);

    [Fact]
    public void EvidenceSource_NamesTheSystemAndDate()
    {
        EvidenceText.Source(new Evidence("assessments.csv", 36420, "A1", new DateOnly(2023, 11, 16), "")).ShouldBe("OASys assessment of 16 Nov 2023");
        EvidenceText.Source(new Evidence("registrations.csv", 7, "RMRH", new DateOnly(2024, 2, 1), "RMRH")).ShouldBe("nDelius registration of 1 Feb 2024 (medium RoSH)");
        EvidenceText.Location(new Evidence("assessments.csv", 36420, "A1", null, "")).ShouldBe("assessments.csv line 36420");
    }

    [Fact]
    public async Task PanelMemberHome_ShowsTheirNextMeetings_NotOnlyThatTheyHaveNoLists()
    {
        var client = await site.SignInAsync("panel-member");
        using (var db = site.OpenDatabase())
        {
            var invited = db.PanelMembers.Any(m => m.UserName == "panel-member"
                && db.PanelMeetingMembers.Any(x => x.MemberId == m.Id && db.PanelMeetings.Any(p => p.Id == x.MeetingId && p.Status == 1)));
            invited.ShouldBeTrue("the demo invites the panel member to a meeting still to come");
        }

        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/"));

        html.ShouldContain("Your next panel meetings");
        html.ShouldMatch("<a class=\"govuk-link\" href=\"/panels/[0-9]+\">");
        html.ShouldContain("on the agenda");
        // The agenda itself: each case the member is invited to discuss, linked to the panel's view of it, and audited.
        html.ShouldMatch("<a class=\"govuk-link\" href=\"/panels/[0-9]+/cases/[A-Z][0-9]{6}\">");
        using var audit = site.OpenDatabase();
        audit.AuditEvents.Any(e => e.EventType == AuditEventTypes.PanelMeetingViewed && e.Actor == "panel-member" && e.Details.Contains("\"page\":\"home\"")).ShouldBeTrue();
    }

    [Fact]
    public async Task PanelTeamHome_ShowsCasesAwaitingAPanel_AndRecordsTheConsultation()
    {
        var client = await site.SignInAsync("panel-team");

        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/"));

        html.ShouldContain("Cases awaiting a panel");
        using var db = site.OpenDatabase();
        var waiting = db.Workflows.Count(w => w.Stage == (int)Domain.Workflow.CaseStage.AwaitingPanel && !w.LimitedAccess);
        if (waiting > 0)
        {
            html.ShouldContain("The meeting on ");
            db.AuditEvents.Any(e => e.EventType == AuditEventTypes.HomeViewed && e.Actor == "panel-team" && e.Details.Contains("awaiting-panel")).ShouldBeTrue();
        }
    }

    [Fact]
    public async Task QdoHome_ShowsThisMonthsSample()
    {
        var client = await site.SignInAsync("qdo");

        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/"));

        html.ShouldContain("This month's quality sample");
        using var db = site.OpenDatabase();
        if (db.QualityReviews.Any()) html.ShouldContain("id=\"sampled-cases\"");
    }

    [Fact]
    public async Task PanelMeetingPage_NamesTheRegion_NotItsCode()
    {
        var client = await site.SignInAsync("panel-team");
        long meeting;
        using (var db = site.OpenDatabase()) meeting = db.PanelMeetings.Select(m => m.Id).First();

        var html = await client.GetStringAsync($"/panels/{meeting}");

        html.ShouldContain("Multi-agency panel · East of England");
        html.ShouldNotContain("Multi-agency panel · N07");
    }

    [Fact]
    public async Task WithdrawPage_SaysWhenTheStepIsDue_WithoutRepeatingDue()
    {
        var placed = Workflow.WorkflowSite.CaseAt(site, Domain.Workflow.CaseStage.AwaitingConversation);
        var client = await site.SignInAsync("panel-team");

        var html = await client.GetStringAsync($"/cases/{placed.Crn}/withdraw");

        html.ShouldContain("deadline ");
        html.ShouldNotContain("due due by");
        html.ShouldNotMatch("Conversation due</strong>\\s*<span>due by");
    }
}
