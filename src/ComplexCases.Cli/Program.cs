using ComplexCases.Cli;

try
{
    return CliApp.Run(args, Console.Out, Console.Error, TimeProvider.System);
}
catch (OutOfMemoryException)
{
    // The documented exit code for a failure (1), not the runtime's abort (134); nothing was stored, as for any failure.
    Console.Error.WriteLine("error: the run ran out of memory and nothing was stored; run it on a machine with more memory");
    return CliApp.Failed;
}
catch (AggregateException ex) when (ex.Flatten().InnerExceptions.Any(e => e is OutOfMemoryException))
{
    Console.Error.WriteLine("error: the run ran out of memory and nothing was stored; run it on a machine with more memory");
    return CliApp.Failed;
}
