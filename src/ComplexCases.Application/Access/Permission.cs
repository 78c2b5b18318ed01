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
    ManageDefinitions = 10,
    ManageUsers = 11,
    ViewAuditLog = 12,
    /// <summary>Counts per PDU and month: no person-level data.</summary>
    ViewAggregates = 13,
    /// <summary>The JSON API for programmatic clients; each endpoint also requires its page's permission.</summary>
    ViewApi = 14,
}
