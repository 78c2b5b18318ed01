using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Data.Providers;

/// <summary>
/// One database engine's connection set-up: what a <c>--db</c> value means, how a context is opened and migrated, and
/// how a database a failed run created is removed. A host (the command line, the web site) or a test picks the provider;
/// the application only ever sees this interface. The provider's store operations (bulk writes, the audit chain's
/// append) travel with the contexts it configures: see <see cref="StoreServices"/>.
/// </summary>
public interface IStoreProvider
{
    /// <summary>What a database argument should be, for messages: "a SQLite database file".</summary>
    string Expected { get; }

    /// <summary>The database used when none is named (for an embedded engine, a file under the user's local data).</summary>
    string DefaultTarget { get; }

    /// <summary>A named database (a file path or a connection string, never blank) as a connection string, or why it cannot be one.</summary>
    ResolvedTarget Resolve(string value);

    /// <summary>The local file the connection string names; null when there is none (in memory, or a server).</summary>
    string? FileOf(string connectionString);

    /// <summary>Whether the database exists already (checking it must not create one where the user mistyped a name).</summary>
    bool Exists(string connectionString);

    /// <summary>Opens a context, creating what the database needs (a file and its folder) and bringing the schema up to date.</summary>
    ComplexCasesDbContext Open(string connectionString);

    /// <summary>The provider set-up for <c>AddDbContext</c> in a long-running host (which migrates once, at start).</summary>
    DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, string connectionString);

    /// <summary>The same database for a long-running host: connections pooled and set up alike.</summary>
    string Pooled(string connectionString);

    /// <summary>A connection of its own, open: months of a comparison are read in parallel, one connection each.</summary>
    DbConnection OpenConnection(string connectionString);

    /// <summary>Whether an exception from opening means the target itself is unusable (a user's error, not a failure).</summary>
    bool IsUnusableTarget(Exception exception);

    /// <summary>Removes, best effort, a database that a run created and then stored nothing in.</summary>
    void Drop(string connectionString);
}

/// <summary>A database argument resolved: a connection string and how to name it to the user, or the error (starting "--db: ").</summary>
public readonly record struct ResolvedTarget(string? ConnectionString, string? Description, string? Error)
{
    public static ResolvedTarget Ok(string connectionString, string description) => new(connectionString, description, null);
    public static ResolvedTarget Invalid(string error) => new(null, null, error);
}
