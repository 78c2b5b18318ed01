using ComplexCases.Application.Access;
using ComplexCases.Application.Tests.Access;
using ComplexCases.Application.Workflow;
using ComplexCases.Data;
using ComplexCases.Data.Screening;
using ComplexCases.Data.Workflow;
using ComplexCases.Domain.Panels;
using ComplexCases.Domain.Screening;
using ComplexCases.Domain.Workflow;

namespace ComplexCases.Application.Tests.Workflow;

/// <summary>Workflows, step records and runs for the workflow tests, placed where <see cref="Users.Create(Role, Func{StaffUser, StaffUser}?)"/> reaches.</summary>
internal static class WorkflowData
{
    public static readonly DateOnly ListedOn = new(2024, 9, 2);

    /// <summary>A Tuesday morning eight days after the list: every step's dates are valid on it.</summary>
    public static readonly DateTimeOffset Now = new(2024, 9, 10, 9, 0, 0, TimeSpan.Zero);

    public static DateOnly Today => DateOnly.FromDateTime(Now.UtcDateTime);

    public static WorkflowSettings Settings => Compose.ShippedSettings;

    /// <summary>A stored workflow at <paramref name="stage"/> with the due date that stage has, version 1.</summary>
    public static CaseWorkflowRecord Record(string crn, CaseStage stage) => new()
    {
        Crn = crn,
        PduCode = Users.PduCode,
        RegionCode = Users.RegionCode,
        TeamCode = Users.TeamCode,
        PractitionerCode = Users.StaffCode,
        SpoCode = Access.Cases.SpoCode,
        LatestRunId = 1,
        Stage = (int)stage,
        ListedOn = ListedOn,
        ConversationDue = stage == CaseStage.AwaitingConversation ? ListedOn.AddDays(28) : null,
        TriageDue = stage == CaseStage.AwaitingTriage ? ListedOn.AddDays(14) : null,
        FollowUpDue = stage == CaseStage.ActionsInProgress ? ListedOn.AddDays(56) : null,
        Version = 1,
        UpdatedAt = Now.AddDays(-1),
    };

    /// <summary>The demo-like user for a role, reaching the case (a panel member through an agenda that has it).</summary>
    public static StaffUser UserFor(Role role, string crn)
    {
        var placed = Users.Create(role);
        // Its own id per role, so that an event or audit entry shows who took the step.
        return new StaffUser($"{role}-user".ToLowerInvariant(), $"{role} user", placed.Roles)
        {
            StaffCode = placed.StaffCode, TeamCodes = placed.TeamCodes, PduCode = placed.PduCode, RegionCode = placed.RegionCode,
            PanelAgendaCrns = role == Role.PanelMember ? new HashSet<string> { crn } : new HashSet<string>(),
        };
    }

    /// <summary>The record a step needs, valid as of <see cref="Now"/>; none for steps that carry only notes.</summary>
    public static StepDetails DetailsFor(WorkflowStep step) => step switch
    {
        WorkflowStep.ConversationNoFurtherSupport => new() { Conversation = Conversation() },
        WorkflowStep.ConversationEscalated => new() { Conversation = Conversation(), Escalation = Escalation() },
        WorkflowStep.TriageAdviceGiven => new() { Triage = Triage(referToPanel: false) },
        WorkflowStep.TriageReferredToPanel => new() { Triage = Triage(referToPanel: true) },
        WorkflowStep.PanelDiscussed => new() { Discussion = Discussion() },
        _ => StepDetails.None,
    };

    public static Conversation Conversation() =>
        Domain.Workflow.Conversation.Create(ListedOn.AddDays(2), "Pat Practitioner", "Sam Senior", "Risk plan and accommodation.",
            [BlockageCategory.Accommodation], null, ListedOn, Today).Value!;

    public static Escalation Escalation() =>
        Domain.Workflow.Escalation.Create("No accommodation on release.", "Two housing referrals.", "Help from the council's housing lead.").Value!;

    public static Triage Triage(bool referToPanel) =>
        Domain.Workflow.Triage.Create(Today, ["Panel coordinator"], "Needs several agencies.", referToPanel ? "" : "Call the housing lead.",
            referToPanel, Today).Value!;

    public static PanelDiscussion Discussion() =>
        PanelDiscussion.Create("Discussed housing.", "Housing to assess.",
            [CaseAction.Create("Assess for supported housing", "Hana Housing", Agency.Housing, Today.AddDays(14), Today).Value!]).Value!;

    /// <summary>A stored run of the operational definition listing each CRN as complex in PDU1, placed where the default users reach.</summary>
    public static ScreeningRun Run(ComplexCasesDbContext db, DateOnly asOf, params string[] complexCrns) =>
        RunOf(db, WorkflowSettings.DefaultDefinitionId, asOf, complexCrns);

    public static ScreeningRun RunOf(ComplexCasesDbContext db, string definitionId, DateOnly asOf, params string[] complexCrns)
    {
        var run = new ScreeningRun
        {
            AsOf = asOf, DefinitionId = definitionId, DefinitionVersion = 1, Threshold = 6, ExtractSha256 = new string('a', 64),
            RunBy = "test", StartedAt = Now, CompletedAt = Now, Complex = complexCrns.Length,
        };
        db.Runs.Add(run);
        db.SaveChanges();
        foreach (var crn in complexCrns)
        {
            db.ListedCases.Add(new ListedCase
            {
                RunId = run.Id, Crn = crn, PduCode = Users.PduCode, PduName = "PDU One", RegionCode = Users.RegionCode, Status = (byte)ScreeningStatus.Complex,
                Score = 6, Change = (byte)ListChange.New, MonthsListed = 1, Forename = "Alex", Surname = "Example", TeamCode = Users.TeamCode,
                PractitionerCode = Users.StaffCode, PractitionerName = "Pat Practitioner", SpoCode = Access.Cases.SpoCode, SpoName = "Sam Senior",
                EvidenceJson = "[]",
            });
        }
        db.SaveChanges();
        return run;
    }
}
