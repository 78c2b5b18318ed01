using ComplexCases.Data;
using ComplexCases.Data.Evaluation;
using ComplexCases.Domain.Screening;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace ComplexCases.Application.Evaluation;

/// <summary>Keeps each run's screening inputs (<see cref="RunInputsCodec"/>) beside the run, and reads them back.</summary>
public static class RunInputsStore
{
    /// <summary>Inserts a run's inputs, part by part, in the caller's open transaction (the run's own): stored with the run or not at all.</summary>
    public static void Save(ComplexCasesDbContext db, int runId, Caseload caseload, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(caseload);
        // Plain ADO.NET: blobs have no business in the change tracker.
        using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = $"INSERT INTO \"{RunInputs.Table}\" (\"RunId\", \"Part\", \"Format\", \"People\", \"Records\", \"Data\") VALUES (@run, @part, @format, @people, @records, @data)";
        Add(command, "@run", runId);
        var part = Add(command, "@part", 0);
        Add(command, "@format", RunInputsCodec.Format);
        var people = Add(command, "@people", 0);
        var records = Add(command, "@records", 0);
        var data = Add(command, "@data", Array.Empty<byte>());
        for (int start = 0, n = 0; start < caseload.Count || n == 0; start += RunInputsCodec.PartSize, n++)
        {
            var end = Math.Min(caseload.Count, start + RunInputsCodec.PartSize);
            part.Value = n;
            people.Value = end - start;
            records.Value = RecordsOf(caseload, start, end);
            data.Value = RunInputsCodec.Encode(caseload, start, end, asOf);
            command.ExecuteNonQuery();
        }
    }

    /// <summary>The run's caseload as it was screened (records only), or null when the run was stored before inputs were kept.</summary>
    /// <param name="connection">An open connection of its own: months are loaded in parallel.</param>
    public static Caseload? Load(Microsoft.Data.Sqlite.SqliteConnection connection, int runId)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT \"Format\", \"Data\" FROM \"{RunInputs.Table}\" WHERE \"RunId\" = @run ORDER BY \"Part\"";
        command.Parameters.AddWithValue("@run", runId);
        using var reader = command.ExecuteReader();
        var parts = new RunInputsCodec.Parts();
        var any = false;
        while (reader.Read())
        {
            any = true;
            var format = reader.GetInt32(0);
            if (format != RunInputsCodec.Format)
                throw new InvalidDataException($"run {runId}'s inputs are in format {format}, which this version cannot read");
            parts.Add(reader.GetFieldValue<byte[]>(1));
        }
        return any ? parts.ToCaseload() : null;
    }

    private static int RecordsOf(Caseload caseload, int start, int end)
    {
        var n = 0;
        for (var i = start; i < end; i++)
        {
            var r = caseload.RecordsOf(i);
            n += r.Registrations.Length + r.Assessments.Length + r.Sentences.Length + r.OpdScreenings.Length;
        }
        return n;
    }

    private static System.Data.Common.DbParameter Add(System.Data.Common.DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
