namespace ComplexCases.Application.Audit;

/// <summary>The audited event types (docs/audit-events.md). Add a row to that table with any new one.</summary>
public static class AuditEventTypes
{
    /// <summary>Collection: a screening run stored (an extract imported).</summary>
    public const string ScreeningRun = "screening.run";
    /// <summary>Erasure: a stored run replaced by a re-run of the same extract (<c>--replace</c>).</summary>
    public const string ScreeningRunReplaced = "screening.run_replaced";
    /// <summary>Combination: this month's list compared with the previous stored run's (new, continuing, left, months listed).</summary>
    public const string ScreeningRunCombined = "screening.run_combined";
    /// <summary>Collection: a month beyond the reconciliation limits stored because the analyst accepted it, with the reason.</summary>
    public const string ScreeningChangesAccepted = "screening.changes_accepted";

    // Recorded by the web application (issue 3).
    public const string ListViewed = "list.viewed";
    public const string CaseViewed = "case.viewed";
    /// <summary>Consultation: a home page naming the cases waiting on the user (this month's list, conversations, triage).</summary>
    public const string HomeViewed = "home.viewed";
    /// <summary>Consultation: the panel solutions library searched (entries taken out of their cases; details: the search and how many matched).</summary>
    public const string PanelSolutionsSearched = "panel_solutions.searched";
    /// <summary>Disclosure: the panel solutions matching a search downloaded as CSV or XLSX (taken out of their cases; details: the search, how many, the format).</summary>
    public const string PanelSolutionsExported = "panel_solutions.exported";
    /// <summary>Disclosure: an aggregate table downloaded (counts only, small counts withheld; no subjects).</summary>
    public const string InsightExported = "insight.exported";
    /// <summary>Disclosure: an aggregate page shown (counts only, small counts withheld; no subjects; details: the page and period).</summary>
    public const string InsightViewed = "insight.viewed";
    /// <summary>Consultation: the possibly complex cases whose records the user is to check and update (subjects: those shown).</summary>
    public const string RecordsToCheckViewed = "records_to_check.viewed";
    /// <summary>Disclosure: a table of the records to check downloaded as CSV or XLSX (subjects: the people in it, none for the counts; details: run, table, format).</summary>
    public const string RecordsToCheckExported = "records_to_check.exported";
    public const string ListDownloaded = "list.downloaded";
    /// <summary>Alteration: a new version of a definition saved in the service (no people concerned).</summary>
    public const string DefinitionSaved = "definition.saved";
    /// <summary>Alteration: a definition version adopted for the monthly lists that feed the process, from a month on, with the reason.</summary>
    public const string DefinitionAdopted = "definition.adopted";
    public const string AccessDenied = "access.denied";
    /// <summary>Attempted collection: an upload (an extract) the service refused: too large, not an extract, an incomplete form.</summary>
    public const string UploadRefused = "upload.refused";
    /// <summary>Attempted consultation: a sign-in failed (wrong password or unknown user name); actor: the user name tried.</summary>
    public const string SignInFailed = "sign_in.failed";
    /// <summary>Attempted consultation: a sign-in to a locked account, or the failure that locked it; actor: the user name tried.</summary>
    public const string SignInLockedOut = "sign_in.locked_out";
    public const string AuditSearched = "audit.searched";
    /// <summary>Alteration: an administrator added a staff account (subjects: limited-access cases it is named for).</summary>
    public const string AccountCreated = "account.created";
    /// <summary>Alteration: an administrator changed an account's roles, codes, lock or limited-access cases (subjects: CRNs added or removed).</summary>
    public const string AccountChanged = "account.changed";
    /// <summary>Consultation: an administrator opened a staff account's page (subjects: the limited-access cases it is named for).</summary>
    public const string AccountViewed = "account.viewed";
    /// <summary>Alteration: an account made itself an API token (details: account, token name, hint, days; never the secret).</summary>
    public const string TokenCreated = "token.created";
    /// <summary>Alteration: an API token revoked, by its holder or an administrator (details: account, token name, hint).</summary>
    public const string TokenRevoked = "token.revoked";
    /// <summary>Attempted consultation: an API call with a token that is unknown, expired, revoked, or whose account is locked.</summary>
    public const string TokenRefused = "token.refused";
    /// <summary>Consultation: a page of a run's rejected rows shown (masked values, but about people; subjects: any whole CRN among them).</summary>
    public const string RunRejectionsViewed = "run.rejections_viewed";

