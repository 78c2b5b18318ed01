using System.CommandLine;
using ComplexCases.Application;
using ComplexCases.Cli.Commands;
using ComplexCases.Data.Providers;
using ComplexCases.Hosting;
using ComplexCases.Extracts.Reading;

namespace ComplexCases.Cli;

/// <summary>The <c>complexcases</c> command line. Exit codes: 0 done, 2 a user error (bad arguments or input), 1 any other failure.</summary>
public static class CliApp
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int UserError = 2;

    /// <summary>Shown by <c>--help</c> under the root description.</summary>
    public const string ExitCodes = """
        Exit codes:
          0  done (rows may have been rejected: see rejected.csv)
          1  any other failure; nothing was stored (a run is all or nothing)
          2  bad arguments, or an unreadable or invalid extract or definition, or a month refused by reconciliation
             with the previous month (accept it with --accept-changes "REASON"); nothing was stored
        """;

    /// <summary>What every <c>--db</c> option takes.</summary>
    public const string DatabaseHelp =
        "SQLite database file, or PostgreSQL connection string (Host=…;Database=…) or postgres:// URL (default: the embedded database, or COMPLEXCASES_DB).";

    /// <param name="provider">The database provider; the command line's own picks SQLite or PostgreSQL from each <c>--db</c> value.</param>
    /// <param name="input">Where <c>--password-stdin</c> reads from (default standard input).</param>
    public static int Run(string[] args, TextWriter output, TextWriter error, TimeProvider clock, IStoreProvider? provider = null, TextReader? input = null)
    {
        input ??= Console.In;
        provider ??= StoreProviderByTarget.Instance;
        using var services = CliServices.Create(clock, provider);
        // One command per line: commands added by other features go here too.
        Command[] commands =
        [
            ScreenCommand.Create(output, error, services),
            GenerateCommand.Create(output, error),
            AuditCommand.Create(output, error, provider),
            OutcomesCommand.Create(output, error, services),
            EvaluateCommand.Create(output, error, services),
            CompareCommand.Create(output, error, services),
            MigrateCommand.Create(output, error, provider),
            AdminCommand.Create(output, error, input, services),
            BackupCommand.Backup(output, error, provider),
            BackupCommand.Restore(output, error, provider),
            RetentionCommand.Create(output, error, services),
        ];
        var root = new RootCommand("Complex Case Service: find the people on probation whose cases are most complex, each month.\n\n" + ExitCodes);
        foreach (var command in commands) root.Subcommands.Add(command);

        if (UnknownCommand(args, root) is { } unknown)
        {
            error.WriteLine($"error: {unknown}");
            return UserError;
        }
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            // Every problem at once, on one line (scripts read one line), then where help is.
            var command = parse.CommandResult.Command;
            var help = command == root ? "complexcases --help" : $"complexcases {command.Name} --help";
            var problems = parse.Errors.Select(e => EchoText.Of(e.Message.TrimEnd('.'), 300)).Distinct(StringComparer.Ordinal);
            error.WriteLine($"error: {string.Join("; ", problems)} (see '{help}')");
            return UserError;
        }
        return parse.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
    }

    /// <summary>A user error found by the command itself (a bad option value): said on one line, exit code 2.</summary>
    public static int Fail(TextWriter error, string? message)
    {
        error.WriteLine($"error: {message}");
        return UserError;
    }

    /// <summary>A use case that did not succeed: all its messages (each once) on one line, and the exit code its status means.</summary>
    public static int Fail<T>(TextWriter error, UseCaseResult<T> result)
    {
        ArgumentNullException.ThrowIfNull(result);
        error.WriteLine($"error: {string.Join("; ", result.Errors.Select(e => e.Message).Distinct(StringComparer.Ordinal))}");
        return Exit(result.Status);
    }

    /// <summary>The exit code of a use case's status: 2 for what the user can fix (<see cref="UseCaseStatus.Invalid"/>), 1 for anything else that failed.</summary>
    public static int Exit(UseCaseStatus status) => status switch
    {
        UseCaseStatus.Ok => Ok,
        UseCaseStatus.Invalid => UserError,
        _ => Failed,
    };

    /// <summary>A first word that is not a command (<c>complexcases scren</c>): named, with the nearest command.</summary>
    private static string? UnknownCommand(string[] args, RootCommand root)
    {
        if (args.Length == 0)
            return $"give a command: {string.Join(", ", root.Subcommands.Select(c => c.Name))} (see 'complexcases --help')";
        var first = args[0];
        if (first.StartsWith('-') || root.Subcommands.Any(c => c.Name == first || c.Aliases.Contains(first))) return null;
        var nearest = root.Subcommands.Select(c => (c.Name, Distance: Distance(first.ToLowerInvariant(), c.Name))).MinBy(c => c.Distance);
        var suggestion = nearest.Distance <= Math.Max(2, nearest.Name.Length / 3) ? $"; did you mean '{nearest.Name}'?" : "";
        return $"'{EchoText.Of(first)}' is not a command{suggestion} (commands: {string.Join(", ", root.Subcommands.Select(c => c.Name))}; see 'complexcases --help')";
    }

    /// <summary>Edit distance (insertions, deletions, substitutions) between two short words.</summary>
    internal static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
