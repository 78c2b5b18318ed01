using ComplexCases.Data;
using ComplexCases.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.TestSupport.Data;

/// <summary>A real SQLite database file in a temp folder, deleted on dispose.</summary>
public sealed class TestDatabase : IDisposable
{
    private readonly bool _owned;

    public TestDatabase()
    {
        Folder = Path.Combine(Path.GetTempPath(), "complexcases-db-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        FilePath = Path.Combine(Folder, "test.db");
        _owned = true;
    }

    private TestDatabase(string filePath)
    {
        FilePath = Path.GetFullPath(filePath);
        Folder = Path.GetDirectoryName(FilePath)!;
    }

    /// <summary>A database file someone else made (e.g. the CLI); not deleted on dispose.</summary>
    public static TestDatabase At(string filePath) => new(filePath);

    public string Folder { get; }

    public string FilePath { get; }

    public string ConnectionString => SqliteDatabase.ConnectionStringForFile(FilePath);

    /// <summary>Opens (and migrates) the database.</summary>
    public ComplexCasesDbContext Open() => SqliteDatabase.Open(ConnectionString);

    /// <summary>Runs a statement directly, e.g. to plant a fault-injecting trigger.</summary>
    public void Execute(string sql)
    {
        using var db = Open();
        using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public long Count(string table)
    {
        if (!File.Exists(FilePath)) return 0;
        using var db = Open();
        using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {table}";
        return (long)command.ExecuteScalar()!;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (!_owned) return;
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
