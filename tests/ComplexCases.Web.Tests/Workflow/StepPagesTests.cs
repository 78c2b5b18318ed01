using System.Net;
using ComplexCases.Application.Audit;
using ComplexCases.Application.Workflow;
using ComplexCases.Domain.Workflow;

namespace ComplexCases.Web.Tests.Workflow;

/// <summary>The step pages end to end: happy paths, field errors, conflicts, and who may use them.</summary>
public sealed class StepPagesTests(DemoSiteFactory site) : IClassFixture<DemoSiteFactory>
{
    private string Today => site.Clock.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private KeyValuePair<string, string>[] Conversation(string outcome, params (string Key, string Value)[] more) =>
    [
        .. HeldToday("heldOn"),
        new("practitioner", "Pat Practitioner"), new("spo", "spo"), new("personsView", "Wants to stay near family."),
        new("discussed", "Risks, housing and the plan."),
        new("blockages", nameof(BlockageCategory.Accommodation)), new("blockages", nameof(BlockageCategory.Other)),
        new("blockageDetail", "No supported housing nearby."), new("outcome", outcome),
        .. more.Select(m => new KeyValuePair<string, string>(m.Key, m.Value)),
    ];

    private KeyValuePair<string, string>[] HeldToday(string name) =>
    [
        new($"{name}-day", Today[8..]), new($"{name}-month", Today[5..7]), new($"{name}-year", Today[..4]),
    ];

    [Fact]
    public async Task Conversation_NoFurtherSupport_ClosesTheCaseAndTheCasePageSaysSo()
    {
        var placed = site.CaseAt(CaseStage.AwaitingConversation);
        var client = await site.SignInAsync("practitioner");

        var response = await client.SubmitAsync($"/cases/{placed.Crn}/conversation", Conversation("no-further-support"));

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldBe($"/cases/{placed.Crn}");
        var stored = site.Workflow(placed.Crn);
        stored.Stage.ShouldBe((int)CaseStage.Closed);
        stored.Version.ShouldBe(placed.Version + 1);
        var recorded = stored.Events.OrderBy(e => e.Id).Last();
        recorded.Step.ShouldBe((int)WorkflowStep.ConversationNoFurtherSupport);
        recorded.By.ShouldBe("practitioner");
        var conversation = StepDetails.FromJson(recorded.DetailsJson).Conversation.ShouldNotBeNull();
        conversation.Blockages.ShouldBe([BlockageCategory.Accommodation, BlockageCategory.Other], ignoreOrder: true);
        conversation.BlockageDetail.ShouldBe("No supported housing nearby.");
        site.AuditCount(AuditEventTypes.WorkflowStepTaken, placed.Crn).ShouldBeGreaterThan(0);

        var page = await client.GetStringAsync($"/cases/{placed.Crn}");
        page.ShouldContain("govuk-notification-banner--success");
        page.ShouldContain("Conversation recorded. No further support is needed");
        page.ShouldContain("Conversation held: no further support needed");
        page.ShouldContain("No supported housing nearby.");
        (await client.GetStringAsync($"/cases/{placed.Crn}")).ShouldNotContain("govuk-notification-banner--success");
    }

    [Fact]
    public async Task Conversation_Escalated_AwaitsTriageWithTheEscalationRecorded()
    {
        var placed = site.CaseAt(CaseStage.AwaitingConversation);
        var client = await site.SignInAsync("spo");

        var response = await client.SubmitAsync($"/cases/{placed.Crn}/conversation",
            Conversation("escalate", ("blockage", "No mental health assessment."), ("tried", "Three referrals."), ("supportAsked", "A joint assessment.")));

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var stored = site.Workflow(placed.Crn);
        stored.Stage.ShouldBe((int)CaseStage.AwaitingTriage);
        stored.TriageDue.ShouldNotBeNull();
        var details = StepDetails.FromJson(stored.Events.OrderBy(e => e.Id).Last().DetailsJson);
        details.Escalation.ShouldBe(new Escalation("No mental health assessment.", "Three referrals.", "A joint assessment."));
        var triage = await (await site.SignInAsync("panel-team")).GetStringAsync($"/cases/{placed.Crn}/triage");
        triage.ShouldContain("What the practitioner escalated");
        triage.ShouldContain("A joint assessment.");
    }

