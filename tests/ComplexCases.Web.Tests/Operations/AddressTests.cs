using System.Diagnostics;
using System.Net;
using System.Text.Json;
using ComplexCases.TestSupport;
using ComplexCases.TestSupport.Data;

namespace ComplexCases.Web.Tests.Operations;

/// <summary>The standard settings choose the site's address: nothing in the project fixes one that would win over them.</summary>
public sealed class AddressTests
{
    [Fact]
    public void LaunchSettings_FixNoAddress_SoDotnetRunHonoursAspNetCoreUrls()
    {
        // `dotnet run` sets ASPNETCORE_URLS from a profile's applicationUrl, over the shell's own; the default (localhost:5080)
        // is chosen in Program.cs only when no address is configured.
        var path = Path.Combine(Repository.Root, "src", "ComplexCases.Web", "Properties", "launchSettings.json");
        using var json = JsonDocument.Parse(File.ReadAllText(path));

        foreach (var profile in json.RootElement.GetProperty("profiles").EnumerateObject())
        {
            profile.Value.TryGetProperty("applicationUrl", out _).ShouldBeFalse(profile.Name);
            if (profile.Value.TryGetProperty("environmentVariables", out var variables))
                variables.TryGetProperty("ASPNETCORE_URLS", out _).ShouldBeFalse(profile.Name);
        }
    }

    [Fact]
    public async Task TheBuiltSite_ListensWhereAspNetCoreUrlsSays()
    {
        using var database = TestDatabases.Create();
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "ComplexCases.Web.dll")])
        {
            WorkingDirectory = AppContext.BaseDirectory, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ConnectionStrings__ComplexCases"] = database.Target;
        start.Environment["Database__MigrateOnStart"] = "true";
        start.Environment["Pseudonyms__Key"] = ConfiguredSiteFactory.TestPseudonymKey;
        start.Environment["DataProtection__Certificate__Path"] = TestCertificate.Shared.CombinedPemPath;
        // The process runs on the real clock: the sweep is off, and only /health/live (which reads no date) is asked.
        start.Environment["Notifications__SweepMinutes"] = "0";
        using var site = Process.Start(start)!;
        site.BeginOutputReadLine();
        site.BeginErrorReadLine();
        try
        {
            using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            HttpStatusCode? status = null;
            for (var i = 0; i < 150 && status is null && !site.HasExited; i++)
            {
                try
                {
                    status = (await client.GetAsync($"http://127.0.0.1:{port}/health/live")).StatusCode;
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(200);
                }
            }

            status.ShouldBe(HttpStatusCode.OK, site.HasExited ? $"the site stopped with exit code {site.ExitCode}" : "the site did not answer in 30 seconds");
        }
        finally
        {
            if (!site.HasExited) site.Kill(entireProcessTree: true);
            await site.WaitForExitAsync();
        }
    }

    private static int FreePort()
    {
        using var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
