using System.CommandLine;
using System.Globalization;
using ComplexCases.Application;
using ComplexCases.Application.Operations;
using ComplexCases.Data.Providers;

namespace ComplexCases.Cli.Commands;

/// <summary>
/// <c>complexcases backup</c> and <c>complexcases restore</c>: a SQLite deployment's backup, taken while the site runs, and
/// its checked, all-or-nothing restore. A PostgreSQL database is refused with a pointer to pg_dump (docs/operations.md).
/// </summary>
internal static class BackupCommand
{
    public static Command Backup(TextWriter output, TextWriter error, IStoreProvider provider)
    {
        var db = new Option<string?>("--db") { Description = "The SQLite database file to back up (default: the embedded database, or COMPLEXCASES_DB)." };
        var to = new Option<string>("--to") { Description = "The backup file to write (written beside, then renamed into place).", Required = true };
        var force = new Option<bool>("--force") { Description = "Replace --to if it exists." };
        var command = new Command("backup", "Copy a SQLite database to a backup file while the service may be writing to it (online backup), and check the copy.\n\n"
            + "Example:\n  complexcases backup --db /var/lib/complexcases/complexcases.db --to /backup/complexcases-2024-09-02.db") { db, to, force };
        command.SetAction(parse =>
        {
            var result = BackUpDatabase.Run(provider, parse.GetValue(db), parse.GetValue(to)!, parse.GetValue(force));
            if (!result.Succeeded) return CliApp.Fail(error, result);
            var report = result.Value;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Backed up to {report.File} ({report.Bytes:N0} bytes): {Describe(report.Copy)}."));
            if (report.ChainBreak is { } broken)
            {
                // Kept, as the evidence it is; but a restore refuses it, so say so now rather than on the day it is needed.
                error.WriteLine($"error: the database's audit chain is broken ({broken}); the backup keeps it as it is, and restore will refuse it");
                return CliApp.Failed;
            }
            output.WriteLine($"audit head: entry {report.Copy.AuditEntries} {report.Copy.AuditHead}");
            return CliApp.Ok;
        });
        return command;
    }

    public static Command Restore(TextWriter output, TextWriter error, IStoreProvider provider)
    {
        var from = new Option<string>("--from") { Description = "The backup file (made by complexcases backup).", Required = true };
        var db = new Option<string?>("--db") { Description = "The SQLite database file to restore into (default: the embedded database, or COMPLEXCASES_DB)." };
        var force = new Option<bool>("--force") { Description = "Replace an existing database (stop the service first)." };
        var command = new Command("restore", "Put a backup in place of a SQLite database: the backup's integrity, migrations and audit chain are checked first, "
            + "and the database is replaced in one step or not at all.\n\n"
            + "Example:\n  complexcases restore --from /backup/complexcases-2024-09-02.db --db /var/lib/complexcases/complexcases.db --force") { from, db, force };
        command.SetAction(parse =>
        {
            var result = RestoreDatabase.Run(provider, parse.GetValue(from)!, parse.GetValue(db), parse.GetValue(force));
            if (!result.Succeeded) return CliApp.Fail(error, result);
            var report = result.Value;
            output.WriteLine($"Restored {report.Backup} to {report.Database}{(report.Replaced ? " (replacing the database that was there)" : "")}: {Describe(report.Copy)}.");
            output.WriteLine($"audit head: entry {report.Copy.AuditEntries} {report.Copy.AuditHead}");
            if (report.Copy.PendingMigrations.Count > 0)
                output.WriteLine($"The backup is from an earlier version: run 'complexcases migrate --db {report.Database}' before starting the service ({report.Copy.PendingMigrations.Count} migrations to apply).");
            return CliApp.Ok;
        });
        return command;
    }

    private static string Describe(DatabaseCopyCheck copy) => string.Create(CultureInfo.InvariantCulture,
        $"{copy.Runs} {(copy.Runs == 1 ? "run" : "runs")}, {copy.AuditEntries:N0} audit entries, chain intact, schema {copy.Migration}");
}