    [Fact]
    public async Task Conversation_Empty_Is400WithAnErrorSummaryLinkingEachFieldAndSavesNothing()
    {
        var placed = site.CaseAt(CaseStage.AwaitingConversation);
        var client = await site.SignInAsync("practitioner");

        var response = await client.SubmitAsync($"/cases/{placed.Crn}/conversation", [new("practitioner", ""), new("spo", "")]);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("<title>Error: ");
        html.ShouldContain("There is a problem");
        html.ShouldContain("<a href=\"#heldOn-day\">Enter the date of the conversation</a>");
        html.ShouldContain("<a href=\"#practitioner\">Enter the practitioner&#x27;s name</a>");
        html.ShouldContain("<a href=\"#discussed\">Enter what was discussed</a>");
        html.ShouldContain("<a href=\"#outcome\">Choose whether the case needs more support");
        html.ShouldContain("id=\"discussed-error\"");
        site.Workflow(placed.Crn).Version.ShouldBe(placed.Version);
        site.Workflow(placed.Crn).Stage.ShouldBe((int)CaseStage.AwaitingConversation);
    }

    [Fact]
    public async Task Conversation_EscalateWithoutWhatIsAsked_Is400AndKeepsTheRevealOpenWithWhatWasTyped()
    {
        var placed = site.CaseAt(CaseStage.AwaitingConversation);
        var client = await site.SignInAsync("practitioner");

        var response = await client.SubmitAsync($"/cases/{placed.Crn}/conversation", Conversation("escalate", ("tried", "Two referrals.")));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("<a href=\"#blockage\">Enter the blockage</a>");
        html.ShouldContain("<a href=\"#supportAsked\">Enter what support is asked for</a>");
        html.ShouldNotContain("<a href=\"#tried\">");
        html.ShouldContain("Two referrals.");
        html.ShouldContain("class=\"govuk-radios__conditional\" id=\"conditional-escalate\"");
        site.Workflow(placed.Crn).Version.ShouldBe(placed.Version);
    }

    [Fact]
    public async Task Conversation_DateNotReal_IsNamedOnceAndWhatWasTypedIsKept()
    {
        var placed = site.CaseAt(CaseStage.AwaitingConversation);
        var client = await site.SignInAsync("practitioner");

        var response = await client.SubmitAsync($"/cases/{placed.Crn}/conversation",
            [.. Conversation("no-further-support").Where(f => !f.Key.StartsWith("heldOn", StringComparison.Ordinal)),
                new("heldOn-day", "31"), new("heldOn-month", "2"), new("heldOn-year", Today[..4])]);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("The date of the conversation must be a real date");
        html.Split("href=\"#heldOn-day\"").Length.ShouldBe(2);
        html.ShouldContain("name=\"heldOn-day\" type=\"text\" inputmode=\"numeric\" value=\"31\"");
        html.ShouldContain("Risks, housing and the plan.");
    }

