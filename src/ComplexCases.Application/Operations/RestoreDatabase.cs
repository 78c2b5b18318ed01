using ComplexCases.Application.Storage;
using ComplexCases.Data.Providers;

namespace ComplexCases.Application.Operations;

/// <summary>What a restore put in place: the database file, the backup it came from and what it holds.</summary>
public sealed record RestoreReport(string Database, string Backup, bool Replaced, DatabaseCopyCheck Copy);

/// <summary>
/// <c>complexcases restore</c>: puts a backup in place of a SQLite database. The backup is copied beside the database and
/// that copy is checked (the engine's integrity check, migrations this version knows, an intact audit chain) before it is
/// renamed onto the database in one step: a damaged or foreign backup is refused and the database is left as it was.
/// </summary>
/// <remarks>The service must be stopped first: a running site would keep writing to the file the rename replaced.</remarks>
public static class RestoreDatabase
{
    public static UseCaseResult<RestoreReport> Run(IStoreProvider provider, string backup, string? database, bool replace)
    {
        ArgumentNullException.ThrowIfNull(provider);
        var target = DatabaseTarget.Resolve(provider, database);
        if (!target.Succeeded) return target.ErrorAs<RestoreReport>();
        if (target.Value.File is not { } file) return UseCaseResult<RestoreReport>.Invalid(DatabaseFiles.SqliteOnly("restore"));
        if (string.IsNullOrWhiteSpace(backup)) return UseCaseResult<RestoreReport>.Invalid("--from: give the backup file");
        var from = Path.GetFullPath(backup);
        if (!File.Exists(from)) return UseCaseResult<RestoreReport>.Invalid($"--from: no backup at {from}");
        if (string.Equals(from, file, StringComparison.Ordinal)) return UseCaseResult<RestoreReport>.Invalid("--from: that is the database itself");
        var exists = File.Exists(file);
        if (exists && !replace)
            return UseCaseResult<RestoreReport>.Invalid($"--db: {file} exists; stop the service, then give --force to replace it with the backup");

        var temporary = DatabaseFiles.Beside(file, "restoring");
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            // The backup is read through the engine's backup too, never written: what is checked is exactly what is put in place.
            var (check, problem) = CopyAndCheck(provider, from, temporary);
            if (check is null || problem is not null)
                return UseCaseResult<RestoreReport>.Invalid($"--from: the backup {from} cannot be restored: {problem}; nothing was changed");

            if (exists)
            {
                // Whatever the old database's write-ahead log holds goes into its file first: a log left beside the restored
                // file would otherwise be read as part of it. The old contents are then replaced as a whole.
                using (var old = DatabaseTarget.OpenAsIs(provider, target.Value.ConnectionString))
                    old.FileCopy().Checkpoint(old);
                foreach (var suffix in new[] { "-wal", "-shm" }) File.Delete(file + suffix);
            }
            File.Move(temporary, file, overwrite: true);
            return UseCaseResult<RestoreReport>.Ok(new RestoreReport(file, from, exists, check));
        }
        catch (Exception ex) when (provider.IsUnusableTarget(ex))
        {
            return UseCaseResult<RestoreReport>.Invalid($"cannot restore {from} to {target.Value.Description}: {ex.GetBaseException().Message}; nothing was changed");
        }
        finally
        {
            DatabaseFiles.DeleteQuietly(temporary);
        }
    }

    private static (DatabaseCopyCheck? Check, string? Problem) CopyAndCheck(IStoreProvider provider, string from, string temporary)
    {
        var source = provider.Resolve(from);
        if (source.Error is { } error) return (null, error);
        try
        {
            using (var backup = DatabaseTarget.OpenAsIs(provider, source.ConnectionString!))
                backup.FileCopy().CopyTo(backup, temporary);
        }
        catch (Exception ex) when (provider.IsUnusableTarget(ex))
        {
            // Not a database at all (or unreadable): the restore's own message says so.
            return (null, ex.GetBaseException().Message);
        }
        return CheckedCopy.Read(provider, temporary);
    }
}
