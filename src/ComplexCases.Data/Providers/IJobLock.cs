using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Data.Providers;

/// <summary>
/// A named lock that one holder at a time has, across every process and instance using the same database: periodic work
/// (the reminder sweep and its emails) runs under it so that two instances never do it at once. A holder's death (a
/// killed process, a dropped connection) releases it, so a crashed instance never blocks the others.
/// </summary>
public interface IJobLock
{
    /// <summary>
    /// Takes the lock <paramref name="name"/> on the database <paramref name="db"/> talks to, if nobody holds it; null when
    /// someone does. Held until the handle is disposed.
    /// </summary>
    ValueTask<IAsyncDisposable?> TryAcquireAsync(DbContext db, string name, CancellationToken cancellationToken = default);
}
