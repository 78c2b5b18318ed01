namespace ComplexCases.Application.Audit;

/// <summary>The audited event types (docs/audit-events.md). Add a row to that table with any new one.</summary>
public static class AuditEventTypes
{
    /// <summary>Collection: a screening run stored (an extract imported).</summary>
    public const string ScreeningRun = "screening.run";
    /// <summary>Erasure: a stored run replaced by a re-run of the same extract (<c>--replace</c>).</summary>
    public const string ScreeningRunReplaced = "screening.run_replaced";

    // Recorded by the web application (issue 3).
    public const string ListViewed = "list.viewed";
    public const string CaseViewed = "case.viewed";
    public const string ListDownloaded = "list.downloaded";
    public const string DefinitionChanged = "definition.changed";
    public const string AccessDenied = "access.denied";
    public const string AuditSearched = "audit.searched";
    /// <summary>Alteration: an administrator added a staff account (subjects: limited-access cases it is named for).</summary>
    public const string AccountCreated = "account.created";
    /// <summary>Alteration: an administrator changed an account's roles, codes, lock or limited-access cases (subjects: CRNs added or removed).</summary>
    public const string AccountChanged = "account.changed";

    // Recorded by the case workflow (issue 4).
    /// <summary>Alteration: a monthly run put complex cases into the process (new or listed again).</summary>
    public const string WorkflowEntered = "workflow.entered";
    /// <summary>Alteration: a step taken on a case (conversation, escalation, triage, panel, follow-up, withdrawal).</summary>
    public const string WorkflowStepTaken = "workflow.step";

    // Recorded by quality reviews and notifications (issue 4).
    /// <summary>Alteration: a QDO recorded a quality review of a case (checklist answers, feedback, peer-support notes).</summary>
    public const string QualityReviewRecorded = "quality.review_recorded";
    /// <summary>Consultation: a QDO viewed a month's quality sample (the sampled cases, with names).</summary>
    public const string QualitySampleViewed = "quality.sample_viewed";
    /// <summary>Alteration: notifications created for staff (newly listed, reminders, invitations, feedback).</summary>
    public const string NotificationsCreated = "notifications.created";
    /// <summary>Consultation: a user read their own notifications (which carry CRNs).</summary>
    public const string NotificationsViewed = "notifications.viewed";
}
