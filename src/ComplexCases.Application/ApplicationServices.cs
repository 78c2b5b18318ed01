using ComplexCases.Application.Access;
using ComplexCases.Application.Administration;
using ComplexCases.Application.Audit;
using ComplexCases.Application.CasePage;
using ComplexCases.Application.Cases;
using ComplexCases.Application.Definitions;
using ComplexCases.Application.Home;
using ComplexCases.Application.Lists;
using ComplexCases.Application.Evaluation;
using ComplexCases.Application.Insight;
using ComplexCases.Application.Notifications;
using ComplexCases.Application.Panels;
using ComplexCases.Application.Quality;
using ComplexCases.Application.RecordChecks;
using ComplexCases.Application.Screening;
using ComplexCases.Application.Workflow;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ComplexCases.Application;

/// <summary>
/// The one way the application's services are built, in every host: the web registers this, and so does the command line.
/// The host adds what only it can choose: the <see cref="TimeProvider"/>, the database context (scoped), logging, the
/// <see cref="WorkflowSettings"/> and <see cref="QualitySettings"/> read from its configuration, the email hook, and the
/// web's <see cref="GroupCommitAuditWriter"/> (page views audited on connections of its own, which the read use cases' <see cref="Consultations"/> needs). Nothing
/// in the application news up a service it depends on, so a test or a host swaps one registration and everything follows.
/// </summary>
public static class ApplicationServices
{
    public static IServiceCollection AddComplexCasesApplication(this IServiceCollection services)
    {
        // Stateless: one each for the process.
        services.TryAddSingleton<AuditLog>();
        services.TryAddSingleton<WorkflowIntake>();
        services.TryAddSingleton<EvaluateDefinition>();
        services.TryAddSingleton<CompareDefinitions>();
        services.TryAddSingleton<ImportOutcomes>();
        services.TryAddSingleton<Retention.EraseFormerPeople>();
        // Counts per stored run, kept once computed (a stored run never changes).
        services.TryAddSingleton<CriteriaCounts>();
        services.TryAddSingleton<RunPopulations>();
        // Metrics and spans of runs and sweeps (System.Diagnostics only; the host decides where they go).
        services.TryAddSingleton<ScreeningTelemetry>();
        services.TryAddSingleton<SweepTelemetry>();
        // Keeps the last run's refusal: a new one per run.
        services.TryAddTransient<ScreenExtract>();

        // Per request or scope: they share its database context (and so its transaction).
        services.TryAddScoped<NotificationCentre>();
        services.TryAddScoped<IWorkflowNotices>(provider => provider.GetRequiredService<NotificationCentre>());
        services.TryAddScoped<IPanelNotices, PanelNotices>();
        services.TryAddScoped<ReminderSweep>();
        services.TryAddScoped<JobFailures>();
        services.TryAddScoped<CaseWorkflows>();
        services.TryAddScoped<PanelDirectory>();
        services.TryAddScoped<PanelMeetings>();
        services.TryAddScoped<PanelDiscussions>();
        services.TryAddScoped<PanelExpertise>();
        services.TryAddScoped<PanelCases>();
        services.TryAddScoped<CaseActions>();
        services.TryAddScoped<QualityReviews>();
        services.TryAddScoped<AccountAdministration>();
        services.TryAddScoped<ApiTokens>();
        services.TryAddScoped<CreateAccount>();
        services.TryAddScoped<RecordsToCheck>();
        services.TryAddScoped<ProcessInsight>();
        services.TryAddScoped<QualityInsight>();
        services.TryAddScoped<ExpertiseInsight>();
        services.TryAddScoped<CapacityInsight>();
        services.TryAddScoped<ListTrend>();
        services.TryAddScoped<MonthSummary>();
        services.TryAddScoped<Solutions.PanelSolutions>();

        // Read use cases, shared by pages and the API: each checks access, reads and audits (through Consultations) in one place.
        services.TryAddScoped<Consultations>();
        services.TryAddScoped<OpenCase>();
        services.TryAddScoped<ShowMonthlyList>();
        services.TryAddScoped<DownloadMonthlyList>();
        services.TryAddScoped<CaseViewQuery>();
        services.TryAddScoped<ShowRunRejections>();
        services.TryAddScoped<RunHistory>();
        services.TryAddScoped<DefinitionUsage>();
        services.TryAddScoped<DefinitionLibrary>();
        services.TryAddScoped<StepCaseQuery>();
        services.TryAddScoped<WaitingCases>();
        services.TryAddScoped<ShowHome>();
        services.TryAddScoped<ShowPduProgress>();
        services.TryAddScoped<ListAccounts>();
        services.TryAddScoped<BrowseAuditLog>();
        services.TryAddScoped<DefinitionLab>();
        services.TryAddScoped<DefinitionComparison>();
        services.TryAddScoped<OpenReview>();
        return services;
    }
}
