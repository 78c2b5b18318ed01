using System.Diagnostics;

namespace ComplexCases.Web.Tests.Operations;

/// <summary>
/// What an operator sees when the built site refuses to start for its settings or database: exit code 1 and one line on
/// standard error saying what to set or do, with no stack trace. The three kinds of refusal: a setting checked by options
/// validation at start (the key ring's certificate), a setting checked while the host is put together (the pseudonym key),
/// and the database (an outdated schema).
/// </summary>
public sealed class StartRefusalProcessTests
{
    [Theory]
    [InlineData("DataProtection__Certificate__Path", "DataProtection:Certificate:Path must be set in Production")]
    [InlineData("Pseudonyms__Key", "Pseudonyms:Key must be set in Production")]
    [InlineData("Database__MigrateOnStart", "The database (")]
    public async Task TheBuiltSite_RefusedInProduction_ExitsWith1_AndOneLineSayingWhatToDo(string withoutSetting, string message)
    {
        using var database = ComplexCases.TestSupport.Data.TestDatabases.Create();
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "ComplexCases.Web.dll")])
        {
            WorkingDirectory = AppContext.BaseDirectory, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ConnectionStrings__ComplexCases"] = database.Target;
        start.Environment["Database__MigrateOnStart"] = "true";
        start.Environment["Pseudonyms__Key"] = ConfiguredSiteFactory.TestPseudonymKey;
        start.Environment["DataProtection__Certificate__Path"] = TestCertificate.Shared.CombinedPemPath;
        start.Environment["Notifications__SweepMinutes"] = "0";
        start.Environment.Remove(withoutSetting);
        using var site = Process.Start(start)!;
        var output = site.StandardOutput.ReadToEndAsync();
        var errors = site.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        try
        {
            await site.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!site.HasExited) site.Kill(entireProcessTree: true);
        }

        site.ExitCode.ShouldBe(1, await output);
        var lines = (await errors).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines.ShouldHaveSingleItem().ShouldStartWith("The service did not start: " + message);
    }
}
