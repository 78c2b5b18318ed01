using System.Runtime.CompilerServices;
using ComplexCases.Application;
using ComplexCases.Application.Access;
using ComplexCases.Application.Panels;
using ComplexCases.Application.Workflow;
using ComplexCases.Data;
using ComplexCases.Data.Accounts;
using ComplexCases.Domain.Panels;
using ComplexCases.Domain.People;
using ComplexCases.Domain.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ComplexCases.Web.Tests.Panels;

/// <summary>
/// Panel records on a demo site, made through the application as staff would: cases of the demo region escalated and
/// referred by triage, a held meeting (the demo panel member invited) whose case — the demo practitioner's — was discussed
/// with an action owned by each demo user who can own one, a scheduled meeting with a case on its agenda, and a held meeting
/// whose case (someone else's) is not yet discussed.
/// </summary>
internal sealed record PanelScenario(
    long HeldMeeting, string DiscussedCrn, long ScheduledMeeting, string ScheduledCrn, long UndiscussedMeeting, string UndiscussedCrn,
    string OtherCrn, long DirectoryMember, IReadOnlyDictionary<string, long> ActionOf);

internal static class PanelScenarios
{
    public static readonly string[] Owners = ["practitioner", "spo", "head-of-pdu", "panel-team", "panel-member"];

    private static readonly ConditionalWeakTable<DemoSiteFactory, PanelScenario> Made = [];
    private static readonly Lock Gate = new();

    /// <summary>The site's panel scenario, made on first use (each test class has its own site).</summary>
    public static PanelScenario Panel(this DemoSiteFactory site)
    {
        lock (Gate) return Made.GetValue(site, Create);
    }

    public static StaffUser As(ComplexCasesDbContext db, string userName)
    {
        var a = db.Users.AsNoTracking().Single(u => u.UserName == userName);
        return new StaffUser(a.UserName!, a.DisplayName, a.Roles.Split(',').Select(Enum.Parse<Role>))
        {
            StaffCode = a.StaffCode,
            TeamCodes = (a.TeamCodes ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(),
            PduCode = a.PduCode,
            RegionCode = a.RegionCode,
        };
    }

    private static PanelScenario Create(DemoSiteFactory site)
    {
        using var scope = site.Services.CreateScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<ComplexCasesDbContext>();
        var workflows = services.GetRequiredService<CaseWorkflows>();
        var meetings = services.GetRequiredService<PanelMeetings>();
        var team = As(db, "panel-team");
        var practitionerCode = As(db, "practitioner").StaffCode;
        // Meetings are held on working days: the scenario's steps and held meetings are on the latest working day so far, its
        // scheduled meeting on a working day a week or more ahead.
        var today = meetings.Today;
        var day = today;
        while (meetings.NextWorkingDay(day) != day) day = day.AddDays(-1);
        var waiting = db.Workflows.AsNoTracking()
            .Where(w => w.RegionCode == team.RegionCode && w.PractitionerCode != null && !w.LimitedAccess && w.Stage == (int)CaseStage.AwaitingConversation)
            .OrderBy(w => w.Crn).Select(w => new { w.Crn, w.PractitionerCode }).ToList();
        // The discussed case is the demo practitioner's (the last, as other tests take their first): an owner sees an action only
        // while they may see its case, and every demo user who can own one reaches it (their own, team, PDU or region; the panel
        // member by invitation). The others are someone else's, so the demo practitioner cannot own their actions.
        var discussed = waiting.LastOrDefault(c => c.PractitionerCode == practitionerCode)
            ?? throw new InvalidOperationException("The demo practitioner needs a case awaiting a conversation.");
        var cases = waiting.Where(c => c.PractitionerCode != practitionerCode).Take(3).Prepend(discussed).ToList();
        if (cases.Count < 4) throw new InvalidOperationException("The demo region needs four cases awaiting a conversation.");
        var crns = cases.Select(c => c.Crn).ToList();

        foreach (var c in cases.Take(3))
        {
            var crn = c.Crn;
            // The case's own practitioner holds the conversation (permission is checked as for any user).
            var practitioner = new StaffUser("scenario-practitioner", "Scenario practitioner", [Role.Practitioner]) { StaffCode = c.PractitionerCode };
            var record = db.Workflows.AsNoTracking().Single(w => w.Crn == crn);
            var conversation = Conversation.Create(day, "Scenario practitioner", "Demo SPO", "Reflected on risk and housing",
                [BlockageCategory.Accommodation], "", record.ListedOn, today).Value!;
            var escalation = Escalation.Create("No accommodation on release", "Council referral", "Multi-agency advice").Value!;
            Check(workflows.Take(practitioner, new StepRequest(Crn.Parse(crn), WorkflowStep.ConversationEscalated, record.Version, "",
                new StepDetails { Conversation = conversation, Escalation = escalation })));
            var triage = Triage.Create(day, ["Demo panel coordinator"], "Needs more than triage can offer", "", referToPanel: true, today).Value!;
            Check(workflows.Take(team, new StepRequest(Crn.Parse(crn), WorkflowStep.TriageReferredToPanel, record.Version + 1, "", new StepDetails { Triage = triage })));
        }

        var directory = db.PanelMembers.AsNoTracking().Where(m => m.RegionCode == team.RegionCode && m.Active).Select(m => m.Id).ToList();
        var panelMember = db.PanelMembers.AsNoTracking().Single(m => m.UserName == "panel-member").Id;

        var held = Meeting(db, meetings, team, day, directory, crns[0]);
        Check(meetings.RecordAttendance(team, held, Version(db, held), directory.Take(2).ToList()));
        var actions = PanelScenarios.Owners.Select(owner => new ActionInput($"Action for {owner}", owner, Agency.Probation, owner, today.AddDays(14))).ToList();
        Check(services.GetRequiredService<PanelDiscussions>().Record(team, held, Crn.Parse(crns[0]), new DiscussionInput(
            db.Workflows.AsNoTracking().Single(w => w.Crn == crns[0]).Version, "Discussed housing", "Refer to housing", actions)));
        var actionOf = db.CaseActions.AsNoTracking().Where(a => a.Crn == crns[0]).ToDictionary(a => a.OwnerUserName!, a => a.Id);

        var scheduled = Meeting(db, meetings, team, meetings.NextWorkingDay(today.AddDays(7)), [panelMember], crns[1]);
        var undiscussed = Meeting(db, meetings, team, day, [panelMember], crns[2]);
        Check(meetings.RecordAttendance(team, undiscussed, Version(db, undiscussed), [panelMember]));
        return new PanelScenario(held, crns[0], scheduled, crns[1], undiscussed, crns[2], crns[3], panelMember, actionOf);
    }

    private static long Meeting(ComplexCasesDbContext db, PanelMeetings meetings, StaffUser team, DateOnly on, List<long> invited, string crn)
    {
        var id = Check(meetings.Schedule(team, on, "Demo Member Ashdown")).Id;
        Check(meetings.Invite(team, id, Version(db, id), invited));
        Check(meetings.SetAgenda(team, id, Version(db, id), [crn]));
        return id;
    }

    private static int Version(ComplexCasesDbContext db, long meeting) => db.PanelMeetings.AsNoTracking().Single(m => m.Id == meeting).Version;

    private static T Check<T>(UseCaseResult<T> result) =>
        result.Succeeded ? result.Value! : throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Message)));
}
