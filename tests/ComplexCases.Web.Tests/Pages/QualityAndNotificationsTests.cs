using System.Net;
using System.Text.RegularExpressions;
using ComplexCases.Application.Audit;
using ComplexCases.Data.Workflow;
using ComplexCases.Domain.Notifications;
using ComplexCases.Domain.Workflow;

namespace ComplexCases.Web.Tests.Pages;

/// <summary>Quality reviews (QDO sample and form, feedback on the practitioner's case page) and the notifications page.</summary>
public sealed partial class QualityAndNotificationsTests(DemoSiteFactory site) : IClassFixture<DemoSiteFactory>
{
    [Fact]
    public void DemoSeed_GivesTheDemoPractitionerNotificationsAndTheQdoAReview()
    {
        using var db = site.OpenDatabase();

        db.Notifications.Count(n => n.RecipientUserName == "practitioner").ShouldBeGreaterThan(0);
        db.Notifications.Count(n => n.RecipientUserName == "spo").ShouldBeGreaterThan(0);
        db.QualityReviews.ShouldNotBeEmpty();
        // Two QDOs share the demo's reviews: the qdo account and a colleague from the generated data (no account).
        db.QualityReviews.ShouldAllBe(r => r.ReviewerUserName == "qdo" || r.ReviewerUserName == "demo-qdo-colleague");
        db.QualityReviews.ShouldContain(r => r.ReviewerUserName == "qdo");
    }

    [Fact]
    public async Task Reviews_AsQdo_ShowsTheMonthsSampleAndRecordsTheConsultation()
    {
        var client = await site.SignInAsync("qdo");

        var response = await client.GetAsync("/reviews");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("Sampled cases");
        ReviewLink().Count(html).ShouldBeGreaterThan(0);
        using var db = site.OpenDatabase();
        db.AuditEvents.Any(e => e.EventType == AuditEventTypes.QualitySampleViewed && e.Actor == "qdo").ShouldBeTrue();
    }

    [Theory]
    [InlineData("practitioner")]
    [InlineData("spo")]
    [InlineData("head-of-pdu")]
    [InlineData("panel-team")]
    [InlineData("analyst")]
    [InlineData("admin")]
    public async Task ReviewPages_AsAnyoneButAQdo_AreForbidden(string user)
    {
        var client = await site.SignInAsync(user);
        var crn = CaseOfTheDemoPractitioner();

        foreach (var path in new[] { "/reviews", $"/cases/{crn}/review" })
        {
            var response = await client.GetAsync(path);
            response.StatusCode.ShouldBe(HttpStatusCode.Redirect, path);
            response.Headers.Location!.ToString().ShouldContain("/forbidden");
        }
    }

