using ComplexCases.Data;
using ComplexCases.Data.Evaluation;
using ComplexCases.Domain.Screening;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using SQLitePCL;

namespace ComplexCases.Application.Evaluation;

/// <summary>Keeps each run's screening inputs (<see cref="RunInputsCodec"/>) beside the run, and reads them back.</summary>
public static class RunInputsStore
{
    /// <summary>Inserts a run's inputs, part by part, in the caller's open transaction (the run's own): stored with the run or not at all.</summary>
    public static void Save(ComplexCasesDbContext db, int runId, Caseload caseload, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(caseload);
        // Bound natively, as the person results are (SqlitePersonResultWriter): each part's bytes go from the encoder's
        // buffer to SQLite without an array of their own.
        var connection = (Microsoft.Data.Sqlite.SqliteConnection)db.Database.GetDbConnection();
        var handle = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        var rc = raw.sqlite3_prepare_v2(handle,
            $"INSERT INTO \"{RunInputs.Table}\" (\"RunId\", \"Part\", \"Format\", \"People\", \"Records\", \"Data\") VALUES (?, ?, ?, ?, ?, ?)", out var statement);
        Check(handle, rc);
        using (statement)
        {
            var encoder = new RunInputsCodec.Encoder();
            for (int start = 0, part = 0; start < caseload.Count || part == 0; start += RunInputsCodec.PartSize, part++)
            {
                var end = Math.Min(caseload.Count, start + RunInputsCodec.PartSize);
                raw.sqlite3_bind_int(statement, 1, runId);
                raw.sqlite3_bind_int(statement, 2, part);
                raw.sqlite3_bind_int(statement, 3, RunInputsCodec.Format);
                raw.sqlite3_bind_int(statement, 4, end - start);
                raw.sqlite3_bind_int(statement, 5, RecordsOf(caseload, start, end));
                raw.sqlite3_bind_blob(statement, 6, encoder.Encode(caseload, start, end, asOf));
                rc = raw.sqlite3_step(statement);
                if (rc != raw.SQLITE_DONE) Check(handle, rc);
                raw.sqlite3_reset(statement);
            }
        }
    }

    private static void Check(SQLitePCL.sqlite3 handle, int rc)
    {
        if (rc is not (raw.SQLITE_OK or raw.SQLITE_DONE or raw.SQLITE_ROW))
            throw new Microsoft.Data.Sqlite.SqliteException($"SQLite error {rc}: {raw.sqlite3_errmsg(handle).utf8_to_string()}", rc);
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
            parts.Add(reader.GetFieldValue<byte[]>(1), reader.GetInt32(0));
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
}