    // Recorded by the case workflow (issue 4).
    /// <summary>Alteration: a monthly run put complex cases into the process (new or listed again).</summary>
    public const string WorkflowEntered = "workflow.entered";
    /// <summary>Alteration: a step taken on a case (conversation, escalation, triage, panel, follow-up, withdrawal).</summary>
    public const string WorkflowStepTaken = "workflow.step";
    /// <summary>Alteration: the SPO named on a conversation confirmed the record.</summary>
    public const string ConversationConfirmed = "workflow.conversation_confirmed";

    // Recorded by quality reviews and notifications (issue 4).
    /// <summary>Alteration: a QDO recorded a quality review of a case (checklist answers, feedback, peer-support notes).</summary>
    public const string QualityReviewRecorded = "quality.review_recorded";
    /// <summary>Alteration: the practitioner replied to a review's feedback, or marked it read.</summary>
    public const string QualityFeedbackAnswered = "quality.feedback_answered";
    /// <summary>Consultation: a QDO's home page naming this month's sampled cases.</summary>
    public const string QualityHomeViewed = "quality.home_viewed";
    /// <summary>Consultation: a QDO viewed a month's quality sample (the sampled cases, with names).</summary>
    public const string QualitySampleViewed = "quality.sample_viewed";
    /// <summary>Alteration: notifications created for staff (newly listed, reminders, invitations, feedback).</summary>
    public const string NotificationsCreated = "notifications.created";
    /// <summary>Consultation: a user read their own notifications (which carry CRNs).</summary>
    public const string NotificationsViewed = "notifications.viewed";
    /// <summary>Disclosure: notifications (which carry CRNs) emailed to a member of staff (DPA 2018 s.62: transmission).</summary>
    public const string NotificationsEmailed = "notifications.emailed";

    // Recorded by the multi-agency panel (issue 4: panels, expertise, actions).
    /// <summary>Alteration: a panel directory member added, edited, deactivated or reactivated (no people concerned).</summary>
    public const string PanelDirectoryChanged = "panel.directory_changed";
    /// <summary>Alteration: a meeting scheduled, its invitations, agenda or attendance changed, or its follow-up closed.</summary>
    public const string PanelMeetingChanged = "panel.meeting_changed";
    /// <summary>Consultation: a meeting page shown with its agenda cases.</summary>
    public const string PanelMeetingViewed = "panel.meeting_viewed";
    /// <summary>Consultation: the panel view of one agenda case.</summary>
    public const string PanelCaseViewed = "panel.case_viewed";
    /// <summary>Alteration: actions agreed at panel, stored with the case's panel discussion step.</summary>
    public const string ActionCreated = "action.created";
    /// <summary>Alteration: an action's status or notes changed by its owner or the panel team.</summary>
    public const string ActionUpdated = "action.updated";
    /// <summary>Consultation: actions listed or shown to their owner or the panel team.</summary>
    public const string ActionViewed = "action.viewed";

    // Recorded by the definitions lab (issue 14).
    /// <summary>Collection: an outcome file imported (recalls, breaches, further offences, deaths of people on probation).</summary>
    public const string OutcomesImported = "outcomes.imported";
    /// <summary>Combination: a definition evaluated against outcomes over stored months (screening results joined with outcomes).</summary>
    public const string DefinitionEvaluated = "definition.evaluated";
    /// <summary>Combination: two definitions compared over stored months (who each lists, per PDU and month).</summary>
    public const string DefinitionsCompared = "definitions.compared";

    // Recorded by operations (docs/operations.md).
    /// <summary>Erasure: the personal data of people no longer supervised, erased after the retention period (count and digest only).</summary>
    public const string RetentionErased = "retention.erased";
}