    [Fact]
    public async Task Reviews_MalformedMonthOrCrn_Is400WithAnErrorSummary()
    {
        var client = await site.SignInAsync("qdo");

        foreach (var (query, message) in new[] { ("month=2024-13", "Month must be a month like 2024-09"), ("crn=123", "Enter a CRN"), ("crn=Z999999", "no case with that CRN") })
        {
            var response = await client.GetAsync("/reviews?" + query);
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, query);
            var html = await response.Content.ReadAsStringAsync();
            html.ShouldContain("There is a problem");
            html.ShouldContain(message);
        }
    }

    [Fact]
    public async Task Reviews_FindByCrn_GoesToTheReviewForm()
    {
        var client = await site.SignInAsync("qdo");
        var crn = CaseOfTheDemoPractitioner();

        var response = await client.GetAsync($"/reviews?crn={crn.ToLowerInvariant()}");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldBe($"/cases/{crn}/review");
    }

    [Fact]
    public async Task ReviewForm_Incomplete_Is400WithEachProblemLinkedToItsField()
    {
        var client = await site.SignInAsync("qdo");
        var crn = CaseOfTheDemoPractitioner();
        var form = await client.GetStringAsync($"/cases/{crn}/review");
        form.ShouldContain(Checklist.Items[0].Question());

        var response = await client.PostAsync($"/cases/{crn}/review", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = SignedInClient.AntiforgeryToken(form),
            ["reviewedOn-day"] = "31", ["reviewedOn-month"] = "2", ["reviewedOn-year"] = "2024",
            ["answers[ConversationTimely]"] = "Met",
            ["feedback"] = "",
        }));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        html.ShouldContain("There is a problem");
        html.ShouldContain("<a href=\"#reviewedOn\">The date of the review must be a real date</a>");
        html.ShouldContain($"<a href=\"#answers-{ChecklistItem.RiskConsidered}\">Answer: {ChecklistItem.RiskConsidered.Question()}</a>");
        html.ShouldContain("<a href=\"#wentWell\">Enter what went well</a>");
        html.ShouldContain("<a href=\"#feedback\">Enter what to try next</a>");
        html.ShouldNotContain($"href=\"#answers-{ChecklistItem.ConversationTimely}\"");
        Regex.IsMatch(html, $"id=\"answers-{ChecklistItem.ConversationTimely}\"[^>]*checked").ShouldBeTrue();
    }

    [Fact]
    public async Task ReviewRecorded_ThePractitionerSeesTheFeedbackOnTheirCasePage_AndIsNotified()
    {
        var qdo = await site.SignInAsync("qdo");
        var crn = CaseOfTheDemoPractitioner();
        var form = await qdo.GetStringAsync($"/cases/{crn}/review");
        var today = site.Clock.Today;
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = SignedInClient.AntiforgeryToken(form),
            ["reviewedOn-day"] = today.Day.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["reviewedOn-month"] = today.Month.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["reviewedOn-year"] = today.Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["wentWell"] = "Synthetic praise: the conversation was timely.",
            ["feedback"] = "Synthetic feedback: the risk discussion was thorough.",
            ["peerSupportNotes"] = "Synthetic note: pair with a colleague on action planning.",
        };
        foreach (var item in Checklist.Items) fields[$"answers[{item}]"] = nameof(ChecklistAnswer.PartlyMet);

        var posted = await qdo.PostAsync($"/cases/{crn}/review", new FormUrlEncodedContent(fields));

        posted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        posted.Headers.Location!.ToString().ShouldBe("/reviews");
        (await qdo.GetStringAsync("/reviews")).ShouldContain($"Your review of {crn} has been recorded");

        var practitioner = await site.SignInAsync("practitioner");
        var casePage = WebUtility.HtmlDecode(await practitioner.GetStringAsync($"/cases/{crn}"));
        casePage.ShouldContain("Quality reviews");
        casePage.ShouldContain("Synthetic feedback: the risk discussion was thorough.");
        // What went well comes first, then what to try.
        casePage.IndexOf("Synthetic praise", StringComparison.Ordinal).ShouldBeLessThan(casePage.IndexOf("Synthetic feedback", StringComparison.Ordinal));
        casePage.ShouldContain("Not read yet.");
        long reviewId;
        using (var reviewsDb = site.OpenDatabase()) reviewId = reviewsDb.QualityReviews.Where(r => r.Crn == crn).Max(r => r.Id);
        var feedbackPage = await practitioner.GetStringAsync($"/cases/{crn}/reviews/{reviewId}");
        (await practitioner.PostAsync($"/cases/{crn}/reviews/{reviewId}?handler=reply", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = SignedInClient.AntiforgeryToken(feedbackPage), ["reply"] = "Synthetic reply: I will try that.",
        }))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var seenByQdo = WebUtility.HtmlDecode(await qdo.GetStringAsync($"/cases/{crn}/reviews/{reviewId}"));
        seenByQdo.ShouldContain("Synthetic reply: I will try that.");
        seenByQdo.ShouldContain("Read ");
        seenByQdo.ShouldNotContain("Send reply");
        casePage.ShouldContain("Synthetic note: pair with a colleague on action planning.");
        casePage.ShouldNotContain("Review this case");
        var notifications = WebUtility.HtmlDecode(await practitioner.GetStringAsync("/notifications"));
        notifications.ShouldContain($"Quality review feedback: {crn}");
        notifications.ShouldNotContain("Synthetic feedback");

        using var db = site.OpenDatabase();
        db.AuditEvents.Any(e => e.EventType == AuditEventTypes.QualityReviewRecorded && e.Actor == "qdo" && e.SubjectCrns == crn).ShouldBeTrue();
    }

    [Fact]
    public async Task Notifications_ShowOnlyTheUsersOwn()
    {
        Plant("panel-member", "Planted for the panel member");
        Plant("analyst", "Planted for the analyst");
        var client = await site.SignInAsync("panel-member");

        var html = await client.GetStringAsync("/notifications");

        html.ShouldContain("Planted for the panel member");
        html.ShouldNotContain("Planted for the analyst");
        using var db = site.OpenDatabase();
        db.AuditEvents.Any(e => e.EventType == AuditEventTypes.NotificationsViewed && e.Actor == "panel-member").ShouldBeTrue();
    }

    [Fact]
    public async Task MarkAllAsRead_MarksOnlyTheUsersOwn_AndTheHeaderCountGoes()
    {
        Plant("head-of-pdu", "First for the head");
        Plant("head-of-pdu", "Second for the head");
        Plant("admin", "Still unread for the admin");
        var client = await site.SignInAsync("head-of-pdu");
        var before = await client.GetStringAsync("/notifications");
        UnreadBadge().Match(before).Groups[1].Value.ShouldBe(UnreadOf("head-of-pdu").ToString(System.Globalization.CultureInfo.InvariantCulture));
        before.ShouldContain("Unread</strong>");

        var posted = await client.PostAsync("/notifications?handler=MarkAllRead", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = SignedInClient.AntiforgeryToken(before),
        }));

        posted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        UnreadOf("head-of-pdu").ShouldBe(0);
        UnreadOf("admin").ShouldBeGreaterThan(0);
        var after = await client.GetStringAsync("/notifications");
        UnreadBadge().IsMatch(after).ShouldBeFalse();
        after.ShouldNotContain("Unread</strong>");
        after.ShouldContain("First for the head");
    }

    [Fact]
    public async Task MarkAllAsRead_WithoutTheAntiforgeryToken_IsRefused()
    {
        Plant("spo", "Needs a token to mark");
        var client = await site.SignInAsync("spo");
        var unread = UnreadOf("spo");

        var posted = await client.PostAsync("/notifications?handler=MarkAllRead", new FormUrlEncodedContent(new Dictionary<string, string>()));

        posted.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        UnreadOf("spo").ShouldBe(unread);
    }

    private void Plant(string user, string title)
    {
        using var db = site.OpenDatabase();
        db.Notifications.Add(new NotificationRecord
        {
            RecipientUserName = user, Kind = (int)NotificationKind.NewlyListed, Title = title, Body = "Synthetic.", Link = "/",
            CreatedAt = site.Clock.GetUtcNow(), DedupKey = $"test:{Guid.NewGuid():N}",
        });
        db.SaveChanges();
    }

    private int UnreadOf(string user)
    {
        using var db = site.OpenDatabase();
        return db.Notifications.Count(n => n.RecipientUserName == user && n.ReadAt == null);
    }

    /// <summary>A complex case of the demo practitioner in the process (the seeded review is on one of these).</summary>
    private string CaseOfTheDemoPractitioner()
    {
        using var db = site.OpenDatabase();
        var staff = db.Users.Single(u => u.UserName == "practitioner").StaffCode;
        return db.Workflows.Where(w => w.PractitionerCode == staff && !w.LimitedAccess).OrderBy(w => w.Crn).Select(w => w.Crn).First();
    }

    [GeneratedRegex("href=\"/cases/[A-Z][0-9]{6}/review\"")]
    private static partial Regex ReviewLink();

    [GeneratedRegex("class=\"moj-notification-badge[^\"]*\" data-unread=\"([0-9]+)\"")]
    private static partial Regex UnreadBadge();
}
