using System.Data.Common;
using ComplexCases.Data.Providers;
using ComplexCases.Data.Screening;
using ComplexCases.Domain.People;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ComplexCases.Data.Postgres;

/// <summary>Reads person results back as <see cref="PostgresPersonResultWriter"/> stores them, ordered by CRN (C collation: code point order, as SQLite's).</summary>
internal sealed class PostgresPersonResultReader : IPersonResultReader
{
    public StoredPersonResults Read(DbConnection connection, int runId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = new NpgsqlCommand(
            $"SELECT crn, pdu_code, met_mask, unknown_mask, status, score FROM {PersonResult.Table} WHERE run_id = @run ORDER BY crn",
            (NpgsqlConnection)connection);
        command.Parameters.AddWithValue("run", runId);
        using var reader = command.ExecuteReader();
        var crns = new List<Crn>();
        var met = new List<byte>();
        var unknown = new List<byte>();
        var status = new List<byte>();
        var scores = new List<short>();
        var pduIndexes = new List<int>();
        var pdus = new List<string>();
        // Codes are a few hundred short strings: one index each, however many people share it.
        var pduIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        while (reader.Read())
        {
            if (!Crn.TryParse(reader.GetString(0), out var crn)) throw new InvalidDataException($"run {runId} holds a malformed CRN");
            var code = reader.GetString(1);
            if (!pduIndex.TryGetValue(code, out var index))
            {
                index = pdus.Count;
                pdus.Add(code);
                pduIndex[code] = index;
            }
            crns.Add(crn);
            pduIndexes.Add(index);
            met.Add((byte)reader.GetInt16(2));
            unknown.Add((byte)reader.GetInt16(3));
            status.Add((byte)reader.GetInt16(4));
            scores.Add(reader.GetInt16(5));
            if ((crns.Count & 0xFFFF) == 0) cancellationToken.ThrowIfCancellationRequested();
        }
        return new StoredPersonResults([.. crns], [.. met], [.. unknown], [.. status], [.. scores], [.. pduIndexes], [.. pdus]);
    }

    public List<Crn> Crns(DbContext db, int runId)
    {
        ArgumentNullException.ThrowIfNull(db);
        db.Database.OpenConnection();
        try
        {
            using var command = PostgresConnections.Command(db, $"SELECT crn FROM {PersonResult.Table} WHERE run_id = @run");
            command.Parameters.AddWithValue("run", runId);
            using var reader = command.ExecuteReader();
            var crns = new List<Crn>();
            while (reader.Read())
                if (Crn.TryParse(reader.GetString(0), out var crn)) crns.Add(crn);
            return crns;
        }
        finally
        {
            db.Database.CloseConnection();
        }
    }
}
