using System.Data.Common;
using ComplexCases.Data.Providers;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ComplexCases.Data.Sqlite;

/// <summary>
/// The embedded default engine: a database is a SQLite file, named by a path or a SQLite connection string, created with
/// its folder on first open.
/// </summary>
public sealed class SqliteProvider : IStoreProvider
{
    public static readonly SqliteProvider Instance = new();

    private static readonly string[] PostgresKeywords = ["host", "server", "port", "username", "user id", "database"];

    private SqliteProvider()
    {
    }

    public string Expected => "a SQLite database file";

    public string DefaultTarget => Path.Combine(
        Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify),
        "complexcases", "complexcases.db");

    public ResolvedTarget Resolve(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        if (value.Contains('=', StringComparison.Ordinal)) return FromConnectionString(value);
        try
        {
            var full = Path.GetFullPath(value);
            if (Directory.Exists(full)) return ResolvedTarget.Invalid($"--db: '{value}' is a folder; give a database file inside it");
            return ResolvedTarget.Ok(new SqliteConnectionStringBuilder { DataSource = full, Pooling = false }.ToString(), full);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return ResolvedTarget.Invalid($"--db: '{value}' is not a usable file path: {ex.Message}");
        }
    }

    public string? FileOf(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        return InMemory(builder) ? null : Path.GetFullPath(builder.DataSource);
    }

    public bool Exists(string connectionString) => FileOf(connectionString) is not { } file || File.Exists(file);

    public ComplexCasesDbContext Open(string connectionString)
    {
        if (FileOf(connectionString) is { } file && Path.GetDirectoryName(file) is { Length: > 0 } folder) Directory.CreateDirectory(folder);
        return SqliteDatabase.Open(connectionString);
    }

    public DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, string connectionString) => SqliteDatabase.Configure(builder, connectionString);

    public string Pooled(string connectionString) => SqliteDatabase.Pooled(connectionString);

    public DbConnection OpenConnection(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
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

    public bool IsUnusableTarget(Exception exception) =>
        exception is UnauthorizedAccessException or IOException
        || (exception is SqliteException sqlite && sqlite.SqliteErrorCode is 14 /* CANTOPEN */ or 26 /* NOTADB */ or 8 /* READONLY */);

    public void Drop(string connectionString)
    {
        if (FileOf(connectionString) is not { } file) return;
        // A pooled connection would keep the file open (and, on Windows, undeletable).
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
        {
            try
            {
                File.Delete(file + suffix);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Best effort: the run's own message says what went wrong, which matters more than the leftover.
            }
        }
    }

    private static bool InMemory(SqliteConnectionStringBuilder builder) =>
        string.IsNullOrEmpty(builder.DataSource) || builder.DataSource == ":memory:" || builder.Mode == SqliteOpenMode.Memory;

    private static ResolvedTarget FromConnectionString(string value)
    {
        var keywords = value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2)[0].Trim().ToLowerInvariant()).ToList();
        if (keywords.Any(k => PostgresKeywords.Contains(k)))
            return ResolvedTarget.Invalid("--db: a PostgreSQL connection string must name its Host (Host=...;Database=...); a SQLite one its Data Source");
        try
        {
            var builder = new SqliteConnectionStringBuilder(value);
            if (string.IsNullOrWhiteSpace(builder.DataSource)) return ResolvedTarget.Invalid("--db: the connection string names no Data Source");
            return ResolvedTarget.Ok(builder.ToString(), builder.DataSource);
        }
        catch (ArgumentException ex)
        {
            return ResolvedTarget.Invalid($"--db: not a SQLite connection string: {ex.Message}");
        }
    }
}

/// <summary>How a host picks SQLite.</summary>
public static class SqliteProviderRegistration
{
    /// <summary>Makes SQLite the host's database engine (<see cref="IStoreProvider"/>).</summary>
    public static IServiceCollection AddSqliteProvider(this IServiceCollection services) =>
        services.AddSingleton<IStoreProvider>(SqliteProvider.Instance);
}
