using ComplexCases.Application.Access;
using ComplexCases.Application.Workflow;
using ComplexCases.Data;
using ComplexCases.Data.Accounts;
using ComplexCases.Data.Workflow;
using ComplexCases.Domain.Workflow;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Web.Demo;

/// <summary>
/// Demo mode: moves a handful of cases along the process through the same use case as the pages, so events and audit entries
/// are real: conversations recorded (by the demo SPO for their team, elsewhere by each case's own practitioner), escalations
/// (one awaiting triage, one referred to the panel, one closed with advice by the demo panel team). The demo practitioner
/// keeps cases awaiting their conversation.
/// </summary>
internal static class WorkflowDemo
{
    /// <summary>How many of the demo practitioner's own cases are left awaiting a conversation (if they have that many).</summary>
    private const int KeepForPractitioner = 2;

    public static void EnsureSeeded(IServiceProvider services, TextWriter log)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ComplexCasesDbContext>();
        var settings = scope.ServiceProvider.GetRequiredService<WorkflowSettings>();
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();

        // A demo database made before the process existed has runs but no workflows: take its latest list in (idempotent).
        if (!db.Workflows.Any()
            && db.Runs.AsNoTracking().Where(r => r.DefinitionId == settings.DefinitionId).OrderByDescending(r => r.AsOf).ThenByDescending(r => r.Id)
                .Select(r => (int?)r.Id).FirstOrDefault() is { } latest)
            new WorkflowIntake(settings, clock).TakeIn(db, latest);
        // Only once: any step taken by a person means the demo has been seeded (or used).
        if (db.WorkflowEvents.Any(e => e.By != WorkflowIntake.SystemActor)) return;

        var users = db.Users.AsNoTracking().Where(u => u.IsDemo).ToList().ToDictionary(u => u.UserName!, ToStaffUser, StringComparer.Ordinal);
        if (!users.TryGetValue("practitioner", out var practitioner) || !users.TryGetValue("spo", out var spo)
            || !users.TryGetValue("panel-team", out var panelTeam)) return;

        var waiting = db.Workflows.AsNoTracking().Where(w => w.Stage == (int)CaseStage.AwaitingConversation && !w.LimitedAccess)
            .OrderBy(w => w.Crn).ToList();
        var own = waiting.Where(w => w.PractitionerCode == practitioner.StaffCode).ToList();
        // Everyone else's cases: the demo SPO's team first (the SPO records those), then the demo PDU, where each case's own
        // practitioner records it, so the progress page shows some practitioners who have acted and some who have not.
        var others = new Queue<CaseWorkflowRecord>(waiting
            .Where(w => w.PractitionerCode is not null && w.PractitionerCode != practitioner.StaffCode)
            .OrderByDescending(w => CaseWorkflows.MayTake(spo, WorkflowStep.ConversationNoFurtherSupport, w))
            .ThenByDescending(w => w.PduCode == practitioner.PduCode)
            .ThenBy(w => w.Crn, StringComparer.Ordinal));

        var workflows = scope.ServiceProvider.GetRequiredService<CaseWorkflows>();
        var today = WorkingCalendar.UkDate(clock.GetUtcNow());
        var steps = 0;
        StaffUser Recorder(CaseWorkflowRecord w) =>
            CaseWorkflows.MayTake(spo, WorkflowStep.ConversationNoFurtherSupport, w) ? spo : PractitionerOf(db, w);

