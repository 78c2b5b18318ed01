using System.Collections.Frozen;
using static ComplexCases.Application.Access.Permission;

namespace ComplexCases.Application.Access;

/// <summary>Which cases a role's case-scoped permissions reach (evaluated by <see cref="CaseAccess"/>).</summary>
public enum CaseScope
{
    None = 0,
    /// <summary>Cases whose practitioner is the user (their staff code).</summary>
    OwnCases = 1,
    /// <summary>Cases whose SPO is the user, or allocated to one of the user's teams.</summary>
    TeamCases = 2,
    /// <summary>Cases in the user's PDU.</summary>
    Pdu = 3,
    /// <summary>Cases in the user's region.</summary>
    Region = 4,
    /// <summary>Every case (limited-access cases still need the user to be named).</summary>
    All = 5,
    /// <summary>Cases on the agendas of panel meetings the user is invited to, from invitation until the meeting's follow-up closes.</summary>
    PanelAgenda = 6,
}

/// <summary>
/// THE access matrix: what each role may do, and over which cases. Change access here and only here;
/// PermissionsTests holds the expected table, so every change shows up as a failing test to review.
/// A user's access is the union over their roles; a user with no role may do nothing.
/// </summary>
public static class Permissions
{
    private const bool Y = true;
    private const bool N = false;

    private static readonly Role[] Columns =
        [Role.Practitioner, Role.Spo, Role.HeadOfPdu, Role.PanelTeam, Role.PanelMember, Role.Qdo, Role.Analyst, Role.Administrator];

