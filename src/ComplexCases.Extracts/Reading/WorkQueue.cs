using System.Runtime.ExceptionServices;

namespace ComplexCases.Extracts.Reading;

/// <summary>
/// Runs work on a fixed number of threads, where finishing one piece of work may add more (a file's
/// records can be grouped as soon as that file and people.csv are both read). Keeps every core busy
/// to the end rather than waiting for all files before any grouping starts.
/// </summary>
internal sealed class WorkQueue
{
    private readonly object _lock = new();
    private readonly LinkedList<Action> _ready = [];
    private int _unfinished;
    private ExceptionDispatchInfo? _failure;

    /// <param name="first">Run before anything already queued (used for work that unblocks other work).</param>
    public void Add(Action work, bool first = false)
    {
        lock (_lock)
        {
            if (first) _ready.AddFirst(work);
            else _ready.AddLast(work);
            _unfinished++;
            Monitor.PulseAll(_lock);
        }
    }

    /// <summary>Runs until all work, including work added meanwhile, is done; rethrows the first exception.</summary>
    public void Run(int threads)
    {
        var helpers = Enumerable.Range(1, threads - 1).Select(_ => Task.Factory.StartNew(Work, TaskCreationOptions.LongRunning)).ToArray();
        Work();
        Task.WaitAll(helpers);
        _failure?.Throw();
    }

    private void Work()
    {
        while (true)
        {
            Action work;
            lock (_lock)
            {
                while (_ready.Count == 0)
                {
                    if (_unfinished == 0) return;
                    Monitor.Wait(_lock);
                }
                work = _ready.First!.Value;
                _ready.RemoveFirst();
            }
            try
            {
                if (_failure is null) work();
            }
            catch (Exception e)
            {
                lock (_lock) _failure ??= ExceptionDispatchInfo.Capture(e);
            }
            finally
            {
                lock (_lock)
                {
                    _unfinished--;
                    Monitor.PulseAll(_lock);
                }
            }
        }
    }
}
