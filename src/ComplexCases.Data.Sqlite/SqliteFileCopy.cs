using ComplexCases.Data.Providers;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Data.Sqlite;

/// <summary>
/// SQLite's online backup (sqlite3_backup): the copy is taken in one step inside a read transaction, so in WAL mode the web
/// site and a screening go on writing while it runs and the copy is the database as of its start, never half a transaction.
/// </summary>
internal sealed class SqliteFileCopy : IDatabaseFileCopy
{
    public void CopyTo(DbContext db, string destinationFile)
    {
        ArgumentNullException.ThrowIfNull(db);
        db.Database.OpenConnection();
        var source = (SqliteConnection)db.Database.GetDbConnection();
        using var destination = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = destinationFile, Pooling = false }.ToString());
        destination.Open();
        source.BackupDatabase(destination);
        // The copy carries the source's WAL flag; a backup is a file to move and keep, so make it a single file.
        try
        {
            Execute(destination, "PRAGMA journal_mode=DELETE;");
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == 11 /* CORRUPT */)
        {
            // A damaged source copies as damaged and the pragma may trip over it (which pages it hits depends on the
            // schema): the integrity check that follows a copy names the damage, so the copy itself does not fail here.
        }
    }

    public IReadOnlyList<string> CheckIntegrity(DbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        try
        {
            db.Database.OpenConnection();
            using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "PRAGMA integrity_check;";
            using var reader = command.ExecuteReader();
            var problems = new List<string>();
            while (reader.Read())
            {
                var line = reader.GetString(0);
                if (line != "ok") problems.Add(line);
            }
            return problems;
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is 11 /* CORRUPT */ or 26 /* NOTADB */)
        {
            return [ex.Message];
        }
    }

    public void Checkpoint(DbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        db.Database.OpenConnection();
        Execute((SqliteConnection)db.Database.GetDbConnection(), "PRAGMA wal_checkpoint(TRUNCATE);");
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