    [Fact]
    public async Task Conversation_SavedFromAnOlderVersion_Is409WithTheConflictAndTheLatestStateAndSavesNothing()
    {
        var placed = site.CaseAt(CaseStage.AwaitingConversation);
        var practitioner = await site.SignInAsync("practitioner");
        var spo = await site.SignInAsync("spo");
        // The practitioner opens the form; meanwhile the SPO records the conversation.
        var form = await practitioner.GetStringAsync($"/cases/{placed.Crn}/conversation");
        (await spo.SubmitAsync($"/cases/{placed.Crn}/conversation", Conversation("no-further-support"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var afterSpo = site.Workflow(placed.Crn);

        var response = await practitioner.SubmitAsync($"/cases/{placed.Crn}/conversation",
            Conversation("escalate", ("blockage", "b"), ("tried", "t"), ("supportAsked", "s")), openedForm: form);

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("There is a problem");
        html.ShouldContain("while you were working on it, so your changes have not been saved");
        html.ShouldContain("It is now closed");
        html.ShouldContain("Latest: Conversation held: no further support needed");
        // The form cannot be saved now, but nothing typed is lost: it is shown back to copy from.
        html.ShouldContain("What you typed (not saved)");
        html.ShouldContain("Risks, housing and the plan.");
        html.ShouldContain("Wants to stay near family.");
        var stored = site.Workflow(placed.Crn);
        stored.Version.ShouldBe(afterSpo.Version);
        stored.Events.Count.ShouldBe(afterSpo.Events.Count);
        stored.Stage.ShouldBe((int)CaseStage.Closed);
    }

    [Fact]
    public async Task Conversation_ByThePractitioner_NamesTheSpoAccount_WhoConfirmsIt_AndThePersonsViewIsKept()
    {
        var placed = site.CaseAt(CaseStage.AwaitingConversation);
        var practitioner = await site.SignInAsync("practitioner");
        var form = await practitioner.GetStringAsync($"/cases/{placed.Crn}/conversation");
        form.ShouldContain("<option value=\"spo\" selected=\"selected\">");
        form.ShouldContain("name=\"personsView\"");

        (await practitioner.SubmitAsync($"/cases/{placed.Crn}/conversation", Conversation("no-further-support"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var recorded = StepDetails.FromJson(site.Workflow(placed.Crn).Events.OrderBy(e => e.Id).Last().DetailsJson).Conversation!;
        (recorded.SpoUserName, recorded.PersonsView).ShouldBe(("spo", "Wants to stay near family."));
        (await practitioner.GetStringAsync($"/cases/{placed.Crn}")).ShouldContain("Waiting for ");
        (await practitioner.GetAsync($"/cases/{placed.Crn}/conversation/confirm")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var spo = await site.SignInAsync("spo");
        var confirm = await spo.GetStringAsync($"/cases/{placed.Crn}/conversation/confirm");
        confirm.ShouldContain("Wants to stay near family.");

        var eventId = System.Text.RegularExpressions.Regex.Match(confirm, "name=\"eventId\" value=\"(\\d+)\"").Groups[1].Value;
        (await spo.PostAsync($"/cases/{placed.Crn}/conversation/confirm", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", SignedInClient.AntiforgeryToken(confirm)), new("eventId", eventId)]))).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        site.Workflow(placed.Crn).Events.OrderBy(e => e.Id).Last().ConfirmedBy.ShouldBe("spo");
        (await practitioner.GetStringAsync($"/cases/{placed.Crn}")).ShouldContain("Confirmed by ");
        site.AuditCount(AuditEventTypes.ConversationConfirmed, placed.Crn).ShouldBe(1);
    }

    [Fact]
    public async Task Conversation_SpoNotChosen_Is400AskingForOne()
    {
        var placed = site.CaseAt(CaseStage.AwaitingConversation);
        var client = await site.SignInAsync("practitioner");

        var response = await client.SubmitAsync($"/cases/{placed.Crn}/conversation",
            [.. Conversation("no-further-support").Where(f => f.Key is not ("spo" or "personsView")), new("spo", "head-of-pdu")]);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("<a href=\"#spo\">Choose an SPO from the list: that account is not an SPO for this case</a>");
        html.ShouldContain("<a href=\"#personsView\">Enter the person&#x27;s own view</a>");
        site.Workflow(placed.Crn).Version.ShouldBe(placed.Version);
    }

    [Fact]
    public async Task Triage_ReferToPanel_AwaitsPanel()
    {
        var placed = site.CaseAt(CaseStage.AwaitingTriage);
        var client = await site.SignInAsync("panel-team");

        var response = await client.SubmitAsync($"/cases/{placed.Crn}/triage",
        [
            .. HeldToday("heldOn"), new("attendees", "Panel coordinator\r\nSPO\r\n\r\nPsychologist"), new("decision", "refer-to-panel"),
            new("rationale", "Needs housing and mental health together."), new("advice", ""),
        ]);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var stored = site.Workflow(placed.Crn);
        stored.Stage.ShouldBe((int)CaseStage.AwaitingPanel);
        var triage = StepDetails.FromJson(stored.Events.OrderBy(e => e.Id).Last().DetailsJson).Triage.ShouldNotBeNull();
        triage.Attendees.ShouldBe(["Panel coordinator", "SPO", "Psychologist"]);
        (await client.GetStringAsync($"/cases/{placed.Crn}")).ShouldContain("Triage recorded. The case is referred to the multi-agency panel");
    }

    [Fact]
    public async Task Triage_DatedBeforeTheConversationThatEscalated_Is400BesideTheDateAndSavesNothing()
    {
        var placed = site.CaseAt(CaseStage.AwaitingConversation);
        var spo = await site.SignInAsync("spo");
        (await spo.SubmitAsync($"/cases/{placed.Crn}/conversation",
            Conversation("escalate", ("blockage", "b"), ("tried", "t"), ("supportAsked", "s")))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var escalated = site.Workflow(placed.Crn);
        var heldOn = StepDetails.FromJson(escalated.Events.OrderBy(e => e.Id).Last().DetailsJson).Conversation!.HeldOn;
        var before = heldOn.AddDays(-1);
        var client = await site.SignInAsync("panel-team");

        var response = await client.SubmitAsync($"/cases/{placed.Crn}/triage",
        [
            new("heldOn-day", before.Day.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("heldOn-month", before.Month.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("heldOn-year", before.Year.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("attendees", "Panel coordinator"), new("decision", "refer-to-panel"), new("rationale", "Needs the panel."),
        ]);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync())
            .ShouldContain($"<a href=\"#heldOn-day\">The date of the triage meeting must be on or after the conversation that escalated the case, {heldOn:d MMMM yyyy}</a>");
        site.Workflow(placed.Crn).Version.ShouldBe(escalated.Version);
    }

    [Fact]
    public async Task Triage_AdviceAndCloseWithoutAdvice_Is400AndSavesNothing()
    {
        var placed = site.CaseAt(CaseStage.AwaitingTriage);
        var client = await site.SignInAsync("panel-team");

        var response = await client.SubmitAsync($"/cases/{placed.Crn}/triage",
            [.. HeldToday("heldOn"), new("attendees", "Panel coordinator"), new("decision", "advice-and-close"), new("rationale", "A plan exists.")]);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("<a href=\"#advice\">Enter the advice given</a>");
        site.Workflow(placed.Crn).Version.ShouldBe(placed.Version);
    }

    [Fact]
    public async Task Triage_NoDecision_AsksForOneWithoutClaimingAdviceIsNeeded()
    {
        var placed = site.CaseAt(CaseStage.AwaitingTriage);
        var client = await site.SignInAsync("panel-team");

        var response = await client.SubmitAsync($"/cases/{placed.Crn}/triage", [.. HeldToday("heldOn"), new("attendees", "A"), new("rationale", "R")]);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("<a href=\"#decision\">Choose whether to give advice and close the case, or refer it to the panel</a>");
        html.ShouldNotContain("Enter the advice given");
    }

    [Fact]
    public async Task Withdraw_WithAReason_ClosesTheCaseWithTheReasonAsItsNotes()
    {
        var placed = site.CaseAt(CaseStage.AwaitingPanel);
        var client = await site.SignInAsync("panel-team");

        var response = await client.SubmitAsync($"/cases/{placed.Crn}/withdraw", [new("reason", "Transferred to Wales.")]);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var stored = site.Workflow(placed.Crn);
        stored.Stage.ShouldBe((int)CaseStage.Closed);
        stored.Events.OrderBy(e => e.Id).Last().Notes.ShouldBe("Transferred to Wales.");
        (await client.GetStringAsync($"/cases/{placed.Crn}")).ShouldContain("Transferred to Wales.");
    }

    [Fact]
    public async Task Withdraw_WithoutAReason_Is400AndSavesNothing()
    {
        var placed = site.CaseAt(CaseStage.AwaitingConversation);
        var client = await site.SignInAsync("panel-team");

        var response = await client.SubmitAsync($"/cases/{placed.Crn}/withdraw", [new("reason", "  ")]);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("<a href=\"#reason\">Enter why the case is leaving the process</a>");
        site.Workflow(placed.Crn).Version.ShouldBe(placed.Version);
    }

    [Theory]
    [InlineData("close", CaseStage.Closed)]
    [InlineData("back-to-panel", CaseStage.AwaitingPanel)]
    public async Task FollowUp_Decision_MovesTheCase(string decision, CaseStage expected)
    {
        var placed = site.CaseAt(CaseStage.ActionsInProgress);
        var client = await site.SignInAsync("panel-team");

        var response = await client.SubmitAsync($"/cases/{placed.Crn}/follow-up", [new("decision", decision), new("notes", "Housing found; assessment done.")]);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var stored = site.Workflow(placed.Crn);
        stored.Stage.ShouldBe((int)expected);
        stored.FollowUpDue.ShouldBeNull();
    }

    [Fact]
    public async Task FollowUp_NoDecisionOrNotes_Is400()
    {
        var placed = site.CaseAt(CaseStage.ActionsInProgress);
        var client = await site.SignInAsync("panel-team");

        var response = await client.SubmitAsync($"/cases/{placed.Crn}/follow-up", []);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("<a href=\"#decision\">");
        html.ShouldContain("<a href=\"#notes\">Enter what the review found</a>");
    }

    [Fact]
    public async Task StepPage_CaseAtAnotherStage_SaysWhyAndShowsNoForm()
    {
        var placed = site.CaseAt(CaseStage.AwaitingConversation);
        var client = await site.SignInAsync("panel-team");

        var response = await client.GetAsync($"/cases/{placed.Crn}/triage");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("This case is awaiting a reflective practice conversation, so this cannot be recorded now.");
        html.ShouldNotContain("name=\"version\"");
    }

    [Theory]
    [InlineData("head-of-pdu", "conversation")]
    [InlineData("qdo", "conversation")]
    [InlineData("spo", "triage")]
    [InlineData("practitioner", "withdraw")]
    [InlineData("practitioner", "follow-up")]
    public async Task StepPage_RoleWithoutThePermission_IsForbiddenForGetAndPost(string user, string page)
    {
        var placed = site.CaseAt(CaseStage.AwaitingConversation);
        var client = await site.SignInAsync(user);

        var get = await client.GetAsync($"/cases/{placed.Crn}/{page}");
        var post = await client.PostAsync($"/cases/{placed.Crn}/{page}", new FormUrlEncodedContent([new("version", placed.Version.ToString(System.Globalization.CultureInfo.InvariantCulture))]));

        get.Headers.Location!.ToString().ShouldContain("/forbidden");
        // Without the permission nothing is read: antiforgery or the policy refuses the post before the page runs.
        ((int)post.StatusCode).ShouldBeOneOf(302, 400);
        site.Workflow(placed.Crn).Version.ShouldBe(placed.Version);
    }

    [Fact]
    public async Task StepPage_CaseOutsideTheUsersScope_Is404AndAuditedAsRefused()
    {
        var placed = site.CaseAt(CaseStage.AwaitingConversation);
        using (var db = site.OpenDatabase())
        {
            // Someone else's case now.
            var record = db.Workflows.Single(w => w.Crn == placed.Crn);
            record.PractitionerCode = "ELSEWHERE1";
            record.SpoCode = "ELSEWHERE2";
            record.TeamCode = "ELSEWHERET";
            db.SaveChanges();
        }
        var client = await site.SignInAsync("practitioner");
        var refusedBefore = site.AuditCount(AuditEventTypes.AccessDenied, placed.Crn);

        var response = await client.GetAsync($"/cases/{placed.Crn}/conversation");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).ShouldNotContain(placed.Crn);
        site.AuditCount(AuditEventTypes.AccessDenied, placed.Crn).ShouldBe(refusedBefore + 1);
    }

    [Theory]
    [InlineData("/cases/E999999/conversation")]
    [InlineData("/cases/not-a-crn/conversation")]
    [InlineData("/cases/e123456/conversation")]
    public async Task StepPage_UnknownOrMalformedCase_Is404(string path)
    {
        var client = await site.SignInAsync("practitioner");

        (await client.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task StepPage_Viewing_IsAuditedAsAConsultation()
    {
        var placed = site.CaseAt(CaseStage.AwaitingConversation);
        var client = await site.SignInAsync("spo");
        var before = site.AuditCount(AuditEventTypes.CaseViewed, placed.Crn);

        (await client.GetAsync($"/cases/{placed.Crn}/conversation")).StatusCode.ShouldBe(HttpStatusCode.OK);

        site.AuditCount(AuditEventTypes.CaseViewed, placed.Crn).ShouldBe(before + 1);
    }

    [Fact]
    public async Task StepPage_ShownAgainAfterAMistake_IsAuditedAsAConsultationToo()
    {
        var placed = site.CaseAt(CaseStage.AwaitingConversation);
        var client = await site.SignInAsync("practitioner");
        var before = site.AuditCount(AuditEventTypes.CaseViewed, placed.Crn);

        var response = await client.SubmitAsync($"/cases/{placed.Crn}/conversation", [new("practitioner", ""), new("spo", "")]);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        // Once for the form's first display (before submitting), once for the form shown again with the errors.
        site.AuditCount(AuditEventTypes.CaseViewed, placed.Crn).ShouldBe(before + 2);
    }
}
