using ComplexCases.Application;
using ComplexCases.Application.Access;
using ComplexCases.Application.Notifications;
using ComplexCases.Application.Panels;
using ComplexCases.Application.Workflow;
using ComplexCases.Data;
using ComplexCases.Data.Workflow;
using ComplexCases.Domain.Panels;
using ComplexCases.Domain.Workflow;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Web.Demo;

/// <summary>
/// The demo's history of the Complex Case process, placed around today. After each monthly list is stored, each case that
/// entered the process gets a plan (a conversation on time or late, an escalation, triage, the panel, actions, a follow-up);
/// the plans' steps wait in a queue by date and are taken, through the pages' own use cases, when the timeline reaches them.
/// Steps due after today have simply not happened yet, so on any day the demo shows conversations done on time and late,
/// some due and some overdue, escalations awaiting triage, past panel meetings with actions open and overdue, closed cases,
/// and a meeting next week with cases on its agenda.
/// </summary>
internal sealed class DemoProcess(IServiceProvider services, DemoTimeline timeline, WorkflowSettings settings, DemoStaff staff)
{
    private readonly PriorityQueue<Step, (DateOnly Day, int Hour, int Order)> _queue = new();
    private readonly Dictionary<string, ConversationHeld> _conversations = new(StringComparer.Ordinal);
    private int _order;

    private WorkingCalendar Calendar => settings.Calendar;

    /// <summary>What a recorded conversation said, for the QDO reviews that must agree with it.</summary>
    public IReadOnlyDictionary<string, ConversationHeld> Conversations => _conversations;

    private sealed record Step(string What, Action Take);

    /// <summary>Takes every planned step dated before <paramref name="day"/> (steps on today itself: before <paramref name="day"/> = tomorrow).</summary>
    public void RunUntil(DateOnly day)
    {
        while (_queue.TryPeek(out _, out var when) && when.Day < day)
        {
            var step = _queue.Dequeue();
            timeline.MoveTo(when.Day, when.Hour, when.Order % 50);
            step.Take();
        }
    }

    /// <summary>Called after each conversation is recorded, with the clock on its day: the QDO reviews plan themselves from it.</summary>
    public Action<ConversationHeld>? ConversationRecorded { get; set; }

    /// <summary>Plans a step of someone else's (a QDO's review) in the same queue, so it is taken in date order with the rest.</summary>
    public void PlanStep(DateOnly day, int hour, string what, Action take) => Plan(NextWorkingDay(day), hour, what, take);

    private void Plan(DateOnly day, int hour, string what, Action take)
    {
        // Nothing is planned past today: it has not happened yet.
        if (day > timeline.Today) return;
        _queue.Enqueue(new Step(what, take), (day, hour, _order++));
    }

    /// <summary>
    /// Plans the steps of the cases a monthly list put into the process. The first list brings every complex case in at once
    /// (<paramref name="first"/>): that backlog is worked through over the months after it, a few cases a week, so each
    /// month of the demo has conversations, escalations and reviews to show, not only the first.
    /// </summary>
    public void PlanMonth(DateOnly asOf, bool latest, bool first = false)
    {
        List<CaseWorkflowRecord> entered;
        using (var scope = services.CreateScope())
        {
            entered = scope.ServiceProvider.GetRequiredService<ComplexCasesDbContext>().Workflows.AsNoTracking()
                .Where(w => w.Stage == (int)CaseStage.AwaitingConversation && w.ListedOn == asOf && !w.LimitedAccess && w.PractitionerCode != null)
                .OrderBy(w => w.Crn).ToList();
        }
        var own = entered.Where(w => w.PractitionerCode == staff.Practitioner.StaffCode).ToList();
        // The demo practitioner keeps cases of their own waiting (this month's due, older ones overdue): they record one a month.
        if (!latest && own.Count > 1) PlanConversation(own[0], Calendar.AddWorkingDays(asOf, 4), escalate: false, Blockages[1]);

        var others = entered.Where(w => w.PractitionerCode != staff.Practitioner.StaffCode).ToList();
        for (var i = 0; i < others.Count; i++)
        {
            var w = others[i];
            if (latest)
            {
                // This month: some recorded already, one or two escalated and awaiting triage, the rest still to come.
                switch (i % 4)
                {
                    case 1: PlanConversation(w, Calendar.AddWorkingDays(asOf, 2), escalate: false, Blockages[2]); break;
                    case 2: PlanConversation(w, Calendar.AddWorkingDays(asOf, 1), escalate: true, Blockages[3]); break;
                }
                continue;
            }
            // Seven plans in turn; two of them leave the case waiting, so earlier months leave conversations overdue. The first
            // list's backlog: each group of seven a week and a bit after the one before.
            var later = first ? i / 7 * 6 : 0;
            switch (i % 7)
            {
                case 1: PlanConversation(w, Calendar.AddWorkingDays(asOf, 3 + later), escalate: false, Blockages[2]); break;
                case 2: PlanConversation(w, Calendar.AddWorkingDays(asOf, 5 + later), escalate: true, Blockages[3], triageAfter: 4, refer: true); break;
                // Held, but after the due date: a QDO review of it must not call it timely.
                case 3: PlanConversation(w, Calendar.AddWorkingDays(w.ConversationDue ?? asOf, 3 + later), escalate: false, Blockages[4]); break;
                case 4: PlanConversation(w, Calendar.AddWorkingDays(asOf, 7 + later), escalate: true, Blockages[5], triageAfter: 5, refer: false); break;
                case 5: PlanConversation(w, Calendar.AddWorkingDays(asOf, 9 + later), escalate: true, Blockages[3], triageAfter: 3, refer: true); break;
                // cases 0 and 6: nobody records it, so it is overdue.
            }
        }
    }

