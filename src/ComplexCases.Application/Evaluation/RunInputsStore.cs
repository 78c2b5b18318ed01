using ComplexCases.Data;
using ComplexCases.Data.Evaluation;
using ComplexCases.Domain.Screening;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace ComplexCases.Application.Evaluation;

/// <summary>Keeps each run's screening inputs (<see cref="RunInputsCodec"/>) beside the run, and reads them back.</summary>
public static class RunInputsStore
{
    /// <summary>Inserts a run's inputs in the caller's open transaction (the run's own): stored with the run or not at all.</summary>
    public static void Save(ComplexCasesDbContext db, int runId, Caseload caseload, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(caseload);
        var data = RunInputsCodec.Encode(caseload, asOf);
        // Plain ADO.NET: a blob of megabytes has no business in the change tracker.
        using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = $"INSERT INTO \"{RunInputs.Table}\" (\"RunId\", \"Format\", \"People\", \"Records\", \"Data\") VALUES (@run, @format, @people, @records, @data)";
        Add(command, "@run", runId);
        Add(command, "@format", RunInputsCodec.Format);
        Add(command, "@people", caseload.Count);
        Add(command, "@records", caseload.RecordCount);
        Add(command, "@data", data);
        command.ExecuteNonQuery();
    }

    /// <summary>The run's caseload as it was screened (records only), or null when the run was stored before inputs were kept.</summary>
    public static Caseload? Load(ComplexCasesDbContext db, int runId)
    {
        ArgumentNullException.ThrowIfNull(db);
        var stored = db.RunInputs.AsNoTracking().Where(i => i.RunId == runId).Select(i => new { i.Format, i.Data }).FirstOrDefault();
        if (stored is null) return null;
        if (stored.Format != RunInputsCodec.Format)
            throw new InvalidDataException($"run {runId}'s inputs are in format {stored.Format}, which this version cannot read");
        return RunInputsCodec.Decode(stored.Data);
    }

    private static void Add(System.Data.Common.DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