        // The demo practitioner records one of their own only when they have more than enough left waiting.
        if (own.Count > KeepForPractitioner)
            steps += Converse(db, workflows, settings, practitioner, own[0], today, escalate: false, Blockages[0]);
        for (var i = 0; i < 2 && others.Count > 0; i++)
        {
            var record = others.Dequeue();
            steps += Converse(db, workflows, settings, Recorder(record), record, today, escalate: false, Blockages[i + 1]);
        }
        // Three escalations: one left awaiting triage, one referred to the panel, one closed with advice.
        bool?[] referToPanel = [null, true, false];
        for (var i = 0; i < referToPanel.Length && others.Count > 0; i++)
        {
            var record = others.Dequeue();
            steps += Converse(db, workflows, settings, Recorder(record), record, today, escalate: true, Blockages[i + 3]);
            if (referToPanel[i] is { } refer) steps += Triage(workflows, panelTeam, record.Crn, today, refer);
        }
        log.WriteLine($"Demo mode: {steps} Complex Case process steps recorded as the demo users.");
    }

    private static readonly BlockageCategory[][] Blockages =
    [
        [],
        [BlockageCategory.Engagement],
        [BlockageCategory.Workload],
        [BlockageCategory.Accommodation, BlockageCategory.MentalHealthServices],
        [BlockageCategory.MentalHealthServices, BlockageCategory.MultiAgencyWorking],
        [BlockageCategory.SubstanceMisuseServices, BlockageCategory.Other],
    ];

    private static int Converse(ComplexCasesDbContext db, CaseWorkflows workflows, WorkflowSettings settings, StaffUser user,
        CaseWorkflowRecord record, DateOnly today, bool escalate, BlockageCategory[] blockages)
    {
        var names = db.ListedCases.AsNoTracking().Where(c => c.RunId == record.LatestRunId && c.Crn == record.Crn)
            .Select(c => new { c.PractitionerName, c.SpoName }).Single();
        var heldOn = settings.Calendar.AddWorkingDays(record.ListedOn, 3);
        if (heldOn > today) heldOn = today;
        var conversation = Conversation.Create(heldOn, names.PractitionerName ?? "Unallocated practitioner", names.SpoName ?? user.DisplayName,
            "Went through the criteria that brought the case onto the list, the current risk management plan and recent contact. "
            + "Agreed what the practitioner will focus on before the next review.",
            blockages, blockages.Contains(BlockageCategory.Other) ? "Waiting list for a specialist assessment with no date given." : null,
            record.ListedOn, today);
        StepDetails details;
        WorkflowStep step;
        if (escalate)
        {
            var escalation = Escalation.Create(
                "Unable to secure a mental health assessment despite repeated referrals; risk is rising as accommodation is about to end.",
                "Two GP referrals, a duty call to the community mental health team and a housing referral through the council.",
                "Help to get a joint assessment with the mental health trust and a housing solution before release from approved premises.");
            details = new StepDetails { Conversation = Valid(conversation), Escalation = Valid(escalation) };
            step = WorkflowStep.ConversationEscalated;
        }
        else
        {
            details = new StepDetails { Conversation = Valid(conversation) };
            step = WorkflowStep.ConversationNoFurtherSupport;
        }
        Take(workflows, user, new StepRequest(record.Crn, step, record.Version, null, details));
        return 1;
    }

    private static int Triage(CaseWorkflows workflows, StaffUser panelTeam, string crn, DateOnly today, bool refer)
    {
        var current = workflows.Find(panelTeam, crn, Permission.RecordTriage)
            ?? throw new InvalidOperationException($"Demo: the panel team cannot reach {crn}.");
        var triage = Domain.Workflow.Triage.Create(today, ["Demo panel coordinator", "Senior probation officer", "Psychology lead"],
            refer
                ? "The blockages span mental health and housing and need agencies round one table."
                : "The practitioner has a workable plan; advice on routes into the mental health trust should unblock it.",
            refer ? "" : "Use the mental health trust's professional consultation line and ask for a joint visit.",
            refer, today);
        Take(workflows, panelTeam, new StepRequest(crn, refer ? WorkflowStep.TriageReferredToPanel : WorkflowStep.TriageAdviceGiven,
            current.Version, null, new StepDetails { Triage = Valid(triage) }));
        return 1;
    }

    private static void Take(CaseWorkflows workflows, StaffUser user, StepRequest request)
    {
        var result = workflows.Take(user, request);
        if (!result.Succeeded) throw new InvalidOperationException($"Demo workflow step {request.Step} on {request.Crn}: {result.Error}");
    }

    private static T Valid<T>(Validated<T> validated) where T : class =>
        validated.Value ?? throw new InvalidOperationException($"Demo record invalid: {string.Join("; ", validated.Errors.Select(e => e.Message))}");

    /// <summary>A case's own practitioner as a user (a person in the generated data, not a demo account).</summary>
    private static StaffUser PractitionerOf(ComplexCasesDbContext db, CaseWorkflowRecord record)
    {
        var name = db.ListedCases.AsNoTracking().Where(c => c.RunId == record.LatestRunId && c.Crn == record.Crn)
            .Select(c => c.PractitionerName).Single() ?? record.PractitionerCode!;
        return new StaffUser($"demo-{record.PractitionerCode}", name, [Role.Practitioner])
        {
            StaffCode = record.PractitionerCode, TeamCodes = record.TeamCode is { } team ? new HashSet<string> { team } : new HashSet<string>(),
            PduCode = record.PduCode, RegionCode = record.RegionCode,
        };
    }

    private static StaffUser ToStaffUser(StaffAccount account) =>
        new(account.UserName!, account.DisplayName,
            account.Roles.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Enum.Parse<Role>))
        {
            StaffCode = account.StaffCode,
            TeamCodes = (account.TeamCodes ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal),
            PduCode = account.PduCode,
            RegionCode = account.RegionCode,
        };
}
