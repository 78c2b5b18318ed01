using Microsoft.Extensions.Options;

namespace ComplexCases.Web.Operations;

/// <summary>
/// When settings checked at start (<c>ValidateOnStart</c>) stop the site, the operator reads one line a problem on standard
/// error, each naming its setting and what to do, and the process exits with 1: not the runtime's stack trace of an unhandled
/// exception. Any other unhandled exception is left to the runtime (its stack trace is what a developer needs).
/// </summary>
internal static class StartRefusal
{
    public static void ReportSettingsWithoutStackTrace() => AppDomain.CurrentDomain.UnhandledException += (_, e) =>
    {
        // The handler runs before the runtime prints the exception; exiting here is what keeps the trace out. Under the test
        // host the entry point's exceptions are caught and handed to the test instead, so this never runs there.
        for (var exception = e.ExceptionObject as Exception; exception is not null; exception = exception.InnerException)
        {
            if (exception is not OptionsValidationException refused) continue;
            foreach (var failure in refused.Failures) Console.Error.WriteLine($"The service did not start: {failure}");
            Environment.Exit(1);
        }
    };
}