    /// <summary>A monthly panel meeting on the first working day from the 15th, if it is already past: scheduled, invited, held, discussed.</summary>
    public void PlanMonthlyPanel(DateOnly month)
    {
        var heldOn = NextWorkingDay(new DateOnly(month.Year, month.Month, 15));
        if (heldOn >= timeline.Today) return;
        long? meetingId = null;
        Plan(heldOn.AddDays(-14) < month ? month : heldOn.AddDays(-14), 9, "schedule a panel meeting", () =>
            meetingId = WithPanels((meetings, _) => Ok(meetings.Schedule(staff.PanelTeam, heldOn, DemoStaff.Chair), "schedule").Id));
        Plan(PreviousWorkingDay(heldOn.AddDays(-3)), 10, "invite and set the agenda", () =>
        {
            if (meetingId is not { } id) return;
            var agenda = AwaitingPanel(6);
            if (agenda.Count == 0) return;
            WithPanels((meetings, db) =>
            {
                Ok(meetings.Invite(staff.PanelTeam, id, Version(db, id), staff.PanelMemberIds(db)), "invite");
                Ok(meetings.SetAgenda(staff.PanelTeam, id, Version(db, id), agenda), "agenda");
                return 0;
            });
        });
        Plan(heldOn, 16, "record the panel meeting", () =>
        {
            if (meetingId is not { } id) return;
            WithPanels((meetings, db) =>
            {
                var invited = db.PanelMeetings.AsNoTracking().Where(m => m.Id == id).SelectMany(m => m.Members).Select(m => m.MemberId).OrderBy(m => m).ToList();
                if (invited.Count == 0) return 0;
                // One member sent apologies: the gap report has something to show.
                Ok(meetings.RecordAttendance(staff.PanelTeam, id, Version(db, id), invited.Skip(1).ToList()), "attendance");
                return 0;
            });
            foreach (var crn in AgendaOf(id)) Discuss(id, crn, heldOn);
        });
    }

    /// <summary>The last steps on today: work that must be visible whatever the day, and next week's meeting with its agenda.</summary>
    public DateOnly? Finish()
    {
        var today = timeline.Today;
        timeline.MoveTo(today, 9);
        // Escalations awaiting triage and cases awaiting the panel, even on the first day of a month.
        // One escalation stays awaiting triage; when no case awaits the panel, another is escalated and referred for next week.
        var wanted = (Count(CaseStage.AwaitingPanel) == 0 ? 2 : 1) - Count(CaseStage.AwaitingTriage);
        if (wanted > 0)
        {
            // Overdue conversations held at last, then this month's; one of each kind is always left waiting.
            var waiting = Waiting();
            var candidates = waiting.Where(w => w.ConversationDue < today).Skip(1).Concat(waiting.Where(w => w.ConversationDue >= today).Skip(1));
            foreach (var w in candidates.Take(wanted))
                Converse(w, today, escalate: true, Blockages[3]);
        }
        if (Count(CaseStage.AwaitingPanel) == 0 && Oldest(CaseStage.AwaitingTriage) is { } triage) Triage(triage, today, refer: true);

        var heldOn = NextWeek(today);
        var agenda = AwaitingPanel(6);
        if (agenda.Count == 0) return null;
        WithPanels((meetings, db) =>
        {
            var id = Ok(meetings.Schedule(staff.PanelTeam, heldOn, DemoStaff.Chair), "schedule").Id;
            Ok(meetings.Invite(staff.PanelTeam, id, Version(db, id), staff.PanelMemberIds(db)), "invite");
            Ok(meetings.SetAgenda(staff.PanelTeam, id, Version(db, id), agenda), "agenda");
            return id;
        });
        return heldOn;
    }

