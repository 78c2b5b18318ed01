using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace ComplexCases.Data.Postgres;

/// <summary>The server database for a region or a national service: PostgreSQL through Npgsql, migrated explicitly.</summary>
public static class PostgresDatabase
{
    public static DbContextOptions<ComplexCasesDbContext> Options(string connectionString) =>
        ((DbContextOptionsBuilder<ComplexCasesDbContext>)Configure(new DbContextOptionsBuilder<ComplexCasesDbContext>(), connectionString)).Options;

    /// <summary>
    /// The provider set-up, for <c>AddDbContext</c> or <see cref="Options"/>: Npgsql, this assembly's migrations, and the
    /// model adjustments that make PostgreSQL behave as the SQLite database does (<see cref="PostgresModelCustomizer"/>).
    /// </summary>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .UseNpgsql(connectionString, o => o.MigrationsAssembly(typeof(PostgresDatabase).Assembly.GetName().Name))
            .ReplaceService<IModelCustomizer, PostgresModelCustomizer>();
    }

    /// <summary>Brings the schema up to date: how a deployment upgrades (the database must exist; the account needs DDL rights).</summary>
    public static void Migrate(string connectionString)
    {
        using var context = new ComplexCasesDbContext(Options(connectionString));
        context.Database.Migrate();
    }

    /// <summary>Opens a context on an up-to-date schema (migrating first), as <c>SqliteDatabase.Open</c> does.</summary>
    public static ComplexCasesDbContext Open(string connectionString)
    {
        var context = new ComplexCasesDbContext(Options(connectionString));
        try
        {
            context.Database.Migrate();
            return context;
        }
        catch
        {
            context.Dispose();
            throw;
        }
    }
}

/// <summary>
/// Lets <c>dotnet ef migrations add … --project src/ComplexCases.Data.Postgres --startup-project src/ComplexCases.Data.Postgres</c>
/// build the context. Adding a migration connects to no server, so the connection string names none that exists.
/// </summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<ComplexCasesDbContext>
{
    public ComplexCasesDbContext CreateDbContext(string[] args) =>
        new(PostgresDatabase.Options("Host=localhost;Database=complexcases_design_time"));
}
