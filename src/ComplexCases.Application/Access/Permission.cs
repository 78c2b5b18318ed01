namespace ComplexCases.Application.Access;

/// <summary>Something a page or endpoint lets a user do. Which roles hold which is decided in <see cref="Permissions"/> only.</summary>
/// <remarks>Values are explicit because a permission may be stored or logged by number; never renumber.</remarks>
public enum Permission
{
    ViewHome = 1,
    /// <summary>A monthly list; case-scoped (<see cref="CaseAccess"/>).</summary>
    ViewMonthlyList = 2,
    /// <summary>A case page; case-scoped.</summary>
    ViewCase = 3,
    /// <summary>The person's identifying details (name, date of birth, CRN) rather than a pseudonym; case-scoped.</summary>
    ViewCaseNames = 4,
    /// <summary>CSV/XLSX of a list: a disclosure under DPA 2018 s.62; case-scoped.</summary>
    DownloadList = 5,
    ViewRuns = 6,
    /// <summary>Upload an extract and run a screening.</summary>
    RunScreening = 7,
    ViewRejectedRows = 8,
    ViewDefinitions = 9,
    /// <summary>Write, check and save new versions of definitions in the service (they change nothing until adopted).</summary>
    ManageDefinitions = 10,
    ManageUsers = 11,
    ViewAuditLog = 12,
    /// <summary>Counts per PDU and month: no person-level data.</summary>
    ViewAggregates = 13,
    /// <summary>The JSON API for programmatic clients; each endpoint also requires its page's permission.</summary>
    ViewApi = 14,
    /// <summary>Record the reflective practice conversation (and an escalation); case-scoped.</summary>
    RecordConversation = 15,
    /// <summary>Record a triage decision; case-scoped.</summary>
    RecordTriage = 16,
    /// <summary>Keep the panel directory, schedule meetings and agendas, record panel discussions, follow-ups and withdrawals; case-scoped.</summary>
    ManagePanels = 17,
    /// <summary>See panel meetings: the panel team all in their region, a panel member only those they are invited to.</summary>
    ViewPanels = 18,
    /// <summary>Update an action they own while they may still see its case (checked per action by <c>CaseActions.MaySee</c>).</summary>
    UpdateOwnActions = 19,
    /// <summary>Review a sampled case's practice against the checklist; case-scoped.</summary>
    RecordQualityReview = 20,
    /// <summary>Who has and has not acted on this month's list, per practitioner (names of staff, no case details).</summary>
    ViewPduProgress = 21,
    /// <summary>Their own in-app notifications.</summary>
    ViewNotifications = 22,
    /// <summary>The fields a panel needs about a case on an agenda (agenda-scoped for panel members).</summary>
    ViewPanelCase = 23,
    /// <summary>See possibly complex cases whose records need checking and updating (the practitioner's data-quality task); case-scoped.</summary>
    CheckRecords = 24,
    /// <summary>Search the library of what panels agreed for each kind of blockage (taken out of their cases).</summary>
    ViewPanelSolutions = 25,
    /// <summary>Adopt a stored definition version for the monthly lists that feed the Complex Case process, from a month on, with a reason.</summary>
    AdoptDefinitions = 26,
    /// <summary>Make, list and revoke one's own personal access tokens for the JSON API (/account/tokens).</summary>
    UseApiTokens = 27,
}