    // ---- one case's plan ----

    private void PlanConversation(CaseWorkflowRecord w, DateOnly heldOn, bool escalate, BlockageCategory[] blockages, int? triageAfter = null, bool refer = false)
    {
        heldOn = NextWorkingDay(heldOn);
        Plan(heldOn, 11, "record a conversation", () =>
        {
            Converse(Current(w.Crn), heldOn, escalate, blockages);
            if (escalate && triageAfter is { } days)
            {
                var triagedOn = Calendar.AddWorkingDays(heldOn, days);
                Plan(triagedOn, 14, "triage", () => Triage(Current(w.Crn), triagedOn, refer));
            }
        });
    }

    private void Converse(CaseWorkflowRecord w, DateOnly heldOn, bool escalate, BlockageCategory[] blockages)
    {
        if (w.Stage != (int)CaseStage.AwaitingConversation) return;
        var user = CaseWorkflows.MayTake(staff.Spo, WorkflowStep.ConversationNoFurtherSupport, w) ? staff.Spo
            : w.PractitionerCode == staff.Practitioner.StaffCode ? staff.Practitioner : staff.PractitionerOf(w);
        var names = staff.NamesOf(w);
        // Most records carry the person's own view; the SPO with an account is named by it, and confirms what others record.
        var personsView = _conversations.Count % 5 != 4;
        var spoAccount = w.SpoCode is not null && w.SpoCode == staff.Spo.StaffCode ? staff.Spo : null;
        var conversation = Valid(Conversation.Create(heldOn, names.Practitioner, spoAccount?.DisplayName ?? names.Spo,
            "Went through the criteria that brought the case onto the list, the current risk management plan and recent contact. "
            + "Agreed what the practitioner will focus on before the next review.",
            blockages, blockages.Contains(BlockageCategory.Other) ? "Waiting list for a specialist assessment with no date given." : null,
            w.ListedOn, heldOn)) with
        {
            SpoUserName = spoAccount?.Id,
            PersonsView = personsView ? "Says things have been harder since the move; wants help with housing more than anything else." : null,
        };
        var details = escalate
            ? new StepDetails
            {
                Conversation = conversation,
                Escalation = Valid(Escalation.Create(
                    "Unable to secure a mental health assessment despite repeated referrals; risk is rising as accommodation is about to end.",
                    "Two GP referrals, a duty call to the community mental health team and a housing referral through the council.",
                    "Help to get a joint assessment with the mental health trust and a housing solution before release from approved premises.")),
            }
            : new StepDetails { Conversation = conversation };
        Take(user, new StepRequest(Domain.People.Crn.Parse(w.Crn), escalate ? WorkflowStep.ConversationEscalated : WorkflowStep.ConversationNoFurtherSupport, w.Version, null, details));
        var held = new ConversationHeld(w.Crn, heldOn, w.ConversationDue, escalate, blockages.Length > 0, personsView, w.PractitionerCode);
        _conversations[w.Crn] = held;
        ConversationRecorded?.Invoke(held);
    }

    private void Triage(CaseWorkflowRecord w, DateOnly heldOn, bool refer)
    {
        if (w.Stage != (int)CaseStage.AwaitingTriage) return;
        var triage = Valid(Domain.Workflow.Triage.Create(heldOn, ["Demo panel coordinator", "Senior probation officer", "Psychology lead"],
            refer
                ? "The blockages span mental health and housing and need agencies round one table."
                : "The practitioner has a workable plan; advice on routes into the mental health trust should unblock it.",
            refer ? "" : "Use the mental health trust's professional consultation line and ask for a joint visit.",
            refer, heldOn));
        Take(staff.PanelTeam, new StepRequest(Domain.People.Crn.Parse(w.Crn), refer ? WorkflowStep.TriageReferredToPanel : WorkflowStep.TriageAdviceGiven,
            w.Version, null, new StepDetails { Triage = triage }));
    }

