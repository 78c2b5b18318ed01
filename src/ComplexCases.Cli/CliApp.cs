using System.CommandLine;
using ComplexCases.Cli.Commands;

namespace ComplexCases.Cli;

/// <summary>The <c>complexcases</c> command line. Exit codes: 0 done, 2 a user error (bad arguments or input), 1 any other failure.</summary>
public static class CliApp
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int UserError = 2;

    public static int Run(string[] args, TextWriter output, TextWriter error, TimeProvider clock)
    {
        var root = new RootCommand("Complex Case Service: find the people on probation whose cases are most complex, each month.")
        {
            ScreenCommand.Create(output, error, clock),
            GenerateCommand.Create(output, error),
            AuditCommand.Create(output, error),
            OutcomesCommand.Create(output, error, clock), EvaluateCommand.Create(output, error, clock), CompareCommand.Create(output, error, clock),
        };
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            // One clear line, not a page of help: the user asked for something specific.
            error.WriteLine($"error: {parse.Errors[0].Message} (see 'complexcases --help')");
            return UserError;
        }
        return parse.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
    }
}
