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
    /// <param name="connection">An open connection of its own: months are loaded in parallel.</param>
    public static Caseload? Load(Microsoft.Data.Sqlite.SqliteConnection connection, int runId)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT \"Format\", \"Data\" FROM \"{RunInputs.Table}\" WHERE \"RunId\" = @run";
        command.Parameters.AddWithValue("@run", runId);
        using var reader = command.ExecuteReader();
        if (!reader.Read()) return null;
        var format = reader.GetInt32(0);
        if (format != RunInputsCodec.Format)
            throw new InvalidDataException($"run {runId}'s inputs are in format {format}, which this version cannot read");
        return RunInputsCodec.Decode(reader.GetFieldValue<byte[]>(1));
    }

    private static void Add(System.Data.Common.DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
