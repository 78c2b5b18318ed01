using System.Data.Common;
using ComplexCases.Data;
using ComplexCases.Data.Postgres;
using ComplexCases.Data.Providers;
using ComplexCases.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Hosting;

/// <summary>
/// The hosts' engine (compiled into the command line and the web site, which alone reference both providers), chosen per
/// database value: a PostgreSQL connection string (<c>Host=…</c>) or
/// <c>postgres://</c> URL is PostgreSQL, anything else (a path, <c>Data Source=…</c>) a SQLite file. Each command names
/// its own database, and the web's demo screens a scratch SQLite file beside a server database, so the choice is made
/// per value rather than once for the process.
/// </summary>
internal sealed class StoreProviderByTarget : IStoreProvider
{
    public static readonly StoreProviderByTarget Instance = new();

    private StoreProviderByTarget()
    {
    }

    public string Expected => "a SQLite database file or a PostgreSQL connection string (Host=…;Database=…)";

    /// <summary>The embedded SQLite file: a server is only ever used when named.</summary>
    public string DefaultTarget => SqliteProvider.Instance.DefaultTarget;

    public ResolvedTarget Resolve(string value) => For(value).Resolve(value);
    public string? FileOf(string connectionString) => For(connectionString).FileOf(connectionString);
    public bool Exists(string connectionString) => For(connectionString).Exists(connectionString);
    public ComplexCasesDbContext Open(string connectionString) => For(connectionString).Open(connectionString);
    public DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, string connectionString) => For(connectionString).Configure(builder, connectionString);
    public string Pooled(string connectionString) => For(connectionString).Pooled(connectionString);
    public DbConnection OpenConnection(string connectionString) => For(connectionString).OpenConnection(connectionString);

    /// <summary>Either engine's unusable-target errors: the exception says which engine raised it.</summary>
    public bool IsUnusableTarget(Exception exception) =>
        SqliteProvider.Instance.IsUnusableTarget(exception) || PostgresProvider.Instance.IsUnusableTarget(exception);

    public void Drop(string connectionString) => For(connectionString).Drop(connectionString);

    public static IStoreProvider For(string? value) => PostgresProvider.Claims(value) ? PostgresProvider.Instance : SqliteProvider.Instance;
}