    private void Discuss(long meetingId, string crn, DateOnly heldOn)
    {
        var w = Current(crn);
        if (w.Stage != (int)CaseStage.AwaitingPanel) return;
        var assessmentDue = Calendar.AddWorkingDays(heldOn, 10);
        var housingDue = Calendar.AddWorkingDays(heldOn, 25);
        var planShared = Calendar.AddWorkingDays(heldOn, 5);
        List<long> actionIds = [];
        using (var scope = services.CreateScope())
        {
            var discussions = scope.ServiceProvider.GetRequiredService<PanelDiscussions>();
            var recorded = discussions.Record(staff.PanelTeam, meetingId, Domain.People.Crn.Parse(crn), new DiscussionInput(w.Version,
                "The panel heard the practitioner's account of the blockages and the agencies' positions. Mental health and housing agreed a joint plan.",
                "A joint assessment with the community mental health team; a move-on accommodation plan before the placement ends.",
                [
                    new ActionInput("Arrange a joint assessment with the community mental health team.", "Demo Member Elmstead", Agency.MentalHealth, null, assessmentDue),
                    new ActionInput("Secure move-on accommodation before the approved premises placement ends.", "Demo Member Gosfield", Agency.Housing, null, housingDue),
                    new ActionInput("Share the risk management plan with the approved premises manager.", "Demo Member Brightwell", Agency.Probation, null, planShared),
                ]));
            if (!recorded.Succeeded) throw Failed($"panel discussion of {crn}", recorded.Errors.Select(e => e.Message));
            actionIds = [.. scope.ServiceProvider.GetRequiredService<ComplexCasesDbContext>().CaseActions.AsNoTracking()
                .Where(a => a.MeetingId == meetingId && a.Crn == crn).OrderBy(a => a.Id).Select(a => a.Id)];
        }
        // The first action is done a little before it is due; the others stay open, so they are overdue once their dates pass
        // (the third a week after the meeting: every past meeting leaves one overdue action).
        if (actionIds.Count > 0)
        {
            var doneOn = Calendar.AddWorkingDays(heldOn, 8);
            Plan(doneOn, 12, "complete an action", () => CompleteAction(actionIds[0]));
        }
        var reviewOn = Calendar.AddWorkingDays(heldOn, settings.Timescales.FollowUpWorkingDays);
        Plan(reviewOn, 15, "follow-up review", () =>
        {
            var current = Current(crn);
            if (current.Stage != (int)CaseStage.ActionsInProgress) return;
            Take(staff.PanelTeam, new StepRequest(Domain.People.Crn.Parse(crn), WorkflowStep.FollowUpClosed, current.Version,
                "Follow-up review: the joint assessment took place and accommodation is secured; the practitioner can take it from here.", StepDetails.None));
        });
    }

