using ComplexCases.Application.Screening;
using Spectre.Console;

namespace ComplexCases.Cli.Commands;

/// <summary>
/// One progress bar per stage of a run on a terminal. A stage ends when the next begins: its bar is filled and its task
/// stopped, so its elapsed time stays at how long it took instead of counting on to the end of the run.
/// </summary>
internal sealed class StageTasks(ProgressContext context)
{
    private readonly Dictionary<string, ProgressTask> _tasks = new(StringComparer.Ordinal);
    private ProgressTask? _current;

    public IReadOnlyDictionary<string, ProgressTask> Tasks => _tasks;

    public void Report(ScreeningProgress progress)
    {
        lock (_tasks)
        {
            if (!_tasks.TryGetValue(progress.Stage, out var task))
            {
                if (_current is { } previous)
                {
                    previous.Value = previous.MaxValue;
                    previous.StopTask();
                }
                if (progress.Stage == "Done") return;
                _tasks[progress.Stage] = task = context.AddTask(progress.Stage, maxValue: 1);
                _current = task;
            }
            task.Value = Math.Min(1, progress.Fraction);
        }
    }
}
