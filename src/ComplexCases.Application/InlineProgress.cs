namespace ComplexCases.Application;

/// <summary>
/// Reports on the caller's thread, in order. (<see cref="Progress{T}"/> posts to the thread pool, so
/// reports arrive late, out of order, or after the work has finished.)
/// </summary>
public sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
{
    private readonly Lock _gate = new();

    public void Report(T value)
    {
        lock (_gate) report(value);
    }
}