    private static readonly (Permission Permission, bool[] Roles)[] Grid =
    [
        //                   Practitioner  Spo  HeadOfPdu  PanelTeam  PanelMember  Qdo  Analyst  Administrator
        (ViewHome,          [Y,            Y,   Y,         Y,         Y,           Y,   Y,       Y]),
        (ViewDefinitions,   [Y,            Y,   Y,         Y,         Y,           Y,   Y,       Y]),
        (ViewMonthlyList,   [Y,            Y,   Y,         Y,         N,           Y,   Y,       N]),
        (ViewCase,          [Y,            Y,   Y,         Y,         N,           Y,   Y,       N]),
        (ViewCaseNames,     [Y,            Y,   Y,         Y,         N,           Y,   N,       N]),
        (DownloadList,      [N,            Y,   Y,         Y,         N,           N,   N,       N]),
        (ViewAggregates,    [N,            N,   Y,         Y,         N,           Y,   Y,       N]),
        (ViewRuns,          [N,            N,   N,         N,         N,           N,   Y,       Y]),
        (RunScreening,      [N,            N,   N,         N,         N,           N,   Y,       N]),
        (ViewRejectedRows,  [N,            N,   N,         N,         N,           N,   Y,       N]),
        (ManageDefinitions, [N,            N,   N,         N,         N,           N,   Y,       N]),
        (AdoptDefinitions,  [N,            N,   Y,         N,         N,           N,   N,       N]),
        (ManageUsers,       [N,            N,   N,         N,         N,           N,   N,       Y]),
        (ViewAuditLog,      [N,            N,   N,         N,         N,           N,   N,       Y]),
        (ViewApi,           [N,            N,   N,         N,         N,           N,   Y,       N]),
        (RecordConversation,[Y,            Y,   N,         N,         N,           N,   N,       N]),
        (RecordTriage,      [N,            N,   N,         Y,         N,           N,   N,       N]),
        (ManagePanels,      [N,            N,   N,         Y,         N,           N,   N,       N]),
        (ViewPanels,        [N,            N,   N,         Y,         Y,           Y,   N,       N]),
        (UpdateOwnActions,  [Y,            Y,   Y,         Y,         Y,           N,   N,       N]),
        (RecordQualityReview,[N,           N,   N,         N,         N,           Y,   N,       N]),
        (ViewPduProgress,   [N,            Y,   Y,         Y,         N,           Y,   N,       N]),
        (ViewNotifications, [Y,            Y,   Y,         Y,         Y,           Y,   Y,       Y]),
        (ViewPanelCase,     [N,            N,   N,         Y,         Y,           N,   N,       N]),
        (CheckRecords,      [Y,            Y,   Y,         N,         N,           N,   N,       N]),
        (ViewPanelSolutions,[Y,            Y,   Y,         Y,         Y,           Y,   Y,       N]),
        (UseApiTokens,      [Y,            Y,   Y,         Y,         Y,           Y,   Y,       Y]),
    ];
    // Why the less obvious cells are as they are:
    // - PanelMember: no list or full case page; the panel fields of cases on their own meetings' agendas only (ViewPanelCase).
    // - Qdo: QDOs review practice quality, so they view cases with names, but a download is a disclosure they do not need.
    // - Practitioner: their own few cases are on screen; an export would be a copy outside the audit trail for no need.
    // - Analyst: every case but pseudonymised (no ViewCaseNames), and no download: pseudonymised rows are still personal data.
    // - Administrator: runs the service, not cases; case access needs a second role.
    // - ViewRejectedRows: masked values, but still about people; only those who run screenings fix extract quality.
    // - ViewAggregates: counts only, for those who plan capacity or oversee quality across a PDU or region.
    // - RecordConversation: the practitioner and their SPO hold the conversation together; either may record it. The same
    //   permission opens the SPO's confirmation page (/cases/{crn}/conversation/confirm), and only the SPO named on the
    //   record may confirm it (CaseWorkflows.ConfirmConversation).
    // - ViewCase also opens a quality review's feedback (/cases/{crn}/reviews/{id}); only the case's practitioner may reply
    //   to it or mark it read (QualityReviews.Reply, MarkRead).
    // - RecordTriage, ManagePanels: the Complex Cases Panel team runs triage and panels for its region (ManagePanels also
    //   moves a meeting, /panels/{id}/reschedule). A case's practitioner and SPO, invited with it, see its agenda entry on
    //   the case page they already may open, not the meeting page (which would show the other cases).
    // - ViewPanels: QDOs observe panels for practice quality; panel members see only meetings they are invited to.
    // - UpdateOwnActions: anyone who can be named as an action's owner; the action itself must name them, and they must still
    //   see the case: in their own case scope on its latest listing, or for a panel member while it is on the agenda of a meeting
    //   they are invited to whose follow-up is open (PanelScope.MayOpenCase). Owned, not scoped: CaseActions.MaySee decides.
    // - ViewPduProgress: staff names and counts only, for those who see that everyone has acted (SPO: their team).
    // - ViewPanelCase: a panel member's only view of a case: the panel fields, while the case is on their meetings' agendas.
    // - UseApiTokens: everyone. A token carries no access of its own: each call acts with the account's current roles and
    //   scope, so a token lets a script do exactly what its holder may do in the browser, and no more.
    // - ViewApi: bulk, non-interactive API clients (client-credentials service tokens; not built yet), which only analysis
    //   needs for now. Personal access tokens (UseApiTokens) are not that: they act as their account.
    //   A signed-in user calling the JSON endpoints that mirror the pages needs only those pages' permissions.
    // - ViewPanelSolutions: what panels agreed, with the person, their CRN, the action owners and the exact dates taken out,
    //   so every caseworker can learn from it (the evaluation's trickle-down effect); the administrator runs the service only.
    // - ManageDefinitions: analysts write and check definitions and judge them in the definitions lab; a saved version changes
    //   nothing until it is adopted. The administrator runs the service, not what makes a case complex.
    // - AdoptDefinitions: which cases are put in front of practitioners and SPOs is an operational decision, so the senior
    //   manager (head of PDU) takes it, with a reason; not the analyst who wrote the definition (one writes, another
    //   decides), nor the administrator.
    // - CheckRecords: a possibly complex case is a data-quality task, not a conversation. The practitioner owns it (updates
    //   the records); their SPO and head of PDU see it, and how many there are per team, to make sure it gets done.

    private static readonly FrozenDictionary<Role, CaseScope> Scopes = new Dictionary<Role, CaseScope>
    {
        [Role.Practitioner] = CaseScope.OwnCases,
        [Role.Spo] = CaseScope.TeamCases,
        [Role.HeadOfPdu] = CaseScope.Pdu,
        [Role.PanelTeam] = CaseScope.Region,
        [Role.PanelMember] = CaseScope.PanelAgenda,
        [Role.Qdo] = CaseScope.Region,
        [Role.Analyst] = CaseScope.All,
        [Role.Administrator] = CaseScope.None,
    }.ToFrozenDictionary();

