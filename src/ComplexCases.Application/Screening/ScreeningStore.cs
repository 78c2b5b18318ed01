using System.Buffers;
using System.Text.Json;
using ComplexCases.Application.Audit;
using ComplexCases.Application.Lists;
using ComplexCases.Application.Storage;
using ComplexCases.Data;
using ComplexCases.Data.Providers;
using ComplexCases.Data.Screening;
using ComplexCases.Domain.Definitions;
using ComplexCases.Domain.Screening;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Application.Screening;

/// <summary>Reads and writes screening runs. One run is stored in one transaction.</summary>
internal sealed class ScreeningStore(ComplexCasesDbContext db, AuditLog audit)
{
    public ComplexCasesDbContext Context => db;

    /// <summary>Whether this run (by id, and the extract and date it read) is stored: staged lists of a killed run are theirs.</summary>
    public bool IsStored(int runId, string extractSha256, DateOnly asOf) =>
        db.Runs.AsNoTracking().Any(r => r.Id == runId && r.ExtractSha256 == extractSha256 && r.AsOf == asOf);

    /// <summary>
    /// A definition is identified by id and version: the same pair with other content would make past lists
    /// unexplainable, so it is refused until the changed definition is given a new version.
    /// </summary>
    public string? ConflictingDefinition(Definitions.DefinitionFile definition)
    {
        var d = definition.Definition;
        var stored = db.Definitions.AsNoTracking().FirstOrDefault(s => s.Id == d.Id && s.Version == d.Version);
        return stored is null || stored.Sha256 == definition.Sha256
            ? null
            : $"definition {d.Id} version {d.Version} differs from the one already used for stored runs; give the changed definition a new version";
    }

    public ScreeningRun? FindSameRun(string sha256, DateOnly asOf, Definition definition) =>
        db.Runs.AsNoTracking().FirstOrDefault(r => r.ExtractSha256 == sha256 && r.AsOf == asOf
            && r.DefinitionId == definition.Id && r.DefinitionVersion == definition.Version);

    /// <summary>The latest stored run of the same definition before this date: the month to compare with.</summary>
    public ScreeningRun? FindPreviousRun(string definitionId, DateOnly asOf, int? excludingRunId) =>
        db.Runs.AsNoTracking()
            .Where(r => r.DefinitionId == definitionId && r.AsOf < asOf && r.Id != (excludingRunId ?? 0))
            .OrderByDescending(r => r.AsOf).ThenByDescending(r => r.Id)
            .FirstOrDefault();

    /// <summary>Who was on that run's list (not those who had already left it).</summary>
    public Dictionary<string, ListedCase> ListedCasesOf(int runId) =>
        db.ListedCases.AsNoTracking()
            .Where(c => c.RunId == runId && c.Change != (byte)ListChange.Left)
            .ToDictionary(c => c.Crn, StringComparer.Ordinal);

