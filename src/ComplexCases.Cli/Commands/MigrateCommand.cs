using System.CommandLine;
using ComplexCases.Application.Storage;
using ComplexCases.Data.Providers;

namespace ComplexCases.Cli.Commands;

/// <summary>
/// <c>complexcases migrate</c>: brings a database's schema up to date. How a deployment upgrades a server database before
/// starting the web site, which (outside demo and development) refuses a database with pending migrations.
/// </summary>
internal static class MigrateCommand
{
    public static Command Create(TextWriter output, TextWriter error, IStoreProvider provider)
    {
        var db = new Option<string?>("--db") { Description = CliApp.DatabaseHelp };
        var command = new Command("migrate", "Apply the schema migrations this version needs (the database must exist on a server; a SQLite file is created).\n\n"
            + "Example:\n  complexcases migrate --db \"Host=db.internal;Database=complexcases;Username=complexcases_owner\"") { db };
        command.SetAction(parse =>
        {
            var target = DatabaseTarget.Resolve(provider, parse.GetValue(db));
            if (!target.Succeeded) return CliApp.Fail(error, target);
            var (connectionString, description) = (target.Value.ConnectionString, target.Value.Description);
            try
            {
                IReadOnlyList<string> pending;
                if (target.Value.Exists)
                {
                    pending = target.Value.PendingMigrations();
                }
                else if (target.Value.File is null)
                {
                    // A server database is made by whoever provisions the server (with its owner and rights); a mistyped
                    // name must not quietly become a new, empty database.
                    return CliApp.Fail(error, $"--db: {description} does not exist; create it first");
                }
                else
                {
                    pending = ["(all: new database)"];
                }
                // Opening migrates (and, for SQLite, creates the file and sets WAL).
                provider.Open(connectionString).Dispose();
                output.WriteLine(pending.Count == 0
                    ? $"{description}: up to date"
                    : $"{description}: applied {string.Join(", ", pending)}");
                return CliApp.Ok;
            }
            catch (Exception ex) when (provider.IsUnusableTarget(ex))
            {
                return CliApp.Fail(error, $"--db: cannot use {description}: {ex.Message}");
            }
        });
        return command;
    }
}
