using System.Data.Common;
using ComplexCases.Application.Definitions;
using ComplexCases.Data;
using ComplexCases.Data.Providers;
using ComplexCases.Domain.Definitions;
using ComplexCases.Domain.Evaluation;
using ComplexCases.Domain.People;
using ComplexCases.Domain.Screening;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Application.Evaluation;

/// <summary>A stored run: the newest for its screening date says who was screened that month.</summary>
public sealed record StoredRun(int Id, DateOnly AsOf, string DefinitionId, int DefinitionVersion);

/// <summary>Everyone screened in one stored month, as a definition sees them: ordered by CRN.</summary>
/// <param name="Rescreened">Whether the month's kept records were screened again (the definition changes a criterion's parameters),
/// rather than the stored criterion outcomes re-scored.</param>
public sealed record ScreenedMonth(StoredRun Run, Crn[] Crns, int[] PduIndexes, string[] Pdus, PersonOutcome[] Outcomes, bool Rescreened)
{
    public int Count => Crns.Length;
}

/// <summary>
/// Any definition over the stored months, without the extracts (issue 14). A definition that changes only weights,
/// threshold or which criteria count is scored from the criterion outcomes every run stores for every person; one
/// that changes a criterion's parameters is screened again from the records the run kept (<see cref="RunInputsStore"/>).
/// </summary>
/// <remarks>
/// Months are independent, so they are read and screened on every core, each worker with its own connection from the
/// provider (SQLite's WAL lets readers share the file); a month read once serves every definition asked about it.
/// </remarks>
public sealed class StoredMonths(ComplexCasesDbContext db, IStoreProvider provider)
{
    private readonly Dictionary<(string, int), Definition?> _used = [];

    /// <summary>For each screening date with a stored run, the newest run stored for it; oldest date first.</summary>
    public IReadOnlyList<StoredRun> NewestRunPerDate() =>
        [.. db.Runs.AsNoTracking()
            .Select(r => new StoredRun(r.Id, r.AsOf, r.DefinitionId, r.DefinitionVersion))
            .AsEnumerable()
            .GroupBy(r => r.AsOf)
            .Select(g => g.MaxBy(r => r.Id)!)
            .OrderBy(r => r.AsOf)];

    /// <summary>Everyone the run screened, scored and listed by <paramref name="definition"/> as of the run's date.</summary>
    public UseCaseResult<ScreenedMonth> Screen(StoredRun run, Definition definition, CancellationToken cancellationToken = default)
    {
        var all = ScreenAll([run], [definition], cancellationToken);
        return all.Succeeded ? UseCaseResult<ScreenedMonth>.Ok(all.Value[0][0]) : all.ErrorAs<ScreenedMonth>();
    }