    /// <summary>The permissions evaluated per case through <see cref="ScopeOf"/>; the others are global.</summary>
    public static IReadOnlySet<Permission> CaseScoped { get; } =
        new[] { ViewMonthlyList, ViewCase, ViewCaseNames, DownloadList, RecordConversation, RecordTriage, ManagePanels, RecordQualityReview, ViewPanelCase, CheckRecords }
            .ToFrozenSet();

    /// <summary>The permission that lets a user take a workflow step on a case in their scope; null for steps only the system takes.</summary>
    public static Permission? ToTake(Domain.Workflow.WorkflowStep step) => step switch
    {
        Domain.Workflow.WorkflowStep.ConversationNoFurtherSupport or Domain.Workflow.WorkflowStep.ConversationEscalated => RecordConversation,
        Domain.Workflow.WorkflowStep.TriageAdviceGiven or Domain.Workflow.WorkflowStep.TriageReferredToPanel => RecordTriage,
        Domain.Workflow.WorkflowStep.PanelDiscussed or Domain.Workflow.WorkflowStep.FollowUpClosed
            or Domain.Workflow.WorkflowStep.FollowUpBackToPanel or Domain.Workflow.WorkflowStep.Withdrawn => ManagePanels,
        Domain.Workflow.WorkflowStep.Relisted => null,
        _ => throw new ArgumentOutOfRangeException(nameof(step), step, null),
    };

    private static readonly FrozenDictionary<Role, FrozenSet<Permission>> ByRole = BuildByRole();

    public static IReadOnlyList<Role> AllRoles { get; } = Enum.GetValues<Role>();

    public static IReadOnlyList<Permission> AllPermissions { get; } = Enum.GetValues<Permission>();

    public static bool Has(Role role, Permission permission) =>
        ByRole.TryGetValue(role, out var permissions) && permissions.Contains(permission);

    public static IReadOnlyCollection<Permission> Of(Role role) =>
        ByRole.TryGetValue(role, out var permissions) ? permissions : FrozenSet<Permission>.Empty;

    /// <summary>True when any of the user's roles grants it. For a case-scoped permission this says only that some
    /// case may be reachable: ask <see cref="CaseAccess.Can"/> about a particular case.</summary>
    public static bool Has(StaffUser user, Permission permission) => user.Roles.Any(role => Has(role, permission));

    /// <summary>The union over the user's roles.</summary>
    public static IReadOnlyCollection<Permission> Of(StaffUser user) => user.Roles.SelectMany(Of).ToFrozenSet();

    /// <summary>The roles holding a permission, e.g. for a web role policy.</summary>
    public static IReadOnlyCollection<Role> RolesWith(Permission permission) =>
        [.. AllRoles.Where(role => Has(role, permission))];

    public static CaseScope ScopeOf(Role role) => Scopes.GetValueOrDefault(role, CaseScope.None);

    private static FrozenDictionary<Role, FrozenSet<Permission>> BuildByRole()
    {
        // Fail at start-up rather than grant by accident: every role a column, every permission one full row.
        if (!Columns.Order().SequenceEqual(Enum.GetValues<Role>().Order()))
            throw new InvalidOperationException("Permissions grid: the columns must be every role exactly once.");
        if (!Grid.Select(row => row.Permission).Order().SequenceEqual(Enum.GetValues<Permission>().Order()))
            throw new InvalidOperationException("Permissions grid: the rows must be every permission exactly once.");
        if (Grid.FirstOrDefault(row => row.Roles.Length != Columns.Length) is { Roles: not null } bad)
            throw new InvalidOperationException($"Permissions grid: the {bad.Permission} row needs one cell per role.");

        return Columns
            .Select((role, column) => (role, permissions: Grid.Where(row => row.Roles[column]).Select(row => row.Permission).ToFrozenSet()))
            .ToFrozenDictionary(x => x.role, x => x.permissions);
    }
}
