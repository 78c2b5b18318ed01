using System.Data.Common;
using System.Net.Sockets;
using ComplexCases.Data.Providers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ComplexCases.Data.Postgres;

/// <summary>
/// The server engine: a database is named by a PostgreSQL connection string (<c>Host=…;Database=…</c>) or a
/// <c>postgres://</c> URL. The database must exist (a deployment creates it and its account); opening migrates it.
/// </summary>
public sealed class PostgresProvider : IStoreProvider
{
    public static readonly PostgresProvider Instance = new();

    private static readonly string[] Keywords = ["host", "server"];

    private PostgresProvider()
    {
    }

    public string Expected => "a PostgreSQL connection string";

    /// <summary>A server has no default database: one must be named (this is what <c>Host=</c> alone would mean).</summary>
    public string DefaultTarget => "Host=localhost;Database=complexcases";

    /// <summary>Whether a database argument names PostgreSQL: a URL, or a connection string with a host.</summary>
    public static bool Claims(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return false;
        var trimmed = value.TrimStart();
        if (trimmed.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || trimmed.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
            return true;
        return value.Contains('=', StringComparison.Ordinal)
            && value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Any(part => Keywords.Contains(part.Split('=', 2)[0].Trim().ToLowerInvariant()));
    }

    public ResolvedTarget Resolve(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(FromUrl(value.Trim()));
            if (string.IsNullOrWhiteSpace(builder.Host)) return ResolvedTarget.Invalid("--db: the connection string names no Host");
            if (string.IsNullOrWhiteSpace(builder.Database)) return ResolvedTarget.Invalid("--db: the connection string names no Database");
            // Never the password: the description is shown and logged.
            return ResolvedTarget.Ok(builder.ConnectionString, $"PostgreSQL database '{builder.Database}' on {builder.Host}");
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or UriFormatException)
        {
            return ResolvedTarget.Invalid($"--db: not a PostgreSQL connection string: {ex.Message}");
        }
    }

    public string? FileOf(string connectionString) => null;

    public bool Exists(string connectionString)
    {
        try
        {
            using var connection = OpenConnection(connectionString);
            return true;
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            return false;
        }
    }

    public ComplexCasesDbContext Open(string connectionString) => PostgresDatabase.Open(connectionString);

    public DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, string connectionString) => PostgresDatabase.Configure(builder, connectionString);

    /// <summary>
    /// Pooled, and not reset when returned to the pool: the reset (<c>DISCARD ALL</c>, sent with the next use) ran eight
    /// statements on the server each time a request took a connection from the pool, several times a page view, and more
    /// of them than the page's own queries (docs/performance.md, issue 11). It
    /// is safe because nothing on these connections leaves session state behind: the application sets no session
    /// settings, makes no temporary tables and listens to nothing, the audit chain's lock is transaction-scoped, and the
    /// one session-level lock (<see cref="PostgresJobLock"/>) takes its connections from a pool of its own that is reset.
    /// </summary>
    public string Pooled(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Pooling = true, NoResetOnClose = true }.ConnectionString;

    public DbConnection OpenConnection(string connectionString)
    {
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            connection.Open();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public bool IsUnusableTarget(Exception exception) => exception switch
    {
        PostgresException pg => pg.SqlState is PostgresErrorCodes.InvalidCatalogName or PostgresErrorCodes.InvalidPassword
            or PostgresErrorCodes.InvalidAuthorizationSpecification or PostgresErrorCodes.InsufficientPrivilege,
        NpgsqlException { InnerException: SocketException } => true,
        _ => false,
    };

    /// <summary>Nothing: the run did not create the server's database (a deployment did), and its transaction left nothing.</summary>
    public void Drop(string connectionString)
    {
    }

    /// <summary><c>postgres://user:password@host:port/database?sslmode=require</c> as keywords; anything else unchanged.</summary>
    internal static string FromUrl(string value)
    {
        if (!value.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) && !value.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
            return value;
        var uri = new Uri(value);
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')),
        };
        if (uri.Port > 0) builder.Port = uri.Port;
        if (uri.UserInfo.Length > 0)
        {
            var user = uri.UserInfo.Split(':', 2);
            builder.Username = Uri.UnescapeDataString(user[0]);
            if (user.Length == 2) builder.Password = Uri.UnescapeDataString(user[1]);
        }
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            builder[Uri.UnescapeDataString(kv[0])] = kv.Length == 2 ? Uri.UnescapeDataString(kv[1]) : "";
        }
        return builder.ConnectionString;
    }
}

/// <summary>How a host picks PostgreSQL.</summary>
public static class PostgresProviderRegistration
{
    /// <summary>Makes PostgreSQL the host's database engine (<see cref="IStoreProvider"/>).</summary>
    public static IServiceCollection AddPostgresProvider(this IServiceCollection services) =>
        services.AddSingleton<IStoreProvider>(PostgresProvider.Instance);
}
