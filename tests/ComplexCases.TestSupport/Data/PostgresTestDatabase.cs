using ComplexCases.Data;
using ComplexCases.Data.Postgres;
using ComplexCases.Data.Providers;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ComplexCases.TestSupport.Data;

/// <summary>
/// A database of its own on the test server (<see cref="PostgresServer"/>), made empty and dropped on dispose: a class
/// fixture gives each test class one, so classes never see each other's rows and can run in parallel.
/// </summary>
public sealed class PostgresTestDatabase : ITestDatabase
{
    private bool _migrated;

    public PostgresTestDatabase()
    {
        Name = "complexcases_test_" + Guid.NewGuid().ToString("N");
        // With an English collation by default, as a database made for the service would likely be (en_GB): text sorts
        // by code point only because the model puts the C collation on its columns, and the tests would show otherwise.
        Admin($"CREATE DATABASE \"{Name}\" TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-GB'");
        ConnectionString = new NpgsqlConnectionStringBuilder(PostgresServer.ConnectionString) { Database = Name }.ToString();
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public string Engine => "postgres";

    public IStoreProvider Provider => PostgresProvider.Instance;

    /// <summary>The connection string (a host picks PostgreSQL from it).</summary>
    public string Target => ConnectionString;

    public string Folder => _folder.Value;

    private readonly Lazy<string> _folder = new(() =>
        Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "complexcases-pg-" + Guid.NewGuid().ToString("N"))).FullName);

    private readonly Lock _migrating = new();

    /// <summary>Opens a context, migrating the database the first time.</summary>
    public ComplexCasesDbContext Open()
    {
        lock (_migrating)
        {
            if (_migrated) return new ComplexCasesDbContext(PostgresDatabase.Options(ConnectionString));
            var context = PostgresDatabase.Open(ConnectionString);
            _migrated = true;
            return context;
        }
    }

    /// <summary>Npgsql pools connections by default; the database is migrated first.</summary>
    public DbContextOptions<ComplexCasesDbContext> PooledOptions()
    {
        using (Open()) { }
        return PostgresDatabase.Options(ConnectionString);
    }

    public DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder) => PostgresDatabase.Configure(builder, ConnectionString);

    /// <summary>The rows in a table (of a migrated database: a SQLite file that was never made counts 0 rows too).</summary>
    public long Count(string table)
    {
        using (Open()) { }
        using var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand($"SELECT COUNT(*) FROM \"{table}\"", connection);
        return (long)command.ExecuteScalar()!;
    }

    public void InjectFault(string table, string message, string? crn = null)
    {
        using (Open()) { }
        Execute($"""
            CREATE FUNCTION fault_{table}() RETURNS trigger LANGUAGE plpgsql AS $fault$ BEGIN RAISE EXCEPTION '{message}'; END $fault$;
            CREATE TRIGGER fault_{table} BEFORE INSERT ON {table} FOR EACH ROW {(crn is null ? "" : $"WHEN (NEW.crn = '{crn}') ")}EXECUTE FUNCTION fault_{table}();
            """);
    }

    public void RemoveFault(string table) => Execute($"DROP TRIGGER fault_{table} ON {table}; DROP FUNCTION fault_{table}();");

    /// <summary>Runs a statement directly, e.g. to try what the database refuses.</summary>
    public void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        // The pool keeps connections open to this database; FORCE ends any that a test left behind.
        using (var connection = new NpgsqlConnection(ConnectionString)) NpgsqlConnection.ClearPool(connection);
        Admin($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
        if (_folder.IsValueCreated)
        {
            try { Directory.Delete(_folder.Value, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static void Admin(string sql)
    {
        using var connection = new NpgsqlConnection(PostgresServer.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
