using ComplexCases.Data;
using ComplexCases.Data.Providers;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Application.Storage;

/// <summary>
/// Where runs are stored: the --db argument, else COMPLEXCASES_DB, else the provider's default database (for SQLite, an
/// embedded file). Resolving checks the argument without touching the disk; the database is created on open.
/// </summary>
public sealed record DatabaseTarget(IStoreProvider Provider, string ConnectionString, string Description)
{
    public const string EnvironmentVariable = "COMPLEXCASES_DB";

    public static UseCaseResult<DatabaseTarget> Resolve(IStoreProvider provider, string? argument)
    {
        ArgumentNullException.ThrowIfNull(provider);
        if (argument is not null && string.IsNullOrWhiteSpace(argument))
            return UseCaseResult<DatabaseTarget>.Invalid($"--db: give {provider.Expected} (or leave --db out to use the default database)");
        var value = argument ?? Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(value)) value = provider.DefaultTarget;
        var resolved = provider.Resolve(value);
        return resolved.Error is { } error
            ? UseCaseResult<DatabaseTarget>.Invalid(error)
            : UseCaseResult<DatabaseTarget>.Ok(new DatabaseTarget(provider, resolved.ConnectionString!, resolved.Description!));
    }

    /// <summary>The local file this target names (null when there is none: in memory, or a server).</summary>
    public string? File => Provider.FileOf(ConnectionString);

    /// <summary>Whether the database exists yet.</summary>
    public bool Exists => Provider.Exists(ConnectionString);

    /// <summary>Opens (creating the database if needed) and migrates the database.</summary>
    public ComplexCasesDbContext Open() => Provider.Open(ConnectionString);

    /// <summary>A context on the database as it stands, never migrated (see <see cref="OpenAsIs(IStoreProvider, string)"/>).</summary>
    public ComplexCasesDbContext OpenAsIs() => OpenAsIs(Provider, ConnectionString);

    /// <summary>The migrations this version would apply to the existing database (see <see cref="Exists"/>), by name.</summary>
    public IReadOnlyList<string> PendingMigrations()
    {
        using var context = OpenAsIs();
        return [.. context.Database.GetPendingMigrations()];
    }

    /// <summary>
    /// The one way to open a database without migrating it: to ask what it lacks before an upgrade (<c>complexcases migrate</c>,
    /// a site that must not migrate), to copy what is there (backup), or to check a backup as it is.
    /// </summary>
    public static ComplexCasesDbContext OpenAsIs(IStoreProvider provider, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(provider);
        return new(((DbContextOptionsBuilder<ComplexCasesDbContext>)provider.Configure(new DbContextOptionsBuilder<ComplexCasesDbContext>(), connectionString)).Options);
    }
}
