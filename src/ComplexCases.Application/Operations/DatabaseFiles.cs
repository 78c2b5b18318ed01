namespace ComplexCases.Application.Operations;

/// <summary>What backup and restore share: the refusal for a server database, and temporary files beside the database.</summary>
internal static class DatabaseFiles
{
    /// <summary>Why a command that copies files does not apply to a server database, and what to do instead.</summary>
    public static string SqliteOnly(string command) =>
        $"{command} copies a SQLite database file; a PostgreSQL database is backed up and restored with pg_dump and pg_restore (docs/operations.md, \"Backup and restore on PostgreSQL\")";

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
