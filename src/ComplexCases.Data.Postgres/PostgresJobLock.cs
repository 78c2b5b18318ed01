using ComplexCases.Data.Providers;
using Medallion.Threading.Postgres;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ComplexCases.Data.Postgres;

/// <summary>
/// A session-level advisory lock (DistributedLock.Postgres) on a connection of its own: every instance on the same database
/// sees it, and the server releases it when that connection ends, so a killed instance releases its locks.
/// </summary>
internal sealed class PostgresJobLock : IJobLock
{
    public async ValueTask<IAsyncDisposable?> TryAcquireAsync(DbContext db, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var connectionString = db.Database.GetConnectionString()
            ?? throw new InvalidOperationException("The context has no connection string to take a lock on.");
        var key = new PostgresAdvisoryLockKey("complexcases:" + name, allowHashing: true);
        // The lock is session state: its connections are reset when they go back to the pool (a pool of their own, since the
        // connection string differs from the host's, which skips the reset: PostgresProvider.Pooled), so a lock that was
        // not released can never stay held by a pooled connection the application uses for something else.
        var reset = new NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = false }.ConnectionString;
        return await new PostgresDistributedLock(key, reset).TryAcquireAsync(TimeSpan.Zero, cancellationToken);
    }
}
