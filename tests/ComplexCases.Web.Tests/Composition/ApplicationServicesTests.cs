using ComplexCases.Application.Access;
using ComplexCases.Application.Audit;
using ComplexCases.Application.Evaluation;
using ComplexCases.Application.Notifications;
using ComplexCases.Application.Panels;
using ComplexCases.Application.Quality;
using ComplexCases.Application.Screening;
using ComplexCases.Application.Workflow;
using Microsoft.Extensions.DependencyInjection;

namespace ComplexCases.Web.Tests.Composition;

/// <summary>The site builds every use case through the container (ApplicationServices), on its own clock, with one audit log.</summary>
public sealed class ApplicationServicesTests
{
    private static readonly Type[] UseCases =
    [
        typeof(ScreenExtract), typeof(WorkflowIntake), typeof(CaseWorkflows), typeof(IWorkflowNotices), typeof(PanelMeetings), typeof(IPanelNotices),
        typeof(PanelDirectory), typeof(PanelDiscussions), typeof(PanelExpertise), typeof(PanelCases), typeof(CaseActions), typeof(QualityReviews),
        typeof(NotificationCentre), typeof(ReminderSweep), typeof(AccountAdministration), typeof(EvaluateDefinition), typeof(CompareDefinitions),
        typeof(ImportOutcomes), typeof(ComplexCases.Application.RecordChecks.RecordsToCheck),
        typeof(ComplexCases.Application.Insight.ProcessInsight), typeof(ComplexCases.Application.Insight.ListTrend),
        typeof(ComplexCases.Application.Insight.CriteriaCounts),
    ];

    [Fact]
    public void TheSite_BuildsEveryUseCase()
    {
        using var site = new ConfiguredSiteFactory("Testing", new Dictionary<string, string?> { ["Notifications:SweepMinutes"] = "0" });
        using var scope = site.Services.CreateScope();

        UseCases.Where(useCase => scope.ServiceProvider.GetService(useCase) is null).ShouldBeEmpty();
    }

    [Fact]
    public void TheWorkflowAndPanels_TellTheirNoticesToNotifications_InTheRequestsScope()
    {
        using var site = new ConfiguredSiteFactory("Testing", new Dictionary<string, string?> { ["Notifications:SweepMinutes"] = "0" });
        using var scope = site.Services.CreateScope();

        // The step's notices are stored by the same centre (and so the same context and transaction) as the request's.
        scope.ServiceProvider.GetRequiredService<IWorkflowNotices>().ShouldBeSameAs(scope.ServiceProvider.GetRequiredService<NotificationCentre>());
        scope.ServiceProvider.GetRequiredService<IPanelNotices>().ShouldBeOfType<PanelNotices>();
        site.Services.GetRequiredService<AuditLog>().ShouldBeSameAs(scope.ServiceProvider.GetRequiredService<AuditLog>());
    }

    [Fact]
    public void QualitySampleSizeBelowOne_StopsTheStartWithTheReason()
    {
        using var site = new ConfiguredSiteFactory("Testing", new Dictionary<string, string?>
        {
            ["Quality:SampleSize"] = "0", ["Notifications:SweepMinutes"] = "0",
        });

        var error = Should.Throw<Microsoft.Extensions.Options.OptionsValidationException>(() => site.Services);

        error.Message.ShouldContain(QualityAndNotificationsSetup.SampleSizeTooSmall);
    }

    [Theory]
    [InlineData("-0.1")]
    [InlineData("1.5")]
    public void SecondReviewShareOutsideZeroToOne_StopsTheStartWithTheReason(string share)
    {
        using var site = new ConfiguredSiteFactory("Testing", new Dictionary<string, string?>
        {
            ["Quality:SecondReviewShare"] = share, ["Notifications:SweepMinutes"] = "0",
        });

        var error = Should.Throw<Microsoft.Extensions.Options.OptionsValidationException>(() => site.Services);

        error.Message.ShouldContain(QualityAndNotificationsSetup.SecondReviewShareOutOfRange);
    }

    [Fact]
    public void SecondReviewShare_IsReadFromConfiguration()
    {
        using var site = new ConfiguredSiteFactory("Testing", new Dictionary<string, string?>
        {
            ["Quality:SecondReviewShare"] = "0.25", ["Notifications:SweepMinutes"] = "0",
        });

        site.Services.GetRequiredService<ComplexCases.Application.Quality.QualitySettings>().SecondReviewShare.ShouldBe(0.25);
    }
}
