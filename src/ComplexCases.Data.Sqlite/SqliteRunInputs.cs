using System.Data.Common;
using ComplexCases.Data.Evaluation;
using ComplexCases.Data.Providers;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SQLitePCL;

namespace ComplexCases.Data.Sqlite;

/// <summary>
/// Run inputs in SQLite. Bound natively, as the person results are: each part's bytes go from the encoder's buffer to
/// SQLite without an array of their own.
/// </summary>
internal sealed class SqliteRunInputs : IRunInputsStore
{
    public void Write(DbContext db, int runId, IEnumerable<RunInputsPart> parts)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(parts);
        var handle = SqliteNative.Handle(db.Database.GetDbConnection());
        SqliteNative.Check(handle, raw.sqlite3_prepare_v2(handle,
            $"INSERT INTO \"{RunInputs.Table}\" (\"RunId\", \"Part\", \"Format\", \"People\", \"Records\", \"Data\") VALUES (?, ?, ?, ?, ?, ?)", out var statement));
        using (statement)
        {
            foreach (var part in parts)
            {
                raw.sqlite3_bind_int(statement, 1, runId);
                raw.sqlite3_bind_int(statement, 2, part.Part);
                raw.sqlite3_bind_int(statement, 3, part.Format);
                raw.sqlite3_bind_int(statement, 4, part.People);
                raw.sqlite3_bind_int(statement, 5, part.Records);
                raw.sqlite3_bind_blob(statement, 6, part.Data.Span);
                var rc = raw.sqlite3_step(statement);
                if (rc != raw.SQLITE_DONE) SqliteNative.Check(handle, rc);
                raw.sqlite3_reset(statement);
            }
        }
    }

    public IEnumerable<(int Format, byte[] Data)> Read(DbConnection connection, int runId)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = (SqliteCommand)connection.CreateCommand();
        command.CommandText = $"SELECT \"Format\", \"Data\" FROM \"{RunInputs.Table}\" WHERE \"RunId\" = @run ORDER BY \"Part\"";
        command.Parameters.AddWithValue("@run", runId);
        using var reader = command.ExecuteReader();
        while (reader.Read()) yield return (reader.GetInt32(0), reader.GetFieldValue<byte[]>(1));
    }
}
