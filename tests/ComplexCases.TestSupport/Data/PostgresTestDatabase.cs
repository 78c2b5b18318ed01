using ComplexCases.Data;
using ComplexCases.Data.Postgres;
using Npgsql;

namespace ComplexCases.TestSupport.Data;

/// <summary>
/// A database of its own on the test server (<see cref="PostgresServer"/>), made empty and dropped on dispose: a class
/// fixture gives each test class one, so classes never see each other's rows and can run in parallel.
/// </summary>
public sealed class PostgresTestDatabase : IDisposable
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

    /// <summary>Opens a context, migrating the database the first time.</summary>
    public ComplexCasesDbContext Open()
    {
        if (_migrated) return new ComplexCasesDbContext(PostgresDatabase.Options(ConnectionString));
        _migrated = true;
        return PostgresDatabase.Open(ConnectionString);
    }

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
    }

    private static void Admin(string sql)
    {
        using var connection = new NpgsqlConnection(PostgresServer.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
