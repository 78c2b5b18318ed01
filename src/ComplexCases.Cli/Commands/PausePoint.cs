using System.Globalization;
using ComplexCases.Application.Screening;

namespace ComplexCases.Cli.Commands;

/// <summary>
/// For the kill tests only: <c>COMPLEXCASES_PAUSE_AT="Stage@fraction"</c> (e.g. <c>Publishing lists@0.4</c>) stops the
/// run where it reports that stage at or past that fraction, after saying so on one line, until the process is killed.
/// A kill can then land at an exact point of the run (mid-transaction, after the commit, mid-move), not wherever a
/// race puts it. Unset, nothing happens.
/// </summary>
internal sealed class PausePoint(string stage, double fraction)
{
    public const string EnvironmentVariable = "COMPLEXCASES_PAUSE_AT";

    public static PausePoint? FromEnvironment()
    {
        var value = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrEmpty(value)) return null;
        var at = value.LastIndexOf('@');
        return at > 0 && double.TryParse(value.AsSpan(at + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var fraction)
            ? new PausePoint(value[..at], fraction)
            : new PausePoint(value, 0);
    }

    public void Check(ScreeningProgress progress, TextWriter output)
    {
        if (!string.Equals(progress.Stage, stage, StringComparison.Ordinal) || progress.Fraction < fraction) return;
        lock (this)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"paused at {progress.Stage} {progress.Fraction:0.00}"));
            output.Flush();
            Thread.Sleep(Timeout.Infinite);
        }
    }
}
