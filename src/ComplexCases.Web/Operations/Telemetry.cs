using ComplexCases.Application.Notifications;
using ComplexCases.Application.Screening;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ComplexCases.Web.Operations;

/// <summary>
/// What the service tells its operators: logs (JSON in Production, for a log collector; plain text elsewhere, for a person),
/// OpenTelemetry traces and metrics (requests, screening runs, reminder sweeps, background jobs' outcomes), sent over OTLP only when an endpoint is
/// configured, and the audit of every refused request (<see cref="RefusalAuditing"/>).
/// </summary>
internal static class Telemetry
{
    /// <summary>The service's own setting; the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> works too.</summary>
    public const string OtlpEndpointSetting = "OpenTelemetry:OtlpEndpoint";
    /// <summary><c>grpc</c> (default, usually port 4317) or <c>http/protobuf</c> (usually 4318).</summary>
    public const string OtlpProtocolSetting = "OpenTelemetry:OtlpProtocol";
    public const string ServiceName = "complex-case-service";

    public static WebApplicationBuilder AddComplexCasesTelemetry(this WebApplicationBuilder builder)
    {
        UseLogFormat(builder);
        var configuration = builder.Configuration;
        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName, serviceVersion: Info.Current.Version))
            .WithTracing(tracing => tracing
                // Health probes arrive every few seconds and say nothing about the service's work.
                .AddAspNetCoreInstrumentation(options => options.Filter = context => !context.Request.Path.StartsWithSegments("/health"))
                .AddSource(ScreeningTelemetry.Name, SweepTelemetry.Name))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddMeter(ScreeningTelemetry.Name, SweepTelemetry.Name, JobMetrics.Name));
        builder.Services.AddSingleton<JobMetrics>();
        // Nothing leaves the process unless an operator says where to: without an endpoint no exporter is added.
        var endpoint = configuration[OtlpEndpointSetting];
        if (!string.IsNullOrWhiteSpace(endpoint))
            otel.UseOtlpExporter(Protocol(configuration[OtlpProtocolSetting]), Endpoint(endpoint));
        else if (!string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
            otel.UseOtlpExporter();

        // The audit's share of what the service tells: every refusal, recorded in one place (RefusalAuditing).
        builder.Services.AddRefusalAuditing();
        return builder;
    }

    /// <summary>
    /// Production writes one JSON object a line (scopes included, so every entry carries the request's TraceId, the reference
    /// the error page shows; UTC timestamps) for a collector to index; Development and demo keep the readable console.
    /// </summary>
    private static void UseLogFormat(WebApplicationBuilder builder)
    {
        const string utc = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
        // Both only choose the console's format: the host's other providers (debug, event source for dotnet-trace) stay.
        if (builder.Environment.IsProduction())
        {
            builder.Logging.AddJsonConsole(options =>
            {
                options.IncludeScopes = true;
                options.UseUtcTimestamp = true;
                options.TimestampFormat = utc;
            });
        }
        else
        {
            builder.Logging.AddSimpleConsole(options =>
            {
                options.UseUtcTimestamp = true;
                options.TimestampFormat = utc + " ";
            });
        }
    }

    private static OtlpExportProtocol Protocol(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" or "grpc" => OtlpExportProtocol.Grpc,
        "http/protobuf" or "http" => OtlpExportProtocol.HttpProtobuf,
        _ => throw new StartRefusedException($"{OtlpProtocolSetting} must be grpc or http/protobuf (it is '{text}')."),
    };

    private static Uri Endpoint(string text) =>
        Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new StartRefusedException($"{OtlpEndpointSetting} must be an http or https address, e.g. http://collector:4317 (it is '{text}').");
}
