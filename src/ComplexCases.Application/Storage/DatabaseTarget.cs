using ComplexCases.Data;
using ComplexCases.Data.Sqlite;
using Microsoft.Data.Sqlite;

namespace ComplexCases.Application.Storage;

/// <summary>
/// Where runs are stored: the --db argument, else COMPLEXCASES_DB, else the embedded default SQLite file.
/// Resolving checks the argument without touching the disk; the file and its folder are created on open.
/// </summary>
public sealed record DatabaseTarget(string ConnectionString, string Description)
{
    public const string EnvironmentVariable = "COMPLEXCASES_DB";

    private static readonly string[] PostgresKeywords = ["host", "server", "port", "username", "user id", "database"];

    public static string DefaultFile => Path.Combine(
        Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify),
        "complexcases", "complexcases.db");

    public static UseCaseResult<DatabaseTarget> Resolve(string? argument)
    {
        if (argument is not null && string.IsNullOrWhiteSpace(argument))
            return Invalid("--db: give a SQLite database file (or leave --db out to use the default database)");
        var value = argument ?? Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(value)) value = DefaultFile;

        if (value.Contains('=', StringComparison.Ordinal)) return FromConnectionString(value);
        try
        {
            var full = Path.GetFullPath(value);
            if (Directory.Exists(full)) return Invalid($"--db: '{value}' is a folder; give a database file inside it");
            return UseCaseResult<DatabaseTarget>.Ok(new DatabaseTarget(
                new SqliteConnectionStringBuilder { DataSource = full, Pooling = false }.ToString(), full));
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return Invalid($"--db: '{value}' is not a usable file path: {ex.Message}");
        }
    }

    /// <summary>The SQLite file this target names (null for an in-memory database).</summary>
    public string? File
    {
        get
        {
            var builder = new SqliteConnectionStringBuilder(ConnectionString);
            return string.IsNullOrEmpty(builder.DataSource) || builder.DataSource == ":memory:" || builder.Mode == SqliteOpenMode.Memory
                ? null
                : Path.GetFullPath(builder.DataSource);
        }
    }

    /// <summary>Opens (creating the file and its folder if needed) and migrates the database.</summary>
    public ComplexCasesDbContext Open()
    {
        var builder = new SqliteConnectionStringBuilder(ConnectionString);
        if (!string.IsNullOrEmpty(builder.DataSource) && builder.DataSource != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
            if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
        }
        return SqliteDatabase.Open(ConnectionString);
    }

    /// <summary>Whether an exception from <see cref="Open"/> means the target itself is unusable (a user's error, not a failure).</summary>
    public static bool IsUnusableTarget(Exception ex) =>
        ex is UnauthorizedAccessException or IOException
        || (ex is SqliteException sqlite && sqlite.SqliteErrorCode is 14 /* CANTOPEN */ or 26 /* NOTADB */ or 8 /* READONLY */);

    private static UseCaseResult<DatabaseTarget> FromConnectionString(string value)
    {
        var keywords = value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2)[0].Trim().ToLowerInvariant()).ToList();
        if (keywords.Any(k => PostgresKeywords.Contains(k)))
            return Invalid("--db: PostgreSQL is not supported by this version yet; give a SQLite database file");
        try
        {
            var builder = new SqliteConnectionStringBuilder(value);
            if (string.IsNullOrWhiteSpace(builder.DataSource)) return Invalid("--db: the connection string names no Data Source");
            return UseCaseResult<DatabaseTarget>.Ok(new DatabaseTarget(builder.ToString(), builder.DataSource));
        }
        catch (ArgumentException ex)
        {
            return Invalid($"--db: not a SQLite connection string: {ex.Message}");
        }
    }

    private static UseCaseResult<DatabaseTarget> Invalid(string message) => UseCaseResult<DatabaseTarget>.Invalid(message);
}
