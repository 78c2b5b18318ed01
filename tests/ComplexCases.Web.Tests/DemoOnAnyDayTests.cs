using System.Globalization;
using System.Net;
using ComplexCases.Application.Workflow;
using ComplexCases.Domain.Workflow;
using ComplexCases.TestSupport;
using ComplexCases.Web.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ComplexCases.Web.Tests;

/// <summary>
/// Demo mode on awkward days: its newest list is always this month's, and its process is placed around today — conversations
/// done and due and overdue, escalations awaiting triage, a meeting next week on a working day with an agenda, actions open and
/// overdue, a closed case, QDO reviews only of recorded conversations — and no page fails because of the date.
/// </summary>
public sealed class DemoOnAnyDayTests
{
    private sealed class DatedDemoSite(TestClock clock) : DemoSiteFactory(clock);

    [Theory]
    [InlineData("2026-12-05T10:00:00Z")] // a Saturday
    [InlineData("2026-12-25T12:00:00Z")] // Christmas Day
    [InlineData("2028-02-29T09:00:00Z")] // a leap day
    [InlineData("2026-12-31T23:59:00Z")] // the year's last minute (seeding runs on into the new year)
    [InlineData("2029-01-15T10:00:00Z")] // after the last bank holiday in the shipped calendar
    [InlineData("2026-06-01T07:30:00Z")] // the first of a month: the newest list is today's
    public async Task TheDemo_IsLiveOnAnyDay(string instant)
    {
        var start = DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture);
        using var site = new DatedDemoSite(new TestClock(start));
        var client = await site.SignInAsync("practitioner");
        var today = WorkingCalendar.UkDate(site.Clock.GetUtcNow());
        var calendar = site.Services.GetRequiredService<WorkflowSettings>().Calendar;
        using var db = site.OpenDatabase();

        var firstOfMonth = new DateOnly(site.Clock.Today.Year, site.Clock.Today.Month, 1);
        db.Runs.Max(r => r.AsOf).ShouldBe(firstOfMonth);
        db.Runs.Count().ShouldBe(3);

        var workflows = db.Workflows.AsNoTracking().ToList();
        workflows.ShouldContain(w => w.Stage == (int)CaseStage.AwaitingConversation && w.ConversationDue < today, "no conversation overdue");
        // This month's new entries wait for their conversation (the small test region may list nobody new in its last month).
        if (workflows.Any(w => w.ListedOn == firstOfMonth))
            workflows.ShouldContain(w => w.Stage == (int)CaseStage.AwaitingConversation && w.ConversationDue >= today, "no conversation still due");
        workflows.ShouldContain(w => w.Stage == (int)CaseStage.AwaitingTriage, "no escalation awaiting triage");
        workflows.ShouldContain(w => w.Stage == (int)CaseStage.Closed, "no closed case");
        db.WorkflowEvents.Count(e => e.Step == (int)WorkflowStep.ConversationNoFurtherSupport || e.Step == (int)WorkflowStep.ConversationEscalated)
            .ShouldBeGreaterThan(2);
        db.WorkflowEvents.Select(e => e.At).AsEnumerable().Max().ShouldBeLessThanOrEqualTo(site.Clock.GetUtcNow());

        var next = db.PanelMeetings.AsNoTracking().Include(m => m.Agenda).Where(m => m.HeldOn > today).ToList().ShouldHaveSingleItem();
        var daysAhead = next.HeldOn.DayNumber - today.DayNumber;
        daysAhead.ShouldBeInRange(1, 13);
        next.HeldOn.DayOfWeek.ShouldNotBeOneOf(DayOfWeek.Saturday, DayOfWeek.Sunday);
        calendar.IsWorkingDay(next.HeldOn).ShouldBeTrue();
        (next.HeldOn.DayNumber - ((int)next.HeldOn.DayOfWeek + 6) % 7).ShouldBe(today.DayNumber - ((int)today.DayOfWeek + 6) % 7 + 7, "the meeting is next week");
        next.Agenda.ShouldNotBeEmpty();

        var actions = db.CaseActions.AsNoTracking().ToList();
        actions.ShouldContain(a => a.Status == (int)ActionStatus.Open && a.DueOn < today, "no overdue action");
        actions.ShouldContain(a => a.Status == (int)ActionStatus.Done, "no action done");

        // Reviews only of conversations that were recorded, on or before the day of the review.
        var reviews = db.QualityReviews.AsNoTracking().ToList();
        reviews.ShouldNotBeEmpty();
        foreach (var review in reviews)
        {
            var conversation = db.WorkflowEvents.AsNoTracking()
                .Where(e => e.WorkflowId == review.WorkflowId && (e.Step == (int)WorkflowStep.ConversationNoFurtherSupport || e.Step == (int)WorkflowStep.ConversationEscalated))
                .ToList();
            conversation.ShouldNotBeEmpty($"{review.Crn} was reviewed without a recorded conversation");
            review.ReviewedOn.ShouldBeLessThanOrEqualTo(today);
        }

