using System.Diagnostics;
using ComplexCases.Application.Definitions;
using ComplexCases.Application.Lists;
using ComplexCases.Application.Storage;
using ComplexCases.Domain.Definitions;
using ComplexCases.Domain.Screening;
using ComplexCases.Extracts.Reading;

namespace ComplexCases.Application.Screening;

/// <summary>What an analyst asks for: screen this extract as of this date with this definition.</summary>
public sealed record ScreenRequest(string ExtractFolder, DateOnly AsOf, string OutputFolder)
{
    /// <summary>Definition file; null means the pilot definition shipped with the program.</summary>
    public string? DefinitionPath { get; init; }
    /// <summary>SQLite file or connection string; null means the embedded default database.</summary>
    public string? Database { get; init; }
    /// <summary>Replace a stored run of the same extract, date and definition instead of recognising it.</summary>
    public bool Replace { get; init; }
    public string RunBy { get; init; } = "cli";
    public bool WriteWorkbooks { get; init; } = true;
}

/// <summary>
/// The monthly screening run: read and validate the extract, screen everyone, compare with the previous
/// run, store it all in one transaction and write the lists. All or nothing: a failure stores nothing
/// and leaves no half-written output.
/// </summary>
public sealed class ScreenExtract(TimeProvider clock, Workflow.WorkflowSettings? workflow = null)
{
    /// <summary>Screening dates the service accepts: wide enough for any real extract, narrow enough for date arithmetic.</summary>
    public static readonly DateOnly EarliestAsOf = new(1990, 1, 1);
    public static readonly DateOnly LatestAsOf = new(2100, 12, 31);

    public UseCaseResult<ScreeningReport> Run(ScreenRequest request, IProgress<ScreeningProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (request.AsOf < EarliestAsOf || request.AsOf > LatestAsOf)
            return UseCaseResult<ScreeningReport>.Invalid($"--as-of: {request.AsOf:yyyy-MM-dd} is outside the dates a screening can have ({EarliestAsOf:yyyy-MM-dd} to {LatestAsOf:yyyy-MM-dd})");
        if (string.IsNullOrWhiteSpace(request.OutputFolder))
            return UseCaseResult<ScreeningReport>.Invalid("--out: give a folder for the lists");
        var definitionResult = DefinitionFile.Load(request.DefinitionPath ?? DefinitionFile.PilotPath);
        if (!definitionResult.Succeeded) return definitionResult.ErrorAs<ScreeningReport>();
        var definition = definitionResult.Value;

        var target = DatabaseTarget.Resolve(request.Database);
        if (!target.Succeeded) return target.ErrorAs<ScreeningReport>();

        if (!Directory.Exists(request.ExtractFolder))
            return UseCaseResult<ScreeningReport>.Invalid($"--extract: folder not found: {request.ExtractFolder}");

        var startedAt = clock.GetUtcNow();
        progress?.Report(new ScreeningProgress("Reading extract", 0));
        var read = ExtractReader.Read(request.ExtractFolder,
            new InlineProgress<ExtractProgress>(p => progress?.Report(new ScreeningProgress("Reading extract", p.TotalBytes == 0 ? 1 : (double)p.BytesRead / p.TotalBytes))),
            cancellationToken);
        if (!read.Succeeded) return UseCaseResult<ScreeningReport>.Invalid(read.Error!.Message);
        var extract = read.Result!;
        // Reading leaves ~150 MB of large transient buffers (per-file row chunks) that only a full collection
        // frees; without it they stay resident through the store and a national run peaks above its 400 MB budget.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);

        progress?.Report(new ScreeningProgress("Screening", 0));
        var screener = new Screener(definition.Definition, request.AsOf);
        var caseload = extract.Caseload;
        var outcomes = ScreenEveryone(screener, caseload);

        try
        {
            using var db = target.Value.Open();
            var store = new ScreeningStore(db);
            if (store.ConflictingDefinition(definition) is { } conflict) return UseCaseResult<ScreeningReport>.Invalid(conflict);
            var existing = store.FindSameRun(extract.Sha256, request.AsOf, definition.Definition);
            var previous = store.FindPreviousRun(definition.Definition.Id, request.AsOf, excludingRunId: existing?.Id);
            var previousCases = previous is null ? new Dictionary<string, Data.Screening.ListedCase>() : store.ListedCasesOf(previous.Id);
            var cases = ListBuilder.Build(caseload, outcomes, previousCases);

            var complex = 0;
            var possibly = 0;
            foreach (var o in outcomes)
            {
                if (o.Status == ScreeningStatus.Complex) complex++;
                else if (o.Status == ScreeningStatus.PossiblyComplex) possibly++;
            }
            var left = cases.Count(c => c.Change == ListChange.Left);

            var report = new ScreeningReport(existing?.Id ?? 0, existing is not null && !request.Replace, existing is not null && request.Replace,
                request.AsOf, definition, extract, caseload.Count, complex, possibly, left, previous?.Id, cases)
            {
                Incomplete = IncompleteRecords.Count(screener, caseload, outcomes),
                Screener = screener,
            };

            // Lists and workbooks are staged on the other core while the run is stored; the transaction
            // commits only once both have succeeded, then the staged files are moved into place.
            var staging = Task.Run(() => OutputWriter.Stage(request.OutputFolder, report, request.WriteWorkbooks), cancellationToken);
            using var staged = report.AlreadyStored
                ? WaitFor(staging, progress)
                : Store(store, report, outcomes, existing, startedAt, request, staging, progress, cancellationToken, out report);
            try
            {
                staged.Publish(report);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The commit has happened: say so, rather than claim nothing was stored.
                return UseCaseResult<ScreeningReport>.Failed(
                    $"run {report.RunId} was stored, but its lists could not be written to {request.OutputFolder}: {ex.Message} (fix the folder and re-run with --replace)");
            }
            try
            {
                // After the run's own commit: intake is idempotent, so a failure here is mended by running again.
                new Workflow.WorkflowIntake(workflow ?? Workflow.WorkflowSettings.Shipped(), clock).TakeIn(db, report.RunId);
            }
            catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
            {
                Trace.TraceError(ex.ToString());
                return UseCaseResult<ScreeningReport>.Failed(
                    $"run {report.RunId} was stored, but its complex cases could not be put into the case workflow: {ex.GetBaseException().Message} (run the same command again to retry)");
            }
            progress?.Report(new ScreeningProgress("Done", 1));
            return UseCaseResult<ScreeningReport>.Ok(report);
        }
        catch (Exception ex) when (DatabaseTarget.IsUnusableTarget(ex))
        {
            return UseCaseResult<ScreeningReport>.Invalid($"cannot use the database or output folder ({target.Value.Description}, {request.OutputFolder}): {ex.GetBaseException().Message}; nothing was stored");
        }
        catch (OperationCanceledException)
        {
            return UseCaseResult<ScreeningReport>.Failed("the run was cancelled; nothing was stored");
        }
        catch (Exception ex) when (ex is not OutOfMemoryException and not StackOverflowException)
        {
            Trace.TraceError(ex.ToString());
            return UseCaseResult<ScreeningReport>.Failed($"the run failed and nothing was stored: {ex.GetBaseException().Message}");
        }
    }

