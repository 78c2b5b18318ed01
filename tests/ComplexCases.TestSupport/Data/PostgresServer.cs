using System.Diagnostics;

namespace ComplexCases.TestSupport.Data;

/// <summary>
/// The PostgreSQL server the tests use: the one scripts/test.sh started (its connection string in
/// <see cref="EnvironmentVariable"/>), or, when a test project is run on its own, the one scripts/ensure-postgres.sh
/// starts or finds. Never skipped: without a server, every PostgreSQL test fails with the reason.
/// </summary>
public static class PostgresServer
{
    public const string EnvironmentVariable = "COMPLEXCASES_TEST_POSTGRES";

    private static readonly Lazy<string> ConnectionStringValue = new(Find);

    /// <summary>A connection string to the server's maintenance database, as a superuser that may create databases.</summary>
    public static string ConnectionString => ConnectionStringValue.Value;

    private static string Find()
    {
        var given = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(given)) return given.Trim();

        var script = Path.Combine(Repository.Root, "scripts", "ensure-postgres.sh");
        var start = new ProcessStartInfo("bash", [script]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not run {script}");
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        // Installing the server (first run on a new machine) takes a minute or two; a start takes seconds.
        if (!process.WaitForExit(TimeSpan.FromMinutes(10))) throw new InvalidOperationException($"{script} did not finish in 10 minutes");
        if (process.ExitCode != 0) throw new InvalidOperationException($"{script} failed ({process.ExitCode}): {error.Result}");
        var connectionString = output.Trim().Split('\n').LastOrDefault()?.Trim();
        if (string.IsNullOrEmpty(connectionString)) throw new InvalidOperationException($"{script} printed no connection string");
        return connectionString;
    }
}
