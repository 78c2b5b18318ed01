using ComplexCases.Application.Storage;
using Microsoft.Data.Sqlite;

namespace ComplexCases.Web.Demo;

/// <summary>The demo's embedded database file: only demo data lives there, so an out-of-date demo is replaced, not patched.</summary>
internal static class DemoDatabase
{
    /// <summary>Deletes the file (and its write-ahead log) and creates it again, empty and migrated.</summary>
    public static void Delete(DatabaseTarget database)
    {
        var file = new SqliteConnectionStringBuilder(database.ConnectionString).DataSource;
        if (string.IsNullOrEmpty(file) || file == ":memory:") throw new InvalidOperationException("Demo mode needs a database file.");
        SqliteConnection.ClearAllPools();
        foreach (var path in new[] { file, file + "-wal", file + "-shm" })
        {
            if (File.Exists(path)) File.Delete(path);
        }
        database.Open().Dispose();
    }
}
