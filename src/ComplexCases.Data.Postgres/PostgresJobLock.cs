using ComplexCases.Data.Providers;
using Medallion.Threading.Postgres;
using Microsoft.EntityFrameworkCore;

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
        return await new PostgresDistributedLock(key, connectionString).TryAcquireAsync(TimeSpan.Zero, cancellationToken);
    }
}
