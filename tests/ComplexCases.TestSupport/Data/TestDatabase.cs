using ComplexCases.Data;
using ComplexCases.Data.Providers;
using ComplexCases.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.TestSupport.Data;

/// <summary>
/// A real SQLite database file in a temp folder, deleted on dispose. Constructed directly, it is SQLite whatever the run's
/// engine (for tests about files); <see cref="TestDatabases.Create"/> gives one only on a SQLite run.
/// </summary>
public sealed class TestDatabase : ITestDatabase
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

    public string Engine => "sqlite";

    public IStoreProvider Provider => SqliteProvider.Instance;

    /// <summary>The file's path.</summary>
    public string Target => FilePath;

    public DbContextOptions<ComplexCasesDbContext> PooledOptions() => SqliteDatabase.Options(SqliteDatabase.Pooled(ConnectionString));

    public DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder) => SqliteDatabase.Configure(builder, ConnectionString);

    public void InjectFault(string table, string message, string? crn = null) =>
        Execute($"CREATE TRIGGER fault_{table} BEFORE INSERT ON {table} {(crn is null ? "" : $"WHEN NEW.crn = '{crn}' ")}BEGIN SELECT RAISE(ABORT, '{message}'); END;");

    public void RemoveFault(string table) => Execute($"DROP TRIGGER fault_{table};");

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
        command.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
        return (long)command.ExecuteScalar()!;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (!_owned) return;
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