        // No page fails because of the date, for the practitioner or the administrator (who sees the calendar's reach).
        (await client.GetAsync("/")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var admin = await site.SignInAsync("admin");
        var users = await admin.GetStringAsync("/admin/users");
        users.ShouldContain(calendar.Covers(today.AddDays(CalendarStatus.WarnDays)) ? "The bank holiday calendar covers" : "Due dates");
    }

    [Fact]
    public async Task TheDemoAsShipped_HasConversationsDueThisMonth_AndOverdueOnes_AndEveryInsightPageShowsItsFigures()
    {
        // The demo's own size (the other tests use a small region to start quickly): its last month lists people anew.
        using var site = new ShippedSizeDemoSite();
        var today = site.Clock.Today;
        using (var db = site.OpenDatabase())
        {
            db.Runs.Count().ShouldBe(new DemoOptions().Months);
            var waiting = db.Workflows.AsNoTracking().Where(w => w.Stage == (int)CaseStage.AwaitingConversation).ToList();
            waiting.ShouldContain(w => w.ConversationDue >= today && w.ListedOn == new DateOnly(today.Year, today.Month, 1));
            waiting.ShouldContain(w => w.ConversationDue < today);
        }

        // What a new user sees for the region (the analyst, over the pages' default six months): figures, not withheld ones.
        var client = await site.SignInAsync("analyst");
        var quality = await client.GetStringAsync("/insight/quality");
        quality.ShouldNotContain("Fewer than 5 quality reviews");
        quality.ShouldContain("<title id=\"checklist-title\">");
        var agreement = Pages.TableDownloadTests.Csv(await client.GetStringAsync("/insight/quality?handler=csv&table=agreement"));
        int.Parse(agreement.Single(r => r[0] == "All items together")[1], CultureInfo.InvariantCulture).ShouldBeGreaterThanOrEqualTo(5);
        var observed = Pages.TableDownloadTests.Csv(await client.GetStringAsync("/insight/capacity?handler=csv&table=observed"));
        observed.Skip(1).SelectMany(r => r).ShouldNotContain("[c]");
        (await client.GetStringAsync("/insight/capacity")).ShouldContain("<title id=\"capacity-hours-title\">");
        var funnel = Pages.TableDownloadTests.Csv(await client.GetStringAsync("/insight/process?handler=csv"));
        // The chart is of the total row: every stage of it shown.
        funnel[^1].Skip(1).Take(ComplexCases.Application.Insight.ProcessInsightView.Stages.Count).ShouldNotContain("[c]");
        var lab = Pages.TableDownloadTests.Csv(await client.GetStringAsync("/definitions/lab?handler=csv&table=figures&definition=pilot-2024@1&window=6"));
        int.Parse(lab.Single(r => r[0] == "Person-months")[1], CultureInfo.InvariantCulture).ShouldBeGreaterThan(0);
        lab.Single(r => r[0] == "AUC of the score")[1].ShouldNotBe("[c]");
        lab.Single(r => r[0] == "Outcome rate among the listed (95% interval)")[1].ShouldNotBe("[c]");
    }

    private sealed class ShippedSizeDemoSite() : DemoSiteFactory(new TestClock())
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            var shipped = new DemoOptions();
            builder.UseSetting("Demo:People", shipped.People.ToString(CultureInfo.InvariantCulture));
            builder.UseSetting("Demo:Months", shipped.Months.ToString(CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void ReviewAnswers_AgreeWithTheRecord_ALateConversationIsNotTimely()
    {
        var due = new DateOnly(2026, 3, 27);
        var late = DemoReviews.Answers(new ConversationHeld("E000001", due.AddDays(3), due, Escalated: false, NamedBlockages: false, PersonsView: false));
        var onTime = DemoReviews.Answers(new ConversationHeld("E000002", due, due, Escalated: true, NamedBlockages: true, PersonsView: true));

        late[ChecklistItem.ConversationTimely].ShouldBe(ChecklistAnswer.NotMet);
        late[ChecklistItem.BlockagesIdentified].ShouldBe(ChecklistAnswer.PartlyMet);
        late[ChecklistItem.PersonsVoice].ShouldBe(ChecklistAnswer.NotMet);
        onTime[ChecklistItem.PersonsVoice].ShouldBe(ChecklistAnswer.Met);
        onTime[ChecklistItem.ConversationTimely].ShouldBe(ChecklistAnswer.Met);
        onTime[ChecklistItem.BlockagesIdentified].ShouldBe(ChecklistAnswer.Met);
    }
}
