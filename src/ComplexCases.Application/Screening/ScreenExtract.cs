using System.Diagnostics;
using ComplexCases.Application.Audit;
using ComplexCases.Application.Definitions;
using ComplexCases.Application.Lists;
using ComplexCases.Application.Storage;
using ComplexCases.Data;
using ComplexCases.Data.Providers;
using ComplexCases.Domain.Definitions;
using ComplexCases.Domain.Screening;
using ComplexCases.Extracts.Reading;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ComplexCases.Application.Screening;

/// <summary>What an analyst asks for: screen this extract as of this date with this definition.</summary>
public sealed record ScreenRequest(string ExtractFolder, DateOnly AsOf, string OutputFolder)
{
    /// <summary>Definition file; null means the pilot definition shipped with the program.</summary>
    public string? DefinitionPath { get; init; }
    /// <summary>
    /// A stored version (the <c>definitions</c> table) to use instead of a file; with neither, the one adopted for the month of
    /// <see cref="AsOf"/> (see <c>Operational</c>). Only a choice a web run checked (<see cref="RunDefinitionChoices"/>).
    /// </summary>
    public DefinitionVersionRef? StoredDefinition { get; init; }
    /// <summary>A database file or connection string for the provider; null means the default database.</summary>
    public string? Database { get; init; }
    /// <summary>Replace a stored run of the same extract, date and definition instead of recognising it.</summary>
    public bool Replace { get; init; }
    public string RunBy { get; init; } = "cli";
    public bool WriteWorkbooks { get; init; } = true;
    /// <summary>
    /// The analyst's reason for storing a month that differs from the previous one beyond <see cref="Limits"/>
    /// (audited with the figures); null refuses such a month.
    /// </summary>
    public string? AcceptChanges { get; init; }
    public ReconciliationLimits Limits { get; init; } = ReconciliationLimits.Default;
}

