using ComplexCases.Application.Audit;
using ComplexCases.Application.Storage;
using ComplexCases.Data.Evaluation;
using ComplexCases.Data.Providers;
using ComplexCases.Domain.Audit;
using ComplexCases.Domain.Evaluation;
using ComplexCases.Extracts.Outcomes;
using ComplexCases.Extracts.Reading;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;

namespace ComplexCases.Application.Evaluation;

/// <summary>What an import did: the file's account (every rejected row) and what it added.</summary>
/// <param name="AlreadyStored">Distinct outcomes of the file that an earlier import had stored (counted once, as exact duplicates).</param>
public sealed record OutcomesImportReport(int ImportId, OutcomesReadResult File, int Added, int AlreadyStored, DateOnly? LatestStored);

/// <summary>
/// <c>complexcases outcomes import</c> (outcomes.md): reads an outcome file with the extract's rules and stores its
/// outcomes in one transaction with the import's audit entry. A file that cannot be read stores nothing; rejected
/// rows are reported and the rest stored. CRNs never screened are accepted: they may be screened in a month not stored.
/// </summary>
public sealed partial class ImportOutcomes(AuditLog audit, TimeProvider clock, IStoreProvider provider, ILogger<ImportOutcomes> log)
{
    public const string Purpose = "outcomes of people on probation, to evaluate complex-case definitions";

    public UseCaseResult<OutcomesImportReport> Run(string? database, string file, string actor = "cli", CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(file)) return UseCaseResult<OutcomesImportReport>.Invalid("--file: give the outcome file (outcomes.csv)");
        var target = DatabaseTarget.Resolve(provider, database);
        if (!target.Succeeded) return target.ErrorAs<OutcomesImportReport>();
        var (read, error) = OutcomesReader.Read(file, cancellationToken);
        if (error is not null) return UseCaseResult<OutcomesImportReport>.Invalid($"{error.Message}; nothing was stored");
        var result = read!;
        try
        {
            using var db = target.Value.Open();
            using var transaction = db.Database.BeginTransaction();
            var import = new OutcomeImport
            {
                FileName = result.FileName, FileSha256 = result.Sha256, RowsRead = result.RowsRead, RowsAccepted = result.RowsAccepted,
                RowsRejected = result.RowsRejected, Duplicates = result.Duplicates, ImportedAt = clock.GetUtcNow(), ImportedBy = actor,
            };
            db.OutcomeImports.Add(import);
            db.SaveChanges();

            var added = Insert(db, import.Id, result.Outcomes, cancellationToken);
            import.Added = added;
            db.SaveChanges();

            audit.Append(db, new AuditEntryRequest(actor, AuditAction.Collection, AuditEventTypes.OutcomesImported, Purpose)
            {
                Subjects = AuditSubjects.Of(result.Outcomes.Select(o => o.Crn)),
                Details = new AuditDetails().Add("importId", import.Id).Add("file", result.FileName).Add("fileSha256", result.Sha256)
                    .Add("rowsRead", result.RowsRead).Add("rowsAccepted", result.RowsAccepted).Add("rowsRejected", result.RowsRejected)
                    .Add("duplicates", result.Duplicates).Add("added", added).ToString(),
            });
            transaction.Commit();
            return UseCaseResult<OutcomesImportReport>.Ok(new OutcomesImportReport(import.Id, result, added, result.Outcomes.Count - added, OutcomeHistory.Latest(db)));
        }
        catch (Exception ex) when (provider.IsUnusableTarget(ex))
        {
            return UseCaseResult<OutcomesImportReport>.Invalid($"cannot use the database ({target.Value.Description}): {ex.GetBaseException().Message}; nothing was stored");
        }
        catch (OperationCanceledException)
        {
            return UseCaseResult<OutcomesImportReport>.Failed("the import was cancelled; nothing was stored");
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            ImportFailed(log, ex);
            return UseCaseResult<OutcomesImportReport>.Failed($"the import failed and nothing was stored: {ex.GetBaseException().Message}");
        }
    }

    /// <summary>
    /// Inserts the outcomes not already stored (one prepared statement); returns how many were new. <c>ON CONFLICT DO
    /// NOTHING</c> is written the same in SQLite and PostgreSQL, and a <see cref="DateOnly"/> parameter is stored by each
    /// provider as EF stores it (text on SQLite, <c>date</c> on PostgreSQL), so this stays provider-neutral.
    /// </summary>
    private static int Insert(Data.ComplexCasesDbContext db, int importId, IReadOnlyList<OutcomeRecord> outcomes, CancellationToken cancellationToken)
    {
        using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction!.GetDbTransaction();
        command.CommandText = $"INSERT INTO \"{StoredOutcome.Table}\" (\"Crn\", \"OccurredOn\", \"Type\", \"ImportId\") VALUES (@crn, @on, @type, @import) ON CONFLICT DO NOTHING";
        // Typed before Prepare: PostgreSQL prepares the statement with its parameters' types, before any value is set.
        var crn = Parameter(command, "@crn", System.Data.DbType.String);
        var on = Parameter(command, "@on", System.Data.DbType.Date);
        var type = Parameter(command, "@type", System.Data.DbType.Int32);
        Parameter(command, "@import", System.Data.DbType.Int32).Value = importId;
        command.Prepare();
        var added = 0;
        for (var i = 0; i < outcomes.Count; i++)
        {
            if ((i & 0xFFF) == 0) cancellationToken.ThrowIfCancellationRequested();
            var o = outcomes[i];
            crn.Value = o.Crn.ToString();
            on.Value = o.OccurredOn;
            type.Value = (int)o.Type;
            added += command.ExecuteNonQuery();
        }
        return added;
    }

    private static System.Data.Common.DbParameter Parameter(System.Data.Common.DbCommand command, string name, System.Data.DbType type)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = type;
        command.Parameters.Add(parameter);
        return parameter;
    }

    // Logged for the operator (the web host shows ILogger, not Trace); the caller is told only the message.
    [LoggerMessage(Level = LogLevel.Error, Message = "Outcomes import failed; nothing was stored.")]
    private static partial void ImportFailed(ILogger logger, Exception exception);
}
