using ComplexCases.Data;
using ComplexCases.Data.Providers;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Application.Operations;

/// <summary>What backup and restore share: the refusal for a server database, and opening a file as it is (never migrated).</summary>
internal static class DatabaseFiles
{
    /// <summary>Why a command that copies files does not apply to a server database, and what to do instead.</summary>
    public static string SqliteOnly(string command) =>
        $"{command} copies a SQLite database file; a PostgreSQL database is backed up and restored with pg_dump and pg_restore (docs/operations.md, \"Backup and restore on PostgreSQL\")";

    /// <summary>
    /// A context on the database as it stands: opening through the provider would migrate it, which must not happen to a
    /// database being copied (the copy is of what is there) or to a backup being checked.
    /// </summary>
    public static ComplexCasesDbContext OpenAsIs(IStoreProvider provider, string connectionString) =>
        new(((DbContextOptionsBuilder<ComplexCasesDbContext>)provider.Configure(new DbContextOptionsBuilder<ComplexCasesDbContext>(), connectionString)).Options);

    /// <summary>A file beside <paramref name="path"/> (same folder, so a rename onto it is atomic), unused.</summary>
    public static string Beside(string path, string purpose) => $"{path}.{purpose}-{Guid.NewGuid():N}";

    public static void DeleteQuietly(string path)
    {
        foreach (var suffix in new[] { "", "-journal", "-wal", "-shm" })
        {
            try
            {
                File.Delete(path + suffix);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Best effort: a leftover temporary file is named for what it was and harms nothing.
            }
        }
    }
}

/// <summary>What a copy of a database holds, as checked: its audit chain, its schema version and its runs.</summary>
public sealed record DatabaseCopyCheck(long AuditEntries, string AuditHead, string? Migration, IReadOnlyList<string> PendingMigrations, int Runs);