/// <summary>
/// The monthly screening run: read and validate the extract, screen everyone, compare with the previous
/// run, store it all in one transaction and write the lists. All or nothing: a failure stores nothing
/// and leaves no half-written output.
/// </summary>
/// <remarks>Holds the last run's state (<see cref="Refusal"/>): one instance per run (transient in the container).</remarks>
/// <param name="telemetry">Measures each run (optional for tests that build the use case by hand).</param>
public sealed partial class ScreenExtract(TimeProvider clock, IStoreProvider provider, AuditLog audit, Workflow.WorkflowIntake intake, ILogger<ScreenExtract> log,
    ScreeningTelemetry? telemetry = null)
{
    /// <summary>Screening dates the service accepts: wide enough for any real extract, narrow enough for date arithmetic.</summary>
    public static readonly DateOnly EarliestAsOf = new(1990, 1, 1);
    public static readonly DateOnly LatestAsOf = new(2100, 12, 31);

    /// <summary>The longest reason for accepting a month's changes that is kept (it goes into the audit log).</summary>
    public const int MaxReasonLength = 500;

    /// <summary>When the last run was refused by reconciliation: its figures (the web shows them and asks for a reason).</summary>
    public Reconciliation? Refusal { get; private set; }

    private bool _committed;

    public UseCaseResult<ScreeningReport> Run(ScreenRequest request, IProgress<ScreeningProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        // A run that stores nothing leaves nothing behind: no new empty output folder, no new empty database file.
        var outputExisted = string.IsNullOrWhiteSpace(request.OutputFolder) || Directory.Exists(request.OutputFolder);
        var database = DatabaseTarget.Resolve(provider, request.Database) is { Succeeded: true } t ? t.Value : null;
        var databaseExisted = database is null || database.Exists;
        _committed = false;
        Refusal = null;
        using var activity = ScreeningTelemetry.StartRun(request.AsOf);
        var started = clock.GetTimestamp();
        var result = RunOnce(request, progress, cancellationToken);
        telemetry?.Finished(activity, clock.GetElapsedTime(started), result, Refusal is not null);
        if (!result.Succeeded && !_committed)
        {
            if (!outputExisted) TryDelete(() => Directory.Delete(request.OutputFolder, recursive: true));
            if (!databaseExisted) provider.Drop(database!.ConnectionString);
        }
        return result;
    }

    private static void TryDelete(Action delete)
    {
        try
        {
            delete();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: the run's own message says what went wrong, which matters more than the leftover.
        }
    }

    /// <summary>
    /// With no definition given: the one adopted for the month of <paramref name="asOf"/> (definition_adoptions), as stored;
    /// with no adoption, the pilot definition shipped with the program, as before adoptions existed. A database that does not
    /// exist yet has no adoptions, and is not created just to find that out; one that exists is opened as the run opens it
    /// (migrated, so an older database gains its empty definition_adoptions table rather than being asked about it by name).
    /// </summary>
    private static UseCaseResult<DefinitionFile> Operational(DatabaseTarget target, DateOnly asOf)
    {
        if (target.Exists)
        {
            using var db = target.Open();
            if (OperationalDefinition.For(db, asOf, DefinitionFile.PilotId) is { AdoptionId: not null, DefinitionVersion: { } version } chosen)
                return Stored(db, new DefinitionVersionRef(chosen.DefinitionId, version), "the adopted definition");
        }
        return DefinitionFile.Load(DefinitionFile.PilotPath);
    }

    /// <summary>A stored version, as stored (versions are immutable); <paramref name="what"/> names it in a message.</summary>
    private static UseCaseResult<DefinitionFile> Stored(ComplexCasesDbContext db, DefinitionVersionRef stored, string what)
    {
        if (DefinitionLibrary.ReadVersion(db, stored.Id, stored.Version) is not var (file, errors))
            return UseCaseResult<DefinitionFile>.Invalid($"{what} {EchoText.Of(stored.Id, 100)} version {stored.Version} is not stored in this database");
        return file is null
            ? UseCaseResult<DefinitionFile>.Invalid($"{what} {stored.Id} version {stored.Version} no longer reads: {string.Join("; ", errors)}")
            : UseCaseResult<DefinitionFile>.Ok(file);
    }

    /// <summary>The stored version asked for; one the database does not hold (or a database that does not exist) is refused.</summary>
    private static UseCaseResult<DefinitionFile> Stored(DatabaseTarget target, DefinitionVersionRef stored)
    {
        if (!target.Exists) return UseCaseResult<DefinitionFile>.Invalid($"the definition {EchoText.Of(stored.Id, 100)} version {stored.Version} is not stored in this database");
        using var db = target.Open();
        return Stored(db, stored, "the definition");
    }

    private UseCaseResult<ScreeningReport> RunOnce(ScreenRequest request, IProgress<ScreeningProgress>? progress, CancellationToken cancellationToken)
    {
        if (request.AsOf < EarliestAsOf || request.AsOf > LatestAsOf)
            return UseCaseResult<ScreeningReport>.Invalid($"--as-of: {request.AsOf:yyyy-MM-dd} is outside the dates a screening can have ({EarliestAsOf:yyyy-MM-dd} to {LatestAsOf:yyyy-MM-dd})");
        if (string.IsNullOrWhiteSpace(request.OutputFolder))
            return UseCaseResult<ScreeningReport>.Invalid("--out: give a folder for the lists");
        // A definition file's problems are told before the database's, as always.
        var given = request.DefinitionPath is { } path ? DefinitionFile.Load(path) : null;
        if (given is { Succeeded: false }) return given.ErrorAs<ScreeningReport>();
        var target = DatabaseTarget.Resolve(provider, request.Database);
        if (!target.Succeeded) return target.ErrorAs<ScreeningReport>();
        var definitionResult = given
            ?? (request.StoredDefinition is { } stored ? Stored(target.Value, stored) : Operational(target.Value, request.AsOf));
        if (!definitionResult.Succeeded) return definitionResult.ErrorAs<ScreeningReport>();
        var definition = definitionResult.Value;

        if (!Directory.Exists(request.ExtractFolder))
            return UseCaseResult<ScreeningReport>.Invalid($"--extract: folder not found: {EchoText.Of(request.ExtractFolder, 200)}");

        var startedAt = clock.GetUtcNow();
        progress?.Report(new ScreeningProgress("Reading extract", 0));
        var read = ExtractReader.Read(request.ExtractFolder,
            new InlineProgress<ExtractProgress>(p => progress?.Report(new ScreeningProgress("Reading extract", p.TotalBytes == 0 ? 1 : (double)p.BytesRead / p.TotalBytes))),
            cancellationToken);
        if (!read.Succeeded) return UseCaseResult<ScreeningReport>.Invalid(EchoText.Of(read.Error!.Message, 500));
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
            var store = new ScreeningStore(db, audit);
            // First of all, whatever else this run meets: a run killed after its commit but before its lists were moved into
            // place has them moved now (or, if it never committed, its staged files dropped).
            OutputWriter.Recover(request.OutputFolder, staged => store.IsStored(staged.RunId, staged.ExtractSha256, staged.AsOf));
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
            if (!report.AlreadyStored)
            {
                // A broken extract must never quietly become the latest month: reconcile with the previous one first.
                var previousFiles = previous is null ? [] : db.RunFiles.AsNoTracking().Where(f => f.RunId == previous.Id).ToList();
                var reconciliation = Reconciliation.Check(extract.Files, caseload.Count, complex + possibly, previous, previousFiles, request.Limits);
                var reason = request.AcceptChanges?.Trim();
                if (reconciliation.Refuses && string.IsNullOrEmpty(reason))
                {
                    Refusal = reconciliation;
                    return UseCaseResult<ScreeningReport>.Invalid(reconciliation.Message);
                }
                if (reason is { Length: > MaxReasonLength })
                    return UseCaseResult<ScreeningReport>.Invalid($"--accept-changes: the reason is {reason.Length:N0} characters; keep it to {MaxReasonLength}");
                report = report with { Reconciliation = reconciliation, AcceptedReason = reconciliation.Refuses ? reason : null };
            }

            // Lists and workbooks are staged on the other core while the run is stored; the transaction
            // commits only once both have succeeded, then the staged files are moved into place.
            var staging = Task.Run(() => OutputWriter.Stage(request.OutputFolder, report, request.WriteWorkbooks), cancellationToken);
            using var staged = report.AlreadyStored
                ? WaitFor(staging, progress)
                : Store(store, report, outcomes, existing, startedAt, request, staging, progress, cancellationToken, out report);
            try
            {
                staged.Publish(report, progress);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The commit has happened: say so, rather than claim nothing was stored.
                return UseCaseResult<ScreeningReport>.Failed(
                    $"run {report.RunId} was stored, but its lists could not be written to {EchoText.Of(request.OutputFolder, 200)}: {EchoText.Of(ex.Message, 300)} (fix the folder and re-run with --replace)");
            }
            if (report.AlreadyStored)
            {
                // Intake is idempotent: a run stored by an older version that stopped before its intake is mended here.
                intake.TakeIn(db, report.RunId);
            }
            progress?.Report(new ScreeningProgress("Done", 1));
            return UseCaseResult<ScreeningReport>.Ok(report);
        }
        catch (Exception ex) when (provider.IsUnusableTarget(ex))
        {
            return UseCaseResult<ScreeningReport>.Invalid($"cannot use the database or output folder ({EchoText.Of(target.Value.Description, 200)}, {EchoText.Of(request.OutputFolder, 200)}): {EchoText.Of(ex.GetBaseException().Message, 300)}; nothing was stored");
        }
        catch (OperationCanceledException)
        {
            return UseCaseResult<ScreeningReport>.Failed("the run was cancelled; nothing was stored");
        }
        catch (Exception ex) when (ex is not OutOfMemoryException and not StackOverflowException)
        {
            RunFailed(log, ex);
            return UseCaseResult<ScreeningReport>.Failed($"the run failed and nothing was stored: {EchoText.Of(ex.GetBaseException().Message, 300)}");
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
                beforeCommit: runId =>
                {
                    // In the run's transaction: a run is never stored without its workflow intake and its audit entries.
                    progress?.Report(new ScreeningProgress("Taking cases into the workflow", 0));
                    intake.TakeIn(store.Context, runId);
                    // The staged files, screening.json too, are complete before the commit, and say which run they belong
                    // to: a kill after the commit leaves a staging folder the next run can finish moving into place.
                    WaitFor(staging, progress).Prepare(report with { RunId = runId });
                    progress?.Report(new ScreeningProgress("Committing", 0));
                },
                cancellationToken);
            _committed = true;
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

    // Logged for the operator with the stack trace (the web host shows ILogger, not Trace); the caller is told only the message.
    [LoggerMessage(Level = LogLevel.Error, Message = "Screening run failed; nothing was stored.")]
    private static partial void RunFailed(ILogger logger, Exception exception);
}
