using ComplexCases.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace ComplexCases.Data.Sqlite;

/// <summary>The embedded default database: a SQLite file, migrated on open.</summary>
public static class SqliteDatabase
{
    public static DbContextOptions<ComplexCasesDbContext> Options(string connectionString) =>
        ((DbContextOptionsBuilder<ComplexCasesDbContext>)Configure(new DbContextOptionsBuilder<ComplexCasesDbContext>(), connectionString)).Options;

    /// <summary>The provider set-up, for <c>AddDbContext</c> in a long-running host (which migrates once, at start).</summary>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseSqlite(connectionString, o => o.MigrationsAssembly(typeof(SqliteDatabase).Assembly.GetName().Name));
        // The store operations (bulk writes, the audit chain) travel with the options: see StoreServices.
        ((IDbContextOptionsBuilderInfrastructure)builder).AddOrUpdateExtension(builder.Options.FindExtension<SqliteStoreExtension>() ?? new SqliteStoreExtension());
        return builder;
    }

    /// <summary>The same database for a web host: pooled connections and foreign keys on every connection.</summary>
    public static string Pooled(string connectionString) =>
        new SqliteConnectionStringBuilder(connectionString) { Pooling = true, ForeignKeys = true }.ToString();

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
