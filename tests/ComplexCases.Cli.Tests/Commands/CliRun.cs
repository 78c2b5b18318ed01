using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;

namespace ComplexCases.Cli.Tests.Commands;

/// <summary>Runs the CLI in-process (fast) or as a real child process (for exit codes and kills).</summary>
internal static class CliRun
{
    public sealed record Outcome(int ExitCode, string Output, string Error);

    public static Outcome InProcess(params string[] args) => InProcessAt(new DateTimeOffset(2024, 9, 2, 9, 0, 0, TimeSpan.Zero), null, args);

    /// <summary>On a clock fixed at <paramref name="now"/>, with <paramref name="input"/> as standard input (<c>--password-stdin</c>).</summary>
    public static Outcome InProcessAt(DateTimeOffset now, TextReader? input, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var noInput = new StringReader("");
        var code = CliApp.Run(args, output, error, new FakeTimeProvider(now), input: input ?? noInput);
        return new Outcome(code, output.ToString(), error.ToString());
    }

    /// <summary>The built complexcases.dll beside the tests, started with the same dotnet host.</summary>
    public static ProcessStartInfo ChildProcess(params string[] args)
    {
        var info = new ProcessStartInfo(Environment.ProcessPath!.EndsWith("dotnet", StringComparison.Ordinal) ? Environment.ProcessPath : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "complexcases.dll"));
        foreach (var arg in args) info.ArgumentList.Add(arg);
        return info;
    }
}

/// <summary>A temp folder per test, removed afterwards.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "complexcases-cli-" + Guid.NewGuid().ToString("N"));

    public TempFolder() => Directory.CreateDirectory(Path);

    public string this[string relative] => System.IO.Path.Combine(Path, relative);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(Path)) Directory.Delete(Path, recursive: true);
    }
}
