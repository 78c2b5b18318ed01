using ComplexCases.Application.Storage;
using Microsoft.Data.Sqlite;

namespace ComplexCases.Web.Demo;

/// <summary>The demo's database: only demo data lives there, so an out-of-date demo is replaced, not patched.</summary>
internal static class DemoDatabase
{
    /// <summary>
    /// Whether the demo can be made afresh: a file can be deleted. A server database cannot: the site never creates or drops
    /// one (a mistyped name must not become a new one), and its audit log is append-only, by a trigger, for everyone.
    /// </summary>
    public static bool IsFile(DatabaseTarget database) => database.Provider.FileOf(database.ConnectionString) is not null;

    /// <summary>Deletes the file (and its write-ahead log) and creates it again, empty and migrated.</summary>
    public static void Delete(DatabaseTarget database)
    {
        var file = database.Provider.FileOf(database.ConnectionString);
        if (string.IsNullOrEmpty(file) || file == ":memory:") throw new InvalidOperationException("Demo mode needs a database file.");
        SqliteConnection.ClearAllPools();
        foreach (var path in new[] { file, file + "-wal", file + "-shm" })
        {
            if (File.Exists(path)) File.Delete(path);
        }
        database.Open().Dispose();
    }
}