    private OutputWriter Store(ScreeningStore store, ScreeningReport report, PersonOutcome[] outcomes, Data.Screening.ScreeningRun? existing,
        DateTimeOffset startedAt, ScreenRequest request, Task<OutputWriter> staging, IProgress<ScreeningProgress>? progress,
        CancellationToken cancellationToken, out ScreeningReport stored)
    {
        var count = report.People;
        try
        {
            progress?.Report(new ScreeningProgress("Storing results", 0));
            var runId = store.Store(report, outcomes, existing, startedAt, clock, request.RunBy,
                new InlineProgress<int>(n => progress?.Report(new ScreeningProgress("Storing results", count == 0 ? 1 : (double)n / count))),
                beforeCommit: () => WaitFor(staging, progress),
                cancellationToken);
            stored = report with { RunId = runId };
            return staging.Result;
        }
        catch
        {
            // Never leave staged files behind, whichever side failed.
            staging.ContinueWith(t => { if (t.IsCompletedSuccessfully) t.Result.Dispose(); }, TaskScheduler.Default).Wait(CancellationToken.None);
            throw;
        }
    }

    private static OutputWriter WaitFor(Task<OutputWriter> staging, IProgress<ScreeningProgress>? progress)
    {
        if (!staging.IsCompleted) progress?.Report(new ScreeningProgress("Writing lists", 0));
        return staging.GetAwaiter().GetResult();
    }

    /// <summary>Screens every person; the two halves of the caseload run on both cores.</summary>
    internal static PersonOutcome[] ScreenEveryone(Screener screener, Caseload caseload)
    {
        var outcomes = new PersonOutcome[caseload.Count];
        var chunk = Math.Max(4096, (caseload.Count / Environment.ProcessorCount) + 1);
        Parallel.For(0, (caseload.Count + chunk - 1) / chunk, part =>
        {
            var end = Math.Min(caseload.Count, (part + 1) * chunk);
            for (var i = part * chunk; i < end; i++) outcomes[i] = screener.Evaluate(caseload.RecordsOf(i));
        });
        return outcomes;
    }
}