    /// <summary>Every run under every definition: result[run][definition], in the order given.</summary>
    public UseCaseResult<ScreenedMonth[][]> ScreenAll(IReadOnlyList<StoredRun> runs, IReadOnlyList<Definition> definitions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(definitions);
        // Read on this thread through EF before the workers start: the context is not thread-safe.
        var used = runs.Select(UsedBy).ToArray();
        var reader = new MonthReader(db.PersonResultReader(), db.RunInputs());
        var connectionString = db.Database.GetConnectionString()!;
        var results = new ScreenedMonth[runs.Count][];
        using var oneCaseloadAtATime = new SemaphoreSlim(1);
        var errors = new UseCaseResult<ScreenedMonth>?[runs.Count];
        Parallel.For(0, runs.Count, new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            using var connection = provider.OpenConnection(connectionString);
            StoredPersonResults? stored = null;
            Caseload? caseload = null;
            results[i] = new ScreenedMonth[definitions.Count];
            try
            {
                for (var d = 0; d < definitions.Count; d++)
                {
                    var month = ScreenOne(reader, connection, runs[i], used[i], definitions[d], ref stored, ref caseload, oneCaseloadAtATime, cancellationToken);
                    if (!month.Succeeded) { errors[i] = month; return; }
                    results[i][d] = month.Value;
                }
            }
            finally
            {
                if (caseload is not null) oneCaseloadAtATime.Release();
            }
        });
        return errors.FirstOrDefault(e => e is not null) is { } error ? error.ErrorAs<ScreenedMonth[][]>() : UseCaseResult<ScreenedMonth[][]>.Ok(results);
    }

    /// <summary>The provider's readers, taken from the context on the calling thread (the context is not thread-safe).</summary>
    private sealed record MonthReader(IPersonResultReader Results, IRunInputsStore Inputs);

    private static UseCaseResult<ScreenedMonth> ScreenOne(MonthReader reader, DbConnection connection, StoredRun run, Definition? used, Definition definition,
        ref StoredPersonResults? stored, ref Caseload? caseload, SemaphoreSlim oneCaseloadAtATime, CancellationToken cancellationToken)
    {
        if (used is not null && StoredOutcomeScorer.CanScore(definition, used))
        {
            stored ??= reader.Results.Read(connection, run.Id, cancellationToken);
            var scorer = new StoredOutcomeScorer(definition);
            var outcomes = new PersonOutcome[stored.Count];
            for (var i = 0; i < outcomes.Length; i++) outcomes[i] = scorer.Score(stored.MetMasks[i], stored.UnknownMasks[i]);
            return UseCaseResult<ScreenedMonth>.Ok(new ScreenedMonth(run, stored.Crns, stored.PduIndexes, stored.Pdus, outcomes, Rescreened: false));
        }

        if (caseload is null)
        {
            // A national month's records take a few hundred MB while they are decoded: one month at a time keeps a
            // re-screening comparison within memory that a run's own screening fits in (the stored outcomes stay parallel).
            oneCaseloadAtATime.Wait(cancellationToken);
            try
            {
                caseload = RunInputsStore.Load(reader.Inputs, connection, run.Id);
            }
            catch (InvalidDataException ex)
            {
                oneCaseloadAtATime.Release();
                return UseCaseResult<ScreenedMonth>.Failed($"the records kept with run {run.Id} ({run.AsOf:yyyy-MM-dd}) cannot be read: {ex.Message}");
            }
            catch
            {
                oneCaseloadAtATime.Release();
                throw;
            }
            if (caseload is null)
            {
                oneCaseloadAtATime.Release();
                return UseCaseResult<ScreenedMonth>.Invalid(
                    $"definition {definition.Id} v{definition.Version} decides some criteria differently from run {run.Id} ({run.AsOf:yyyy-MM-dd}, {run.DefinitionId} v{run.DefinitionVersion}), "
                    + "so the month must be screened again, but that run was stored before runs kept their records: screen that month's extract again with --replace");
            }
            // Released by the caller once every definition has been screened on it.
        }
        var screener = new Screener(definition, run.AsOf);
        var screened = new PersonOutcome[caseload.Count];
        var crns = new Crn[caseload.Count];
        var pduIndexes = new int[caseload.Count];
        var pdus = new Dictionary<string, int>(StringComparer.Ordinal);
        var people = caseload.People;
        for (var i = 0; i < crns.Length; i++)
        {
            screened[i] = screener.Evaluate(caseload.RecordsOf(i));
            crns[i] = people[i].Crn;
            if (!pdus.TryGetValue(people[i].PduCode, out var index)) pdus[people[i].PduCode] = index = pdus.Count;
            pduIndexes[i] = index;
        }
        return UseCaseResult<ScreenedMonth>.Ok(new ScreenedMonth(run, crns, pduIndexes, [.. pdus.OrderBy(p => p.Value).Select(p => p.Key)], screened, Rescreened: true));
    }

    /// <summary>The definition the run used, as stored with it (null if it cannot be read: the month is then screened again).</summary>
    private Definition? UsedBy(StoredRun run)
    {
        var key = (run.DefinitionId, run.DefinitionVersion);
        if (_used.TryGetValue(key, out var cached)) return cached;
        var json = db.Definitions.AsNoTracking().Where(d => d.Id == run.DefinitionId && d.Version == run.DefinitionVersion).Select(d => d.Json).FirstOrDefault();
        return _used[key] = json is null ? null : DefinitionParser.Parse(json).Definition;
    }
}

/// <summary>Finds the definition a command names: a file, else a stored definition's id (newest version, or <c>id@version</c>), else a shipped one.</summary>
public static class DefinitionSource
{
    public static UseCaseResult<DefinitionFile> Resolve(ComplexCasesDbContext db, string fileOrId, string option = "--definition")
    {
        ArgumentNullException.ThrowIfNull(db);
        if (string.IsNullOrWhiteSpace(fileOrId)) return UseCaseResult<DefinitionFile>.Invalid($"{option}: give a definition file or a stored definition's id");
        if (File.Exists(fileOrId)) return DefinitionFile.Load(fileOrId);

        var id = fileOrId.Trim();
        int? version = null;
        var at = id.IndexOf('@', StringComparison.Ordinal);
        if (at > 0)
        {
            if (!int.TryParse(id[(at + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v))
                return UseCaseResult<DefinitionFile>.Invalid($"{option}: '{fileOrId}' — the version after @ must be a whole number");
            version = v;
            id = id[..at];
        }
        var stored = db.Definitions.AsNoTracking().Where(d => d.Id == id && (version == null || d.Version == version))
            .OrderByDescending(d => d.Version).FirstOrDefault();
        if (stored is not null)
        {
            var parsed = DefinitionParser.Parse(stored.Json);
            return parsed.Succeeded
                ? UseCaseResult<DefinitionFile>.Ok(new DefinitionFile(parsed.Definition!, stored.Json, stored.Sha256))
                : UseCaseResult<DefinitionFile>.Failed($"stored definition {id} v{stored.Version} no longer reads: {string.Join("; ", parsed.Errors)}");
        }
        var shipped = Path.Combine(DefinitionFile.ShippedFolder, id + ".json");
        if (version is null && id.IndexOfAny(['/', '\\', '.']) < 0 && File.Exists(shipped)) return DefinitionFile.Load(shipped);
        return UseCaseResult<DefinitionFile>.Invalid(
            $"{option}: '{fileOrId}' is neither a definition file nor the id of a stored definition{(version is null ? "" : $" with version {version}")}");
    }
}
