using System.Collections.Concurrent;
using ComplexCases.Data.Providers;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Data.Sqlite;

/// <summary>
/// A lock file beside the database file (<c>complexcases.db.lock-reminder-sweep</c>), held open exclusively: .NET takes an
/// operating-system lock on it (flock on Linux), which every process on the machine sees and which ends with the process that
/// holds it. SQLite serves one machine, so that is every instance there can be. An in-memory database is one process's:
/// a semaphore there.
/// </summary>
internal sealed class SqliteJobLock : IJobLock
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> InMemory = new(StringComparer.Ordinal);

    public ValueTask<IAsyncDisposable?> TryAcquireAsync(DbContext db, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        cancellationToken.ThrowIfCancellationRequested();
        if (name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
            throw new ArgumentException("A lock name is letters, digits, '-' and '_' (it names a file).", nameof(name));
        var connectionString = db.Database.GetConnectionString() ?? "";
        var file = SqliteProvider.Instance.FileOf(connectionString);
        if (file is null)
        {
            var semaphore = InMemory.GetOrAdd(new SqliteConnectionStringBuilder(connectionString).DataSource + "|" + name, _ => new SemaphoreSlim(1, 1));
            return ValueTask.FromResult<IAsyncDisposable?>(semaphore.Wait(0, CancellationToken.None) ? new Released(() => semaphore.Release()) : null);
        }
        try
        {
            var stream = new FileStream(file + ".lock-" + name, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            return ValueTask.FromResult<IAsyncDisposable?>(new Released(stream.Dispose));
        }
        catch (IOException)
        {
            // Held by another process, or another holder in this one.
            return ValueTask.FromResult<IAsyncDisposable?>(null);
        }
    }

    private sealed class Released(Action release) : IAsyncDisposable
    {
        private int _released;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) release();
            return ValueTask.CompletedTask;
        }
    }
}
