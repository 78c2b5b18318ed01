using ComplexCases.Data;
using ComplexCases.Data.Postgres;
using ComplexCases.Data.Providers;
using ComplexCases.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.TestSupport.Data;

/// <summary>
/// A test's own database on the engine this run is for (<see cref="TestDatabases"/>): a SQLite file
/// (<see cref="TestDatabase"/>) or a database of its own on the PostgreSQL test server (<see cref="PostgresTestDatabase"/>),
/// made empty and dropped on dispose. Tests that are about SQLite files (paths, WAL, backups of a file) construct a
/// <see cref="TestDatabase"/> directly instead, and so run on SQLite whatever the switch says.
/// </summary>
public interface ITestDatabase : IDisposable
{
    /// <summary>"sqlite" or "postgres".</summary>
    string Engine { get; }

    /// <summary>The engine's store provider, as a host picks it for <see cref="Target"/>.</summary>
    IStoreProvider Provider { get; }

    /// <summary>A connection string to the database.</summary>
    string ConnectionString { get; }

    /// <summary>What a host or command is given as its database (<c>--db</c>, <c>ConnectionStrings:ComplexCases</c>): a file path or a connection string.</summary>
    string Target { get; }

    /// <summary>A scratch folder of the test's own (outputs, definitions), deleted on dispose.</summary>
    string Folder { get; }

    /// <summary>Opens a context on an up-to-date schema (migrating it the first time).</summary>
    ComplexCasesDbContext Open();

    /// <summary>Options for contexts opened often on the migrated database, with pooled connections, as the web host's.</summary>
    DbContextOptions<ComplexCasesDbContext> PooledOptions();

    /// <summary>The provider set-up for <c>AddDbContext</c>.</summary>
    DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder);

    /// <summary>Runs a statement directly.</summary>
    void Execute(string sql);

    /// <summary>The rows in a table (0 when the database was never made).</summary>
    long Count(string table);

    /// <summary>
    /// Makes every insert into <paramref name="table"/> (or only those whose <c>crn</c> is <paramref name="crn"/>) fail with
    /// <paramref name="message"/>, as a fault in the engine would, until <see cref="RemoveFault"/>.
    /// </summary>
    void InjectFault(string table, string message, string? crn = null);

    void RemoveFault(string table);
}

/// <summary>
/// The switch that runs the same application and web tests on either database: <see cref="ProviderVariable"/> unset or
/// "sqlite" is SQLite files, "postgres" the PostgreSQL test server (<see cref="PostgresServer"/>); anything else fails
/// every test that asks, naming the value.
/// </summary>
public static class TestDatabases
{
    public const string ProviderVariable = "COMPLEXCASES_TEST_PROVIDER";

    private static readonly Lazy<string> EngineValue = new(() =>
    {
        var value = Environment.GetEnvironmentVariable(ProviderVariable)?.Trim().ToLowerInvariant();
        return value switch
        {
            null or "" or "sqlite" => "sqlite",
            "postgres" or "postgresql" => "postgres",
            _ => throw new InvalidOperationException($"{ProviderVariable}={value}: expected sqlite or postgres"),
        };
    });

    /// <summary>"sqlite" or "postgres".</summary>
    public static string Engine => EngineValue.Value;

    public static bool OnPostgres => Engine == "postgres";

    /// <summary>The store provider of this run's engine.</summary>
    public static IStoreProvider Provider => OnPostgres ? PostgresProvider.Instance : SqliteProvider.Instance;

    /// <summary>A new database of the test's own on this run's engine.</summary>
    public static ITestDatabase Create() => OnPostgres ? new PostgresTestDatabase() : new TestDatabase();
}
