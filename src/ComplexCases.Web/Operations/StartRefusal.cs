using Microsoft.Extensions.Options;

namespace ComplexCases.Web.Operations;

/// <summary>
/// The site refuses to start because of its settings or its database (a setting missing or wrong, an outdated schema): the
/// message names the setting and what to do. Thrown while the host is put together, before it runs.
/// </summary>
internal sealed class StartRefusedException(string message, Exception? innerException = null) : InvalidOperationException(message, innerException);

/// <summary>
/// When the site refuses to start (<see cref="StartRefusedException"/>, or settings checked by <c>ValidateOnStart</c>), the
/// operator reads one line a problem on standard error, each naming its setting and what to do, and the process exits with
/// 1: not the runtime's stack trace of an unhandled exception. Any other unhandled exception is left to the runtime (its
/// stack trace is what a developer needs).
/// </summary>
internal static class StartRefusal
{
    public static void ReportSettingsWithoutStackTrace() => AppDomain.CurrentDomain.UnhandledException += (_, e) =>
    {
        // The handler runs before the runtime prints the exception; exiting here is what keeps the trace out. Under the test
        // host the entry point's exceptions are caught and handed to the test instead, so this never runs there.
        for (var exception = e.ExceptionObject as Exception; exception is not null; exception = exception.InnerException)
        {
            IEnumerable<string>? problems = exception switch
            {
                OptionsValidationException invalid => invalid.Failures,
                StartRefusedException refused => [refused.Message],
                _ => null,
            };
            if (problems is null) continue;
            foreach (var problem in problems) Console.Error.WriteLine($"The service did not start: {problem}");
            Environment.Exit(1);
        }
    };
}
