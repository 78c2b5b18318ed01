using ComplexCases.Data;
using ComplexCases.Data.Sqlite;

namespace ComplexCases.Application.Storage;

/// <summary>Where runs are stored: the --db argument, else COMPLEXCASES_DB, else the embedded default SQLite file.</summary>
public sealed record DatabaseTarget(string ConnectionString, string Description)
{
    public const string EnvironmentVariable = "COMPLEXCASES_DB";

    public static string DefaultFile => Path.Combine(
        Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create),
        "complexcases", "complexcases.db");

    public static UseCaseResult<DatabaseTarget> Resolve(string? argument)
    {
        var value = string.IsNullOrWhiteSpace(argument) ? Environment.GetEnvironmentVariable(EnvironmentVariable) : argument;
        if (string.IsNullOrWhiteSpace(value)) value = DefaultFile;
        if (value.Contains("Host=", StringComparison.OrdinalIgnoreCase))
            return UseCaseResult<DatabaseTarget>.Invalid("--db: PostgreSQL is not supported by this version yet; give a SQLite file path");
        if (value.Contains('=', StringComparison.Ordinal))
            return UseCaseResult<DatabaseTarget>.Ok(new DatabaseTarget(value, "SQLite"));
        try
        {
            return UseCaseResult<DatabaseTarget>.Ok(new DatabaseTarget(SqliteDatabase.ConnectionStringForFile(value), Path.GetFullPath(value)));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return UseCaseResult<DatabaseTarget>.Invalid($"--db: cannot use '{value}': {ex.Message}");
        }
    }

    public ComplexCasesDbContext Open() => SqliteDatabase.Open(ConnectionString);
}