    public int Store(ScreeningReport report, PersonOutcome[] outcomes, ScreeningRun? replacing, DateTimeOffset startedAt,
        TimeProvider clock, string runBy, IProgress<int>? progress, Action<int> beforeCommit, CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return strategy.Execute(() =>
        {
            using var transaction = db.Database.BeginTransaction();
            Domain.Audit.AuditSubjects? erased = null;
            if (replacing is not null)
            {
                erased = ScreeningAudit.SubjectsOf(db, replacing.Id);
                db.Runs.Where(r => r.Id == replacing.Id).ExecuteDelete();
            }

            StoreDefinition(report, runBy, startedAt);
            var extract = report.Extract;
            var run = new ScreeningRun
            {
                AsOf = report.AsOf,
                DefinitionId = report.Definition.Definition.Id,
                DefinitionVersion = report.Definition.Definition.Version,
                Threshold = report.Definition.Definition.Threshold,
                ExtractSha256 = extract.Sha256,
                RowsRead = extract.RowsRead,
                RowsAccepted = extract.RowsAccepted,
                RowsRejected = extract.RowsRejected,
                People = report.People,
                Complex = report.Complex,
                PossiblyComplex = report.PossiblyComplex,
                Left = report.Left,
                IncompleteRecordsPeople = report.Incomplete.People,
                IncompleteRecordsCriteriaUnknown = report.Incomplete.CriteriaUnknown,
                IncompleteRecordsListed = report.Incomplete.Listed,
                IncompleteRecordsCounted = true,
                StartedAt = startedAt,
                CompletedAt = clock.GetUtcNow(),
                RunBy = runBy,
                Files = [.. extract.Files.Select(f => new RunFile
                {
                    FileName = f.FileName, Present = f.Present, RowsRead = f.RowsRead, RowsAccepted = f.RowsAccepted, RowsRejected = f.RowsRejected,
                })],
            };
            db.Runs.Add(run);
            db.SaveChanges();

            // Thousands of rows: bulk, not tracked (the mapping still comes from the EF model).
            // Made as they are inserted: a bad month rejects tens of thousands of rows.
            db.BulkInserter().Insert(db, extract.Rejections.Select(r => new RejectedRow
            {
                RunId = run.Id, FileName = r.File, Line = r.Line, Column = r.Column, Reason = RejectionText.Of(r.Reason), Detail = r.Detail, Value = r.Value,
            }), utf8: null, cancellationToken);
            InsertListedCases(report, run.Id, cancellationToken);

            var caseload = extract.Caseload;
            var rows = new PersonResultRow[caseload.Count];
            for (var i = 0; i < rows.Length; i++)
            {
                var o = outcomes[i];
                var person = caseload[i];
                rows[i] = new PersonResultRow(person.Crn, person.PduCode, o.MetMask, o.UnknownMask, o.Score, (byte)o.Status);
            }
            db.PersonResultWriter().Write(db, run.Id, rows, progress, cancellationToken);
            Evaluation.RunInputsStore.Save(db, run.Id, caseload, run.AsOf); // so the month can be re-screened under other definitions

            // In the run's transaction: the run and its audit entries are stored together or not at all.
            if (replacing is not null) audit.Append(db, ScreeningAudit.Replaced(replacing, erased!, run.Id, runBy));
            audit.Append(db, ScreeningAudit.Collected(run, caseload, report.Definition.Sha256));
            if (ScreeningAudit.Combined(run, report) is { } combined) audit.Append(db, combined);
            if (ScreeningAudit.ChangesAccepted(run, report) is { } accepted) audit.Append(db, accepted);

            beforeCommit(run.Id);
            transaction.Commit();
            return run.Id;
        });
    }

    /// <summary>
    /// Listed cases one at a time: each case's explanation is made, written as JSON into one reused buffer and bound
    /// as UTF-8, then dropped; a month listing 50,000 people holds no explanation objects or evidence strings for them.
    /// </summary>
    private void InsertListedCases(ScreeningReport report, int runId, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        using var json = new Utf8JsonWriter(buffer);
        // The insert writes each entity before asking for the next, so the buffer holds the current case's evidence.
        var entities = report.Cases.Select(c =>
        {
            buffer.ResetWrittenCount();
            json.Reset(buffer);
            EvidenceJson.Write(json, report.ExplanationOf(c));
            json.Flush();
            return ToEntity(runId, c);
        });
        db.BulkInserter().Insert(db, entities, new Utf8Column<ListedCase>(nameof(ListedCase.EvidenceJson), _ => buffer.WrittenSpan), cancellationToken);
    }

    /// <summary>A definition file is stored when a run first uses it, under the run's user (<c>CreatedBy</c>) and start time.</summary>
    private void StoreDefinition(ScreeningReport report, string runBy, DateTimeOffset startedAt)
    {
        var d = report.Definition.Definition;
        if (db.Definitions.Any(s => s.Id == d.Id && s.Version == d.Version)) return;
        db.Definitions.Add(new StoredDefinition
        {
            Id = d.Id, Version = d.Version, Title = d.Title, Threshold = d.Threshold, Json = report.Definition.Json, Sha256 = report.Definition.Sha256,
            CreatedBy = runBy, CreatedAt = startedAt,
        });
    }

    private static ListedCase ToEntity(int runId, ListEntry c) => new()
    {
        RunId = runId,
        Crn = c.Crn,
        PduCode = c.PduCode,
        PduName = c.PduName,
        RegionCode = c.RegionCode,
        Status = (byte)c.Status,
        Score = (short)c.Score,
        MetMask = c.MetMask,
        UnknownMask = c.UnknownMask,
        Change = (byte)c.Change,
        MonthsListed = c.MonthsListed,
        Forename = c.Forename,
        Surname = c.Surname,
        TeamCode = c.TeamCode,
        TeamName = c.TeamName,
        PractitionerCode = c.PractitionerCode,
        PractitionerName = c.PractitionerName,
        SpoCode = c.SpoCode,
        SpoName = c.SpoName,
        LimitedAccess = c.LimitedAccess,
        EvidenceJson = "", // bound from the UTF-8 buffer (InsertListedCases)
    };
}
