using ComplexCases.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ComplexCases.Data.Sqlite;

/// <summary>The embedded default database: a SQLite file, migrated on open.</summary>
public static class SqliteDatabase
{
    public static DbContextOptions<ComplexCasesDbContext> Options(string connectionString) =>
        new DbContextOptionsBuilder<ComplexCasesDbContext>()
            .UseSqlite(connectionString, o => o.MigrationsAssembly(typeof(SqliteDatabase).Assembly.GetName().Name))
            .Options;

    /// <summary>A connection string for a database file (created with its folder if missing).</summary>
    public static string ConnectionStringForFile(string path)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        return new SqliteConnectionStringBuilder { DataSource = full, Pooling = false }.ToString();
    }

    /// <summary>Opens a context, brings the schema up to date, and sets WAL so readers never block the monthly run.</summary>
    public static ComplexCasesDbContext Open(string connectionString)
    {
        var context = new ComplexCasesDbContext(Options(connectionString));
        context.Database.OpenConnection();
        using (var command = context.Database.GetDbConnection().CreateCommand())
        {
            command.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;";
            command.ExecuteNonQuery();
        }
        context.Database.Migrate();
        return context;
    }
}

/// <summary>Lets <c>dotnet ef migrations add</c> build the context.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<ComplexCasesDbContext>
{
    public ComplexCasesDbContext CreateDbContext(string[] args) =>
        new(SqliteDatabase.Options("Data Source=design-time.db"));
}
