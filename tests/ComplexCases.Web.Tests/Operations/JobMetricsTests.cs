using System.Diagnostics.Metrics;
using ComplexCases.Web.Operations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ComplexCases.Web.Tests.Operations;

/// <summary>What each job outcome adds to the <c>ComplexCases.Jobs</c> meter (the workers' own tests measure real jobs).</summary>
public sealed class JobMetricsTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2025, 6, 16, 9, 0, 0, TimeSpan.Zero));

    public void Dispose() => _services.Dispose();

    private IMeterFactory Meters => _services.GetRequiredService<IMeterFactory>();

    [Theory]
    [InlineData(JobOutcome.Succeeded, 1, 0)]
    [InlineData(JobOutcome.Failed, 0, 1)]
    [InlineData(JobOutcome.NeedsAcceptance, 0, 0)]
    [InlineData(JobOutcome.Stopped, 0, 0)]
    public void AnEndedJob_IsTimedByOutcome_AndCountedOnlyWhenItSucceededOrFailed(string outcome, int succeeded, int failed)
    {
        using var measurements = new Measurements(Meters, JobMetrics.Name);
        var metrics = new JobMetrics(_clock, Meters);

        var run = metrics.Started(JobMetrics.Screening);
        _clock.Advance(TimeSpan.FromSeconds(90));
        metrics.Ended(run, outcome);

        measurements.Sum("complexcases.jobs.started", "job.kind", JobMetrics.Screening).ShouldBe(1);
        measurements.Sum("complexcases.jobs.succeeded", "job.kind", JobMetrics.Screening).ShouldBe(succeeded);
        measurements.Sum("complexcases.jobs.failed", "job.kind", JobMetrics.Screening).ShouldBe(failed);
        var duration = measurements.Of("complexcases.jobs.duration").ShouldHaveSingleItem();
        duration.Value.ShouldBe(90);
        duration.Tags["outcome"].ShouldBe(outcome);
    }

    [Theory]
    [InlineData(true, "requeued", 0)]
    [InlineData(false, "failed", 1)]
    public void AJobTakenOver_IsCounted_AndAsAFailureOnItsLastAttempt(bool requeued, string tag, int failed)
    {
        using var measurements = new Measurements(Meters, JobMetrics.Name);

        new JobMetrics(_clock, Meters).TakenOver(JobMetrics.Screening, requeued);

        var takenOver = measurements.Of("complexcases.jobs.taken_over").ShouldHaveSingleItem();
        takenOver.Tags["outcome"].ShouldBe(tag);
        takenOver.Tags["job.kind"].ShouldBe(JobMetrics.Screening);
        measurements.Sum("complexcases.jobs.failed", "job.kind", JobMetrics.Screening).ShouldBe(failed);
        measurements.Of("complexcases.jobs.started").ShouldBeEmpty();
    }
}
