using System.Data.Common;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace ComplexCases.Data.Sqlite;

/// <summary>The native handle behind a context's connection, for the store operations that bind values directly.</summary>
internal static class SqliteNative
{
    public static sqlite3 Handle(DbConnection connection) =>
        (connection as SqliteConnection ?? throw new InvalidOperationException($"Not a SQLite connection: {connection.GetType().Name}.")).Handle
        ?? throw new InvalidOperationException("The connection is not open.");

    public static void Check(sqlite3 db, int rc)
    {
        if (rc is not (raw.SQLITE_OK or raw.SQLITE_DONE or raw.SQLITE_ROW))
            throw new SqliteException($"SQLite error {rc}: {raw.sqlite3_errmsg(db).utf8_to_string()}", rc);
    }
}
