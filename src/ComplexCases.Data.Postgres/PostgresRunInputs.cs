using System.Data.Common;
using ComplexCases.Data.Evaluation;
using ComplexCases.Data.Providers;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace ComplexCases.Data.Postgres;

/// <summary>Run inputs in PostgreSQL (bytea): each part's bytes are sent from the encoder's buffer without an array of their own.</summary>
internal sealed class PostgresRunInputs : IRunInputsStore
{
    public void Write(DbContext db, int runId, IEnumerable<RunInputsPart> parts)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(parts);
        db.Database.OpenConnection();
        try
        {
            using var command = PostgresConnections.Command(db,
                $"INSERT INTO \"{RunInputs.Table}\" (\"RunId\", \"Part\", \"Format\", \"People\", \"Records\", \"Data\") VALUES (@run, @part, @format, @people, @records, @data)");
            var run = new NpgsqlParameter<int>("run", NpgsqlDbType.Integer) { TypedValue = runId };
            var part = new NpgsqlParameter<int>("part", NpgsqlDbType.Integer);
            var format = new NpgsqlParameter<int>("format", NpgsqlDbType.Integer);
            var people = new NpgsqlParameter<int>("people", NpgsqlDbType.Integer);
            var records = new NpgsqlParameter<int>("records", NpgsqlDbType.Integer);
            var data = new NpgsqlParameter<ReadOnlyMemory<byte>>("data", NpgsqlDbType.Bytea);
            command.Parameters.AddRange(new NpgsqlParameter[] { run, part, format, people, records, data });
            foreach (var p in parts)
            {
                part.TypedValue = p.Part;
                format.TypedValue = p.Format;
                people.TypedValue = p.People;
                records.TypedValue = p.Records;
                data.TypedValue = p.Data;
                command.ExecuteNonQuery();
            }
        }
        finally
        {
            db.Database.CloseConnection();
        }
    }

    public IEnumerable<(int Format, byte[] Data)> Read(DbConnection connection, int runId)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = new NpgsqlCommand($"SELECT \"Format\", \"Data\" FROM \"{RunInputs.Table}\" WHERE \"RunId\" = @run ORDER BY \"Part\"", (NpgsqlConnection)connection);
        command.Parameters.AddWithValue("run", runId);
        using var reader = command.ExecuteReader();
        while (reader.Read()) yield return (reader.GetInt32(0), reader.GetFieldValue<byte[]>(1));
    }
}
