using System.Threading.Channels;
using ComplexCases.Data;

namespace ComplexCases.Application.Audit;

/// <summary>
/// Appends audit entries for many concurrent requests in shared transactions ("group commit"): one writer drains
/// whatever has queued, appends it all in order and commits once. Each caller still waits until its own entry is
/// committed, so nothing is shown that is not audited; but twenty page views cost one write, not twenty serialised
/// ones (SQLite lets one writer in at a time, and the per-view write was most of a page's latency).
/// </summary>
public sealed class GroupCommitAuditWriter : IAsyncDisposable, IDisposable
{
    private const int MaxBatch = 500;
    private readonly Channel<(AuditEntryRequest Request, TaskCompletionSource Done)> _queue =
        Channel.CreateUnbounded<(AuditEntryRequest, TaskCompletionSource)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Func<ComplexCasesDbContext> _open;
    private readonly AuditLog _log;
    private readonly Task _loop;

    public GroupCommitAuditWriter(Func<ComplexCasesDbContext> open, AuditLog log)
    {
        _open = open;
        _log = log;
        _loop = Task.Run(WriteAsync);
    }

    /// <summary>Completes when the entry is committed; faults if it could not be.</summary>
    public Task AppendAsync(AuditEntryRequest request)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite((request, done)))
            done.SetException(new InvalidOperationException("The audit writer has stopped; nothing more can be audited."));
        return done.Task;
    }

    /// <summary>Stops taking entries and waits for those queued to be written.</summary>
    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _loop.GetAwaiter().GetResult();
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    private async Task WriteAsync()
    {
        var batch = new List<(AuditEntryRequest Request, TaskCompletionSource Done)>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var item)) batch.Add(item);
            try
            {
                using var db = _open();
                using var transaction = db.Database.BeginTransaction();
                _log.AppendMany(db, [.. batch.Select(item => item.Request)]);
                transaction.Commit();
                foreach (var (_, done) in batch) done.TrySetResult();
            }
            catch (Exception ex)
            {
                foreach (var (_, done) in batch) done.TrySetException(ex);
            }
        }
    }
}
