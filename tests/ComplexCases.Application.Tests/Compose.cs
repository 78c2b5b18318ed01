using ComplexCases.Application.Audit;
using ComplexCases.Application.Notifications;
using ComplexCases.Application.Screening;
using ComplexCases.Application.Workflow;
using ComplexCases.Data;
using Microsoft.Extensions.Logging.Abstractions;

namespace ComplexCases.Application.Tests;

/// <summary>
/// Use cases wired as ApplicationServices wires them (the same collaborators, the test's own clock and database context), for
/// tests that hold a context of their own and need no container. The composition itself is tested in ApplicationServicesTests.
/// </summary>
internal static class Compose
{
    private static readonly Lazy<WorkflowSettings> Shipped = new(() => WorkflowSettings.Load(Path.Combine(AppContext.BaseDirectory, "definitions")));

    /// <summary>The settings shipped beside the program (the definitions folder), with default timescales, read once.</summary>
    public static WorkflowSettings ShippedSettings => Shipped.Value;

    public static NotificationCentre Notifications(ComplexCasesDbContext db, TimeProvider clock) => new(db, new AuditLog(clock), clock);

    public static CaseWorkflows Workflows(ComplexCasesDbContext db, WorkflowSettings settings, TimeProvider clock) =>
        new(db, settings, new AuditLog(clock), Notifications(db, clock), clock);

    public static WorkflowIntake Intake(WorkflowSettings settings, TimeProvider clock) => new(settings, new AuditLog(clock), clock);

    public static ReminderSweep Sweep(ComplexCasesDbContext db, WorkflowSettings settings, TimeProvider clock) =>
        new(db, settings, Notifications(db, clock), clock);

    public static ScreenExtract Screening(TimeProvider clock, WorkflowSettings? settings = null) =>
        new(clock, ComplexCases.TestSupport.Data.TestDatabases.Provider, new AuditLog(clock), Intake(settings ?? ShippedSettings, clock), NullLogger<ScreenExtract>.Instance);

    public static NotificationEmails Emails(EmailOptions options, IEmailSender sender, TimeProvider clock) =>
        new(options, sender, new AuditLog(clock), clock);
}