    private void CompleteAction(long id)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ComplexCasesDbContext>();
        var version = db.CaseActions.AsNoTracking().Where(a => a.Id == id).Select(a => a.Version).Single();
        var done = scope.ServiceProvider.GetRequiredService<CaseActions>().Update(staff.PanelTeam, id, version, ActionStatus.Done,
            "Joint assessment held with the community mental health team; its report is on the case record.");
        if (!done.Succeeded) throw Failed($"action {id}", done.Errors.Select(e => e.Message));
    }

    // ---- reading the state the steps left ----

    private CaseWorkflowRecord Current(string crn)
    {
        using var scope = services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<ComplexCasesDbContext>().Workflows.AsNoTracking().Single(w => w.Crn == crn);
    }

    private int Count(CaseStage stage)
    {
        using var scope = services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<ComplexCasesDbContext>().Workflows.Count(w => w.Stage == (int)stage && !w.LimitedAccess
            && w.RegionCode == staff.PanelTeam.RegionCode);
    }

    private CaseWorkflowRecord? Oldest(CaseStage stage)
    {
        using var scope = services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<ComplexCasesDbContext>().Workflows.AsNoTracking()
            .Where(w => w.Stage == (int)stage && !w.LimitedAccess && w.RegionCode == staff.PanelTeam.RegionCode)
            .OrderBy(w => w.ListedOn).ThenBy(w => w.Crn).FirstOrDefault();
    }

    /// <summary>Cases awaiting a conversation that are not the demo practitioner's (they keep theirs), oldest listing first.</summary>
    private List<CaseWorkflowRecord> Waiting()
    {
        using var scope = services.CreateScope();
        return [.. scope.ServiceProvider.GetRequiredService<ComplexCasesDbContext>().Workflows.AsNoTracking()
            .Where(w => w.Stage == (int)CaseStage.AwaitingConversation && !w.LimitedAccess && w.PractitionerCode != null
                && w.PractitionerCode != staff.Practitioner.StaffCode && w.RegionCode == staff.PanelTeam.RegionCode)
            .OrderBy(w => w.ListedOn).ThenBy(w => w.Crn)];
    }

    private List<string> AwaitingPanel(int most)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ComplexCasesDbContext>();
        var onAgendas = db.PanelAgendaItems.AsNoTracking().Where(a => !a.Discussed).Select(a => a.Crn).ToList();
        return [.. db.Workflows.AsNoTracking()
            .Where(w => w.Stage == (int)CaseStage.AwaitingPanel && !w.LimitedAccess && w.RegionCode == staff.PanelTeam.RegionCode && !onAgendas.Contains(w.Crn))
            .OrderBy(w => w.Crn).Select(w => w.Crn).Take(most)];
    }

    private List<string> AgendaOf(long meetingId)
    {
        using var scope = services.CreateScope();
        return [.. scope.ServiceProvider.GetRequiredService<ComplexCasesDbContext>().PanelAgendaItems.AsNoTracking()
            .Where(a => a.MeetingId == meetingId).OrderBy(a => a.Crn).Select(a => a.Crn)];
    }

    private static int Version(ComplexCasesDbContext db, long meetingId) =>
        db.PanelMeetings.AsNoTracking().Where(m => m.Id == meetingId).Select(m => m.Version).Single();

    private T WithPanels<T>(Func<PanelMeetings, ComplexCasesDbContext, T> act)
    {
        using var scope = services.CreateScope();
        return act(scope.ServiceProvider.GetRequiredService<PanelMeetings>(), scope.ServiceProvider.GetRequiredService<ComplexCasesDbContext>());
    }

    // ---- days ----

    private DateOnly NextWorkingDay(DateOnly day)
    {
        while (!Calendar.IsWorkingDay(day)) day = day.AddDays(1);
        return day;
    }

    private DateOnly PreviousWorkingDay(DateOnly day)
    {
        while (!Calendar.IsWorkingDay(day)) day = day.AddDays(-1);
        return day;
    }

    /// <summary>Wednesday of next week, or the next working day after it in that week (Thursday, Friday; Tuesday before it).</summary>
    private DateOnly NextWeek(DateOnly today)
    {
        var monday = today.AddDays(7 - ((int)today.DayOfWeek + 6) % 7);
        foreach (var offset in new[] { 2, 3, 1, 4, 0 })
        {
            if (Calendar.IsWorkingDay(monday.AddDays(offset))) return monday.AddDays(offset);
        }
        return NextWorkingDay(monday.AddDays(7));
    }

    // ---- taking steps ----

    private void Take(StaffUser user, StepRequest request)
    {
        using var scope = services.CreateScope();
        var result = scope.ServiceProvider.GetRequiredService<CaseWorkflows>().Take(user, request);
        if (!result.Succeeded) throw new InvalidOperationException($"Demo workflow step {request.Step} on {request.Crn}: {result.Error}");
    }

    private static T Ok<T>(UseCaseResult<T> result, string what) =>
        result.Succeeded ? result.Value! : throw Failed(what, result.Errors.Select(e => e.Message));

    private static InvalidOperationException Failed(string what, IEnumerable<string> errors) =>
        new($"Demo {what}: {string.Join("; ", errors)}");

    private static T Valid<T>(Validated<T> validated) where T : class =>
        validated.Value ?? throw new InvalidOperationException($"Demo record invalid: {string.Join("; ", validated.Errors.Select(e => e.Message))}");

    private static readonly BlockageCategory[][] Blockages =
    [
        [],
        [BlockageCategory.Engagement],
        [BlockageCategory.Workload],
        [BlockageCategory.Accommodation, BlockageCategory.MentalHealthServices],
        [],
        [BlockageCategory.SubstanceMisuseServices, BlockageCategory.Other],
    ];
}

/// <summary>A conversation the demo recorded: held on, due by, whether it escalated, named blockages and recorded the person's view; whose case.</summary>
internal sealed record ConversationHeld(string Crn, DateOnly HeldOn, DateOnly? DueBy, bool Escalated, bool NamedBlockages, bool PersonsView, string? PractitionerCode = null)
{
    public bool Timely => DueBy is not { } due || HeldOn <= due;
}
