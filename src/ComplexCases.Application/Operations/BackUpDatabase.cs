using ComplexCases.Application.Storage;
using ComplexCases.Data.Providers;

namespace ComplexCases.Application.Operations;

/// <summary>What a backup wrote: the file, its size, and what it holds (<see cref="DatabaseCopyCheck"/>); a broken chain is named.</summary>
public sealed record BackupReport(string File, long Bytes, DatabaseCopyCheck Copy, string? ChainBreak);

/// <summary>
/// <c>complexcases backup</c>: an online copy of a SQLite database (the site may be writing meanwhile), written beside the
/// destination and renamed onto it only once complete and checked, so a failed or killed backup never leaves a partial file
/// where a good one is expected.
/// </summary>
public static class BackUpDatabase
{
    public static UseCaseResult<BackupReport> Run(IStoreProvider provider, string? database, string destination, bool replace)
    {
        ArgumentNullException.ThrowIfNull(provider);
        var target = DatabaseTarget.Resolve(provider, database);
        if (!target.Succeeded) return target.ErrorAs<BackupReport>();
        // Decided from the value alone: a server is not asked anything.
        if (target.Value.File is not { } source) return UseCaseResult<BackupReport>.Invalid(DatabaseFiles.SqliteOnly("backup"));
        if (!File.Exists(source)) return UseCaseResult<BackupReport>.Invalid($"--db: no database at {source}");
        if (string.IsNullOrWhiteSpace(destination)) return UseCaseResult<BackupReport>.Invalid("--to: give the backup file to write");
        var to = Path.GetFullPath(destination);
        if (string.Equals(to, source, StringComparison.Ordinal)) return UseCaseResult<BackupReport>.Invalid("--to: that is the database itself; give another file");
        if (Directory.Exists(to)) return UseCaseResult<BackupReport>.Invalid($"--to: {to} is a folder; give a file inside it");
        if (File.Exists(to) && !replace) return UseCaseResult<BackupReport>.Invalid($"--to: {to} exists; give another file, or --force to replace it");

        var temporary = DatabaseFiles.Beside(to, "partial");
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            using (var db = DatabaseTarget.OpenAsIs(provider, target.Value.ConnectionString))
                db.FileCopy().CopyTo(db, temporary);
            var (check, problem) = CheckedCopy.Read(provider, temporary);
            if (check is null) return UseCaseResult<BackupReport>.Failed($"the copy is not sound ({problem}); nothing was written to {to}");
            File.Move(temporary, to, overwrite: replace);
            return UseCaseResult<BackupReport>.Ok(new BackupReport(to, new FileInfo(to).Length, check, problem));
        }
        catch (Exception ex) when (provider.IsUnusableTarget(ex))
        {
            return UseCaseResult<BackupReport>.Invalid($"cannot back up {target.Value.Description} to {to}: {ex.GetBaseException().Message}");
        }
        finally
        {
            DatabaseFiles.DeleteQuietly(temporary);
        }
    }
}
