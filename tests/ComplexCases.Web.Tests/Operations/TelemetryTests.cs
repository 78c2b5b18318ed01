using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using ComplexCases.Application.Notifications;
using ComplexCases.Application.Screening;
using ComplexCases.TestSupport;
using ComplexCases.TestSupport.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace ComplexCases.Web.Tests.Operations;

/// <summary>Requests are traced, screening runs and reminder sweeps measured, and a configured OTLP endpoint receives them.</summary>
public sealed class TelemetryTests
{
    [Fact]
    public async Task ARequest_ProducesAServerSpan()
    {
        var spans = new List<Activity>();
        using var site = new ConfiguredSiteFactory("Testing", new Dictionary<string, string?>()).WithWebHostBuilder(b =>
            b.ConfigureTestServices(services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans))));
        var client = site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        // The exporter sees every site's requests in this process (other test classes sign in at the same time), so this
        // request carries a trace of its own and its span is found by that trace.
        var trace = ActivityTraceId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/sign-in");
        request.Headers.Add("traceparent", $"00-{trace.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        (await client.SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.OK);

        // The span ends as the server finishes the request, which may be just after the client has the response.
        var span = await EventuallyAsync(() => Snapshot(spans).FirstOrDefault(s => s.Kind == ActivityKind.Server && s.TraceId == trace));
        span.GetTagItem("url.path").ShouldBe("/sign-in");
        span.GetTagItem("http.response.status_code").ShouldBe(200);
        span.GetTagItem("http.request.method").ShouldBe("GET");
    }

    [Fact]
    public async Task HealthProbes_AreNotTraced()
    {
        var spans = new List<Activity>();
        using var site = new ConfiguredSiteFactory("Testing", new Dictionary<string, string?>()).WithWebHostBuilder(b =>
            b.ConfigureTestServices(services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans))));
        var client = site.CreateClient();

        await client.GetAsync("/health/live");
        await client.GetAsync("/sign-in");

        await EventuallyAsync(() => Snapshot(spans).FirstOrDefault(s => Equals(s.GetTagItem("url.path"), "/sign-in")));
        Snapshot(spans).ShouldNotContain(s => Equals(s.GetTagItem("url.path"), "/health/live"));
    }

    [Fact]
    public void AScreening_RecordsItsDurationRowsAndPeople_AndASpan()
    {
        using var site = new ConfiguredSiteFactory("Testing", new Dictionary<string, string?>());
        using var measurements = new Measurements(site.Services.GetRequiredService<IMeterFactory>(), ScreeningTelemetry.Name);
        var spans = new ConcurrentQueue<Activity>();
        using var listener = Spans(ScreeningTelemetry.Name, spans);
        using var database = TestDatabases.Create();
        var output = Path.Combine(database.Folder, "out");

        // Other tests screen in this process too: this run's span is the child of this test's own activity.
        using var test = new Activity("test").Start();
        using var scope = site.Services.CreateScope();
        var result = scope.ServiceProvider.GetRequiredService<ScreenExtract>().Run(
            new ScreenRequest(Path.Combine(Repository.Root, "samples", "2024-09-01"), new DateOnly(2024, 9, 1), output)
            {
                Database = database.Target, WriteWorkbooks = false,
            });

        result.Succeeded.ShouldBeTrue(result.Error);
        var report = result.Value;
        measurements.Of("complexcases.screening.duration").ShouldHaveSingleItem().Tags["outcome"].ShouldBe("stored");
        measurements.Sum("complexcases.screening.rows", "rows", "accepted").ShouldBe(report.Extract.RowsAccepted);
        measurements.Sum("complexcases.screening.rows", "rows", "rejected").ShouldBe(report.Extract.RowsRejected);
        measurements.Sum("complexcases.screening.people", "status", "complex").ShouldBe(report.Complex);
        measurements.Of("complexcases.screening.people").Sum(m => m.Value).ShouldBe(report.People);
        var span = spans.Single(s => s.Parent == test);
        span.GetTagItem("complexcases.run_id").ShouldBe(report.RunId);
        span.OperationName.ShouldBe("screening.run");
        span.GetTagItem("complexcases.outcome").ShouldBe("stored");
        span.GetTagItem("complexcases.rows_read").ShouldBe(report.Extract.RowsRead);
    }

    [Fact]
    public void ARefusedScreening_IsMeasuredWithItsOutcome()
    {
        using var site = new ConfiguredSiteFactory("Testing", new Dictionary<string, string?>());
        using var measurements = new Measurements(site.Services.GetRequiredService<IMeterFactory>(), ScreeningTelemetry.Name);
        using var database = TestDatabases.Create();

        using var scope = site.Services.CreateScope();
        var result = scope.ServiceProvider.GetRequiredService<ScreenExtract>().Run(
            new ScreenRequest(Path.Combine(database.Folder, "no-such-extract"), new DateOnly(2024, 9, 1), Path.Combine(database.Folder, "out"))
            {
                Database = database.Target,
            });

        result.Succeeded.ShouldBeFalse();
        measurements.Of("complexcases.screening.duration").ShouldHaveSingleItem().Tags["outcome"].ShouldBe("invalid");
        measurements.Of("complexcases.screening.rows").ShouldBeEmpty();
    }

    [Fact]
    public void AReminderSweep_CountsItsOutcome()
    {
        using var site = new ConfiguredSiteFactory("Testing", new Dictionary<string, string?> { ["Notifications:SweepMinutes"] = "0" });
        using var measurements = new Measurements(site.Services.GetRequiredService<IMeterFactory>(), SweepTelemetry.Name);

        using var scope = site.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<ReminderSweep>().Run();

        measurements.Of("complexcases.reminder_sweep.runs").ShouldHaveSingleItem().Tags["outcome"].ShouldBe("ok");
        measurements.Of("complexcases.reminder_sweep.duration").ShouldHaveSingleItem();
    }

    [Theory]
    [InlineData("OpenTelemetry:OtlpEndpoint", "not an address", "OpenTelemetry:OtlpEndpoint must be an http or https address")]
    [InlineData("OpenTelemetry:OtlpProtocol", "carrier-pigeon", "OpenTelemetry:OtlpProtocol must be grpc or http/protobuf")]
    public void BadExporterSettings_StopTheSiteWithTheReason(string key, string value, string message)
    {
        var settings = new Dictionary<string, string?> { ["OpenTelemetry:OtlpEndpoint"] = "http://localhost:4317", [key] = value };
        using var site = new ConfiguredSiteFactory("Testing", settings);

        Should.Throw<InvalidOperationException>(() => site.Services).Message.ShouldContain(message);
    }

    [Fact]
    public async Task WithAnEndpoint_TracesAreSentThere_OverOtlp()
    {
        using var collector = new FakeCollector();
        using var site = new ConfiguredSiteFactory("Testing", new Dictionary<string, string?>
        {
            ["OpenTelemetry:OtlpEndpoint"] = collector.Address, ["OpenTelemetry:OtlpProtocol"] = "http/protobuf",
        });

        (await site.CreateClient().GetAsync("/sign-in")).StatusCode.ShouldBe(HttpStatusCode.OK);
        // The request's span ends just after the response; the exporter batches, so flush until it has gone.
        for (var i = 0; i < 50 && !collector.Paths.Contains("/v1/traces"); i++)
        {
            site.Services.GetRequiredService<TracerProvider>().ForceFlush(1000);
            await Task.Delay(100);
        }

        collector.Paths.ShouldContain("/v1/traces");
    }

    /// <summary>An OTLP/HTTP receiver on loopback that notes which signal paths were posted to, and answers 200.</summary>
    private sealed class FakeCollector : IDisposable
    {
        private readonly System.Net.HttpListener _listener = new();
        private readonly ConcurrentBag<string> _paths = [];

        public FakeCollector()
        {
            var port = FreePort();
            Address = $"http://127.0.0.1:{port}";
            _listener.Prefixes.Add(Address + "/");
            _listener.Start();
            _ = Task.Run(async () =>
            {
                while (_listener.IsListening)
                {
                    try
                    {
                        var context = await _listener.GetContextAsync();
                        _paths.Add(context.Request.Url!.AbsolutePath);
                        context.Response.StatusCode = 200;
                        context.Response.Close();
                    }
                    catch (Exception ex) when (ex is System.Net.HttpListenerException or ObjectDisposedException or InvalidOperationException)
                    {
                        return;
                    }
                }
            });
        }

        public string Address { get; }

        public IReadOnlyCollection<string> Paths => [.. _paths];

        public void Dispose() => _listener.Close();

        private static int FreePort()
        {
            using var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            return ((IPEndPoint)probe.LocalEndpoint).Port;
        }
    }

    private static List<Activity> Snapshot(List<Activity> spans)
    {
        lock (spans) return [.. spans];
    }

    private static async Task<T> EventuallyAsync<T>(Func<T?> find) where T : class
    {
        for (var i = 0; i < 100; i++)
        {
            if (find() is { } found) return found;
            await Task.Delay(50);
        }
        throw new ShouldAssertException("Not seen within 5 seconds.");
    }

    private static ActivityListener Spans(string source, ConcurrentQueue<Activity> spans)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == source,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }
}
